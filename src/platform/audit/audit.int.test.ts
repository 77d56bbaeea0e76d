import { randomUUID } from 'node:crypto';

import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import {
  AuditLog,
  REDACTED,
  SYSTEM_ACTOR,
  describeVerification,
  type AuditActor,
  type AuditEventInput,
  type AuditVerification,
} from './audit.js';
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
      await log.record(
        trx,
        event({
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
        }),
      );
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
    expect(result).toMatchObject({ ok: true, count: await countEvents(db) });
    expect(describeVerification(result)).toMatch(/^Audit chain intact: \d+ events\.\n/);
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
    await log.record(
      db,
      event({
        subjectIds: [subject],
        after: {
          passwordHash: 'argon2…',
          nested: { api_token: 'abc', name: 'kept' },
          totpSecret: 'x',
        },
      }),
    );
    const [row] = await log.list({ subjectId: subject, limit: 1 });
    expect(row?.after).toEqual({
      passwordHash: REDACTED,
      nested: { api_token: REDACTED, name: 'kept' },
      totpSecret: REDACTED,
    });
  });

  it('refuses actions that are not subject.verb, in code and in the table', async () => {
    await expect(log.record(db, event({ action: 'Vacancy Published' }))).rejects.toThrow(
      RangeError,
    );
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
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(
      /audit_event is append-only/,
    );
    await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(
      /audit_event is append-only/,
    );
    expect((await log.verify()).ok).toBe(true);
  });

  it('refuses a second event with the same predecessor (a fork)', async () => {
    const last = await db
      .selectFrom('audit_event')
      .select('prev_hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await expect(
      sql`insert into audit_event (occurred_at, action, subject_type, prev_hash, hash)
          values (now(), 'vacancy.published', 'vacancy', ${last.prev_hash}, ${'e'.repeat(64)})`.execute(
        db,
      ),
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
    expect(await log.verify({ batchSize: 7 })).toMatchObject({ ok: true, count: before + 25 });
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
    expect(bySubject.map((row) => row.id)).toEqual(
      [...bySubject.map((row) => row.id)].sort((a, b) => b - a),
    );

    const byActor = await log.list({ actorUserId: actor.userId!, limit: 10 });
    expect(byActor).toHaveLength(3);
    expect(
      await log.list({ actorUserId: actor.userId!, action: 'vacancy.updated', limit: 10 }),
    ).toHaveLength(1);
    expect(await log.list({ subjectId: subject, subjectType: 'person', limit: 10 })).toEqual([]);

    const page1 = await log.list({ subjectId: subject, limit: 3 });
    const page2 = await log.list({ subjectId: subject, limit: 3, beforeId: page1.at(-1)!.id });
    expect([...page1, ...page2].map((row) => row.id)).toEqual(bySubject.map((row) => row.id));

    expect(await log.list({ subjectId: subject, from: start, limit: 10 })).toHaveLength(4);
    expect(await log.list({ subjectId: subject, to: start, limit: 10 })).toEqual([]);
    expect(
      await log.list({ subjectId: subject, from: new Date(Date.now() + 60_000), limit: 10 }),
    ).toEqual([]);
    await expect(log.list({ limit: 0 })).rejects.toThrow(RangeError);
  });

  it('shows a person who read their data, and not who changed it or their own views', async () => {
    const person = randomUUID();
    const reader = officer();
    const about = (action: string, actor: AuditActor, dataSubjectUserId = person) =>
      log.record(
        db,
        event({ action, actor, subjectType: 'person', subjectIds: [person], dataSubjectUserId }),
      );
    const self: AuditActor = {
      userId: person,
      role: 'job_seeker',
      organisationId: null,
      apiKeyId: null,
    };

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
  // Every event's id in chain order; the last five are the ones recorded here (the template
  // database may already hold events, e.g. from seeding).
  let ids: number[];
  let base: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = auditDb(database);
    const log = new AuditLog(db);
    for (let index = 0; index < 5; index++) {
      await log.record(db, event({ after: { step: index } }));
    }
    ids = (await db.selectFrom('audit_event').select('id').orderBy('id').execute()).map(
      (row) => row.id,
    );
    base = ids.length - 5;
  });
  afterAll(async () => database.close());
  // Each test's damage was rolled back: the next one starts from an intact chain.
  afterEach(async () => {
    expect(await new AuditLog(db).verify()).toMatchObject({ ok: true, count: ids.length });
  });

  class RolledBack extends Error {}

  /**
   * Damages the log as its owner could (trigger off, change, trigger on), verifies, and rolls
   * it all back. The trigger stops mistakes; the chain is what still gives a deliberate
   * change away.
   */
  async function verifyAfter(change: (trx: Kysely<AuditTables>) => Promise<unknown>) {
    let result: AuditVerification | undefined;
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table audit_event disable trigger audit_event_append_only`.execute(trx);
        await change(trx);
        await sql`alter table audit_event enable trigger audit_event_append_only`.execute(trx);
        result = await new AuditLog(trx).verify({ batchSize: 2 });
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    if (!result) throw new Error('verify did not run');
    return result;
  }

  it('names an event whose content was changed', async () => {
    const result = await verifyAfter((trx) =>
      sql`update audit_event set after = '{"step": 99}' where id = ${ids[base + 2]}`.execute(trx),
    );
    expect(result).toMatchObject({
      ok: false,
      count: base + 2,
      brokenId: ids[base + 2],
      reason: 'its content does not match its hash: the event was altered',
    });
    expect(describeVerification(result)).toBe(
      `Audit chain broken at event #${ids[base + 2]}: its content does not match its hash: the event was altered`,
    );
  });

  it('names the event after a deleted one', async () => {
    const result = await verifyAfter((trx) =>
      sql`delete from audit_event where id = ${ids[base + 1]}`.execute(trx),
    );
    expect(result).toMatchObject({ ok: false, count: base + 1, brokenId: ids[base + 2] });
    expect(result.ok || result.reason).toMatch(`does not follow event #${ids[base]}`);
  });

  it('names the event after one that was changed and re-hashed', async () => {
    const row = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('id', '=', ids[base + 3]!)
      .executeTakeFirstOrThrow();
    const forged = eventHash(row.prev_hash, { ...row, purpose: 'covered up' });
    const result = await verifyAfter((trx) =>
      sql`update audit_event set purpose = 'covered up', hash = ${forged}
          where id = ${row.id}`.execute(trx),
    );
    expect(result).toMatchObject({ ok: false, count: base + 4, brokenId: ids[base + 4] });
    expect(result.ok || result.reason).toMatch(`does not follow event #${row.id}`);
  });

  it('notices when the first events are gone', async () => {
    const result = await verifyAfter((trx) =>
      sql`delete from audit_event where id = ${ids[0]}`.execute(trx),
    );
    expect(result).toMatchObject({ ok: false, count: 0, brokenId: ids[1] });
    expect(result.ok || result.reason).toMatch(/does not start the chain/);
  });

  it('has the trigger back on afterwards', async () => {
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/);
  });
});
