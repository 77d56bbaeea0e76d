import type { Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

/** The FieldCipher context of the number: its ciphertext and its keyed hash are bound to it. */
export const NUMBER_CONTEXT = 'identity_document.number';

export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'travel_document',
  'seafarer_id',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface IdentityDocumentTable {
  id: Generated<string>;
  user_id: string;
  document_type: DocumentType;
  /** FieldCipher ciphertext, context NUMBER_CONTEXT. Never the number itself. */
  number_encrypted: string;
  /** FieldCipher.keyedHash of the normalised number, context NUMBER_CONTEXT. */
  number_hash: string;
  issuing_country: string;
  /** 'YYYY-MM-DD' (the driver leaves dates as text). */
  expiry_date: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A person lookup that found nobody: the rate limit's counter (not the audit trail's record). */
export interface PersonLookupMissTable {
  id: Generated<string>;
  /** 'user:<id>' or 'key:<id>': the officer or the API key that looked. */
  actor: string;
  missed_at: Generated<Date>;
}

export interface IdentityDocumentTables {
  identity_document: IdentityDocumentTable;
  person_lookup_miss: PersonLookupMissTable;
}

/**
 * What the module's code sees: its own table and the read-only reference data. The accounts the
 * documents belong to are the accounts module's (asked through its service); the audit trail
 * is written through AuditLog in the same transactions.
 */
export type IdentityDocumentsDb = Kysely<IdentityDocumentTables & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const identityDocumentsView = ownView<IdentityDocumentTables & ReferenceTables>();
