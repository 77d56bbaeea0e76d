import type { Generated } from 'kysely';
import type { Language } from '../../platform/i18n/languages.js';

/** The user account (created by the identity migration; owned by the accounts module). */
export interface AppUserTable {
  id: Generated<string>;
  /** Lower-cased; null for an account opened with a phone number only. */
  email: string | null;
  /** E.164 (+ and digits); null for an account with an email address only. */
  phone: string | null;
  full_name: string;
  preferred_language: Generated<Language>;
  status: Generated<'pending' | 'active' | 'closed'>;
  password_hash: string | null;
  password_changed_at: Date | null;
  totp_secret_encrypted: string | null;
  totp_enabled_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Date | null;
  /** The privacy notice version the person said, registering, they had read, and when. */
  privacy_notice_version: string | null;
  privacy_notice_acknowledged_at: Date | null;
}

export interface UserTables {
  app_user: AppUserTable;
}
