-- Accounts by phone number (issue 13, part 1) and assisted registration (part 7).
-- An account has an email address, a phone number (E.164), or both; erased accounts keep
-- neither phone nor a real address. Phone numbers are unique among accounts that are not closed.
alter table app_user alter column email drop not null;
alter table app_user
  add column phone text null check (phone ~ '^\+[1-9][0-9]{5,14}$'),
  add constraint app_user_email_or_phone_check check (email is not null or phone is not null);
create unique index app_user_phone_open_idx on app_user (phone) where status <> 'closed';

-- Text messages waiting to go, or kept for the development outbox page (like email_outbox).
create table sms_outbox (
  id uuid primary key default gen_random_uuid(),
  recipient text not null check (recipient ~ '^\+[1-9][0-9]{5,14}$'),
  body_text text null check (char_length(body_text) between 1 and 1000),
  created_at timestamptz not null default now(),
  sent_at timestamptz null,
  last_error text null check (char_length(last_error) <= 500)
);
create index sms_outbox_created_idx on sms_outbox (created_at);
create index sms_outbox_recipient_idx on sms_outbox (recipient);

-- One-time codes: six digits sent by SMS (or email) to prove a number or address, to sign in,
-- to claim an assisted account; or a long token in an emailed link (add_email). Only a keyed
-- hash (HMAC-SHA-256 under a key derived from LOOKUP_HASH_KEY) is kept. The row's id is the
-- handle the code page carries; a challenge for a number that cannot use it (an existing
-- account, on registration) holds a hash of nothing anyone was sent.
create table one_time_code (
  id uuid primary key default gen_random_uuid(),
  purpose text not null check (purpose in ('register', 'sign_in', 'add_phone', 'add_email', 'claim')),
  channel text not null check (channel in ('sms', 'email')),
  -- The E.164 number or the lower-cased email address the code went to.
  target text not null check (char_length(target) between 3 and 254),
  user_id uuid null references app_user (id) on delete cascade,
  preferred_language text null check (preferred_language in ('en', 'fr', 'es', 'ar', 'ur', 'ne', 'bn', 'fil', 'sw')),
  privacy_notice_version text null check (char_length(privacy_notice_version) <= 40),
  code_hash text not null check (char_length(code_hash) = 64),
  attempts integer not null default 0 check (attempts >= 0),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz null,
  check (expires_at > created_at)
);
create index one_time_code_target_idx on one_time_code (target, purpose);
create index one_time_code_user_idx on one_time_code (user_id);
create index one_time_code_expires_idx on one_time_code (expires_at);

-- An account an officer opened for a person who was present and consented: who, for which
-- organisation, the statement recorded; the claim code encrypted (field cipher, context
-- 'assisted_registration.claim_code') so that the slip can be printed again until it is claimed.
create table assisted_registration (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  officer_user_id uuid not null references app_user (id),
  organisation_id uuid null,
  officer_name text not null check (char_length(officer_name) between 1 and 200),
  organisation_name text not null check (char_length(organisation_name) between 1 and 300),
  consent_statement text not null check (char_length(consent_statement) between 1 and 2000),
  claim_code_encrypted text null,
  created_at timestamptz not null default now(),
  claim_expires_at timestamptz not null,
  claimed_at timestamptz null
);
create index assisted_registration_user_idx on assisted_registration (user_id);
create index assisted_registration_officer_idx on assisted_registration (officer_user_id);
