import { describe, expect, it } from 'vitest';
import {
  commonPasswords,
  hashPassword,
  isCommonPassword,
  passwordProblem,
  verifyPassword,
} from './passwords.js';

describe('password hashing', () => {
  it('uses argon2id with OWASP parameters and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
  });

  it('treats a malformed stored hash as a wrong password', async () => {
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
  });
});

describe('password rules', () => {
  it('ships a list of common passwords', () => {
    expect(commonPasswords().size).toBeGreaterThan(2000);
    expect(commonPasswords().has('password')).toBe(true);
  });

  it.each([
    ['', 'accounts.errors.enterPassword'],
    ['elevenchars', 'accounts.errors.passwordTooShort'],
    ['x'.repeat(257), 'accounts.errors.passwordTooLong'],
    ['Someone@Example.org', 'accounts.errors.passwordIsEmail'],
  ])('refuses %j', (password, problem) => {
    expect(passwordProblem(password, 'someone@example.org')).toBe(problem);
  });

  it('counts characters, not UTF-16 units (12 Arabic or emoji characters are enough)', () => {
    expect(passwordProblem('كلمةمرورطويل', null)).toBeNull();
    expect(passwordProblem('🐪🌍🐪🌍🐪🌍🐪🌍🐪🌍🐪🌙', null)).toBeNull();
    expect(passwordProblem('🐪🌍🐪🌍🐪🌍', null)).toBe('accounts.errors.passwordTooShort');
  });

  it.each([
    'password1234',
    'Password123!',
    'P@ssw0rd2024',
    'qwertyuiop123',
    '123456789012',
    'aaaaaaaaaaaa',
    'abcabcabcabc',
    '!!Sunshine2024',
    'iloveyou1234',
    'zyxwvutsrqpo',
    'motdepasse123',
  ])('refuses the common %j', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each([
    'correct horse battery staple',
    'Tamarind-Lantern-42',
    'ساعة الرمل على الطاولة',
    'vBq9!rT3#kLm',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, 'someone@example.org')).toBeNull();
  });
});
