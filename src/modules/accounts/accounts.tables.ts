import type { Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { UserTables } from './users.tables.js';

/** Tables of the accounts migration (20261127130000_accounts.sql). */

export interface UserSessionTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  stage: 'two_factor' | 'active';
  two_factor_verified: Generated<boolean>;
  ip_address: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface PasswordResetTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  purpose: 'reset' | 'set';
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Generated<Date>;
  used_at: Date | null;
}

export interface TotpLastStepTable {
  user_id: string;
  // bigint comes back from the driver as a string.
  step: string | number;
}

/** What a throttle row counts (20261205000400_throttle_keyed.sql). */
export type ThrottleScope = 'pair' | 'account' | 'ip' | 'device' | 'register_email' | 'register_ip';

export interface SignInThrottleTable {
  scope: ThrottleScope;
  key_hash: string;
  failures: Generated<number>;
  window_started_at: Generated<Date>;
  locked_until: Date | null;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  recipient: string;
  subject: string;
  body_text: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  last_error: string | null;
}

export interface SmsOutboxTable {
  id: Generated<string>;
  recipient: string;
  body_text: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  last_error: string | null;
}

export type OneTimeCodePurpose = 'register' | 'sign_in' | 'add_phone' | 'add_email' | 'claim';

/** One-time codes and emailed tokens, hashed (20261207005000_phone_accounts.sql). */
export interface OneTimeCodeTable {
  id: Generated<string>;
  purpose: OneTimeCodePurpose;
  channel: 'sms' | 'email';
  target: string;
  user_id: string | null;
  preferred_language: Language | null;
  privacy_notice_version: string | null;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

/** An account an officer opened for a person who was there and consented. */
export interface AssistedRegistrationTable {
  id: Generated<string>;
  user_id: string;
  officer_user_id: string;
  organisation_id: string | null;
  officer_name: string;
  organisation_name: string;
  consent_statement: string;
  claim_code_encrypted: string | null;
  created_at: Generated<Date>;
  claim_expires_at: Date;
  claimed_at: Date | null;
}

export interface AccountsTables {
  user_session: UserSessionTable;
  password_reset: PasswordResetTable;
  recovery_code: RecoveryCodeTable;
  totp_last_step: TotpLastStepTable;
  sign_in_throttle: SignInThrottleTable;
  email_outbox: EmailOutboxTable;
  sms_outbox: SmsOutboxTable;
  one_time_code: OneTimeCodeTable;
  assisted_registration: AssistedRegistrationTable;
}

/** The accounts module's own tables: the user table and the accounts tables. */
export type AccountsDatabase = UserTables & AccountsTables;

/** What the accounts module's code sees: its own tables and the read-only reference data. */
export type AccountsDb = Kysely<AccountsDatabase & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const accountsView = ownView<AccountsDatabase & ReferenceTables>();
