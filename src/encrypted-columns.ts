import type { EncryptedColumn } from './platform/crypto/rotate.js';

/**
 * Every column that holds field-encrypted values, for `corridor keys rotate`. A module that
 * encrypts a new column adds it here (a test checks that rotation leaves none behind).
 */
export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  {
    table: 'app_user',
    idColumn: 'id',
    column: 'totp_secret_encrypted',
    context: 'app_user.totp_secret',
  },
  {
    table: 'identity_document',
    idColumn: 'id',
    column: 'number_encrypted',
    context: 'identity_document.number',
  },
];
