import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { Translator } from '../../platform/i18n/translator.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import { PRIVACY_NOTICE_VERSION, RECORD_KINDS, retentionRules } from './retention.js';

/** The privacy notice, the acknowledgement at registration, the account page's links. */
let h: Harness;
let ipCounter = 0;
const HOUR = 3_600_000;
const translator = new Translator();
const MINUTE = 60_000;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

function client(options: { lang?: string } = {}): TestClient {
  ipCounter += 1;
  return h.anonymous({ ...options, remoteAddress: `10.9.0.${ipCounter}` });
}

const rules = () => retentionRules(h.config.session);

/** Runs the real scheduled job once, now, as the runner would. */
async function runJob(name: string): Promise<void> {
  const key = `privacy-test-${Math.random()}`;
  await h.services.jobs.enqueue(h.db, name, {}, { key });
  expect(await h.services.jobs.runNow(name, key)).toBe('succeeded');
}

describe('the privacy notice', () => {
  it.each(LANGUAGES)('is public, in %s, with every kind of record and its period', async (lang) => {
    const t = translator.forLanguage(lang);
    const response = await client({ lang }).get('/privacy');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<html lang="${lang}"`);
    const body = response.body.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    expect(body).toContain(t('privacy.notice.title'));
    for (const kind of RECORD_KINDS)
      expect(body).toContain(t(`privacy.notice.records.${kind}.name`));
    expect(body).toContain(t('privacy.notice.periods.hours', { hours: 24 }));
    expect(body).toContain(t('privacy.notice.periods.days', { days: 30 }));
    expect(body).toContain(
      t('privacy.notice.periods.session', {
        idleMinutes: h.config.session.idleMinutes,
        absoluteHours: h.config.session.absoluteHours,
      }),
    );
    expect(body).toContain('href="/account/data"');
    expect(body).toContain('href="/account/access-log"');
    // Nothing from elsewhere: the page is whole without a network beyond Corridor.
    expect(response.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('is linked from the footer of every page and from the home page', async () => {
    const home = await client().get('/');
    expect(home.body).toContain('<a class="govuk-footer__link" href="/privacy">Privacy</a>');
    expect(home.body).toContain('href="/privacy"');
  });
});

describe('the retention periods the notice states', () => {
  it('name one period for every kind of record, and only jobs that exist', () => {
    const listed = rules().map((rule) => rule.record);
    expect([...listed].sort()).toEqual([...RECORD_KINDS].sort());
    const defined = h.services.jobs.names();
    for (const rule of rules()) if (rule.job) expect(defined).toContain(rule.job);
  });

  it('are what the jobs delete: throttling counters and password links', async () => {
    const throttling = rules().find((rule) => rule.record === 'throttling')!;
    const links = rules().find((rule) => rule.record === 'passwordLinks')!;
    if (throttling.period.kind !== 'hours' || links.period.kind !== 'hours')
      throw new Error('hours expected');
    const now = Date.now();
    const [past, within] = ['past', 'within'].map((name) => sha256Hex(`privacy-${name}-${now}`));
    await h.db
      .insertInto('sign_in_throttle')
      .values([
        {
          scope: 'ip',
          key_hash: past!,
          failures: 1,
          window_started_at: new Date(now - throttling.period.hours * HOUR - MINUTE),
          locked_until: null,
        },
        {
          scope: 'ip',
          key_hash: within!,
          failures: 1,
          window_started_at: new Date(now - throttling.period.hours * HOUR + 10 * MINUTE),
          locked_until: null,
        },
      ])
      .execute();
    const user = await h.factories.people.user({});
    await h.db
      .insertInto('password_reset')
      .values([
        {
          user_id: user.id,
          token_hash: past!,
          purpose: 'reset',
          created_at: new Date(now - 2 * links.period.hours * HOUR),
          expires_at: new Date(now - links.period.hours * HOUR - MINUTE),
          used_at: null,
        },
        {
          user_id: user.id,
          token_hash: within!,
          purpose: 'reset',
          created_at: new Date(now - 2 * links.period.hours * HOUR),
          expires_at: new Date(now - links.period.hours * HOUR + 10 * MINUTE),
          used_at: null,
        },
      ])
      .execute();

    await runJob(throttling.job!);

    const throttles = await h.db
      .selectFrom('sign_in_throttle')
      .select('key_hash')
      .where('key_hash', 'in', [past!, within!])
      .execute();
    expect(throttles.map((row) => row.key_hash)).toEqual([within]);
    const passwordLinks = await h.db
      .selectFrom('password_reset')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(passwordLinks.map((row) => row.token_hash)).toEqual([within]);
  });

  it('are what the jobs delete: records of background jobs', async () => {
    const jobs = rules().find((rule) => rule.record === 'backgroundJobs')!;
    if (jobs.period.kind !== 'days') throw new Error('days expected');
    const now = Date.now();
    const days = jobs.period.days * 24 * HOUR;
    const finished = [now - days - HOUR, now - days + HOUR].map((time) => new Date(time));
    const rows = await h.db
      .insertInto('job')
      .values(
        finished.map((finishedAt) => ({
          name: 'privacy.test',
          payload: '{}',
          state: 'succeeded' as const,
          run_at: finishedAt,
          max_attempts: 1,
          created_at: finishedAt,
          finished_at: finishedAt,
        })),
      )
      .returning('id')
      .execute();

    await runJob(jobs.job!);

    const left = await h.db
      .selectFrom('job')
      .select('id')
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    expect(left.map((row) => row.id)).toEqual([rows[1]!.id]);
  });
});

describe('registration', () => {
  it('refuses without the privacy notice read, with a named error and a link to it', async () => {
    const c = client();
    const form = await c.get('/register');
    expect(form.body).toContain('href="/privacy"');
    expect(form.body).toContain('name="privacyNoticeRead"');
    const email = `notice.refused.${process.pid}@example.org`;
    const response = await c.post('/register', {
      fullName: 'Amina Yusuf',
      email,
      preferredLanguage: 'en',
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Confirm that you have read the privacy notice']);
    expect(response.body).toContain('href="#privacyNoticeRead"');
    const user = await h.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it('records the version read and when, audited', async () => {
    const c = client();
    const email = `notice.read.${process.pid}@example.org`;
    const before = new Date();
    const response = await c.submit('/register', {
      fullName: 'Amina Yusuf',
      email,
      preferredLanguage: 'en',
      privacyNoticeRead: 'yes',
    });
    expect(response.statusCode).toBe(303);
    const user = await h.db
      .selectFrom('app_user')
      .select(['id', 'privacy_notice_version', 'privacy_notice_acknowledged_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user.privacy_notice_version).toBe(PRIVACY_NOTICE_VERSION);
    expect(user.privacy_notice_acknowledged_at!.getTime()).toBeGreaterThanOrEqual(
      before.getTime() - 1000,
    );
    const audit = await h.db
      .selectFrom('audit_event')
      .select(['after'])
      .where('action', '=', 'privacy_notice.acknowledged')
      .where('data_subject_user_id', '=', user.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ version: PRIVACY_NOTICE_VERSION });
  });
});

describe('the account page', () => {
  it('links everything the person has, each with a line on what is there', async () => {
    const user = await h.factories.people.user({ password: 'correct horse battery staple' });
    const c = await h.signIn(user);
    const page = await c.get('/account');
    expect(page.statusCode).toBe(200);
    for (const href of [
      '/account/identity-documents',
      '/account/consents',
      '/account/access-log',
      '/account/data',
      '/privacy',
      '/account/password',
      '/account/two-factor',
    ])
      expect(page.body).toContain(`href="${href}"`);
    expect(page.body).toContain('Download a copy of everything we hold about you, or erase it.');
    expect(page.body).toContain('action="/account/sign-out-everywhere"');
  });
});
