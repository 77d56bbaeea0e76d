import type { Transaction } from 'kysely';
import type { DocumentKind, DocumentsDb, DocumentsTables, MediaType } from './documents.tables.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

export type DocumentsExecutor = DocumentsDb | Transaction<DocumentsTables & ReferenceTables>;

/** A document without its file. */
export interface StoredDocument {
  id: string;
  userId: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  mediaType: MediaType;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

/** A document with its sealed file. */
export interface SealedDocument extends StoredDocument {
  keyEncrypted: string;
  content: Uint8Array;
}

export interface NewDocument extends Omit<StoredDocument, 'createdAt'> {
  keyEncrypted: string;
  content: Buffer;
}

const META = [
  'id',
  'user_id',
  'kind',
  'title',
  'file_name',
  'media_type',
  'size_bytes',
  'sha256',
  'created_at',
] as const;

interface MetaRow {
  id: string;
  user_id: string;
  kind: DocumentKind;
  title: string;
  file_name: string;
  media_type: MediaType;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

function meta(row: MetaRow): StoredDocument {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

/** The only SQL of the module, on its own table. */
export class DocumentsRepository {
  constructor(private readonly db: DocumentsDb) {}

  transaction<T>(
    work: (trx: Transaction<DocumentsTables & ReferenceTables>) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async listForUser(userId: string, executor: DocumentsExecutor = this.db) {
    const rows = await executor
      .selectFrom('document')
      .select(META)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(meta);
  }

  /** The person's documents with their sealed files (the data download). */
  async sealedForUser(userId: string): Promise<SealedDocument[]> {
    const rows = await this.db
      .selectFrom('document')
      .select([...META, 'key_encrypted', 'content'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      ...meta(row),
      keyEncrypted: row.key_encrypted,
      content: row.content,
    }));
  }

  async find(id: string): Promise<StoredDocument | undefined> {
    const row = await this.db
      .selectFrom('document')
      .select(META)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && meta(row);
  }

  async findSealed(id: string): Promise<SealedDocument | undefined> {
    const row = await this.db
      .selectFrom('document')
      .select([...META, 'key_encrypted', 'content'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { ...meta(row), keyEncrypted: row.key_encrypted, content: row.content };
  }

  async countForUser(executor: DocumentsExecutor, userId: string): Promise<number> {
    const row = await executor
      .selectFrom('document')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async findBySha(
    executor: DocumentsExecutor,
    userId: string,
    sha256: string,
  ): Promise<StoredDocument | undefined> {
    const row = await executor
      .selectFrom('document')
      .select(META)
      .where('user_id', '=', userId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row && meta(row);
  }

  /** Inserts, or nothing when the person already has this very file (then undefined). */
  async insert(executor: DocumentsExecutor, document: NewDocument) {
    const row = await executor
      .insertInto('document')
      .values({
        id: document.id,
        user_id: document.userId,
        kind: document.kind,
        title: document.title,
        file_name: document.fileName,
        media_type: document.mediaType,
        size_bytes: document.sizeBytes,
        sha256: document.sha256,
        key_encrypted: document.keyEncrypted,
        content: document.content,
      })
      .onConflict((oc) => oc.columns(['user_id', 'sha256']).doNothing())
      .returning(META)
      .executeTakeFirst();
    return row && meta(row);
  }

  async delete(executor: DocumentsExecutor, userId: string, id: string) {
    const row = await executor
      .deleteFrom('document')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning(META)
      .executeTakeFirst();
    return row && meta(row);
  }

  async countOwned(userId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const row = await this.db
      .selectFrom('document')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('user_id', '=', userId)
      .where('id', 'in', [...ids])
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async deleteAllForUser(executor: DocumentsExecutor, userId: string): Promise<number> {
    const result = await executor
      .deleteFrom('document')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
