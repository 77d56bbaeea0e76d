import { randomBytes } from 'node:crypto';
import { CROCKFORD as ALPHABET, normaliseCrockford } from '../../platform/text/crockford.js';

/**
 * The reference a reporter follows a report with: `R-` and 12 characters of Crockford's base32
 * (no I, L, O, U), 60 random bits. It is the only key to the follow page, which shows the
 * state and the officers' public replies (never the report's text, its contact details or the
 * internal notes): 2^60 references against, say, a million reports leaves one chance in 10^12
 * per guess, and guesses that miss are throttled per address (abuse-report.throttle.ts). One
 * code is easier to keep on a phone than a reference and a separate secret.
 */
const LENGTH = 12;

export function newReference(random: (size: number) => Buffer = randomBytes): string {
  // 5 bits a character from 8 random bytes (64 bits, of which 60 are used).
  const bytes = random(8);
  let value = bytes.readBigUInt64BE(0);
  let out = '';
  for (let i = 0; i < LENGTH; i += 1) {
    out += ALPHABET[Number(value & 31n)];
    value >>= 5n;
  }
  return `R-${out}`;
}

/**
 * A reference as typed or pasted: any case, the R optional, separators, other scripts' digits
 * and Crockford's readings of look-alikes as `normaliseCrockford` reads them. Null when it
 * cannot be one.
 */
export function parseReference(typed: string): string | null {
  if (typed.length > 60) return null;
  let text = normaliseCrockford(typed);
  if (text.startsWith('R') && text.length === LENGTH + 1) text = text.slice(1);
  if (text.length !== LENGTH) return null;
  for (const char of text) if (!ALPHABET.includes(char)) return null;
  return `R-${text}`;
}

/** The reference grouped for reading aloud and copying: R-7K3M-Q9XD-2HPA. */
export function displayReference(reference: string): string {
  const body = reference.slice(2);
  return `R-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
}
