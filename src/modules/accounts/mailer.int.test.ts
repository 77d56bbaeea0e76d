import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { AuditLog } from '../../platform/audit/audit.js';
import { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { Translator } from '../../platform/i18n/translator.js';
import { Jobs } from '../../platform/jobs/jobs.js';
import { JobsRepository } from '../../platform/jobs/jobs.repository.js';
import type { JobTables } from '../../platform/jobs/jobs.tables.js';
import { RolesRepository } from '../organisations/roles.repository.js';
import { createAccounts } from './accounts.module.js';
import type { AccountsDatabase } from './accounts.tables.js';
import { EMAIL_JOB, type EmailMessage } from './mailer.js';

let database: TestDatabase;
let db: Kysely<AccountsDatabase & JobTables>;
let now = new Date('2026-12-03T10:00:00Z');
const sent: EmailMessage[] = [];
let transportDown = true;
let jobs: Jobs;
let accounts: ReturnType<typeof createAccounts>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  const config = testConfig();
  jobs = new Jobs(new JobsRepository(db), { clock: () => now });
  accounts = createAccounts({
    db,
    config,
    audit: new AuditLog(database.kysely),
    cipher: FieldCipher.fromConfig(config),
    roles: new RolesRepository(database.kysely),
    translator: new Translator(),
    jobs,
    now: () => now,
    log: { info: () => undefined, warn: () => undefined },
    transport: {
      deliver: async (message) => {
        if (transportDown) throw new Error('connection refused');
        sent.push(message);
      },
    },
  });
});

afterAll(async () => {
  await database.close();
});

const message = (subject: string) => ({ to: 'someone@example.org', subject, text: 'Hello' });

describe('email as a background job', () => {
  it('is enqueued with the change: a rolled-back transaction sends nothing', async () => {
    await db
      .transaction()
      .execute(async (trx) => {
        await accounts.mailer.enqueue(trx, message('rolled back'));
        throw new Error('refused');
      })
      .catch(() => undefined);
    expect(
      await db.selectFrom('email_outbox').where('subject', '=', 'rolled back').execute(),
    ).toEqual([]);
    expect(await db.selectFrom('job').where('name', '=', EMAIL_JOB).execute()).toEqual([]);
  });

  it('is retried with backoff when sending fails, then sent', async () => {
    transportDown = true;
    await accounts.mailer.send(message('retried'));
    const [email] = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('subject', '=', 'retried')
      .execute();
    expect(email?.sent_at).toBeNull();
    expect(email?.last_error).toBe('connection refused');
    const job = await db
      .selectFrom('job')
      .selectAll()
      .where('name', '=', EMAIL_JOB)
      .where('key', '=', email?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'queued', attempts: 1, last_error: 'connection refused' });
    expect(job.run_at).toEqual(new Date(now.getTime() + 60_000));

    // Still down a minute later: the next wait is two minutes.
    now = new Date(now.getTime() + 60_000);
    await jobs.runDue();
    const again = await db
      .selectFrom('job')
      .select(['attempts', 'run_at'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(again).toEqual({ attempts: 2, run_at: new Date(now.getTime() + 120_000) });

    transportDown = false;
    now = new Date(now.getTime() + 120_000);
    await jobs.runDue();
    expect(sent.map((m) => m.subject)).toEqual(['retried']);
    const delivered = await db
      .selectFrom('email_outbox')
      .select(['sent_at', 'body_text'])
      .where('id', '=', email?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(delivered).toEqual({ sent_at: now, body_text: null });
  });

  it('goes out at once when the transport works', async () => {
    transportDown = false;
    await accounts.mailer.send(message('at once'));
    expect(sent.map((m) => m.subject)).toContain('at once');
  });
});
