import { describe, expect, it } from 'vitest';
import {
  formatSecretForPeople,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  qrCodeSvg,
  totpCode,
  totpUri,
} from './totp.js';

const T = Date.UTC(2026, 10, 27, 12, 0, 10);

describe('TOTP', () => {
  it('makes 160-bit base32 secrets and an otpauth URI for SHA-1, 6 digits, 30 s', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, 'amina@example.org');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Corridor:amina%40example\.org\?/);
    expect(uri).toContain('algorithm=SHA1');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
    expect(formatSecretForPeople('ABCDEFGH')).toBe('ABCD EFGH');
  });

  it('accepts the current step and one either side, and names the step', () => {
    const secret = newTotpSecret();
    const step = Math.floor(T / 30_000);
    expect(matchTotp(secret, totpCode(secret, T), T)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, T - 30_000), T)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, T + 30_000), T)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, T - 60_000), T)).toBeNull();
    expect(
      matchTotp(secret, ` ${totpCode(secret, T).slice(0, 3)} ${totpCode(secret, T).slice(3)} `, T),
    ).toBe(step);
    expect(matchTotp(secret, 'abcdef', T)).toBeNull();
  });

  it('matches the RFC 6238 test vector', () => {
    // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", T = 59 s → 94287082 (8 digits);
    // the 6-digit code is its last six digits.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(secret, 59_000)).toBe('287082');
  });

  it('draws the QR code as inline SVG hidden from assistive technology', async () => {
    const svg = await qrCodeSvg(totpUri(newTotpSecret(), 'a@example.org'));
    expect(svg.startsWith('<svg aria-hidden="true" focusable="false"')).toBe(true);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes of 16 characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes)
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  });

  it('reads codes however they are typed', () => {
    expect(normaliseRecoveryCode(' ABCD efgh-JKMN pqrs ')).toBe('abcd-efgh-jkmn-pqrs');
  });
});
