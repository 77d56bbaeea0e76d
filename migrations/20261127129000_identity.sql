-- Identity: organisations, user accounts and the roles users hold in organisations.
-- (Sessions, resets and throttling are in the accounts migration that follows.)

create table organisation (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('origin_authority', 'destination_authority', 'embassy',
    'border_agency', 'employer', 'recruitment_agency', 'training_provider', 'ngo')),
  name text not null check (char_length(btrim(name)) between 1 and 200),
  country_code text not null references country (code),
  registration_number text null check (char_length(registration_number) <= 100),
  address text null check (char_length(address) <= 500),
  email text null check (char_length(email) <= 254),
  phone text null check (char_length(phone) <= 40),
  website text null check (char_length(website) <= 300),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organisation_kind_country_idx on organisation (kind, country_code);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  -- Lower-cased; unique among accounts that are not closed.
  email text not null check (email = lower(email) and char_length(email) between 3 and 254),
  -- The name as the person writes it, in any script; a single name (mononym) is valid.
  full_name text not null check (char_length(btrim(full_name)) between 1 and 200),
  preferred_language text not null default 'en' check (preferred_language in ('en', 'fr', 'es', 'ar')),
  status text not null default 'active' check (status in ('pending', 'active', 'closed')),
  password_hash text null,
  password_changed_at timestamptz null,
  -- TOTP secret, encrypted with the field cipher (context 'app_user.totp_secret').
  totp_secret_encrypted text null,
  totp_enabled_at timestamptz null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz null,
  check ((status = 'closed') = (closed_at is not null))
);
create unique index app_user_email_open_idx on app_user (email) where status <> 'closed';

-- A role held by a user: for an organisation, or on its own (job_seeker, system_admin).
create table role_assignment (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  role text not null check (role in ('system_admin', 'origin_officer', 'destination_officer',
    'embassy_officer', 'border_officer', 'agency_staff', 'employer_staff', 'job_seeker',
    'analyst', 'auditor')),
  organisation_id uuid null references organisation (id),
  -- An organisation's administrator invites staff, assigns roles and manages API keys.
  administrator boolean not null default false,
  created_at timestamptz not null default now(),
  check ((role in ('job_seeker', 'system_admin')) = (organisation_id is null)),
  check (not administrator or organisation_id is not null)
);
create unique index role_assignment_unique_idx
  on role_assignment (user_id, role, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'));
create index role_assignment_organisation_idx on role_assignment (organisation_id);
