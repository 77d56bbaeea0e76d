import { hkdfSync, randomBytes } from 'node:crypto';
import {
  AES_KEY_BYTES,
  GCM_IV_BYTES,
  GCM_TAG_BYTES,
  aesGcmDecrypt,
  aesGcmEncrypt,
  hmacSha256,
} from './primitives.js';
import { normaliseIdentifier } from '../text/identifiers.js';

export { aesGcmDecrypt, aesGcmEncrypt, hmacSha256 } from './primitives.js';

/**
 * Encryption of single database fields (identity document numbers, TOTP secrets…) with
 * AES-256-GCM, and keyed hashes for finding a row by an encrypted value.
 *
 * A ciphertext reads `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts): it names its key,
 * so keys can rotate while old rows stay readable, and it is plain ASCII, so it fits a text
 * column. The AAD binds the version, the key id and a context such as
 * "travel_document.number": a value copied into another column, or relabelled with another
 * key id, fails to decrypt instead of being read as something it is not.
 */

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
// The lookup key is never used directly: a derived key keeps the two uses of the secret apart
// should the same configured value ever be used for something else.
const LOOKUP_KEY_INFO = 'corridor/lookup-hash/v1';

/** Decryption failed. The message names the context and the kind of failure, never data or keys. */
export class DecryptionError extends Error {
  constructor(
    readonly context: string,
    readonly reason: 'malformed' | 'unknown key' | 'authentication failed',
  ) {
    super(`Cannot decrypt ${context}: ${reason}`);
    this.name = 'DecryptionError';
  }
}

/** The configuration is unusable. Names the key id at most, never key material. */
export class CipherConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CipherConfigError';
  }
}

export interface FieldCipherConfig {
  /** `keyId:base64key,keyId2:base64key2`; the first encrypts, all decrypt. */
  encryptionKeys: string;
  /** Base64 of 32 bytes. Unlike encryption keys it cannot rotate without rehashing. */
  lookupHashKey: string;
}

interface ParsedCiphertext {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export class FieldCipher {
  private constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly currentKeyId: string,
    private readonly lookupKey: Buffer,
  ) {}

  static fromConfig(config: FieldCipherConfig): FieldCipher {
    if (config.encryptionKeys.trim() === '') {
      throw new CipherConfigError('No encryption key is configured');
    }
    const keys = new Map<string, Buffer>();
    let currentKeyId: string | undefined;
    for (const entry of config.encryptionKeys.split(',')) {
      const separator = entry.indexOf(':');
      const keyId = separator < 0 ? '' : entry.slice(0, separator).trim();
      if (!KEY_ID.test(keyId)) {
        throw new CipherConfigError(
          'Each encryption key must read keyId:base64key, with a key id of letters, digits, _ or -',
        );
      }
      if (keys.has(keyId))
        throw new CipherConfigError(`Encryption key id "${keyId}" appears twice`);
      keys.set(keyId, decodeKey(entry.slice(separator + 1).trim(), `Encryption key "${keyId}"`));
      currentKeyId ??= keyId;
    }
    if (currentKeyId === undefined) throw new CipherConfigError('No encryption key is configured');
    const lookupSecret = decodeKey(config.lookupHashKey.trim(), 'The lookup hash key');
    const lookupKey = Buffer.from(
      hkdfSync('sha256', lookupSecret, Buffer.alloc(0), LOOKUP_KEY_INFO, 32),
    );
    return new FieldCipher(keys, currentKeyId, lookupKey);
  }

  encrypt(plaintext: string, context: string): string {
    const key = this.keys.get(this.currentKeyId);
    if (!key) throw new CipherConfigError('The current encryption key is missing');
    const iv = randomBytes(GCM_IV_BYTES);
    const { ciphertext, tag } = aesGcmEncrypt(
      key,
      iv,
      Buffer.from(plaintext, 'utf8'),
      associatedData(this.currentKeyId, context),
    );
    return [VERSION, this.currentKeyId, b64url(iv), b64url(ciphertext), b64url(tag)].join('.');
  }

  decrypt(value: string, context: string): string {
    const parsed = parse(value, context);
    const key = this.keys.get(parsed.keyId);
    if (!key) throw new DecryptionError(context, 'unknown key');
    let plaintext: Buffer;
    try {
      plaintext = aesGcmDecrypt(
        key,
        parsed.iv,
        { ciphertext: parsed.ciphertext, tag: parsed.tag },
        associatedData(parsed.keyId, context),
      );
    } catch {
      // Node's message ("Unsupported state or unable to authenticate data") adds nothing and
      // the cause is deliberately dropped so no buffer ends up in a log.
      throw new DecryptionError(context, 'authentication failed');
    }
    // fatal: bytes that are not UTF-8 cannot have come from encrypt().
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
    } catch {
      throw new DecryptionError(context, 'malformed');
    }
  }

  /**
   * Hex HMAC-SHA-256 of the identifier in its normal form (normaliseIdentifier: the same however
   * it is typed), for an indexed exact-match column.
   */
  keyedHash(value: string, context: string): string {
    return hmacSha256(this.lookupKey, `${context}\0${normaliseIdentifier(value)}`).toString('hex');
  }

  /** The key id a ciphertext names; throws DecryptionError if it is not a ciphertext. */
  keyIdOf(value: string): string {
    return parse(value, 'value').keyId;
  }

  needsRotation(value: string): boolean {
    return this.keyIdOf(value) !== this.currentKeyId;
  }

  /** The prefix every ciphertext under the current key starts with (for SQL filters). */
  get currentPrefix(): string {
    return `${VERSION}.${this.currentKeyId}.`;
  }
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}\0${context}`, 'utf8');
}

function parse(value: string, context: string): ParsedCiphertext {
  const parts = value.split('.');
  if (parts.length !== 5) throw new DecryptionError(context, 'malformed');
  const [version, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  if (version !== VERSION || !KEY_ID.test(keyId)) throw new DecryptionError(context, 'malformed');
  const parsed = {
    keyId,
    iv: fromB64url(iv, context),
    ciphertext: fromB64url(ciphertext, context),
    tag: fromB64url(tag, context),
  };
  if (parsed.iv.length !== GCM_IV_BYTES || parsed.tag.length !== GCM_TAG_BYTES) {
    throw new DecryptionError(context, 'malformed');
  }
  return parsed;
}

/** Only the canonical spelling decodes, so one ciphertext has exactly one text form. */
function fromB64url(text: string, context: string): Buffer {
  const bytes = BASE64URL.test(text) ? Buffer.from(text, 'base64url') : undefined;
  if (!bytes || b64url(bytes) !== text) throw new DecryptionError(context, 'malformed');
  return bytes;
}

function decodeKey(text: string, name: string): Buffer {
  // Buffer.from ignores characters outside the alphabet, so check the text before decoding.
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length !== AES_KEY_BYTES) {
    throw new CipherConfigError(`${name} must be ${AES_KEY_BYTES} bytes, base64-encoded`);
  }
  return key;
}

function b64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
