-- Invitations to join an organisation, organisations' API keys, and the consent ledger.

create table invitation (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  email text not null check (email = lower(email) and char_length(email) between 3 and 254),
  role text not null,
  administrator boolean not null default false,
  -- SHA-256 of the token in the emailed link; the token itself is never stored.
  token_hash text not null unique,
  invited_by uuid null references app_user (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz null,
  accepted_user_id uuid null references app_user (id),
  revoked_at timestamptz null
);
create index invitation_organisation_idx on invitation (organisation_id, created_at desc);

create table api_key (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  -- The public part of the key, shown in lists so that a key can be recognised.
  prefix text not null unique check (prefix ~ '^[a-z0-9]{8}$'),
  -- SHA-256 of the secret part; the key is shown once and never stored.
  secret_hash text not null,
  permissions text[] not null check (cardinality(permissions) >= 1),
  created_by uuid null references app_user (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz null,
  revoked_at timestamptz null,
  revoked_by uuid null references app_user (id)
);
create index api_key_organisation_idx on api_key (organisation_id, created_at desc);

-- What a person agreed to share with whom, when, and when they withdrew it.
create table consent (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  organisation_id uuid not null references organisation (id),
  purpose text not null check (purpose in ('profile.view', 'profile.contact')),
  granted_at timestamptz not null default now(),
  withdrawn_at timestamptz null,
  check (withdrawn_at is null or withdrawn_at >= granted_at)
);
create unique index consent_active_idx on consent (user_id, organisation_id, purpose)
  where withdrawn_at is null;
create index consent_organisation_idx on consent (organisation_id, purpose) where withdrawn_at is null;
