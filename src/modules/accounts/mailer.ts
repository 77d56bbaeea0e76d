import type { Kysely, Transaction } from 'kysely';
import nodemailer from 'nodemailer';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { OutboxMessage, OutboxRepository } from './outbox.repository.js';
import { accountsView } from './accounts.tables.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Something that carries an email to its recipient (SMTP in real deployments). */
export interface EmailTransport {
  deliver(message: EmailMessage): Promise<void>;
}

/**
 * How long the send job holds an email before the runner may take it back and send it again
 * (ADR 11). An SMTP exchange must give up well within it.
 */
const SEND_TIMEOUT_MS = 5 * 60_000;

/**
 * Nodemailer waits up to 10 minutes for a silent server by default, longer than the send job's
 * hold: the runner would take the job back and send the message a second time while the first
 * exchange might still go through. Settings in SMTP_URL's query still win.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export function smtpTransport(options: { url: string; from: string }): EmailTransport {
  const transporter = nodemailer.createTransport({ url: options.url, ...SMTP_TIMEOUTS });
  return {
    deliver: async (message) => {
      await transporter.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}

export interface MailerLog {
  info(text: string): void;
  warn(text: string): void;
}

/** The background job that sends one outbox message (payload `{ emailId }`, key the id). */
export const EMAIL_JOB = 'email.send';

/**
 * Email goes through the outbox table: the message and a job that sends it are written in the
 * same transaction as the change that sends it (`enqueue`); once that has committed, `deliver`
 * runs the job at once, and when sending fails the job runner retries it with backoff (about
 * 4 hours in all). With SMTP configured the message is sent and its body cleared; without it
 * the message stays in the outbox, for the development outbox page, and in development it is
 * also printed to the console. Production without SMTP sends nothing and says so in the log
 * (never the message itself).
 */
export class Mailer {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly options: {
      transport: EmailTransport | null;
      production: boolean;
      /** Print messages to the console (development, no SMTP). */
      echo: boolean;
      /** The background jobs; the mailer defines its send job there. */
      jobs: Jobs;
      log?: MailerLog;
      now?: () => Date;
    },
  ) {
    options.jobs.define({
      name: EMAIL_JOB,
      maxAttempts: 8,
      backoff: { baseMs: 60_000, maxMs: 2 * 60 * 60_000 },
      timeoutMs: SEND_TIMEOUT_MS,
      run: async (payload) => {
        if (typeof payload.emailId !== 'string') throw new Error('The job names no email');
        await this.sendFromOutbox(payload.emailId);
      },
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Writes the message and the job that sends it with the caller's executor (its transaction). */
  async enqueue<DB>(
    // Another module's transaction too (an invitation), seen with the accounts' tables only.
    executor: Kysely<DB> | Transaction<DB>,
    message: EmailMessage,
  ): Promise<string> {
    const id = await this.outbox.insert(accountsView(executor), { ...message, now: this.now() });
    await this.options.jobs.enqueue(executor, EMAIL_JOB, { emailId: id }, { key: id });
    return id;
  }

  /**
   * Sends a committed message now, through its job. Never throws: a failure is kept on the row
   * and the job, logged, and retried later by the job runner.
   */
  async deliver(id: string): Promise<void> {
    await this.options.jobs.runNow(EMAIL_JOB, id);
  }

  /** The send job's work. Throws when the transport fails, so that the job is retried. */
  private async sendFromOutbox(id: string): Promise<void> {
    const log = this.options.log ?? console;
    const message = await this.outbox.find(id);
    if (!message || message.sentAt || message.bodyText === null) return;
    const { transport } = this.options;
    if (transport) {
      try {
        await transport.deliver({
          to: message.recipient,
          subject: message.subject,
          text: message.bodyText,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.warn(`Email ${id} could not be sent: ${reason}`);
        await this.outbox.markFailed(id, reason).catch(() => undefined);
        throw error;
      }
      await this.outbox.markSent(id, this.now());
    } else if (this.options.production) {
      log.warn(`SMTP_URL is not set: email ${id} was not sent.`);
    } else if (this.options.echo) {
      log.info(formatForConsole(message));
    }
  }

  /**
   * Sends now, after the change that asks for it has committed (the `Mailer` that invitations
   * expect). It takes no transaction: `deliver` must run after the commit (before it, the job
   * is not visible, and on PGlite its claim would wait for the caller's transaction, which
   * waits for it). Inside a transaction, `enqueue` and then `deliver` after the commit.
   */
  async send(message: EmailMessage): Promise<void> {
    const id = await this.outbox.transaction((trx) => this.enqueue(trx, message));
    await this.deliver(id);
  }

  latest(limit = 50): Promise<OutboxMessage[]> {
    return this.outbox.latest(limit);
  }
}

function formatForConsole(message: OutboxMessage): string {
  return [
    `── Email (development outbox) to ${message.recipient}`,
    `Subject: ${message.subject}`,
    '',
    message.bodyText ?? '',
    '──',
  ].join('\n');
}
