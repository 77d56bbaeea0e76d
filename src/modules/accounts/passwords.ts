import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing (argon2id) and the password rules: 12 to 256 characters, not a common
 * password, not the email address.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (also @node-rs/argon2's defaults).
// The algorithm is argon2id by default; `Algorithm` is a const enum that isolatedModules cannot
// name, so a test checks the hashes read `$argon2id$`.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a wrong password, never a crash.
    return false;
  }
}

/**
 * Verifies against a hash made once per process for a password nobody knows, so that an unknown
 * email address costs the same time as a wrong password.
 */
export class DummyPasswordCheck {
  private dummyHash: Promise<string> | undefined;

  async run(password: string): Promise<false> {
    this.dummyHash ??= hashPassword(`dummy:${Math.random()}:${Date.now()}`);
    await verifyPassword(await this.dummyHash, password);
    return false;
  }
}

const COMMON_FILE = new URL('./common-passwords.txt', import.meta.url);
let common: ReadonlySet<string> | undefined;

/**
 * About 2,100 common passwords: the top of SecLists' "10k most common" (MIT licence,
 * danielmiessler/SecLists) and common passwords in the corridor's languages. A password is
 * common if it is on the list, or is a listed word with digits and symbols around it
 * ("Password123!"), or leet spelling of one ("P@ssw0rd"), or one short pattern repeated, or a
 * run along the keyboard or the alphabet.
 */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    fs
      .readFileSync(COMMON_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
  return common;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'azertyuiopqsdfghjklmwxcvbn',
];

function isRun(value: string): boolean {
  return RUNS.some((run) => {
    const twice = run + run;
    const reversed = [...twice].reverse().join('');
    return twice.includes(value) || reversed.includes(value);
  });
}

function isRepetition(value: string): boolean {
  for (let size = 1; size <= 4; size += 1) {
    const unit = value.slice(0, size);
    if (unit.repeat(Math.ceil(value.length / size)).slice(0, value.length) === value) return true;
  }
  return false;
}

export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.normalize('NFKC').toLowerCase();
  if (list.has(lower) || isRun(lower) || isRepetition(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const deleet = [...lower]
    .map((c) => LEET[c] ?? c)
    .join('')
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [core, deleet].some(
    (candidate) =>
      candidate.length >= 4 && (list.has(candidate) || isRepetition(candidate) || isRun(candidate)),
  );
}

/** The locale key of the first rule the password breaks, or null. */
export function passwordProblem(password: string, email: string | null): string | null {
  const length = [...password].length;
  if (length === 0) return 'accounts.errors.enterPassword';
  if (length < PASSWORD_MIN_LENGTH) return 'accounts.errors.passwordTooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'accounts.errors.passwordTooLong';
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return 'accounts.errors.passwordIsEmail';
  }
  if (isCommonPassword(password)) return 'accounts.errors.passwordCommon';
  return null;
}
