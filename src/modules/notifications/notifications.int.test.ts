import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactories, type TestUser } from '../../../test/factories/index.js';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import type { Kysely } from 'kysely';
import { systemContext } from '../../platform/authz/context.js';
import { createServices, type Services } from '../../services.js';
import { accountsModule } from '../accounts/accounts.module.js';
import type { ApplicationNotice } from '../applications/applications.notice.js';
import { organisationsModule } from '../organisations/organisations.module.js';
import { referenceModule } from '../reference/reference.module.js';
import { systemJobsModule } from '../system-jobs/system-jobs.module.js';
import { notificationsNeeds } from './notifications.module.js';
import { NotificationsRepository } from './notifications.repository.js';
import {
  NOTIFICATIONS_CONSUMER,
  NotificationsService,
  type SmsChannel,
} from './notifications.service.js';
import type { NotificationsDb } from './notifications.tables.js';

/**
 * The consumer on a real database (PGlite): application events in the outbox become one
 * notification, one email in the person's language and one SMS (through a fake gateway), as the
 * person chose; a retry sends nothing twice; the person reads, marks read, chooses channels.
 * The applications module is a fake here (its `noticeFor`), the accounts module is the real one.
 */

let database: TestDatabase;
let services: Services;
let notifications: NotificationsService;
let arabic: TestUser;
let french: TestUser;
let quiet: TestUser;
const PHONES = new Map<string, string>();
const notices = new Map<string, ApplicationNotice>();
const sms: { id: string; to: string; text: string; delivered: boolean }[] = [];

const fakeSms: SmsChannel = {
  enqueue: async (_executor, message) => {
    const id = `sms-${sms.length + 1}`;
    sms.push({ id, ...message, delivered: false });
    return Promise.resolve(id);
  },
  deliver: async (id) => {
    const found = sms.find((message) => message.id === id);
    if (found) found.delivered = true;
    return Promise.resolve();
  },
};

function notice(userId: string, overrides: Partial<ApplicationNotice> = {}): ApplicationNotice {
  const applicationId = crypto.randomUUID();
  const value: ApplicationNotice = {
    applicationId,
    seekerUserId: userId,
    state: 'shortlisted',
    vacancyTitle: 'ممرضة مسجلة – العناية المركزة',
    vacancyReference: 'V-2026-00042',
    organisationName: 'Gulf Care Hospitals L.L.C.',
    reason: null,
    interviewAt: null,
    path: `/applications/${applicationId}`,
    ...overrides,
  };
  notices.set(applicationId, value);
  return value;
}

async function publish(type: string, applicationId: string): Promise<void> {
  await services.events.publish(database.kysely, [
    { type, subjectType: 'application', subjectId: applicationId, payload: {} },
  ]);
}

const db = () => database.kysely as unknown as NotificationsDb;

