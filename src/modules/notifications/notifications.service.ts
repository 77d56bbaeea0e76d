import type { Kysely, Transaction } from 'kysely';
import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { DurableConsumer } from '../../platform/events/consumers.js';
import { BEGINNING, type PublishedEvent } from '../../platform/events/domain-event.js';
import type { Outbox } from '../../platform/events/outbox.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { formatters } from '../../platform/i18n/format.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import type { Translator } from '../../platform/i18n/translator.js';
import type { ApplicationNotice } from '../applications/applications.notice.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import { kindOfEvent, type NotificationKind } from './notification.kinds.js';
import { emailOf, smsOf, type NotificationFacts } from './notification.messages.js';
import { canReadNotifications } from './notifications.policy.js';
import type {
  NotificationRecord,
  NotificationsRepository,
  PreferenceRecord,
} from './notifications.repository.js';
import type { NotificationsTables } from './notifications.tables.js';

export const NOTIFICATIONS_CONSUMER = 'notifications';
const PAGE_SIZE = 20;
const BATCH = 200;

type Db = NotificationsTables & ReferenceTables;
type AnyExecutor<DB> = Kysely<DB> | Transaction<DB>;

/** The person told, as the accounts module knows them. */
export interface Recipient {
  fullName: string;
  /** Null (or empty) for an account opened with a phone number only. */
  email: string | null;
  /** E.164, or null. */
  phone: string | null;
  language: Language;
}

/** An outbox that sends later (the accounts module's mailer, its SMS gateway). */
export interface Channel<Message> {
  /** Queues the message in the caller's transaction; returns its id in the outbox. */
  enqueue<DB>(executor: AnyExecutor<DB>, message: Message): Promise<string>;
  /** Sends it now, after the commit (a failure is left to the outbox's retries). */
  deliver(id: string): Promise<void>;
}

export type EmailChannel = Channel<{ to: string; subject: string; text: string }>;
/** The accounts module's SMS gateway: `accounts.sms`. */
export type SmsChannel = Channel<{ to: string; text: string }>;

export interface NotificationsNeeds {
  /** The applications module: the facts of one application (null: no longer there). */
  notice(applicationId: string): Promise<ApplicationNotice | null>;
  /**
   * The matching module: the facts of one invitation to apply, as a notice (its id where an
   * application's goes; the path: how the person compares for the vacancy). Null: erased.
   */
  invitation?(invitationId: string): Promise<ApplicationNotice | null>;
  /** The accounts module: names, addresses and languages (closed accounts are missing). */
  recipients(userIds: readonly string[]): Promise<Map<string, Recipient>>;
  email: EmailChannel;
  /** Null while the platform has no SMS gateway. */
  sms(): SmsChannel | null;
}

export interface NotificationsLog {
  error(fields: Record<string, unknown>, message: string): void;
}

export interface NotificationsOptions {
  repository: NotificationsRepository;
  audit: AuditLog;
  events: Outbox;
  translator: Translator;
  publicUrl: string;
  needs: NotificationsNeeds;
  now?: () => Date;
  log?: NotificationsLog;
}

/** What a person chose, with the defaults where they have not chosen. */
export interface ChannelChoice {
  email: boolean;
  sms: boolean;
  /** False: the defaults, not a choice the person made. */
  chosen: boolean;
}

export interface SettingsView extends ChannelChoice {
  emailAddress: string | null;
  phone: string | null;
}

export interface NotificationsPage {
  items: NotificationRecord[];
  unread: number;
  page: number;
  hasMore: boolean;
}

/** The facts read before the consumer's transaction (another module's reads need their own). */
interface Prepared {
  notices: Map<string, ApplicationNotice | null>;
  recipients: Map<string, Recipient>;
}

/** The batch held facts for an application read after them: read them and try again. */
class FactsMissing extends Error {
  constructor() {
    super('An event came that the facts read before the batch do not cover');
  }
}

