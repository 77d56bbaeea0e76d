import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * The two primitives the field cipher is built on, exported bare so that tests can check them
 * against published vectors (NIST GCM, RFC 4231): a wrong mode or tag length would otherwise
 * round-trip happily and only show when another implementation reads the data.
 */

export const AES_KEY_BYTES = 32;
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export interface GcmSealed {
  ciphertext: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a 128-bit tag. */
export function aesGcmEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): GcmSealed {
  checkLength('key', key, AES_KEY_BYTES);
  checkLength('IV', iv, GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/** Throws if the tag does not authenticate the ciphertext and AAD under this key. */
export function aesGcmDecrypt(key: Buffer, iv: Buffer, sealed: GcmSealed, aad: Buffer): Buffer {
  checkLength('key', key, AES_KEY_BYTES);
  checkLength('IV', iv, GCM_IV_BYTES);
  checkLength('tag', sealed.tag, GCM_TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

export function hmacSha256(key: Buffer, data: Buffer | string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function checkLength(name: string, value: Buffer, bytes: number): void {
  if (value.length !== bytes) {
    throw new RangeError(`AES-256-GCM ${name} must be ${bytes} bytes, got ${value.length}`);
  }
}
