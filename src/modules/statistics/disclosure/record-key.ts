import crypto from 'node:crypto';

/**
 * Record keys and cell keys of the cell-key method, as whole numbers of 0…2³²−1 standing for the
 * fractions k / 2³² of [0, 1). Sums are taken modulo 2³², which is exactly "the fractional part
 * of the sum of the record keys" without floating-point rounding, so the cell key of a set of
 * records does not depend on the order in which they were added (or removed again).
 */

/** 2³²: record keys, key sums and cell keys are whole numbers below it. */
export const KEY_SPACE = 2 ** 32;

/** Separates these HMACs from any other use of the key. */
const DOMAIN = 'corridor/statistics/record-key/v1\u0000';

declare const secretBrand: unique symbol;

/** The statistics secret, checked and ready for HMAC (see parseCellKeySecret). */
export interface CellKeySecret {
  readonly [secretBrand]: true;
  readonly key: crypto.KeyObject;
}

/**
 * The secret as configured (`STATISTICS_CELL_KEY_SECRET`, read by the caller): base64 of at
 * least 32 random bytes, e.g. `openssl rand -base64 32`.
 */
export function parseCellKeySecret(text: string): CellKeySecret {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new RangeError('the cell-key secret must be base64');
  }
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length < 32) throw new RangeError('the cell-key secret must hold at least 32 bytes');
  return { key: crypto.createSecretKey(bytes) } as CellKeySecret;
}

/**
 * The record key of a record: the first 32 bits of HMAC-SHA-256(secret, stable id). The same
 * record has the same key in every table; without the secret nobody can compute it.
 */
export function recordKey(secret: CellKeySecret, recordId: string): number {
  if (recordId === '') throw new RangeError('a record key needs the record’s id');
  return crypto
    .createHmac('sha256', secret.key)
    .update(DOMAIN + recordId, 'utf8')
    .digest()
    .readUInt32BE(0);
}

/** (a + b) mod 2³²: adds a record key to a key sum, or joins the key sums of two disjoint cells. */
export function addKeys(a: number, b: number): number {
  return (a + b) % KEY_SPACE;
}

/** (a − b) mod 2³²: takes a record key out of a key sum (a record that left the cell). */
export function subtractKeys(a: number, b: number): number {
  return (((a - b) % KEY_SPACE) + KEY_SPACE) % KEY_SPACE;
}

/**
 * The cell key (0…2³²−1) of a stored key sum. A store may keep the sum reduced modulo 2³²
 * (`(key_sum + $k) % 4294967296`) or not reduced at all, as long as it is a safe integer.
 */
export function cellKeyOf(keySum: number): number {
  if (!Number.isSafeInteger(keySum)) throw new RangeError('a key sum must be a safe integer');
  return ((keySum % KEY_SPACE) + KEY_SPACE) % KEY_SPACE;
}
