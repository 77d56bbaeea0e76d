-- Eligibility self-assessment (issue 14, part 2). A destination authority defines schemes as
-- data: the scheme row holds its slug (the public address), destination, owner and lifecycle
-- state (draft, published, retired); its rules live in eligibility_scheme_version rows, JSON
-- validated by the application (scheme.definition.ts), never updated: a change is a new
-- version. Readers see published_version; an assessment names the version it used.

create table eligibility_scheme (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{1,58}[a-z0-9])$'),
  destination_country char(2) not null references country (code),
  organisation_id uuid not null references organisation (id),
  state text not null check (state in ('draft', 'published', 'retired')),
  latest_version integer not null check (latest_version >= 1),
  published_version integer null check (published_version >= 1 and published_version <= latest_version),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (state <> 'published' or published_version is not null)
);
create index eligibility_scheme_public_idx on eligibility_scheme (destination_country) where state = 'published';
create index eligibility_scheme_organisation_idx on eligibility_scheme (organisation_id);

create table eligibility_scheme_version (
  scheme_id uuid not null references eligibility_scheme (id),
  version integer not null check (version >= 1),
  definition jsonb not null check (jsonb_typeof(definition) = 'object' and pg_column_size(definition) < 200000),
  created_by_user_id uuid null references app_user (id),
  created_at timestamptz not null default now(),
  primary key (scheme_id, version)
);

create table eligibility_scheme_event (
  id bigint generated always as identity primary key,
  scheme_id uuid not null references eligibility_scheme (id),
  event text not null,
  from_state text null,
  to_state text not null,
  version integer null,
  reason text null check (reason is null or char_length(reason) between 1 and 2000),
  actor_user_id uuid null references app_user (id),
  actor_organisation_id uuid null references organisation (id),
  actor_role text null,
  actor_api_key_id uuid null,
  occurred_at timestamptz not null default now()
);
create index eligibility_scheme_event_idx on eligibility_scheme_event (scheme_id, id);

-- Anonymous answers behind a reference code (10 characters of Crockford base32), kept 90 days
-- then deleted by the eligibility.purge job. No name, address or document: the answers only,
-- and, once the person registers with the code, the account it was carried into.
create table eligibility_assessment (
  code text primary key check (code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
  scheme_id uuid not null references eligibility_scheme (id),
  version integer not null,
  answers jsonb not null check (jsonb_typeof(answers) = 'object' and pg_column_size(answers) < 20000),
  total integer not null,
  eligible boolean not null,
  user_id uuid null references app_user (id) on delete set null,
  linked_at timestamptz null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  foreign key (scheme_id, version) references eligibility_scheme_version (scheme_id, version)
);
create index eligibility_assessment_expiry_idx on eligibility_assessment (expires_at);
create index eligibility_assessment_user_idx on eligibility_assessment (user_id) where user_id is not null;
