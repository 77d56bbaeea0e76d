import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

/** The FieldCipher context of a document's wrapped key (the column rotation re-encrypts). */
export const FILE_KEY_CONTEXT = 'document.file_key';

/** The kinds of document a person can upload: a closed list, named in nine languages. */
export const DOCUMENT_KINDS = [
  'passport_copy',
  'diploma',
  'certificate',
  'employment_reference',
  'medical_certificate',
  'police_clearance',
  'photo',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface DocumentTable {
  id: string;
  user_id: string;
  kind: DocumentKind;
  title: string;
  file_name: string;
  media_type: MediaType;
  size_bytes: number;
  sha256: string;
  /** FieldCipher ciphertext (context FILE_KEY_CONTEXT) of the document's own AES key. */
  key_encrypted: string;
  /** IV ‖ AES-256-GCM ciphertext ‖ tag, under the document's own key. */
  content: Uint8Array;
  created_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface DocumentsTables {
  document: DocumentTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type DocumentsDb = Kysely<DocumentsTables & ReferenceTables>;
