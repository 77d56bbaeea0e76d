import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps expect them: SHA-1, 6 digits,
 * 30-second steps; a code from the step before or after is accepted (clock drift). The caller
 * refuses a step it has already accepted, so a code cannot be replayed.
 */

const PERIOD_SECONDS = 30;
/** One TOTP step, in milliseconds: a code is good for this long (give or take one step). */
export const TOTP_STEP_MS = PERIOD_SECONDS * 1000;
const WINDOW = 1;
const ISSUER = 'Corridor';

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new secret: 160 random bits, in base32 (what people type if they cannot scan). */
export function newTotpSecret(): string {
  return new Secret({ buffer: randomBytes(20).buffer }).base32;
}

/** Groups of four characters, easier to type. */
export function formatSecretForPeople(secretBase32: string): string {
  return secretBase32.replace(/(.{4})/g, '$1 ').trim();
}

export function totpUri(secretBase32: string, accountLabel: string): string {
  return totp(secretBase32, accountLabel).toString();
}

/** The code an app would show at `timestamp` (tests). */
export function totpCode(secretBase32: string, timestamp = Date.now()): string {
  return totp(secretBase32, 'x').generate({ timestamp });
}

/** The time step the code belongs to, or null if it is not valid now (±1 step). */
export function matchTotp(
  secretBase32: string,
  code: string,
  timestamp = Date.now(),
): number | null {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32, 'x').validate({ token, timestamp, window: WINDOW });
  if (delta === null) return null;
  return Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
}

/** The QR code of the otpauth URI as inline SVG: no script, no image request. */
export async function qrCodeSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 200,
  });
  // Decorative for assistive technology: the page names it and shows the secret as text.
  return svg.replace(
    '<svg ',
    '<svg aria-hidden="true" focusable="false" class="corridor-qr-code" ',
  );
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten one-time recovery codes of 16 characters (about 78 bits each), as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]);
    return chars.join('').replace(/(.{4})(?!$)/g, '$1-');
  });
}

/** What people type, normalised: case, spaces and dashes ignored. */
export function normaliseRecoveryCode(code: string): string {
  return code
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/(.{4})(?!$)/g, '$1-');
}
