import { randomUUID } from 'node:crypto';
// eslint-disable-next-line no-restricted-imports -- the test drives audit_event with raw SQL
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { AuditLog, REDACTED, SYSTEM_ACTOR, describeVerification, type AuditActor, type AuditEventInput } from './audit.js';
import { eventHash } from './audit.chain.js';
import type { AuditTables } from './audit.tables.js';

// Until src/database.ts lists AuditTables, the test database's type does not know the table.
const auditDb = (database: TestDatabase) => database.kysely as unknown as Kysely<AuditTables>;

const officer = (): AuditActor => ({
  userId: randomUUID(),
  role: 'origin_officer',
  organisationId: randomUUID(),
  apiKeyId: null,
});

function event(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action: 'vacancy.published',
    actor: SYSTEM_ACTOR,
    subjectType: 'vacancy',
    subjectIds: [randomUUID()],
    ...overrides,
  };
}

async function countEvents(db: Kysely<AuditTables>): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('AuditLog on one database', () => {
  let database: TestDatabase;
  let db: Kysely<AuditTables>;
  let log: AuditLog;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = auditDb(database);
    log = new AuditLog(db);
  });
  afterAll(async () => database.close());

  it('records events in the caller transaction and verifies the chain', async () => {
    const actor = officer();
    const subject = randomUUID();
    await db.transaction().execute(async (trx) => {
      await log.record(trx, event({
        action: 'person.updated',
        actor,
        subjectType: 'person',
        subjectIds: [subject],
        dataSubjectUserId: subject,
        purpose: 'Correct the date of birth',
        requestId: 'req-1',
        ipAddress: '2001:db8::1',
        before: { dateOfBirth: '1990-01-01', at: new Date(Date.UTC(2026, 0, 1)) },
        after: { dateOfBirth: '1990-01-10', note: 'مراجعة 审核 🧳' },
      }));
    });
    // Without a transaction, record opens its own.
    await log.record(db, event());

    const [latest, first] = await log.list({ limit: 2 });
    expect(latest?.action).toBe('vacancy.published');
    expect(first).toMatchObject({
      action: 'person.updated',
      actor,
      subjectType: 'person',
      subjectIds: [subject],
      dataSubjectUserId: subject,
      purpose: 'Correct the date of birth',
      requestId: 'req-1',
      ipAddress: '2001:db8::1',
      before: { dateOfBirth: '1990-01-01', at: '2026-01-01T00:00:00.000Z' },
      after: { dateOfBirth: '1990-01-10', note: 'مراجعة 审核 🧳' },
    });
    expect(first?.occurredAt).toBeInstanceOf(Date);
    const result = await log.verify({ batchSize: 1 });
    expect(result).toEqual({ ok: true, count: await countEvents(db) });
    expect(describeVerification(result)).toMatch(/^Audit chain intact: \d+ events\.$/);
  });

  it('commits nothing when the caller transaction rolls back', async () => {
    const before = await countEvents(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await log.record(trx, event());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await countEvents(db)).toBe(before);
    expect((await log.verify()).ok).toBe(true);
  });

  it('redacts values whose keys look like secrets', async () => {
    const subject = randomUUID();
    await log.record(db, event({
      subjectIds: [subject],
      after: { passwordHash: 'argon2…', nested: { api_token: 'abc', name: 'kept' }, totpSecret: 'x' },
    }));
    const [row] = await log.list({ subjectId: subject, limit: 1 });
    expect(row?.after).toEqual({
      passwordHash: REDACTED,
      nested: { api_token: REDACTED, name: 'kept' },
      totpSecret: REDACTED,
    });
  });

  it('refuses actions that are not subject.verb, in code and in the table', async () => {
    await expect(log.record(db, event({ action: 'Vacancy Published' }))).rejects.toThrow(RangeError);
    await expect(log.record(db, event({ subjectType: 'Vacancy' }))).rejects.toThrow(RangeError);
    await expect(
      sql`insert into audit_event (action, subject_type, prev_hash, hash)
          values ('published', 'vacancy', ${'0'.repeat(64)}, ${'f'.repeat(64)})`.execute(db),
    ).rejects.toThrow(/check constraint/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_event', async () => {
    await log.record(db, event());
    await expect(sql`update audit_event set purpose = 'rewritten'`.execute(db)).rejects.toThrow(
      /audit_event is append-only/,
    );
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/audit_event is append-only/);
    await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(/audit_event is append-only/);
    expect((await log.verify()).ok).toBe(true);
  });

  it('refuses a second event with the same predecessor (a fork)', async () => {
    const last = await db.selectFrom('audit_event').select('prev_hash').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await expect(
      sql`insert into audit_event (occurred_at, action, subject_type, prev_hash, hash)
          values (now(), 'vacancy.published', 'vacancy', ${last.prev_hash}, ${'e'.repeat(64)})`.execute(db),
    ).rejects.toThrow(/audit_event_prev_hash_key|duplicate key/);
  });

  it('keeps one unbroken chain when many transactions record at once', async () => {
    const before = await countEvents(db);
    await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        db.transaction().execute(async (trx) => {
          // Some work before the audit event, as a service would do.
          await sql`select ${index}::int`.execute(trx);
          await log.record(trx, event({ purpose: `writer ${index}` }));
        }),
      ),
    );
    expect(await countEvents(db)).toBe(before + 25);
    expect(await log.verify({ batchSize: 7 })).toEqual({ ok: true, count: before + 25 });
  });

  it('lists newest first with filters and keyset pages', async () => {
    const actor = officer();
    const subject = randomUUID();
    const start = new Date();
    for (const action of ['vacancy.created', 'vacancy.updated', 'vacancy.published']) {
      await log.record(db, event({ action, actor, subjectIds: [subject, randomUUID()] }));
    }
    await log.record(db, event({ action: 'vacancy.updated', subjectIds: [subject] }));

    const bySubject = await log.list({ subjectId: subject, limit: 10 });
    expect(bySubject.map((row) => row.action)).toEqual([
      'vacancy.updated',
      'vacancy.published',
      'vacancy.updated',
      'vacancy.created',
    ]);
    expect(bySubject.map((row) => row.id)).toEqual([...bySubject.map((row) => row.id)].sort((a, b) => b - a));

    const byActor = await log.list({ actorUserId: actor.userId!, limit: 10 });
    expect(byActor).toHaveLength(3);
    expect(await log.list({ actorUserId: actor.userId!, action: 'vacancy.updated', limit: 10 })).toHaveLength(1);
    expect(await log.list({ subjectId: subject, subjectType: 'person', limit: 10 })).toEqual([]);

    const page1 = await log.list({ subjectId: subject, limit: 3 });
    const page2 = await log.list({ subjectId: subject, limit: 3, beforeId: page1.at(-1)!.id });
    expect([...page1, ...page2].map((row) => row.id)).toEqual(bySubject.map((row) => row.id));

    expect(await log.list({ subjectId: subject, from: start, limit: 10 })).toHaveLength(4);
    expect(await log.list({ subjectId: subject, to: start, limit: 10 })).toEqual([]);
    expect(await log.list({ subjectId: subject, from: new Date(Date.now() + 60_000), limit: 10 })).toEqual([]);
    await expect(log.list({ limit: 0 })).rejects.toThrow(RangeError);
  });

  it('shows a person who read their data, and not who changed it or their own views', async () => {
    const person = randomUUID();
    const reader = officer();
    const about = (action: string, actor: AuditActor, dataSubjectUserId = person) =>
      log.record(db, event({ action, actor, subjectType: 'person', subjectIds: [person], dataSubjectUserId }));
    const self: AuditActor = { userId: person, role: 'job_seeker', organisationId: null, apiKeyId: null };

    await about('person.viewed', reader);
    await about('person.updated', reader);
    await about('person.viewed', self);
    await about('travel_document.exported', reader);
    await about('person.viewed', reader, randomUUID());
    await about('person.disclosed', SYSTEM_ACTOR);

    const accesses = await log.accessesTo(person, { limit: 10 });
    expect(accesses.map((row) => [row.action, row.actor.userId])).toEqual([
      ['person.disclosed', null],
      ['travel_document.exported', reader.userId],
      ['person.viewed', reader.userId],
    ]);
    const newest = await log.accessesTo(person, { limit: 1 });
    expect(newest.map((row) => row.action)).toEqual(['person.disclosed']);
    const older = await log.accessesTo(person, { limit: 10, beforeId: newest[0]!.id });
    expect(older).toHaveLength(2);
  });
});

