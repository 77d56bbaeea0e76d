import { describe, expect, it } from 'vitest';
import {
  CipherConfigError,
  DecryptionError,
  FieldCipher,
  aesGcmDecrypt,
  aesGcmEncrypt,
  hmacSha256,
} from './field-cipher.js';

const hex = (text: string) => Buffer.from(text, 'hex');
const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const LOOKUP = key(9);

function cipher(encryptionKeys: string, lookupHashKey = LOOKUP) {
  return FieldCipher.fromConfig({ encryptionKeys, lookupHashKey });
}

describe('AES-256-GCM (McGrew & Viega GCM spec vectors, as used in NIST CAVP)', () => {
  it('test case 14: zero key, zero IV, one zero block', () => {
    const sealed = aesGcmEncrypt(
      hex('00'.repeat(32)),
      hex('00'.repeat(12)),
      hex('00'.repeat(16)),
      Buffer.alloc(0),
    );
    expect(sealed.ciphertext.toString('hex')).toBe('cea7403d4d606b6e074ec5d3baf39d18');
    expect(sealed.tag.toString('hex')).toBe('d0d1c8a799996bf0265b98b5d48ab919');
  });

  it('test case 16: 256-bit key with additional authenticated data', () => {
    const k = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const iv = hex('cafebabefacedbaddecaf888');
    const plaintext = hex(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
        '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
    const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const sealed = aesGcmEncrypt(k, iv, plaintext, aad);
    expect(sealed.ciphertext.toString('hex')).toBe(
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
        '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    );
    expect(sealed.tag.toString('hex')).toBe('76fc6ece0f4e1768cddf8853bb2d551b');
    expect(aesGcmDecrypt(k, iv, sealed, aad)).toEqual(plaintext);
    expect(() => aesGcmDecrypt(k, iv, sealed, Buffer.alloc(0))).toThrow();
  });

  it('refuses keys and IVs of the wrong length', () => {
    expect(() =>
      aesGcmEncrypt(Buffer.alloc(16), Buffer.alloc(12), Buffer.alloc(0), Buffer.alloc(0)),
    ).toThrow(RangeError);
    expect(() =>
      aesGcmEncrypt(Buffer.alloc(32), Buffer.alloc(16), Buffer.alloc(0), Buffer.alloc(0)),
    ).toThrow(RangeError);
  });
});

describe('HMAC-SHA-256 (RFC 4231)', () => {
  it('test case 1', () => {
    expect(hmacSha256(Buffer.alloc(20, 0x0b), 'Hi There').toString('hex')).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });
  it('test case 2', () => {
    expect(hmacSha256(Buffer.from('Jefe'), 'what do ya want for nothing?').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('FieldCipher', () => {
  const context = 'travel_document.number';
  const current = cipher(`k2:${key(2)},k1:${key(1)}`);

  it.each([
    ['Latin', 'P1234567'],
    ['Arabic', 'جواز سفر رقم ٤٥٦٧٨٩'],
    ['Chinese', '护照号码 E12345678'],
    ['emoji and combining marks', '🧳✈️ 👩🏽‍🔧 é'],
    ['empty', ''],
  ])('round-trips %s text', (_name, plaintext) => {
    const sealed = current.encrypt(plaintext, context);
    expect(sealed).toMatch(/^v1\.k2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    expect(current.decrypt(sealed, context)).toBe(plaintext);
  });

  it('uses a fresh IV every time', () => {
    expect(current.encrypt('same', context)).not.toBe(current.encrypt('same', context));
  });

  it('detects tampering with any part', () => {
    const sealed = current.encrypt('P1234567', context);
    const parts = sealed.split('.');
    for (const index of [2, 3, 4]) {
      const part = Buffer.from(parts[index]!, 'base64url');
      part[0] = part[0]! ^ 1;
      const tampered = [...parts];
      tampered[index] = part.toString('base64url');
      expect(() => current.decrypt(tampered.join('.'), context)).toThrow(DecryptionError);
    }
  });

  it('refuses a value moved to another column', () => {
    const sealed = current.encrypt('P1234567', context);
    expect(() => current.decrypt(sealed, 'app_user.totp_secret')).toThrow(
      new DecryptionError('app_user.totp_secret', 'authentication failed'),
    );
  });

  it('refuses a value relabelled with another key id', () => {
    const sealed = current.encrypt('P1234567', context);
    expect(() => current.decrypt(sealed.replace('v1.k2.', 'v1.k1.'), context)).toThrow(
      DecryptionError,
    );
  });

  it('names an unknown key without showing key material or plaintext', () => {
    const sealed = cipher(`k9:${key(9)}`).encrypt('P1234567', context);
    let error: unknown;
    try {
      current.decrypt(sealed, context);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DecryptionError);
    expect((error as DecryptionError).message).toBe(
      'Cannot decrypt travel_document.number: unknown key',
    );
  });

  it.each([
    '',
    'plain text',
    'v1.k2.a.b',
    'v2.k2.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA',
    'v1.k2.!!!.x.y',
  ])('calls %j malformed', (value) => {
    expect(() => current.decrypt(value, context)).toThrow(
      new DecryptionError(context, 'malformed'),
    );
  });

  it('refuses a non-canonical base64url spelling of the same bytes', () => {
    const sealed = current.encrypt('x', context);
    const parts = sealed.split('.');
    // 16 bytes in 22 characters leave 4 unused bits in the last one: "A" → "B" sets one.
    const tag = parts[4]!;
    const last = tag.at(-1)!;
    parts[4] = tag.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
    expect(() => current.decrypt(parts.join('.'), context)).toThrow(DecryptionError);
  });

  it('rotates: the old key still decrypts, the new key encrypts', () => {
    const old = cipher(`k1:${key(1)}`);
    const written = old.encrypt('P1234567', context);
    expect(old.needsRotation(written)).toBe(false);
    expect(current.currentKeyId).toBe('k2');
    expect(current.keyIdOf(written)).toBe('k1');
    expect(current.needsRotation(written)).toBe(true);
    expect(current.decrypt(written, context)).toBe('P1234567');
    const rewritten = current.encrypt(current.decrypt(written, context), context);
    expect(current.keyIdOf(rewritten)).toBe('k2');
    expect(current.needsRotation(rewritten)).toBe(false);
    expect(() => old.decrypt(rewritten, context)).toThrow(DecryptionError);
  });

  it.each([
    ['', 'No'],
    [`k1${key(1)}`, 'keyId:base64key'],
    [`k1:${key(1)},k1:${key(2)}`, 'appears twice'],
    ['k1:c2hvcnQ=', '32 bytes'],
    [`k.1:${key(1)}`, 'keyId:base64key'],
  ])('refuses the key list %j', (keys, message) => {
    expect(() => cipher(keys)).toThrow(CipherConfigError);
    expect(() => cipher(keys)).toThrow(new RegExp(message));
  });

  it('refuses a lookup key that is not 32 bytes, without echoing it', () => {
    expect(() => cipher(`k1:${key(1)}`, 'c2hvcnQ=')).toThrow(
      /^The lookup hash key must be 32 bytes/,
    );
  });
});

describe('keyed hashes for lookup', () => {
  const a = cipher(`k1:${key(1)}`);
  const context = 'travel_document.number';

  it('hashes an identifier in its normal form, however it is typed (platform/text/identifiers)', () => {
    const typed = [' ab-12 345 ', 'ＡＢ１２３４５', 'ab\u00a012\u2011345', 'АВ ১২৩৪৫', 'AB ١٢٣٤٥'];
    for (const value of typed)
      expect(a.keyedHash(value, context)).toBe(a.keyedHash('AB12345', context));
  });

  it('gives the same hash for the same normalised value, whatever the encryption key', () => {
    const b = cipher(`k2:${key(2)},k1:${key(1)}`);
    expect(a.keyedHash('ab-12 345', context)).toBe(b.keyedHash('AB12345', context));
    expect(a.keyedHash('AB12345', context)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs by context and by lookup key', () => {
    expect(a.keyedHash('AB12345', context)).not.toBe(a.keyedHash('AB12345', 'national_id.number'));
    expect(a.keyedHash('AB12345', context)).not.toBe(
      cipher(`k1:${key(1)}`, key(3)).keyedHash('AB12345', context),
    );
  });

  it('is not a plain HMAC under the configured key (the key is derived first)', () => {
    const direct = hmacSha256(Buffer.alloc(32, 9), `${context}\0AB12345`).toString('hex');
    expect(a.keyedHash('AB12345', context)).not.toBe(direct);
  });
});
