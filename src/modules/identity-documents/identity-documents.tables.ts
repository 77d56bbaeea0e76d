import type { Generated } from 'kysely';
import type { AuditTables } from '../../platform/audit/audit.tables.js';
import type { UserTables } from '../accounts/users.tables.js';

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

export interface IdentityDocumentTables {
  identity_document: IdentityDocumentTable;
}

/**
 * What the module's repository sees: its table, the accounts it points to, and the audit
 * trail it writes to in the same transactions.
 */
export type IdentityDocumentsDatabase = IdentityDocumentTables & UserTables & AuditTables;