async function rowsFor(userId: string) {
  return db()
    .selectFrom('notification')
    .selectAll()
    .where('recipient_user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

async function emailsTo(address: string) {
  const all = await services.accounts.mailer.latest(200);
  return all.filter((message) => message.recipient === address.toLowerCase());
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The modules the consumer needs, as the app builds them (the applications module is faked).
  services = createServices({ db: database.kysely, config: testConfig() }, [
    referenceModule,
    systemJobsModule,
    accountsModule,
    organisationsModule,
  ] as never);
  const factories = createFactories({ db: database.kysely, services });
  arabic = await factories.people.user({ preferredLanguage: 'ar', fullName: 'فاطمة الزهراء' });
  french = await factories.people.user({ preferredLanguage: 'fr', fullName: 'Aïssatou Diallo' });
  quiet = await factories.people.user({ preferredLanguage: 'bn', fullName: 'আমিনা খাতুন' });
  PHONES.set(french.id, '+221771234567');
  const base = notificationsNeeds(services.accounts, {
    noticeFor: (id) => Promise.resolve(notices.get(id) ?? null),
  });
  notifications = new NotificationsService({
    repository: new NotificationsRepository(db()),
    audit: services.audit,
    events: services.events,
    translator: services.translator,
    publicUrl: 'https://corridor.example.org',
    needs: {
      ...base,
      // The accounts module's phone numbers are coming (issue 13, part 1): given here.
      recipients: async (ids) => {
        const found = await base.recipients(ids);
        for (const [id, person] of found) person.phone = PHONES.get(id) ?? person.phone;
        return found;
      },
      sms: () => fakeSms,
    },
  });
  // What was in the outbox before this test (none of it about applications) is passed.
  await notifications.deliverPending();
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('the notifications consumer', () => {
  it('tells a person in the app and by email in their language, once', async () => {
    const shortlisted = notice(arabic.id);
    await publish('application.shortlisted', shortlisted.applicationId);
    expect(await notifications.deliverPending()).toBe(1);

    const rows = await rowsFor(arabic.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'shortlisted',
      application_id: shortlisted.applicationId,
      vacancy_title: 'ممرضة مسجلة – العناية المركزة',
      read_at: null,
    });
    const emails = await emailsTo(arabic.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain('في القائمة القصيرة');
    expect(emails[0]!.subject).toContain('ممرضة مسجلة – العناية المركزة');
    expect(emails[0]!.bodyText).toContain('فاطمة الزهراء');
    expect(emails[0]!.bodyText).toContain(
      `https://corridor.example.org/applications/${shortlisted.applicationId}`,
    );
    // An email address and no choice made: no SMS by default.
    expect(sms.filter((message) => message.to === PHONES.get(arabic.id))).toHaveLength(0);

    // Run again: nothing new.
    expect(await notifications.deliverPending()).toBe(0);
    expect(await rowsFor(arabic.id)).toHaveLength(1);
    expect(await emailsTo(arabic.email)).toHaveLength(1);
  });

  it('sends nothing twice when an event is handled again (a retry)', async () => {
    const before = {
      rows: (await rowsFor(arabic.id)).length,
      emails: (await emailsTo(arabic.email)).length,
    };
    // The cursor back to the beginning: every event comes again.
    await database.kysely
      .updateTable('event_consumer' as never)
      .set({ after_txid: 0, after_id: 0 } as never)
      .where('name' as never, '=', NOTIFICATIONS_CONSUMER as never)
      .execute();
    expect(await notifications.deliverPending()).toBeGreaterThan(0);
    expect(await rowsFor(arabic.id)).toHaveLength(before.rows);
    expect(await emailsTo(arabic.email)).toHaveLength(before.emails);
  });

  it('sends email and SMS when the person chose both, in their language', async () => {
    const ctx = systemContext(await principal(french));
    await notifications.saveSettings(ctx, { email: true, sms: true });
    const interview = notice(french.id, {
      state: 'shortlisted',
      interviewAt: new Date('2026-12-14T09:30:00Z'),
    });
    await publish('application.interview_scheduled', interview.applicationId);
    await notifications.deliverPending();

    expect(await rowsFor(french.id)).toHaveLength(1);
    const emails = await emailsTo(french.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe('Entretien\u00a0: \u2068ممرضة مسجلة – العناية المركزة\u2069');
    expect(emails[0]!.bodyText).toContain('14 déc. 2026');
    const texts = sms.filter((message) => message.to === '+221771234567');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toContain('Corridor : entretien');
    expect(texts[0]!.text).toContain(`/applications/${interview.applicationId}`);
    expect(texts[0]!.delivered).toBe(true);
  });

  it('respects a person who turned email off: in the app only', async () => {
    const ctx = systemContext(await principal(quiet));
    await notifications.saveSettings(ctx, { email: false, sms: false });
    const rejected = notice(quiet.id, { state: 'rejected', reason: 'পদটি পূরণ হয়ে গেছে।' });
    await publish('application.rejected', rejected.applicationId);
    await notifications.deliverPending();
    const rows = await rowsFor(quiet.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toBe('পদটি পূরণ হয়ে গেছে।');
    expect(await emailsTo(quiet.email)).toHaveLength(0);
  });

  it('ignores events that are not a change it tells, and applications no longer there', async () => {
    const other = notice(quiet.id);
    await publish('application.note_added', other.applicationId);
    await publish('application.offered', crypto.randomUUID());
    await notifications.deliverPending();
    expect(await rowsFor(quiet.id)).toHaveLength(1);
  });
});

async function principal(user: TestUser) {
  return {
    userId: user.id,
    apiKeyId: null,
    sessionId: null,
    grants: await services.roles.grantsFor(user.id),
    permissionLimit: null,
    twoFactorVerified: false,
  };
}

describe('the person’s notifications and choices', () => {
  it('lists their own, newest first, and counts the unread', async () => {
    const ctx = systemContext(await principal(arabic));
    const page = await notifications.list(ctx);
    expect(page.items.map((item) => item.recipientUserId)).toEqual([arabic.id]);
    expect(page.unread).toBe(1);
  });

  it('marks one read (another person’s is not found), then all, audited', async () => {
    const mine = systemContext(await principal(arabic));
    const theirs = systemContext(await principal(french));
    const [first] = (await notifications.list(mine)).items;
    await expect(notifications.markRead(theirs, first!.id)).rejects.toMatchObject({
      status: 404,
    });
    await notifications.markRead(mine, first!.id);
    // Twice: harmless.
    await notifications.markRead(mine, first!.id);
    expect(await notifications.unreadCount(mine)).toBe(0);
    expect(await notifications.unreadCount(theirs)).toBe(1);
    expect(await notifications.markAllRead(theirs)).toBe(1);
    expect(await notifications.markAllRead(theirs)).toBe(0);
    const audit = await database.kysely
      .selectFrom('audit_event')
      .select(['action', 'data_subject_user_id'])
      .where('action', '=', 'notification.marked_read')
      .execute();
    expect(audit).toEqual([
      { action: 'notification.marked_read', data_subject_user_id: arabic.id },
      { action: 'notification.marked_read', data_subject_user_id: french.id },
    ]);
  });

  it('refuses a channel the person has no address for, naming it', async () => {
    const ctx = systemContext(await principal(arabic));
    await expect(notifications.saveSettings(ctx, { email: true, sms: true })).rejects.toMatchObject(
      {
        fields: [{ pointer: '/sms', detail: 'notifications.errors.noPhone' }],
      },
    );
    expect(await notifications.settings(ctx)).toMatchObject({
      email: true,
      sms: false,
      chosen: false,
      emailAddress: arabic.email,
      phone: null,
    });
  });

  it('exports and erases the person’s notifications and choice', async () => {
    const data = await notifications.exportFor(french.id);
    expect(data.preference).toMatchObject({ email: true, sms: true });
    expect(data.notifications).toHaveLength(1);
    expect(data.sent.map((row) => row.channel).sort()).toEqual(['email', 'sms']);
    await database.kysely.transaction().execute(async (trx) => {
      await notifications.eraseFor(trx as unknown as Kysely<never>, french.id);
    });
    const after = await notifications.exportFor(french.id);
    expect(after).toEqual({ preference: null, notifications: [], sent: [] });
  });
});
