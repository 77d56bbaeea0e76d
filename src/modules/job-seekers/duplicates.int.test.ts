import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import type { Database } from '../../database.js';
import { AuditLog } from '../../platform/audit/audit.js';
import type { ActorContext } from '../../platform/authz/context.js';
import type { Principal } from '../../platform/authz/principal.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { DuplicatesRepository } from './duplicates.repository.js';
import { DuplicatesService } from './duplicates.service.js';
import { DEMO_SEEKER_DOMAIN, seedDemoSeekers } from './job-seekers.demo.js';

/**
 * The demo's job seekers and the duplicates on a real database: the demo loads 500 people with
 * eight second registrations, which the duplicate job flags; officers see the flags of their
 * jurisdiction only, each view audited for both people; dismiss and merge, named errors,
 * double submits.
 */

let database: TestDatabase;
let db: Kysely<Database>;
let shared: (readonly [string, string])[] = [];
let duplicates: DuplicatesService;
let officerId: string;

const now = new Date('2026-12-04T12:00:00Z');

async function insertUser(email: string, fullName: string, language = 'en'): Promise<string> {
  const row = await db
    .insertInto('app_user')
    .values({ email, full_name: fullName, preferred_language: language as 'en', status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const officer = (countryCode: string | null, role = 'origin_officer'): ActorContext => ({
  principal: {
    userId: officerId,
    apiKeyId: null,
    sessionId: null,
    grants: [{ role, organisationId: null, countryCode, administrator: false }],
    permissionLimit: null,
    twoFactorVerified: true,
  } as Principal,
  requestId: null,
  ipAddress: null,
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  const audit = new AuditLog(db);
  duplicates = new DuplicatesService({
    repository: new DuplicatesRepository(db),
    audit,
    sharedDocuments: async (userIds) =>
      shared.filter(([a, b]) => userIds.includes(a) || userIds.includes(b)),
  });
  officerId = await insertUser('officer@test.example', 'Officer');
  const report = await seedDemoSeekers({
    db: db,
    audit,
    progress: () => undefined,
    now,
    createUser: async (_trx, user) => {
      const row = await (_trx as unknown as Kysely<Database>)
        .insertInto('app_user')
        .values({
          email: user.email,
          full_name: user.fullName,
          preferred_language: user.preferredLanguage,
          status: user.password ? 'active' : 'pending',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    assignJobSeeker: async (trx, userId) => {
      await (trx as unknown as Kysely<Database>)
        .insertInto('role_assignment')
        .values({ user_id: userId, role: 'job_seeker', organisation_id: null })
        .execute();
    },
    scanDuplicates: () => duplicates.scan(),
  });
  expect(report.jobSeekers).toBe(500);
}, 300_000);
afterAll(async () => database?.close());

describe('the demo job seekers', () => {
  it('has 500 people in their own scripts with Latin forms, private and visible profiles', async () => {
    const rows = await db
      .selectFrom('job_seeker')
      .select(['given_names', 'family_name', 'given_names_latin', 'visibility', 'nationality'])
      .where('email', 'like', `%@${DEMO_SEEKER_DOMAIN}`)
      .execute();
    expect(rows).toHaveLength(500);
    const names = rows.map((row) => `${row.given_names} ${row.family_name}`).join(' ');
    for (const script of ['Devanagari', 'Bengali', 'Arabic', 'Sinhala', 'Latin']) {
      expect(names).toMatch(new RegExp(`\\p{Script=${script}}`, 'u'));
    }
    expect(rows.every((row) => row.given_names === row.given_names.normalize('NFC'))).toBe(true);
    expect(rows.every((row) => row.given_names_latin !== '')).toBe(true);
    expect(rows.some((row) => row.family_name === '')).toBe(true);
    expect(new Set(rows.map((row) => row.visibility))).toEqual(
      new Set(['private', 'destinations']),
    );
    expect(new Set(rows.map((row) => row.nationality)).size).toBe(8);
    const languages = await db.selectFrom('job_seeker_language').select('cefr_level').execute();
    expect(languages.length).toBeGreaterThan(500);
  });

  it('adds nothing the second time', async () => {
    const again = await seedDemoSeekers({
      db: db,
      audit: new AuditLog(db),
      progress: () => undefined,
      createUser: () => Promise.reject(new Error('not called')),
      assignJobSeeker: () => Promise.reject(new Error('not called')),
      scanDuplicates: () => duplicates.scan(),
    });
    expect(again).toEqual({ jobSeekers: 0, duplicateFlags: 0 });
  });
});

describe('duplicate registrations', () => {
  it('flagged the eight second registrations, one per country, on names and date of birth', async () => {
    const flags = await db.selectFrom('job_seeker_duplicate').selectAll().execute();
    expect(flags.length).toBeGreaterThanOrEqual(8);
    expect(flags.every((flag) => flag.state === 'open')).toBe(true);
    // A second run over the same profiles flags nothing new.
    expect((await duplicates.scan()).flagged).toBe(0);
  });

  it('shows an officer the flags of their jurisdiction only, each person’s view audited', async () => {
    const kenya = await duplicates.list(officer('KE'), {});
    expect(kenya.total).toBeGreaterThanOrEqual(1);
    for (const flag of kenya.items) {
      expect([flag.first.nationality, flag.second.nationality]).toContain('KE');
    }
    const flag = kenya.items[0]!;
    const audited = await db
      .selectFrom('audit_event')
      .select(['action', 'data_subject_user_id', 'purpose'])
      .where('action', '=', 'job_seeker.viewed')
      .where('data_subject_user_id', 'in', [flag.first.userId, flag.second.userId])
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited[0]?.purpose).toBe('duplicate_review');

    const nepal = await duplicates.list(officer('NP'), {});
    const nepalFlag = nepal.items[0]!;
    expect(nepalFlag.first.nationality === 'NP' || nepalFlag.second.nationality === 'NP').toBe(
      true,
    );
    await expect(duplicates.detail(officer('KE'), nepalFlag.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(duplicates.detail(officer('KE'), 'not-an-id')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // A Nepali name in Devanagari on one side, in Latin letters on the other.
    const scripts = `${nepalFlag.first.givenNames} ${nepalFlag.second.givenNames}`;
    expect(scripts).toMatch(/\p{Script=Devanagari}/u);
    expect(scripts).toMatch(/[A-Z]/);
  });

  it('dismisses with a reason (named errors without one), once even when sent twice', async () => {
    const [flag] = (await duplicates.list(officer('KE'), {})).items;
    const ctx = officer('KE');
    const problem = await duplicates
      .decide(ctx, flag!.id, { decision: 'dismiss', reason: '   ' })
      .catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(ValidationError);
    expect((problem as ValidationError).fields).toEqual([
      { pointer: '/reason', detail: 'jobSeekers.duplicates.errors.enterReason' },
    ]);
    const reason = 'Different fathers’ names on the passports – سيدة أخرى';
    const dismissed = await duplicates.decide(ctx, flag!.id, { decision: 'dismiss', reason });
    expect(dismissed.state).toBe('dismissed');
    expect(dismissed.reason).toBe(reason);
    expect((await duplicates.decide(ctx, flag!.id, { decision: 'dismiss', reason })).state).toBe(
      'dismissed',
    );
    const late = await duplicates
      .decide(ctx, flag!.id, { decision: 'merge', keptUserId: flag!.first.userId })
      .catch((error: unknown) => error);
    expect((late as ValidationError).fields[0]?.detail).toBe(
      'jobSeekers.duplicates.errors.alreadyDecided',
    );
    const events = await db
      .selectFrom('audit_event')
      .select('data_subject_user_id')
      .where('action', '=', 'job_seeker_duplicate.dismissed')
      .execute();
    expect(events.map((event) => event.data_subject_user_id).sort()).toEqual(
      [flag!.first.userId, flag!.second.userId].sort(),
    );
    // Dismissed stays dismissed: a new scan does not flag the pair again.
    await db
      .updateTable('job_seeker')
      .set({ updated_at: new Date() })
      .where('user_id', '=', flag!.first.userId)
      .execute();
    await duplicates.scan();
    const pair = await db
      .selectFrom('job_seeker_duplicate')
      .select('state')
      .where('first_user_id', '=', flag!.first.userId)
      .where('second_user_id', '=', flag!.second.userId)
      .execute();
    expect(pair).toEqual([{ state: 'dismissed' }]);
  });

  it('merges: records which account is kept, the other marked merged into it, nothing deleted', async () => {
    const ctx = officer('BD');
    const [flag] = (await duplicates.list(ctx, {})).items;
    const wrong = await duplicates
      .decide(ctx, flag!.id, { decision: 'merge', keptUserId: officerId })
      .catch((error: unknown) => error);
    expect((wrong as ValidationError).fields[0]?.pointer).toBe('/keptUserId');
    const merged = await duplicates.decide(ctx, flag!.id, {
      decision: 'merge',
      keptUserId: flag!.first.userId,
    });
    expect(merged.state).toBe('merged');
    expect(merged.mergedUserId).toBe(flag!.second.userId);
    expect(await duplicates.mergedInto(flag!.second.userId)).toBe(flag!.first.userId);
    expect(await duplicates.mergedInto(flag!.first.userId)).toBeNull();
    const both = await db
      .selectFrom('job_seeker')
      .select('user_id')
      .where('user_id', 'in', [flag!.first.userId, flag!.second.userId])
      .execute();
    expect(both).toHaveLength(2);
    expect((await duplicates.list(ctx, { state: 'merged' })).total).toBe(1);
  });

  it('flags the same travel-document number (the identity documents’ hash) as its own rule', async () => {
    const profiles = await db
      .selectFrom('job_seeker')
      .select(['user_id', 'nationality'])
      .where('nationality', '=', 'PH')
      .orderBy('user_id')
      .limit(2)
      .execute();
    const [a, b] = profiles.map((row) => row.user_id);
    shared = [[a!, b!]];
    await db
      .updateTable('job_seeker')
      .set({ updated_at: new Date() })
      .where('user_id', '=', a!)
      .execute();
    expect((await duplicates.scan()).flagged).toBeGreaterThanOrEqual(1);
    const flags = await duplicates.list(officer('PH'), {});
    expect(flags.items.some((flag) => flag.rule === 'document_number')).toBe(true);
  });

  it('refuses anyone without job_seeker.merge', async () => {
    const seeker = officer(null, 'job_seeker');
    await expect(duplicates.list(seeker, {})).rejects.toThrow();
  });
});
