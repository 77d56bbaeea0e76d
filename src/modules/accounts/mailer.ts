import nodemailer from 'nodemailer';
import type { OutboxMessage, OutboxRepository } from './outbox.repository.js';
import type { Executor } from './users.repository.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Something that carries an email to its recipient (SMTP in real deployments). */
export interface EmailTransport {
  deliver(message: EmailMessage): Promise<void>;
}

export function smtpTransport(options: { url: string; from: string }): EmailTransport {
  const transporter = nodemailer.createTransport(options.url);
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

/**
 * Email goes through the outbox table: written in the same transaction as the change that
 * sends it (`enqueue`), delivered once that has committed (`deliver`). With SMTP configured the
 * message is sent and its body cleared; without it the message stays in the outbox, for the
 * development outbox page, and in development it is also printed to the console. Production
 * without SMTP sends nothing and says so in the log (never the message itself).
 */
export class Mailer {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly options: {
      transport: EmailTransport | null;
      production: boolean;
      /** Print messages to the console (development, no SMTP). */
      echo: boolean;
      log?: MailerLog;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  enqueue(executor: Executor, message: EmailMessage): Promise<string> {
    return this.outbox.insert(executor, { ...message, now: this.now() });
  }

  /** Delivers a committed message. Never throws: a failure is kept on the row and logged. */
  async deliver(id: string): Promise<void> {
    const log = this.options.log ?? console;
    try {
      const message = await this.outbox.find(id);
      if (!message || message.sentAt || message.bodyText === null) return;
      const { transport } = this.options;
      if (transport) {
        await transport.deliver({
          to: message.recipient,
          subject: message.subject,
          text: message.bodyText,
        });
        await this.outbox.markSent(id, this.now());
      } else if (this.options.production) {
        log.warn(`SMTP_URL is not set: email ${id} was not sent.`);
      } else if (this.options.echo) {
        log.info(formatForConsole(message));
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn(`Email ${id} could not be sent: ${reason}`);
      await this.outbox.markFailed(id, reason).catch(() => undefined);
    }
  }

  /** Sends now, outside any transaction (the `Mailer` that invitations expect). */
  async send(message: EmailMessage, executor?: Executor): Promise<void> {
    const id = executor
      ? await this.enqueue(executor, message)
      : await this.outbox.insertOwn(message, this.now());
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
