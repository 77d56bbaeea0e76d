import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Translator } from '../../platform/i18n/translator.js';
import { Jobs } from '../../platform/jobs/jobs.js';
import { JobsRepository } from '../../platform/jobs/jobs.repository.js';
import type { JobTables } from '../../platform/jobs/jobs.tables.js';
import type { AccountsDependencies, AccountsSettings, RoleDirectory } from './accounts.context.js';
import { AccountsService } from './accounts.service.js';
import type { AccountsDatabase } from './accounts.tables.js';
import { Mailer, smtpTransport, type EmailTransport, type MailerLog } from './mailer.js';
import { OutboxRepository } from './outbox.repository.js';
import { PasswordResetService } from './password-reset.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { ThrottleRepository } from './throttle.repository.js';
import { TwoFactorService } from './two-factor.service.js';
import { UsersRepository } from './users.repository.js';

export interface AccountsModuleOptions {
  db: Kysely<AccountsDatabase>;
  config: AccountsSettings & {
    env: 'development' | 'test' | 'production';
    smtpUrl: string | undefined;
    mailFrom: string;
  };
  audit: AuditLog;
  cipher: FieldCipher;
  roles: RoleDirectory;
  translator: Translator;
  /**
   * The app's background jobs, where the mailer defines its send job (so that the runner
   * retries it). Without them (small test apps), the accounts' own, which only send at once.
   */
  jobs?: Jobs;
  /** Overrides for tests: a fake clock, a recording transport. */
  now?: () => Date;
  transport?: EmailTransport;
  log?: MailerLog;
}

/** Every accounts service, built by hand (called from src/services.ts). */
export function createAccounts(options: AccountsModuleOptions) {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const transport =
    options.transport ??
    (config.smtpUrl ? smtpTransport({ url: config.smtpUrl, from: config.mailFrom }) : null);
  const mailer = new Mailer(new OutboxRepository(options.db), {
    transport,
    production: config.env === 'production',
    echo: config.env === 'development',
    jobs:
      options.jobs ??
      new Jobs(new JobsRepository(options.db as unknown as Kysely<JobTables>), { clock: now }),
    ...(options.log ? { log: options.log } : {}),
    now,
  });
  const deps: AccountsDependencies = {
    users: new UsersRepository(options.db),
    sessions: new SessionsRepository(options.db),
    throttle: new ThrottleRepository(options.db),
    mailer,
    audit: options.audit,
    cipher: options.cipher,
    roles: options.roles,
    translator: options.translator,
    settings: { publicUrl: config.publicUrl, session: config.session },
    now,
  };
  const sessions = new SessionsService(deps);
  const passwordReset = new PasswordResetService(deps);
  return {
    accounts: new AccountsService(deps, sessions, passwordReset),
    sessions,
    signIn: new SignInService(deps, sessions),
    passwordReset,
    twoFactor: new TwoFactorService(deps),
    mailer,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
