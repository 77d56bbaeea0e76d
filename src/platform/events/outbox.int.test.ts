import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { DurableConsumer, EventFollower } from './consumers.js';
import { BEGINNING, type DomainEvent, type PublishedEvent } from './domain-event.js';
import { Outbox } from './outbox.js';
import type { EventTables } from './outbox.tables.js';

let database: TestDatabase;
let db: Kysely<EventTables>;
let outbox: Outbox;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  outbox = new Outbox(db);
  await sql`create table handled (event_id bigint primary key, consumer text not null)`.execute(db);
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await sql`truncate domain_event, event_consumer, handled`.execute(db);
});

const suspended = (licenceId: string): DomainEvent => ({
  type: 'licence.suspended',
  subjectType: 'licence',
  subjectId: licenceId,
  payload: { organisationId: `org-${licenceId}` },
});

const ids = (events: readonly PublishedEvent[]) => events.map((event) => event.subjectId);

/** A committed write transaction of its own: moves the horizon past every older one. */
const tick = () => sql`insert into handled values (-nextval('domain_event_id_seq'), 'tick')`;

describe('the outbox', () => {
  it('writes in the caller’s transaction: nothing of a rolled-back one', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await outbox.publish(trx, [suspended('a')]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await db.transaction().execute((trx) => outbox.publish(trx, [suspended('b'), suspended('c')]));

    const batch = await outbox.read(BEGINNING);
    expect(ids(batch.settled)).toEqual(['b', 'c']);
    expect(batch.settled[0]).toMatchObject({
      type: 'licence.suspended',
      subjectType: 'licence',
      payload: { organisationId: 'org-b' },
    });
    expect(batch.settled[0]!.occurredAt).toBeInstanceOf(Date);
    expect(batch.unsettled).toEqual([]);
    expect(batch.more).toBe(false);
    // The cursor moves to the horizon: past both events, and a second read is empty.
    expect(batch.position.txid).toBeGreaterThan(batch.settled[1]!.position.txid);
    expect((await outbox.read(batch.position)).settled).toEqual([]);
  });

  it('refuses an event type that is not <subject>.<past tense>', async () => {
    await expect(
      outbox.publish(db, [{ type: 'Suspend', subjectType: 'licence', subjectId: 'x' }]),
    ).rejects.toThrow('not an event type');
  });

  it('reads in batches: a full batch stops at its last event, and says more may follow', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) await outbox.publish(db, [suspended(id)]);
    const first = await outbox.read(BEGINNING, { limit: 2 });
    expect(ids(first.settled)).toEqual(['a', 'b']);
    expect(first.more).toBe(true);
    expect(first.position).toEqual(first.settled[1]!.position);
    const second = await outbox.read(first.position, { limit: 2 });
    expect(ids(second.settled)).toEqual(['c', 'd']);
    const third = await outbox.read(second.position, { limit: 2 });
    expect(ids(third.settled)).toEqual(['e']);
    expect(third.more).toBe(false);
  });

  it('holds back, as unsettled, an event of a transaction younger than one still running', async () => {
    // A row whose txid is ahead of the horizon stands for a younger transaction that committed
    // while an older one is still open: the cursor must not pass it, but it can be seen early.
    await outbox.publish(db, [suspended('old')]);
    const horizon = await outbox.repository.horizon();
    await sql`insert into domain_event (txid, type, subject_type, subject_id)
      values (${horizon + 3}, 'vacancy.published', 'vacancy', 'young')`.execute(db);

    const follower = new EventFollower(outbox, BEGINNING);
    const batch = await outbox.read(BEGINNING);
    expect(ids(batch.settled)).toEqual(['old']);
    expect(ids(batch.unsettled)).toEqual(['young']);
    // The cursor stops before it (the insert above took a transaction id of its own).
    expect(batch.position.txid).toBeGreaterThan(horizon);
    expect(batch.position.txid).toBeLessThanOrEqual(batch.unsettled[0]!.position.txid);
    expect(ids(await follower.next())).toEqual(['old', 'young']);
    expect(await follower.next()).toEqual([]);

    const consumer = new DurableConsumer<EventTables>(outbox, 'test.held-back', async () => {});
    expect(await consumer.drain()).toBe(1);

    // Once every older transaction has ended, the event is settled: the durable consumer gets
    // it, the follower (which gave it early) does not give it twice.
    for (let i = 0; i < 5; i += 1) await tick().execute(db);
    expect(await consumer.drain()).toBe(1);
    expect(await follower.next()).toEqual([]);
    expect(follower.position.txid).toBeGreaterThan(horizon + 3);
  });
});

