import { randomBytes } from 'node:crypto';
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  type FieldCipher,
} from '../../platform/crypto/field-cipher.js';
import { FILE_KEY_CONTEXT } from './documents.tables.js';

/**
 * Envelope encryption of a document's file (ADR 0005's cipher, one level up): the file is
 * AES-256-GCM under a random key of its own, with the document's id in the associated data (a
 * file moved to another row fails to decrypt); that key is stored wrapped by the FieldCipher,
 * whose keys rotate. Rotation re-wraps the small key and never touches the megabytes.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What sealing adds to a file: the IV before it, the tag after it. */
export const SEAL_OVERHEAD = IV_BYTES + TAG_BYTES;

function associatedData(documentId: string): Buffer {
  return Buffer.from(`corridor/document/v1\0${documentId}`, 'utf8');
}

export interface Sealed {
  keyEncrypted: string;
  content: Buffer;
}

export function seal(cipher: FieldCipher, documentId: string, plaintext: Buffer): Sealed {
  const key = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const { ciphertext, tag } = aesGcmEncrypt(key, iv, plaintext, associatedData(documentId));
  return {
    keyEncrypted: cipher.encrypt(key.toString('base64'), FILE_KEY_CONTEXT),
    content: Buffer.concat([iv, ciphertext, tag]),
  };
}

/** Throws (DecryptionError or the GCM's own) if anything was changed. */
export function unseal(
  cipher: FieldCipher,
  documentId: string,
  sealed: { keyEncrypted: string; content: Uint8Array },
): Buffer {
  const key = Buffer.from(cipher.decrypt(sealed.keyEncrypted, FILE_KEY_CONTEXT), 'base64');
  const content = Buffer.from(sealed.content);
  if (content.length < SEAL_OVERHEAD) throw new RangeError('Sealed document is too short');
  return aesGcmDecrypt(
    key,
    content.subarray(0, IV_BYTES),
    {
      ciphertext: content.subarray(IV_BYTES, content.length - TAG_BYTES),
      tag: content.subarray(content.length - TAG_BYTES),
    },
    associatedData(documentId),
  );
}
