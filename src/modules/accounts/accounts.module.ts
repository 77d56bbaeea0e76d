import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Translator } from '../../platform/i18n/translator.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { defineModule } from '../manifest.js';
import type {
  AccountsDependencies,
  AccountsSettings,
  AssessmentLinks,
  RoleDirectory,
} from './accounts.context.js';
import { accountsPersonalData } from './accounts.privacy.js';
import { AccountsPrivacyRepository } from './accounts.privacy.repository.js';
import { accountsRoutes } from './accounts.routes.js';
import { registerAccountsJobs } from './accounts.jobs.js';
import { AccountsService } from './accounts.service.js';
import type { AccountsDatabase } from './accounts.tables.js';
import { Mailer, smtpTransport, type EmailTransport, type MailerLog } from './mailer.js';
import { OutboxRepository } from './outbox.repository.js';
import { AssistedRepository } from './assisted.repository.js';
import {
  AssistedRegistrationService,
  CLAIM_CODE_CONTEXT,
  type OrganisationNames,
} from './assisted.service.js';
import { PhoneAccountsService } from './phone-accounts.service.js';
import { PhoneCountries } from './phone-countries.js';
import { codeKeyFrom, OneTimeCodes } from './one-time-codes.js';
import { OneTimeCodesRepository } from './one-time-codes.repository.js';
import { SmsOutboxRepository } from './sms-outbox.repository.js';
import { SmsSender } from './sms.js';
import { httpSmsGateway, type SmsGateway } from '../../platform/sms/sms-gateway.js';
import { PasswordResetService } from './password-reset.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { ThrottleRepository } from './throttle.repository.js';
import { SignInThrottle, throttleKeyFrom } from './throttle.js';
import { deviceKeyFrom, KnownDeviceCookie, KnownDevices } from './known-device.js';
import { TwoFactorService } from './two-factor.service.js';
import { UsersRepository } from './users.repository.js';

