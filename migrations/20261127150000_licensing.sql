-- Licences of recruitment agencies and the vetting of foreign employers. Both are state
-- machines (src/modules/licensing/*.states.ts): only their transition functions write `state`,
-- and every transition leaves a row in the matching *_event table and in the audit trail.

create table licence (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  state text not null check (state in ('applied', 'active', 'suspended', 'revoked', 'expired', 'refused')),
  -- Given when granted: unique across the country's register, e.g. KE-RA-2026-0001.
  number text null unique check (number is null or number ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'),
  issuing_authority_id uuid null references organisation (id),
  valid_from date null,
  valid_to date null,
  applied_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (state in ('applied', 'refused') or (number is not null and valid_from is not null and valid_to is not null and issuing_authority_id is not null)),
  check (valid_to is null or valid_to >= valid_from)
);
-- An agency holds at most one licence that is pending or in force.
create unique index licence_open_idx on licence (organisation_id)
  where state in ('applied', 'active', 'suspended');
create index licence_organisation_idx on licence (organisation_id, created_at desc);
-- expireDue() looks for these: cheap enough to run before every public read.
create index licence_due_idx on licence (valid_to) where state in ('active', 'suspended');

create table licence_event (
  id bigint generated always as identity primary key,
  licence_id uuid not null references licence (id),
  event text not null,
  from_state text null,
  to_state text not null,
  reason text null check (reason is null or char_length(reason) between 1 and 2000),
  actor_user_id uuid null references app_user (id),
  actor_organisation_id uuid null references organisation (id),
  valid_to date null,
  occurred_at timestamptz not null default now()
);
create index licence_event_licence_idx on licence_event (licence_id, id);

create table employer_vetting (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null unique references organisation (id),
  state text not null check (state in ('submitted', 'vetted', 'rejected')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table employer_vetting_event (
  id bigint generated always as identity primary key,
  vetting_id uuid not null references employer_vetting (id),
  event text not null,
  from_state text null,
  to_state text not null,
  reason text null check (reason is null or char_length(reason) between 1 and 2000),
  actor_user_id uuid null references app_user (id),
  actor_organisation_id uuid null references organisation (id),
  occurred_at timestamptz not null default now()
);
create index employer_vetting_event_idx on employer_vetting_event (vetting_id, id);
