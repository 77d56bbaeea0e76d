import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import type { JsonObject } from '../audit/canonical-json.js';
import { Jobs } from './jobs.js';
import { JobsRepository } from './jobs.repository.js';
import type { JobTables } from './jobs.tables.js';
import { JobRunner } from './runner.js';

let database: TestDatabase;
let db: Kysely<JobTables>;
let repository: JobsRepository;
let now: Date;
const clock = () => now;
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

function jobsFor(processId: string): Jobs {
  return new Jobs(repository, { clock, processId });
}

async function jobRows(name: string) {
  return db.selectFrom('job').selectAll().where('name', '=', name).orderBy('id').execute();
}

async function runRows(name: string) {
  return db.selectFrom('job_run').selectAll().where('job_name', '=', name).orderBy('id').execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  repository = new JobsRepository(db);
});

afterAll(async () => {
  await database.close();
});

beforeEach(() => {
  now = new Date('2026-12-03T10:00:00Z');
});

/**
 * A repository whose statements are counted, as "<kind>:<tables>". First in this file, while
 * nothing is due in its database.
 */
function countedRepository() {
  const statements: string[] = [];
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      const json = JSON.stringify(args.node);
      const tables = ['job_runner_lease', 'job_schedule', 'job_run', 'job'].filter((table) =>
        json.includes(`"name":"${table}"`),
      );
      statements.push(`${args.node.kind}:${tables.join(',')}`);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { statements, repository: new JobsRepository(db.withPlugin(counter)) };
}

