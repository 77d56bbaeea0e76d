import type { NotificationsDb } from './notifications.tables.js';

export interface NotificationsRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class NotificationsRepository {
  constructor(private readonly db: NotificationsDb) {}

  async list(page: { limit: number; offset: number }): Promise<NotificationsRecord[]> {
    const rows = await this.db
      .selectFrom('notification')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