/** Defaults: in the app always; email when there is an address; SMS for a phone and no email. */
export function effectiveChoice(
  stored: Pick<PreferenceRecord, 'email' | 'sms'> | null,
  person: Pick<Recipient, 'email' | 'phone'>,
): ChannelChoice {
  const hasEmail = Boolean(person.email);
  const hasPhone = Boolean(person.phone);
  if (stored) {
    return { email: stored.email && hasEmail, sms: stored.sms && hasPhone, chosen: true };
  }
  return { email: hasEmail, sms: hasPhone && !hasEmail, chosen: false };
}

function clip(text: string, max: number): string {
  const letters = [...text.normalize('NFC').trim()];
  return letters.length <= max ? letters.join('') : letters.slice(0, max).join('');
}

/**
 * Notifications: a durable consumer of the outbox (ADR 10) turns each `application.<past>`
 * event into a notification in the app and, as the person chose, an email and an SMS in their
 * language; the person reads them, marks them read and chooses the channels.
 */
export class NotificationsService {
  private readonly consumer: DurableConsumer<Db>;
  private prepared: Prepared | null = null;
  private afterCommit: (() => Promise<void>)[] = [];
  private running: Promise<number> | null = null;
  /** In the app only, this run (the demo's applications: no email to hundreds of demo people). */
  private inAppOnly = false;
  private readonly now: () => Date;

  constructor(private readonly options: NotificationsOptions) {
    this.now = options.now ?? (() => new Date());
    this.consumer = new DurableConsumer<Db>(
      options.events,
      NOTIFICATIONS_CONSUMER,
      (trx, events) => this.handle(trx, events),
      { start: 'beginning', batchSize: BATCH },
    );
  }

  // ---- The consumer ------------------------------------------------------------------------