describe('a durable consumer', () => {
  const recorder =
    (name: string) =>
    async (trx: Kysely<EventTables>, events: readonly PublishedEvent[]): Promise<void> => {
      for (const event of events) {
        await sql`insert into handled values (${event.id}, ${name})`.execute(trx);
      }
    };

  it('handles each event once, in order, and keeps its cursor in the database', async () => {
    const seen: string[] = [];
    const consumer = new DurableConsumer<EventTables>(
      outbox,
      'test.statistics',
      async (trx, events) => {
        seen.push(...ids(events));
        await recorder('statistics')(trx, events);
      },
      { batchSize: 2 },
    );
    for (const id of ['a', 'b', 'c']) await outbox.publish(db, [suspended(id)]);
    expect(await consumer.drain()).toBe(3);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(await consumer.drain()).toBe(0);

    // A second instance (another process) resumes from the stored cursor.
    const again = new DurableConsumer<EventTables>(outbox, 'test.statistics', async (_, events) => {
      seen.push(...ids(events));
    });
    await outbox.publish(db, [suspended('d')]);
    expect(await again.drain()).toBe(1);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(await again.position()).not.toBeNull();
  });

  it('handles a failed batch again: the handler’s writes and the cursor roll back together', async () => {
    let fail = true;
    const consumer = new DurableConsumer<EventTables>(outbox, 'test.flaky', async (trx, events) => {
      await recorder('flaky')(trx, events);
      if (fail) throw new Error('mail server down');
    });
    await outbox.publish(db, [suspended('a')]);
    await expect(consumer.runOnce()).rejects.toThrow('mail server down');
    const count = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from handled`.execute(db)).rows[0]?.n,
      );
    expect(await count()).toBe(0);
    fail = false;
    expect(await consumer.runOnce()).toBe(1);
    expect(await count()).toBe(1);
  });

  it('starting "now" skips what was published before it first ran', async () => {
    await outbox.publish(db, [suspended('before')]);
    const seen: string[] = [];
    const consumer = new DurableConsumer<EventTables>(
      outbox,
      'test.notifications',
      async (_, events) => {
        seen.push(...ids(events));
      },
      { start: 'now' },
    );
    expect(await consumer.drain()).toBe(0);
    await outbox.publish(db, [suspended('after')]);
    expect(await consumer.drain()).toBe(1);
    expect(seen).toEqual(['after']);
  });

  it('never handles an event twice when several processes run it at once', async () => {
    for (let i = 0; i < 30; i += 1) await outbox.publish(db, [suspended(`e${i}`)]);
    const processes = [1, 2, 3].map(
      () =>
        new DurableConsumer<EventTables>(outbox, 'test.shared', recorder('shared'), {
          batchSize: 4,
        }),
    );
    // The primary key of `handled` fails a batch handled twice.
    await Promise.all(processes.map((consumer) => consumer.drain()));
    await processes[0]!.drain();
    const rows = await sql<{ n: number }>`select count(*)::int as n from handled`.execute(db);
    expect(rows.rows[0]?.n).toBe(30);
  });
});

describe('out-of-order commits', () => {
  // Two transactions open at once need two connections: PostgreSQL only (PGlite has one).
  it('does not pass an event whose transaction commits after a later one', async (context) => {
    if (database.kind !== 'postgres') context.skip();
    const follower = new EventFollower(outbox, await outbox.head());
    const seen: string[] = [];
    const consumer = new DurableConsumer<EventTables>(outbox, 'test.ordered', async (_, events) => {
      seen.push(...ids(events));
    });
    expect(await consumer.drain()).toBe(0);

    let commitFirst!: () => void;
    const held = new Promise<void>((resolve) => (commitFirst = resolve));
    let published!: () => void;
    const firstWritten = new Promise<void>((resolve) => (published = resolve));
    // The first transaction takes the lower id, then stays open while a second one commits.
    const first = db.transaction().execute(async (trx) => {
      await outbox.publish(trx, [suspended('first')]);
      published();
      await held;
    });
    await firstWritten;
    await db.transaction().execute((trx) => outbox.publish(trx, [suspended('second')]));
    const rows = await db.selectFrom('domain_event').select(['id', 'subject_id']).execute();
    expect(rows.map((row) => row.subject_id)).toEqual(['second']);

    // A cursor on ids would now pass 'second' (id 2) and never see 'first' (id 1).
    expect(await consumer.drain()).toBe(0);
    expect(ids(await follower.next())).toEqual(['second']);

    commitFirst();
    await first;
    expect(await consumer.drain()).toBe(2);
    expect(seen).toEqual(['first', 'second']);
    expect(ids(await follower.next())).toEqual(['first']);
    expect(await follower.next()).toEqual([]);
  });
});