describe('an idle runner', () => {
  it('reads once per poll when nothing is due, in no transaction', async () => {
    const { statements, repository: counted } = countedRepository();
    const jobs = new Jobs(counted, { clock, processId: 'idle' });
    jobs.define({ name: 'test.idle', run: async () => undefined });
    expect(await jobs.runDue()).toEqual({ succeeded: 0, failed: 0 });
    expect(statements).toEqual(['SelectQueryNode:job_schedule,job']);
  });

  it('renews its lease when half of it has run, not at every poll', async () => {
    const { statements, repository: counted } = countedRepository();
    const jobs = new Jobs(counted, { processId: 'idle' });
    jobs.define({ name: 'test.idle', run: async () => undefined });
    const runner = new JobRunner(jobs, { pollMs: 10, leaseMs: 60_000 });
    const polls = () =>
      statements.filter((statement) => statement === 'SelectQueryNode:job_schedule,job').length;
    await runner.start();
    while (polls() < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    await runner.stop();
    // Taken once, given up once on stop.
    expect(statements.filter((s) => s === 'UpdateQueryNode:job_runner_lease')).toHaveLength(2);
  });
});

describe('an enqueue', () => {
  it('does not wake the runner before its transaction commits; a nudge after does', async () => {
    const { statements, repository: counted } = countedRepository();
    const jobs = new Jobs(counted, { processId: 'woken' });
    let runs = 0;
    jobs.define({ name: 'test.woken', run: async () => void (runs += 1) });
    const runner = new JobRunner(jobs, { pollMs: 60_000 });
    const polls = () =>
      statements.filter((statement) => statement === 'SelectQueryNode:job_schedule,job').length;
    await runner.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = polls();
    await db.transaction().execute(async (trx) => {
      await jobs.enqueue(trx, 'test.woken');
      // A pass now would find nothing (on PGlite it would wait for the connection).
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(polls()).toBe(before);
    expect(runs).toBe(0);

    jobs.nudge();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toBe(1);
    await runner.stop();
  });
});

describe('queued jobs', () => {
  it('exist only when the transaction that enqueues them commits', async () => {
    const jobs = jobsFor('p1');
    const seen: JsonObject[] = [];
    jobs.define({ name: 'test.commit', run: async (payload) => void seen.push(payload) });

    await db
      .transaction()
      .execute(async (trx) => {
        await jobs.enqueue(trx, 'test.commit', { n: 1 });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await jobRows('test.commit')).toHaveLength(0);

    await db.transaction().execute(async (trx) => {
      await jobs.enqueue(trx, 'test.commit', { n: 2 });
    });
    expect(await jobs.runDue()).toEqual({ succeeded: 1, failed: 0 });
    expect(seen).toEqual([{ n: 2 }]);
    const [job] = await jobRows('test.commit');
    expect(job).toMatchObject({ state: 'succeeded', attempts: 1, last_error: null });
    expect(await runRows('test.commit')).toMatchObject([
      { attempt: 1, outcome: 'succeeded', runner: 'p1', error: null },
    ]);
  });

  it('wait for their time', async () => {
    const jobs = jobsFor('p1');
    let runs = 0;
    jobs.define({ name: 'test.later', run: async () => void (runs += 1) });
    await jobs.enqueue(db, 'test.later', {}, { runAt: new Date(now.getTime() + 60_000) });
    await jobs.runDue();
    expect(runs).toBe(0);
    advance(60_000);
    await jobs.runDue();
    expect(runs).toBe(1);
  });

  it('are added once per key', async () => {
    const jobs = jobsFor('p1');
    jobs.define({ name: 'test.keyed', run: async () => undefined });
    expect(await jobs.enqueue(db, 'test.keyed', {}, { key: 'k' })).toEqual(expect.any(Number));
    expect(await jobs.enqueue(db, 'test.keyed', {}, { key: 'k' })).toBeNull();
    expect(await jobRows('test.keyed')).toHaveLength(1);
  });

  it('are retried with exponential backoff, then fail with their last error', async () => {
    const jobs = jobsFor('p1');
    let attempts = 0;
    jobs.define({
      name: 'test.flaky',
      maxAttempts: 3,
      backoff: { baseMs: 1000, maxMs: 60_000 },
      run: async (_payload, context) => {
        attempts += 1;
        throw new Error(`attempt ${context.attempt} of ${context.maxAttempts} failed`);
      },
    });
    await jobs.enqueue(db, 'test.flaky');

    expect(await jobs.runDue()).toEqual({ succeeded: 0, failed: 1 });
    let [job] = await jobRows('test.flaky');
    expect(job).toMatchObject({ state: 'queued', attempts: 1 });
    expect(job?.run_at).toEqual(new Date(now.getTime() + 1000));
    expect(job?.last_error).toBe('attempt 1 of 3 failed');

    advance(999);
    await jobs.runDue();
    expect(attempts).toBe(1);
    advance(1);
    await jobs.runDue();
    [job] = await jobRows('test.flaky');
    expect(job?.run_at).toEqual(new Date(now.getTime() + 2000));

    advance(2000);
    await jobs.runDue();
    [job] = await jobRows('test.flaky');
    expect(job).toMatchObject({
      state: 'failed',
      attempts: 3,
      last_error: 'attempt 3 of 3 failed',
    });
    expect(job?.finished_at).toEqual(now);
    advance(3_600_000);
    await jobs.runDue();
    expect(attempts).toBe(3);
    expect((await runRows('test.flaky')).map((run) => [run.attempt, run.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
    ]);
  });

  it('run again once retried, with one more attempt', async () => {
    const jobs = jobsFor('p1');
    let fail = true;
    jobs.define({
      name: 'test.retried',
      maxAttempts: 1,
      run: async () => {
        if (fail) throw new Error('down');
      },
    });
    const id = await jobs.enqueue(db, 'test.retried');
    await jobs.runDue();
    expect((await jobRows('test.retried'))[0]?.state).toBe('failed');
    expect(await repository.retry(db, id ?? 0, now)).toBe(true);
    fail = false;
    await jobs.runDue();
    expect((await jobRows('test.retried'))[0]).toMatchObject({
      state: 'succeeded',
      attempts: 2,
      max_attempts: 2,
    });
    expect(await repository.retry(db, id ?? 0, now)).toBe(false);
  });

  it('are taken over when their runner went away', async () => {
    const jobs = jobsFor('p2');
    let runs = 0;
    jobs.define({ name: 'test.abandoned', timeoutMs: 60_000, run: async () => void (runs += 1) });
    await jobs.enqueue(db, 'test.abandoned');
    // Another process claims it, then dies.
    await repository.claimNext({
      runner: 'ghost',
      now,
      lockedUntil: () => new Date(now.getTime() + 60_000),
      names: ['test.abandoned'],
    });
    await jobs.runDue();
    expect(runs).toBe(0);
    advance(60_001);
    await jobs.runDue();
    expect(runs).toBe(1);
    expect((await runRows('test.abandoned')).map((run) => [run.runner, run.outcome])).toEqual([
      ['ghost', 'failed'],
      ['p2', 'succeeded'],
    ]);
  });

  it('keep the state of the attempt that holds them when a late one finishes', async () => {
    const jobs = jobsFor('p1');
    jobs.define({ name: 'test.late', timeoutMs: 1000, run: async () => undefined });
    await jobs.enqueue(db, 'test.late');
    const claim = () =>
      repository.claimNext({
        runner: 'p1',
        now,
        lockedUntil: () => new Date(now.getTime() + 1000),
        names: ['test.late'],
      });
    const first = await claim();
    advance(1001);
    await repository.recoverAbandoned(now);
    // The same process claims it again; then the first attempt, which had hung, ends.
    const second = await claim();
    await repository.finish(first!, now, { outcome: 'succeeded' });
    expect((await jobRows('test.late'))[0]).toMatchObject({ state: 'running', attempts: 2 });
    await repository.finish(second!, now, { outcome: 'succeeded' });
    expect((await jobRows('test.late'))[0]).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('are claimed by one runner each when several run at once', async () => {
    const ran: number[] = [];
    const runners = ['p1', 'p2', 'p3'].map((id) => {
      const jobs = jobsFor(id);
      jobs.define({
        name: 'test.contended',
        run: async (_payload, context) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          ran.push(context.jobId);
        },
      });
      return jobs;
    });
    const ids: (number | null)[] = [];
    for (let index = 0; index < 30; index += 1) {
      ids.push(await runners[0]!.enqueue(db, 'test.contended', { index }));
    }
    // On PostgreSQL the three passes claim at the same time, on separate connections.
    await Promise.all(runners.map((jobs) => jobs.runDue(10)));
    await Promise.all(runners.map((jobs) => jobs.runDue(10)));
    expect([...ran].sort((a, b) => a - b)).toEqual(ids);
    expect((await runRows('test.contended')).every((run) => run.outcome === 'succeeded')).toBe(
      true,
    );
    expect(await runRows('test.contended')).toHaveLength(30);
  });

  it('are locked from when each starts, not from when the pass began', async () => {
    const jobs = jobsFor('p1');
    const lockedWhileRunning: boolean[] = [];
    jobs.define({
      name: 'test.long',
      timeoutMs: 60_000,
      run: async (_payload, context) => {
        const row = await db
          .selectFrom('job')
          .select('locked_until')
          .where('id', '=', context.jobId)
          .executeTakeFirstOrThrow();
        lockedWhileRunning.push(row.locked_until !== null && row.locked_until > now);
        // Longer than the timeout: a job claimed with this one would already look abandoned.
        advance(120_000);
      },
    });
    await jobs.enqueue(db, 'test.long', { n: 1 });
    await jobs.enqueue(db, 'test.long', { n: 2 });
    expect(await jobs.runDue()).toEqual({ succeeded: 2, failed: 0 });
    expect(lockedWhileRunning).toEqual([true, true]);
  });

  it('run at once with runNow, and never twice', async () => {
    const jobs = jobsFor('p1');
    let runs = 0;
    jobs.define({ name: 'test.eager', run: async () => void (runs += 1) });
    await jobs.enqueue(db, 'test.eager', {}, { key: 'one' });
    expect(await jobs.runNow('test.eager', 'one')).toBe('succeeded');
    expect(await jobs.runNow('test.eager', 'one')).toBe('none');
    await jobs.runDue();
    expect(runs).toBe(1);
  });
});

describe('scheduled jobs', () => {
  it('run once when due, then at their next time', async () => {
    const jobs = jobsFor('p1');
    let runs = 0;
    jobs.define({ name: 'test.hourly', run: async () => void (runs += 1) });
    jobs.schedule('test.hourly', { everyMinutes: 60 });
    await jobs.syncSchedules();
    await jobs.runDue();
    await jobs.runDue();
    expect(runs).toBe(1);
    const schedule = (await repository.schedules.all()).find((s) => s.jobName === 'test.hourly');
    expect(schedule?.nextRunAt).toEqual(new Date('2026-12-03T11:00:00Z'));

    advance(59 * 60_000);
    await jobs.runDue();
    expect(runs).toBe(1);
    advance(60_000);
    await jobs.runDue();
    expect(runs).toBe(2);
    // A long stop runs a missed job once, not once per missed hour.
    advance(10 * 3_600_000);
    await jobs.runDue();
    await jobs.runDue();
    expect(runs).toBe(3);
  });

  it('follow a cron expression, and are fired by one process only', async () => {
    const first = jobsFor('p1');
    const second = jobsFor('p2');
    let runs = 0;
    for (const jobs of [first, second]) {
      jobs.define({ name: 'test.nightly', run: async () => void (runs += 1) });
      jobs.schedule('test.nightly', { cron: '1 0 * * *' });
    }
    await first.syncSchedules();
    await second.syncSchedules();
    await Promise.all([first.runDue(), second.runDue()]);
    expect(runs).toBe(1);
    const schedule = (await repository.schedules.all()).find((s) => s.jobName === 'test.nightly');
    expect(schedule?.nextRunAt).toEqual(new Date('2026-12-04T00:01:00Z'));
  });
});

describe('the runner', () => {
  it('is active in one process at a time, and hands over when stopped', async () => {
    const seen: string[] = [];
    const make = (id: string) => {
      const jobs = new Jobs(repository, { processId: id });
      jobs.define({ name: 'test.leader', run: async () => void seen.push(id) });
      return { jobs, runner: new JobRunner(jobs, { pollMs: 20, leaseMs: 60_000 }) };
    };
    const a = make('runner-a');
    const b = make('runner-b');
    await a.runner.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await b.runner.start();
    await b.jobs.enqueue(db, 'test.leader');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toEqual(['runner-a']);
    expect((await repository.lease.current())?.holder).toBe('runner-a');

    await a.runner.stop();
    await b.jobs.enqueue(db, 'test.leader');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toEqual(['runner-a', 'runner-b']);
    await b.runner.stop();
    expect((await repository.lease.current())?.holder).toBeNull();
  });

  it('lets the job in hand finish on stop', async () => {
    const jobs = new Jobs(repository, { processId: 'runner-c' });
    let finished = false;
    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    jobs.define({
      name: 'test.slow',
      run: async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 100));
        finished = true;
      },
    });
    const runner = new JobRunner(jobs, { pollMs: 10 });
    await jobs.enqueue(db, 'test.slow', { n: 1 });
    await jobs.enqueue(db, 'test.slow', { n: 2 });
    await runner.start();
    await startedPromise;
    await runner.stop();
    expect(finished).toBe(true);
    // The job in hand finished; the next one was left for whichever runner comes next.
    expect((await jobRows('test.slow')).map((job) => [job.state, job.attempts])).toEqual([
      ['succeeded', 1],
      ['queued', 0],
    ]);
  });
});