  /**
   * Handles every application event not handled yet (the job every minute, and the person's
   * notifications page before it is shown); returns how many events. One run at a time in a
   * process; another process finds the consumer's row taken and does nothing.
   */
  async deliverPending(options: { inAppOnly?: boolean } = {}): Promise<number> {
    if (this.running) return this.running;
    this.inAppOnly = options.inAppOnly ?? false;
    this.running = this.drain().finally(() => {
      this.running = null;
      this.inAppOnly = false;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (let round = 0; round < 1000; round += 1) {
      this.prepared = await this.prepare();
      let handled: number;
      try {
        handled = await this.consumer.runOnce();
      } catch (error) {
        this.afterCommit = [];
        if (error instanceof FactsMissing) continue;
        throw error;
      } finally {
        this.prepared = null;
      }
      const sends = this.afterCommit.splice(0);
      for (const send of sends) {
        try {
          await send();
        } catch (error) {
          // Queued in the outbox: its job tries again.
          this.options.log?.error({ err: error }, 'could not send a notification now');
        }
      }
      total += handled;
      if (handled === 0) return total;
    }
    return total;
  }

  /** The facts for the next batch, read before its transaction (see Prepared). */
  private async prepare(): Promise<Prepared> {
    const from = (await this.consumer.position()) ?? BEGINNING;
    const batch = await this.options.events.read(from, { limit: BATCH });
    return this.factsFor(batch.settled, { notices: new Map(), recipients: new Map() });
  }

  private async factsFor(events: readonly PublishedEvent[], into: Prepared): Promise<Prepared> {
    const ids = new Set<string>();
    for (const event of events) {
      if (kindOfEvent(event.type) && !into.notices.has(event.subjectId)) ids.add(event.subjectId);
    }
    const invitations = new Set(
      events.filter((event) => kindOfEvent(event.type) === 'invited').map((e) => e.subjectId),
    );
    for (const id of ids) {
      const { needs } = this.options;
      into.notices.set(
        id,
        invitations.has(id)
          ? needs.invitation
            ? await needs.invitation(id)
            : null
          : await needs.notice(id),
      );
    }
    const people = [...into.notices.values()]
      .filter((notice): notice is ApplicationNotice => notice !== null)
      .map((notice) => notice.seekerUserId)
      .filter((id) => !into.recipients.has(id));
    if (people.length > 0) {
      const found = await this.options.needs.recipients([...new Set(people)]);
      for (const [id, person] of found) into.recipients.set(id, person);
    }
    return into;
  }

  /** One batch, in the consumer's transaction: the rows, the audit, the queued messages. */
  private async handle(trx: Transaction<Db>, events: readonly PublishedEvent[]): Promise<void> {
    const prepared = this.prepared;
    if (!prepared) throw new FactsMissing();
    for (const event of events) {
      const kind = kindOfEvent(event.type);
      if (!kind) continue;
      if (!prepared.notices.has(event.subjectId)) throw new FactsMissing();
      const notice = prepared.notices.get(event.subjectId);
      if (!notice) continue;
      const person = prepared.recipients.get(notice.seekerUserId);
      // A closed or erased account is told nothing.
      if (!person) continue;
      await this.notify(trx, event, kind, notice, person);
    }
  }

  private async notify(
    trx: Transaction<Db>,
    event: PublishedEvent,
    kind: NotificationKind,
    notice: ApplicationNotice,
    person: Recipient,
  ): Promise<void> {
    const { repository } = this.options;
    const userId = notice.seekerUserId;
    const facts: NotificationFacts = {
      kind,
      vacancyTitle: clip(notice.vacancyTitle, 300) || '—',
      vacancyReference: clip(notice.vacancyReference, 100) || '—',
      organisationName: clip(notice.organisationName, 300) || '—',
      reason: notice.reason ? clip(notice.reason, 2000) || null : null,
      interviewAt: notice.interviewAt,
    };
    const path =
      /^\/[^/]/.test(notice.path) && notice.path.length <= 300
        ? notice.path
        : `/applications/${notice.applicationId}`;
    const id = await repository.insertOnce(trx, {
      recipientUserId: userId,
      eventId: event.id,
      ...facts,
      applicationId: notice.applicationId,
      path,
      createdAt: this.now(),
    });
    if (id === null) return;
    await this.options.audit.record(trx, {
      action: 'notification.created',
      actor: SYSTEM_ACTOR,
      subjectType: 'notification',
      subjectIds: [id],
      after: { kind, applicationId: notice.applicationId, eventId: event.id },
    });

    if (this.inAppOnly) return;
    const choice = effectiveChoice(await repository.preference(trx, userId), person);
    const language = isLanguage(person.language) ? person.language : 'en';
    const t = this.options.translator.forLanguage(language);
    const fmt = formatters(language);
    const applicationUrl = `${this.options.publicUrl}${path}`;
    const key = { eventId: event.id, userId };

    if (
      choice.email &&
      person.email &&
      !(await repository.delivered(trx, { ...key, channel: 'email' }))
    ) {
      const email = emailOf(t, fmt, facts, {
        name: person.fullName,
        applicationUrl,
        settingsUrl: `${this.options.publicUrl}/notifications/settings`,
      });
      const outboxId = await this.options.needs.email.enqueue(trx, { to: person.email, ...email });
      await repository.recordDelivery(trx, { ...key, channel: 'email', outboxId });
      this.afterCommit.push(() => this.options.needs.email.deliver(outboxId));
    }

    const sms = this.options.needs.sms();
    if (
      choice.sms &&
      sms &&
      person.phone &&
      !(await repository.delivered(trx, { ...key, channel: 'sms' }))
    ) {
      const text = smsOf(t, fmt, facts, applicationUrl);
      const outboxId = await sms.enqueue(trx, { to: person.phone, text });
      await repository.recordDelivery(trx, { ...key, channel: 'sms', outboxId });
      this.afterCommit.push(() => sms.deliver(outboxId));
    }
  }

  // ---- The person's pages ------------------------------------------------------------------

  private self(ctx: ActorContext): string {
    const userId = ctx.principal.userId;
    if (!userId || !canReadNotifications(ctx.principal)) throw new ForbiddenError();
    return userId;
  }

  /** The person's own notifications, newest first (their own: read without an audit row). */
  async list(ctx: ActorContext, page = 1): Promise<NotificationsPage> {
    const userId = this.self(ctx);
    const { repository } = this.options;
    const [rows, unread] = await Promise.all([
      repository.listFor(userId, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
      repository.unreadCount(userId),
    ]);
    return { items: rows.slice(0, PAGE_SIZE), unread, page, hasMore: rows.length > PAGE_SIZE };
  }

  async unreadCount(ctx: ActorContext): Promise<number> {
    return this.options.repository.unreadCount(this.self(ctx));
  }

  /** Marks one of the person's notifications read; anyone else's is "not found". Twice: no-op. */
  async markRead(ctx: ActorContext, id: string): Promise<void> {
    const userId = this.self(ctx);
    const { repository } = this.options;
    if (!(await repository.findOwn(userId, id))) throw new NotFoundError();
    await this.markReadAudited(ctx, userId, id);
  }

  /** Marks every unread notification of the person read. */
  async markAllRead(ctx: ActorContext): Promise<number> {
    return this.markReadAudited(ctx, this.self(ctx), null);
  }

  private async markReadAudited(ctx: ActorContext, userId: string, id: string | null) {
    const { repository } = this.options;
    return repository.transaction(async (trx) => {
      const ids = await repository.markRead(trx, userId, id, this.now());
      if (ids.length === 0) return 0;
      await this.options.audit.record(trx, {
        action: 'notification.marked_read',
        actor: auditActorOf(ctx.principal, { permission: 'notification.read' }),
        subjectType: 'notification',
        subjectIds: ids,
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
      });
      return ids.length;
    });
  }

  /** How the person is told, and the addresses it would go to. */
  async settings(ctx: ActorContext): Promise<SettingsView> {
    const userId = this.self(ctx);
    const person = await this.recipient(userId);
    const stored = await this.options.repository.preference(null, userId);
    return {
      ...effectiveChoice(stored, person),
      emailAddress: person.email || null,
      phone: person.phone || null,
    };
  }

  /** Saves the person's choice; a channel they have no address for is refused, named. */
  async saveSettings(ctx: ActorContext, input: { email: boolean; sms: boolean }): Promise<void> {
    const userId = this.self(ctx);
    const person = await this.recipient(userId);
    const problems = [];
    if (input.email && !person.email) {
      problems.push({ pointer: '/email', detail: 'notifications.errors.noEmail' });
    }
    if (input.sms && !person.phone) {
      problems.push({ pointer: '/sms', detail: 'notifications.errors.noPhone' });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const { repository } = this.options;
    await repository.transaction(async (trx) => {
      const before = await repository.preference(trx, userId);
      if (before && before.email === input.email && before.sms === input.sms) return;
      await repository.savePreference(trx, userId, input, this.now());
      await this.options.audit.record(trx, {
        action: 'notification_preference.updated',
        actor: auditActorOf(ctx.principal, { permission: 'notification.read' }),
        subjectType: 'user',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: before ? { email: before.email, sms: before.sms } : null,
        after: { email: input.email, sms: input.sms },
      });
    });
  }

  private async recipient(userId: string): Promise<Recipient> {
    const person = (await this.options.needs.recipients([userId])).get(userId);
    if (!person) throw new NotFoundError();
    return person;
  }

  // ---- Personal data -----------------------------------------------------------------------

  async exportFor(userId: string) {
    const data = await this.options.repository.exportFor(userId);
    return {
      preference: data.preference
        ? {
            email: data.preference.email,
            sms: data.preference.sms,
            updatedAt: data.preference.updatedAt.toISOString(),
          }
        : null,
      notifications: data.notifications.map((item) => ({
        id: item.id,
        kind: item.kind,
        applicationId: item.applicationId,
        vacancyTitle: item.vacancyTitle,
        vacancyReference: item.vacancyReference,
        organisationName: item.organisationName,
        reason: item.reason,
        interviewAt: item.interviewAt?.toISOString() ?? null,
        createdAt: item.createdAt.toISOString(),
        readAt: item.readAt?.toISOString() ?? null,
      })),
      sent: data.deliveries.map((row) => ({
        channel: row.channel,
        at: row.created_at.toISOString(),
      })),
    };
  }

  eraseFor(executor: Kysely<Db>, userId: string): Promise<void> {
    return this.options.repository.eraseFor(executor, userId);
  }
}
