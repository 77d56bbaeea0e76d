import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets handed to people and programs (session ids, password-reset links, API keys). The
 * database keeps only their SHA-256, so a copy of the database opens no sessions; a plain hash
 * (no salt, no slow hash) is enough because the tokens are 256 random bits, not passwords.
 */

/** URL-safe random text; 32 bytes gives 43 characters and 256 bits of entropy. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) {
    throw new RangeError('A token needs between 16 and 1024 random bytes');
  }
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Compares two secrets in time that does not depend on where they differ. Both are hashed
 * first so that the comparison also takes the same time whatever their lengths.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}
