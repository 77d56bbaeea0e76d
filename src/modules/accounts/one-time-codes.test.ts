import { normaliseIdentifier } from '../../platform/text/identifiers.js';
import { describe, expect, it } from 'vitest';
import {
  CODE_LIFETIME_MS,
  codeKeyFrom,
  MAX_CODE_ATTEMPTS,
  newSixDigitCode,
  OneTimeCodes,
} from './one-time-codes.js';
import type { OneTimeCodeRecord, OneTimeCodesRepository } from './one-time-codes.repository.js';

/** An in-memory stand-in for the table, with the repository's rules (attempts, expiry, use). */
function memoryRepository() {
  const rows = new Map<string, OneTimeCodeRecord>();
  const repository = {
    insert: async (_executor: unknown, row: Record<string, unknown>) => {
      rows.set(
        row.id as string,
        {
          id: row.id as string,
          purpose: row.purpose,
          channel: row.channel,
          target: row.target,
          userId: row.userId,
          preferredLanguage: null,
          privacyNoticeVersion: null,
          codeHash: row.codeHash,
          attempts: 0,
          createdAt: row.now,
          expiresAt: row.expiresAt,
          usedAt: null,
        } as OneTimeCodeRecord,
      );
    },
    find: async (id: string) => rows.get(id),
    countAttempt: async (id: string, now: Date, max: number) => {
      const row = rows.get(id);
      if (!row || row.usedAt || row.expiresAt <= now || row.attempts >= max) return false;
      row.attempts += 1;
      return true;
    },
    spend: async (_executor: unknown, id: string, now: Date) => {
      const row = rows.get(id);
      if (!row || row.usedAt || row.expiresAt <= now) return false;
      row.usedAt = now;
      return true;
    },
  };
  return { rows, repository: repository as unknown as OneTimeCodesRepository };
}

const key = codeKeyFrom(Buffer.alloc(32, 9).toString('base64'));

describe('one-time codes', () => {
  it('are six digits, leading zeros kept', () => {
    for (let i = 0; i < 200; i++) expect(newSixDigitCode()).toMatch(/^\d{6}$/);
  });

  it('read any script’s digits and ignore spaces and dashes', () => {
    expect(normaliseIdentifier('١٢٣ ٤٥٦')).toBe('123456');
    expect(normaliseIdentifier('১২৩-৪৫৬')).toBe('123456');
    expect(normaliseIdentifier(' 123 456 ')).toBe('123456');
  });

  it('are kept only as a keyed hash, bound to their row', async () => {
    const { rows, repository } = memoryRepository();
    const codes = new OneTimeCodes(repository, key, () => new Date('2026-12-04T10:00:00Z'));
    const issued = await codes.issue({} as never, {
      purpose: 'sign_in',
      channel: 'sms',
      target: '+254712345678',
      userId: null,
    });
    const row = rows.get(issued.id)!;
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(issued.code);
    expect(codes.hash(issued.id, issued.code)).toBe(row.codeHash);
    expect(codes.hash('00000000-0000-4000-8000-000000000000', issued.code)).not.toBe(row.codeHash);
  });

  it('work once, for their purpose, until they expire, for a few tries', async () => {
    let now = new Date('2026-12-04T10:00:00Z');
    const { repository } = memoryRepository();
    const codes = new OneTimeCodes(repository, key, () => now);
    const issue = () =>
      codes.issue({} as never, {
        purpose: 'sign_in',
        channel: 'sms',
        target: '+254712345678',
        userId: null,
      });

    const a = await issue();
    expect((await codes.check(a.id, 'register', a.code)).ok).toBe(false);
    expect((await codes.check(a.id, 'sign_in', a.code)).ok).toBe(true);
    expect(await codes.spend({} as never, a.id)).toBe(true);
    expect(await codes.spend({} as never, a.id)).toBe(false);
    expect((await codes.check(a.id, 'sign_in', a.code)).ok).toBe(false);

    const b = await issue();
    const wrong = b.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++)
      expect((await codes.check(b.id, 'sign_in', wrong)).ok).toBe(false);
    expect((await codes.check(b.id, 'sign_in', b.code)).ok).toBe(false);

    const c = await issue();
    now = new Date(now.getTime() + CODE_LIFETIME_MS.sign_in + 1);
    expect((await codes.check(c.id, 'sign_in', c.code)).ok).toBe(false);
    expect(await codes.open(c.id, 'sign_in')).toBeNull();
  });

  it('a challenge that must not be told apart is answered by no code', async () => {
    const { repository } = memoryRepository();
    const codes = new OneTimeCodes(repository, key, () => new Date('2026-12-04T10:00:00Z'));
    const dead = await codes.issue({} as never, {
      purpose: 'register',
      channel: 'sms',
      target: '+254712345678',
      userId: null,
      deliverable: false,
    });
    expect((await codes.check(dead.id, 'register', dead.code)).ok).toBe(false);
  });
});
