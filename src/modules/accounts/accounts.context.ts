import type { Kysely, Transaction } from 'kysely';
import type { AuditEventInput, AuditLog } from '../../platform/audit/audit.js';
import type { Role } from '../../platform/authz/catalogue.js';
import type { RoleGrant } from '../../platform/authz/principal.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Translator } from '../../platform/i18n/translator.js';
import type { Mailer } from './mailer.js';
import type { OneTimeCodes } from './one-time-codes.js';
import type { SmsSender } from './sms.js';
import type { SessionsRepository } from './sessions.repository.js';
import type { KnownDevices } from './known-device.js';
import type { SignInThrottle } from './throttle.js';
import type { Executor, UsersRepository } from './users.repository.js';

/** Where a request comes from: what sessions and the audit trail record. */
export interface RequestMeta {
  requestId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/** The roles users hold (organisations' RolesRepository). */
export interface RoleDirectory {
  grantsFor(userId: string): Promise<RoleGrant[]>;
  /**
   * Inside the caller's transaction (an account opened with its role commits as one): typed
   * with the caller's tables, which the organisations module does not look into; it writes
   * role_assignment through its own view of the same transaction.
   */
  assign<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    grant: { userId: string; role: Role; organisationId: string | null; administrator?: boolean },
  ): Promise<void>;
}

/**
 * The eligibility self-assessment's answers that a person brings to registration with their
 * reference code (a later module's service, reached through a closure): `linkable` says whether
 * the code still names answers; `link` carries them into the new account, in the caller's
 * transaction, and records its own audit event.
 */
export interface AssessmentLinks {
  linkable(code: string): Promise<boolean>;
  linkToAccount<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    input: { code: string; userId: string },
  ): Promise<boolean>;
}

export interface AccountsSettings {
  publicUrl: string;
  session: { idleMinutes: number; absoluteHours: number };
}

/** What every accounts service is built from. */
export interface AccountsDependencies {
  users: UsersRepository;
  sessions: SessionsRepository;
  /** Sign-in and registration throttling (keyed HMACs, growing waits). */
  throttle: SignInThrottle;
  /** Known-device tokens that let an account's owner in during an attack. */
  devices: KnownDevices;
  mailer: Mailer;
  /** Text messages through the SMS outbox. */
  sms: SmsSender;
  /** One-time codes by SMS or email (hashed, short-lived, few attempts). */
  codes: OneTimeCodes;
  audit: AuditLog;
  cipher: FieldCipher;
  roles: RoleDirectory;
  /** Absent where no module provides it (tests of accounts alone). */
  assessments?: AssessmentLinks;
  translator: Translator;
  settings: AccountsSettings;
  now: () => Date;
}

export const TOTP_SECRET_CONTEXT = 'app_user.totp_secret';

/** Records an audit event inside the caller's transaction (last, just before it commits). */
export function recordAudit(
  deps: AccountsDependencies,
  executor: Executor,
  event: AuditEventInput,
): Promise<void> {
  return deps.audit.record(executor, event);
}

/**
 * What the sign-in throttle counts an account's attempts under: its email address, or its
 * phone number (E.164, which no email address looks like) for an account without one.
 */
export function signInIdOf(user: { id: string; email: string | null; phone: string | null }) {
  return user.email ?? user.phone ?? user.id;
}

/** The address of an account that must have one (staff, a password link asked by email). */
export function emailOf(user: { email: string | null }): string {
  if (!user.email) throw new Error('This account has no email address');
  return user.email;
}

/** Email addresses are compared lower-cased and trimmed (as the app_user check requires). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
