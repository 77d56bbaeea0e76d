import type { DocumentsDb } from './documents.tables.js';

export interface DocumentsRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class DocumentsRepository {
  constructor(private readonly db: DocumentsDb) {}

  async list(page: { limit: number; offset: number }): Promise<DocumentsRecord[]> {
    const rows = await this.db
      .selectFrom('document')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