export interface AccountsModuleOptions {
  db: Kysely<AccountsDatabase>;
  config: AccountsSettings & {
    env: 'development' | 'test' | 'production';
    smtpUrl: string | undefined;
    mailFrom: string;
    sms: { gatewayUrl: string | undefined; gatewayToken: string | undefined; timeoutMs: number };
    /** Throttle keys and known-device tokens are keyed with keys derived from it. */
    lookupHashKey: string;
  };
  audit: AuditLog;
  cipher: FieldCipher;
  roles: RoleDirectory;
  assessments?: AssessmentLinks;
  translator: Translator;
  /** The app's background jobs, where the mailer defines its send job (the runner retries it). */
  jobs: Jobs;
  /** The organisations' names, for assisted registration's record (a later module's service). */
  organisationNames?: () => OrganisationNames | undefined;
  /** Overrides for tests: a fake clock, a recording transport. */
  now?: () => Date;
  transport?: EmailTransport;
  /** For tests: a recording SMS gateway instead of the configured one. */
  smsGateway?: SmsGateway | null;
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
    jobs: options.jobs,
    ...(options.log ? { log: options.log } : {}),
    now,
  });
  const gateway =
    options.smsGateway !== undefined
      ? options.smsGateway
      : config.sms.gatewayUrl
        ? httpSmsGateway({
            url: config.sms.gatewayUrl,
            token: config.sms.gatewayToken,
            timeoutMs: config.sms.timeoutMs,
          })
        : null;
  const sms = new SmsSender(new SmsOutboxRepository(options.db), {
    gateway,
    production: config.env === 'production',
    echo: config.env === 'development',
    jobs: options.jobs,
    ...(options.log ? { log: options.log } : {}),
    now,
  });
  const deps: AccountsDependencies = {
    users: new UsersRepository(options.db),
    sessions: new SessionsRepository(options.db),
    throttle: new SignInThrottle(
      new ThrottleRepository(options.db),
      now,
      throttleKeyFrom(config.lookupHashKey),
    ),
    devices: new KnownDevices(deviceKeyFrom(config.lookupHashKey), now),
    mailer,
    sms,
    codes: new OneTimeCodes(
      new OneTimeCodesRepository(options.db),
      codeKeyFrom(config.lookupHashKey),
      now,
    ),
    audit: options.audit,
    cipher: options.cipher,
    roles: options.roles,
    ...(options.assessments ? { assessments: options.assessments } : {}),
    translator: options.translator,
    settings: { publicUrl: config.publicUrl, session: config.session },
    now,
  };
  const sessions = new SessionsService(deps);
  const passwordReset = new PasswordResetService(deps);
  const phone = new PhoneAccountsService(deps, sessions);
  const assisted = new AssistedRegistrationService(
    deps,
    new AssistedRepository(options.db),
    sessions,
    phone,
    options.organisationNames ?? (() => undefined),
  );
  return {
    /** Registration and sign-in by phone number and SMS code; adding a phone or an email. */
    phone,
    /** Accounts opened by an officer for a person present, claimed later with a code. */
    assisted,
    codes: deps.codes,
    /** Countries for the phone number forms, named in the reader's language. */
    phoneCountries: new PhoneCountries(options.db),
    /** Pages in a language other than the reader's (the slip, in the person's language). */
    translator: options.translator,
    accounts: new AccountsService(deps, sessions, passwordReset),
    sessions,
    signIn: new SignInService(deps, sessions),
    passwordReset,
    twoFactor: new TwoFactorService(deps),
    mailer,
    /** Text messages: `enqueue(executor, { to, text })` in a transaction, `deliver(id)` after it. */
    sms,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

/** The accounts module: who may sign in, and how. */
export const accountsModule = defineModule<
  AccountsDatabase,
  { roles: RoleDirectory; assessmentLinks?: AssessmentLinks; organisations?: OrganisationNames },
  { accounts: Accounts }
>({
  name: 'accounts',
  summary:
    "job seekers' registration; sign-in with throttling; server-side sessions; TOTP two-factor authentication and recovery codes; password change and emailed reset links; the account page; email outbox (`/dev/outbox` outside production)",
  tables: [
    'app_user',
    'user_session',
    'password_reset',
    'recovery_code',
    'totp_last_step',
    'sign_in_throttle',
    'email_outbox',
    'sms_outbox',
    'one_time_code',
    'assisted_registration',
  ],
  permissions: ['account.manage_own', 'user.create_officer'],
  // The role directory belongs to organisations, which is built after accounts (its
  // invitations need accounts): it is reached through a closure, only once a request comes.
  needs: [],
  services: (context, needs) => ({
    accounts: createAccounts({
      ...context,
      roles: {
        grantsFor: (userId) => needs.roles.grantsFor(userId),
        assign: (executor, grant) => needs.roles.assign(executor, grant),
      },
      // The organisations module's, built later: the name recorded with an assisted registration.
      organisationNames: () => needs.organisations,
      // The eligibility module's, built later: a code brought to registration (see AssessmentLinks).
      assessments: {
        linkable: async (code) => (await needs.assessmentLinks?.linkable(code)) ?? false,
        linkToAccount: async (executor, input) =>
          (await needs.assessmentLinks?.linkToAccount(executor, input)) ?? false,
      },
    }),
  }),
  pages: async (app, { accounts }, { config, sessionCookie }) => {
    await app.register(accountsRoutes, {
      accounts,
      cookie: sessionCookie,
      devices: new KnownDeviceCookie({ secure: config.env === 'production' }),
      devOutbox: config.env !== 'production',
    });
  },
  encryptedColumns: [
    {
      table: 'app_user',
      idColumn: 'id',
      column: 'totp_secret_encrypted',
      context: 'app_user.totp_secret',
    },
    {
      table: 'assisted_registration',
      idColumn: 'id',
      column: 'claim_code_encrypted',
      context: CLAIM_CODE_CONTEXT,
    },
  ],
  personalData: (_services, { db }) => accountsPersonalData(new AccountsPrivacyRepository(db)),
  erasedLast: true,
  jobs: (jobs, services) => registerAccountsJobs(jobs, services),
});
