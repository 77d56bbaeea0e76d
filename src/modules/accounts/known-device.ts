import { hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmacSha256 } from '../../platform/crypto/primitives.js';
import { constantTimeEqual } from '../../platform/crypto/tokens.js';

/**
 * Known-device cookies (OWASP's device cookies): after a correct sign-in the browser keeps a
 * token for that account, signed with a key derived from LOOKUP_HASH_KEY. A sign-in attempt
 * that brings a valid token for the account it names is throttled on its own key, apart from
 * attempts from anywhere else, so an attack on the account does not keep its owner out.
 *
 * A token reads `<userId>.<issued, seconds base 36>.<nonce>.<HMAC>`; the cookie holds up to
 * five, one per account signed in on that browser, the newest first.
 */
const DEVICE_KEY_INFO = 'corridor/known-device/v1';
const MAX_AGE_DAYS = 180;
const MAX_TOKENS = 5;
const TOKEN = /^([0-9a-f-]{36})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export function deviceKeyFrom(lookupHashKey: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(lookupHashKey, 'base64'), Buffer.alloc(0), DEVICE_KEY_INFO, 32),
  );
}

/** Signs and checks known-device tokens (the services' side: no request or reply). */
export class KnownDevices {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {}

  private mac(body: string): string {
    return hmacSha256(this.key, body).toString('base64url');
  }

  issue(userId: string): string {
    const issued = Math.floor(this.now().getTime() / 1000).toString(36);
    const body = `${userId}.${issued}.${randomBytes(16).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The device id of the first valid, unexpired token for this account among `tokens`. */
  deviceFor(userId: string, tokens: readonly string[]): string | null {
    for (const token of tokens) {
      const match = TOKEN.exec(token);
      if (!match || match[1] !== userId) continue;
      const [, , issued, nonce, mac] = match as unknown as [string, string, string, string, string];
      if (!constantTimeEqual(mac, this.mac(`${userId}.${issued}.${nonce}`))) continue;
      const ageMs = this.now().getTime() - parseInt(issued, 36) * 1000;
      if (ageMs < 0 || ageMs > MAX_AGE_DAYS * 86_400_000) continue;
      return nonce;
    }
    return null;
  }
}

/** The cookie itself (the routes' side): HttpOnly, SameSite=Lax, `__Host-` and Secure in production. */
export class KnownDeviceCookie {
  readonly name: string;

  constructor(private readonly options: { secure: boolean }) {
    this.name = options.secure ? '__Host-corridor_device' : 'corridor_device';
  }

  read(request: FastifyRequest): string[] {
    const value = request.cookies[this.name];
    if (typeof value !== 'string' || value.length > 1024) return [];
    return value
      .split('~')
      .filter((token) => TOKEN.test(token))
      .slice(0, MAX_TOKENS);
  }

  /** Keeps `token` first, drops older tokens of the same account, and at most five in all. */
  remember(request: FastifyRequest, reply: FastifyReply, token: string): void {
    const userId = token.split('.')[0];
    const others = this.read(request).filter((old) => old.split('.')[0] !== userId);
    reply.setCookie(this.name, [token, ...others].slice(0, MAX_TOKENS).join('~'), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.options.secure,
      maxAge: MAX_AGE_DAYS * 86_400,
    });
  }
}
