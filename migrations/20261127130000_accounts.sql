-- Accounts: server-side sessions, password resets, two-factor state, sign-in throttling and the
-- email outbox. Secrets are never stored as given: session ids, reset tokens and recovery codes
-- are kept as SHA-256 hashes; throttling keys (email addresses, IP addresses) as hashes too.

create table user_session (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  -- SHA-256 (hex) of the 256-bit random id held in the cookie.
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  -- The per-session token that forms carry in their `_csrf` field.
  csrf_token text not null check (char_length(csrf_token) between 32 and 128),
  -- 'two_factor': the password was right, a code is still owed; 'active': signed in.
  stage text not null check (stage in ('two_factor', 'active')),
  two_factor_verified boolean not null default false,
  ip_address text null check (char_length(ip_address) <= 64),
  user_agent text null check (char_length(user_agent) <= 300),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  -- The absolute end of the session, whatever the activity.
  expires_at timestamptz not null,
  check (expires_at > created_at)
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expires_idx on user_session (expires_at);

-- One-time links to choose a password: after a reset request, or for an account created by
-- someone else ('set').
create table password_reset (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  purpose text not null check (purpose in ('reset', 'set')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz null,
  check (expires_at > created_at)
);
create index password_reset_user_idx on password_reset (user_id);

-- Two-factor recovery codes, each usable once.
create table recovery_code (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  used_at timestamptz null,
  unique (user_id, code_hash)
);

-- The last TOTP time step accepted for a user: a code is refused unless its step is later,
-- so the same code cannot be used twice.
create table totp_last_step (
  user_id uuid primary key references app_user (id) on delete cascade,
  step bigint not null check (step > 0)
);

-- Failed sign-ins per account (hash of the email address, known or not) and per IP address,
-- in a fixed window; too many lock the key for a while.
create table sign_in_throttle (
  scope text not null check (scope in ('account', 'ip')),
  key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
  failures integer not null default 0 check (failures >= 0),
  window_started_at timestamptz not null default now(),
  locked_until timestamptz null,
  primary key (scope, key_hash)
);

-- Email written in the same transaction as the change that sends it, delivered after commit
-- (SMTP), or kept for the development outbox page. Once sent by SMTP the body is cleared, so
-- that links with tokens do not linger.
create table email_outbox (
  id uuid primary key default gen_random_uuid(),
  recipient text not null check (char_length(recipient) between 3 and 254),
  subject text not null check (char_length(subject) between 1 and 300),
  body_text text null,
  created_at timestamptz not null default now(),
  sent_at timestamptz null,
  last_error text null check (char_length(last_error) <= 500)
);
create index email_outbox_created_idx on email_outbox (created_at desc);