describe('AuditLog.verify finds tampering', () => {
  let database: TestDatabase;
  let db: Kysely<AuditTables>;
  let log: AuditLog;
  let ids: number[];

  // A fresh database per test: each one damages the chain on purpose.
  beforeEach(async () => {
    database = await createTestDatabase();
    db = auditDb(database);
    log = new AuditLog(db);
    for (let index = 0; index < 5; index++) {
      await log.record(db, event({ after: { step: index } }));
    }
    ids = (await db.selectFrom('audit_event').select('id').orderBy('id').execute()).map((row) => row.id);
    expect(await log.verify()).toEqual({ ok: true, count: 5 });
  });
  afterEach(async () => database.close());

  // The table owner can switch the trigger off; the chain is what still gives it away.
  async function withoutTrigger(change: () => Promise<unknown>) {
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(db);
    await change();
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(db);
  }

  it('names an event whose content was changed', async () => {
    await withoutTrigger(() =>
      sql`update audit_event set after = '{"step": 99}' where id = ${ids[2]}`.execute(db),
    );
    const result = await log.verify({ batchSize: 2 });
    expect(result).toEqual({
      ok: false,
      count: 2,
      brokenId: ids[2],
      reason: expect.stringMatching(/content does not match its hash/) as unknown,
    });
    expect(describeVerification(result)).toMatch(new RegExp(`^Audit chain broken at event #${ids[2]}: `));
  });

  it('names the event after a deleted one', async () => {
    await withoutTrigger(() => sql`delete from audit_event where id = ${ids[1]}`.execute(db));
    expect(await log.verify()).toMatchObject({ ok: false, count: 1, brokenId: ids[2], reason: expect.stringMatching(/does not follow event #/) as unknown });
  });

  it('names the event after one that was changed and re-hashed', async () => {
    const row = await db.selectFrom('audit_event').selectAll().where('id', '=', ids[3]!).executeTakeFirstOrThrow();
    const forged = eventHash(row.prev_hash, { ...row, purpose: 'covered up' });
    await withoutTrigger(() =>
      sql`update audit_event set purpose = 'covered up', hash = ${forged} where id = ${ids[3]}`.execute(db),
    );
    expect(await log.verify()).toMatchObject({
      ok: false,
      count: 3,
      brokenId: ids[4],
      reason: expect.stringMatching(new RegExp(`does not follow event #${ids[3]}`)) as unknown,
    });
  });

  it('notices when the first events are gone', async () => {
    await withoutTrigger(() => sql`delete from audit_event where id = ${ids[0]}`.execute(db));
    expect(await log.verify()).toMatchObject({ ok: false, count: 0, brokenId: ids[1], reason: expect.stringMatching(/does not start the chain/) as unknown });
  });

  it('keeps working after the trigger is back on', async () => {
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/);
    expect(await log.verify()).toEqual({ ok: true, count: 5 });
  });
});
