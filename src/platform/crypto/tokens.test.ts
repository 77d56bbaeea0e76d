import { describe, expect, it } from 'vitest';
import { constantTimeEqual, randomToken, sha256Hex } from './tokens.js';

describe('tokens', () => {
  it('makes URL-safe tokens of the requested strength', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  });

  it('refuses tokens too weak to be secrets', () => {
    expect(() => randomToken(8)).toThrow(RangeError);
    expect(() => randomToken(20.5)).toThrow(RangeError);
  });

  it('hashes with SHA-256 (FIPS 180-2 vector)', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('compares secrets, including ones of different lengths', () => {
    expect(constantTimeEqual('secret', 'secret')).toBe(true);
    expect(constantTimeEqual('secret', 'secreT')).toBe(false);
    expect(constantTimeEqual('secret', 'secret-longer')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('جواز', 'جواز')).toBe(true);
  });
});
