import type { DocumentType, IdentityDocumentsDb } from './identity-documents.tables.js';

/** A stored document: the number still encrypted. */
export interface StoredDocument {
  id: string;
  userId: string;
  documentType: DocumentType;
  numberEncrypted: string;
  issuingCountry: string;
  expiryDate: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentKey {
  numberHash: string;
  issuingCountry: string;
  documentType: DocumentType;
}

export interface NewDocument extends DocumentKey {
  userId: string;
  numberEncrypted: string;
  expiryDate: string | null;
}

type Executor = IdentityDocumentsDb;

const COLUMNS = [
  'id',
  'user_id as userId',
  'document_type as documentType',
  'number_encrypted as numberEncrypted',
  'issuing_country as issuingCountry',
  'expiry_date as expiryDate',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

/** The constraint that keeps one document to one account (see the migration). */
const NUMBER_CONSTRAINT = 'identity_document_number_key';

/** True for the error PostgreSQL (and PGlite) raise when a number is already registered. */
export function isNumberTaken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && (constraint === undefined || constraint === NUMBER_CONSTRAINT);
}

/** The only SQL on identity documents. */
export class IdentityDocumentsRepository {
  constructor(private readonly db: Executor) {}

  /** The person's documents, in a fixed order of type. */
  async listForUser(userId: string, executor: Executor = this.db): Promise<StoredDocument[]> {
    return executor
      .selectFrom('identity_document')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('document_type')
      .execute();
  }

  async findCurrent(
    executor: Executor,
    userId: string,
    documentType: DocumentType,
  ): Promise<StoredDocument | undefined> {
    return executor
      .selectFrom('identity_document')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .where('document_type', '=', documentType)
      .executeTakeFirst();
  }

  /**
   * Exact match on the keyed hash, whoever holds it (a closed account's too: its number stays
   * taken). The holder's name and whether the account is open are the accounts module's.
   */
  async findByNumber(
    key: DocumentKey,
    executor: Executor = this.db,
  ): Promise<StoredDocument | undefined> {
    return executor
      .selectFrom('identity_document')
      .select(COLUMNS)
      .where('number_hash', '=', key.numberHash)
      .where('issuing_country', '=', key.issuingCountry)
      .where('document_type', '=', key.documentType)
      .executeTakeFirst();
  }

  /**
   * Records the person's current document of this type, replacing the one before (one
   * current document per person and type). Throws the database's unique violation when the
   * number belongs to another account (see isNumberTaken).
   */
  async upsert(executor: Executor, document: NewDocument): Promise<StoredDocument> {
    const values = {
      number_encrypted: document.numberEncrypted,
      number_hash: document.numberHash,
      issuing_country: document.issuingCountry,
      expiry_date: document.expiryDate,
    };
    return executor
      .insertInto('identity_document')
      .values({ user_id: document.userId, document_type: document.documentType, ...values })
      .onConflict((conflict) =>
        conflict
          .columns(['user_id', 'document_type'])
          .doUpdateSet({ ...values, updated_at: new Date() }),
      )
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  }

  /** Deletes one of the person's documents; undefined when they have no such document. */
  async delete(
    executor: Executor,
    userId: string,
    id: string,
  ): Promise<StoredDocument | undefined> {
    return executor
      .deleteFrom('identity_document')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning(COLUMNS)
      .executeTakeFirst();
  }

  /** Deletes every document of the person, in the erasure's transaction. */
  async deleteAllForUser(executor: Executor, userId: string): Promise<number> {
    const result = await executor
      .deleteFrom('identity_document')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The officer's lookups that found nobody since `since`: how many, and the oldest's time. */
  async missesSince(actor: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const row = await this.db
      .selectFrom('person_lookup_miss')
      .select((eb) => [
        eb.fn.countAll<string>().as('count'),
        eb.fn.min<Date | null>('missed_at').as('oldest'),
      ])
      .where('actor', '=', actor)
      .where('missed_at', '>=', since)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest) : null };
  }

  /** Counts a miss, and forgets the officer's misses older than the window. */
  async recordMiss(executor: Executor, actor: string, at: Date, forgetBefore: Date) {
    await executor
      .deleteFrom('person_lookup_miss')
      .where('actor', '=', actor)
      .where('missed_at', '<', forgetBefore)
      .execute();
    await executor.insertInto('person_lookup_miss').values({ actor, missed_at: at }).execute();
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
