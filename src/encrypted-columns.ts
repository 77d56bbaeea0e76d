import type { EncryptedColumn } from './platform/crypto/rotate.js';
import { modules } from './services.js';

/**
 * Every column that holds field-encrypted values, for `corridor keys rotate`: each module
 * declares its own in its manifest (a test checks that rotation leaves none behind).
 */
export const ENCRYPTED_COLUMNS: EncryptedColumn[] = modules.flatMap(
  (module) => module.encryptedColumns ?? [],
);
