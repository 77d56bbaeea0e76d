import type { Kysely, Transaction } from 'kysely';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { SmsGateway, SmsMessage } from '../../platform/sms/sms-gateway.js';
import { accountsView } from './accounts.tables.js';
import type { MailerLog } from './mailer.js';
import type { SmsOutboxMessage, SmsOutboxRepository } from './sms-outbox.repository.js';

/** The background job that sends one text message (payload `{ smsId }`, key the id). */
export const SMS_JOB = 'sms.send';

/** How long the send job holds a message: well beyond the gateway's timeout. */
const SEND_TIMEOUT_MS = 5 * 60_000;

/** The longest text accepted (the outbox's check): about six SMS segments. */
export const SMS_MAX_LENGTH = 1000;

/**
 * Text messages go through the outbox table, like email (mailer.ts): `enqueue` writes the
 * message and a job that sends it in the caller's transaction; `deliver`, after the commit,
 * runs the job at once, and a failure is retried by the job runner with backoff. With a
 * gateway the message is sent and its body cleared; without one it stays in the outbox for
 * the development outbox page (and the console in development); production without a gateway
 * sends nothing and says so in the log, never the message itself.
 */
export class SmsSender {
  constructor(
    private readonly outbox: SmsOutboxRepository,
    private readonly options: {
      gateway: SmsGateway | null;
      production: boolean;
      echo: boolean;
      jobs: Jobs;
      log?: MailerLog;
      now?: () => Date;
    },
  ) {
    options.jobs.define({
      name: SMS_JOB,
      maxAttempts: 8,
      backoff: { baseMs: 60_000, maxMs: 2 * 60 * 60_000 },
      timeoutMs: SEND_TIMEOUT_MS,
      run: async (payload) => {
        if (typeof payload.smsId !== 'string') throw new Error('The job names no text message');
        await this.sendFromOutbox(payload.smsId);
      },
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Writes the message and the job that sends it with the caller's executor (its transaction);
   * returns the message's id, for `deliver` after the commit. `to` is an E.164 number.
   */
  async enqueue<DB>(executor: Kysely<DB> | Transaction<DB>, message: SmsMessage): Promise<string> {
    const text = message.text.normalize('NFC').slice(0, SMS_MAX_LENGTH);
    const id = await this.outbox.insert(accountsView(executor), {
      to: message.to,
      text,
      now: this.now(),
    });
    await this.options.jobs.enqueue(executor, SMS_JOB, { smsId: id }, { key: id });
    return id;
  }

  /** Sends a committed message now, through its job. Never throws (the runner retries). */
  async deliver(id: string): Promise<void> {
    await this.options.jobs.runNow(SMS_JOB, id);
  }

  latest(limit = 50): Promise<SmsOutboxMessage[]> {
    return this.outbox.latest(limit);
  }

  private async sendFromOutbox(id: string): Promise<void> {
    const log = this.options.log ?? console;
    const message = await this.outbox.find(id);
    if (!message || message.sentAt || message.bodyText === null) return;
    const { gateway } = this.options;
    if (gateway) {
      try {
        await gateway.send({ to: message.recipient, text: message.bodyText });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.warn(`Text message ${id} could not be sent: ${reason}`);
        await this.outbox.markFailed(id, reason).catch(() => undefined);
        throw error;
      }
      await this.outbox.markSent(id, this.now());
    } else if (this.options.production) {
      log.warn(`SMS_GATEWAY_URL is not set: text message ${id} was not sent.`);
    } else if (this.options.echo) {
      log.info(
        [
          `── Text message (development outbox) to ${message.recipient}`,
          message.bodyText,
          '──',
        ].join('\n'),
      );
    }
  }
}
