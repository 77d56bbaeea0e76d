-- Job orders (vacancies) and what their checks need. The lifecycle is a state machine
-- (src/modules/vacancies/vacancy.states.ts): only its transition function writes `state` and
-- the *_at timestamps, and every transition leaves a row in vacancy_event and the audit trail.
-- vacancy_event is also the change feed of the public search index: whatever changes what the
-- public may see appends a row there in the same transaction.

create table vacancy (
  id uuid primary key default gen_random_uuid(),
  -- The number people quote (shown as JO-000123).
  number bigint generated always as identity unique,
  state text not null
    check (state in ('draft', 'submitted', 'approved', 'rejected', 'published', 'closed', 'filled', 'expired')),
  employer_organisation_id uuid not null references organisation (id),
  -- The licensed agency recruiting for the employer, if any.
  agency_organisation_id uuid null references organisation (id),
  -- The country workers are recruited from: its origin authority approves the job order.
  origin_country text not null references country (code),
  destination_country text not null references country (code),
  destination_subdivision text null references country_subdivision (code),
  -- An ESCO occupation when one was chosen; the ISCO-08 unit group always.
  occupation_id uuid null references esco_occupation (id),
  isco_code text not null references isco_group (code) check (length(isco_code) = 4),
  -- The language the title and description are written in (ISO 639-1).
  language text not null references language (code),
  title text not null check (char_length(title) between 1 and 200),
  description text not null check (char_length(description) between 1 and 10000),
  min_isced_level text null references isced_level (code),
  experience_months integer not null default 0 check (experience_months between 0 and 600),
  positions integer not null check (positions between 1 and 10000),
  positions_filled integer not null default 0 check (positions_filled between 0 and positions),
  contract_months integer not null check (contract_months between 1 and 120),
  wage_amount numeric(14, 2) not null check (wage_amount > 0),
  wage_currency text not null references currency (code),
  wage_period text not null check (wage_period in ('hour', 'day', 'week', 'month', 'year')),
  hours_per_week numeric(4, 1) not null check (hours_per_week > 0 and hours_per_week <= 84),
  benefit_housing boolean not null default false,
  benefit_food boolean not null default false,
  benefit_transport boolean not null default false,
  benefit_insurance boolean not null default false,
  benefits_note text null check (benefits_note is null or char_length(benefits_note) between 1 and 2000),
  application_deadline date not null,
  created_by_user_id uuid null references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz null,
  approved_at timestamptz null,
  rejected_at timestamptz null,
  published_at timestamptz null,
  -- When it left the public list: closed, filled or expired (the state says which).
  ended_at timestamptz null,
  check (destination_subdivision is null or left(destination_subdivision, 2) = destination_country),
  check (occupation_id is null or isco_code is not null),
  check (state not in ('submitted', 'approved', 'rejected', 'published', 'closed', 'filled', 'expired') or submitted_at is not null),
  check (state not in ('approved', 'published') or approved_at is not null),
  check (state <> 'published' or published_at is not null)
);
create index vacancy_employer_idx on vacancy (employer_organisation_id, created_at desc);
create index vacancy_agency_idx on vacancy (agency_organisation_id, created_at desc)
  where agency_organisation_id is not null;
create index vacancy_review_idx on vacancy (origin_country, state, submitted_at);
-- expireDue() looks for these.
create index vacancy_due_idx on vacancy (application_deadline) where state = 'published';
-- The plain full-text baseline (and a fallback): the vacancy's own words.
create index vacancy_text_idx on vacancy
  using gin (to_tsvector('simple', title || ' ' || description));

create table vacancy_skill (
  vacancy_id uuid not null references vacancy (id) on delete cascade,
  skill_id uuid not null references esco_skill (id),
  essential boolean not null,
  primary key (vacancy_id, skill_id)
);

create table vacancy_language (
  vacancy_id uuid not null references vacancy (id) on delete cascade,
  language text not null references language (code),
  cefr_level text not null references cefr_level (code),
  primary key (vacancy_id, language)
);

-- The title and description in other languages, when the employer gives them.
create table vacancy_translation (
  vacancy_id uuid not null references vacancy (id) on delete cascade,
  language text not null references language (code),
  title text not null check (char_length(title) between 1 and 200),
  description text not null check (char_length(description) between 1 and 10000),
  primary key (vacancy_id, language)
);

create table vacancy_event (
  id bigint generated always as identity primary key,
  vacancy_id uuid not null references vacancy (id) on delete cascade,
  event text not null,
  from_state text null,
  to_state text not null,
  reason text null check (reason is null or char_length(reason) between 1 and 2000),
  actor_user_id uuid null references app_user (id),
  actor_organisation_id uuid null references organisation (id),
  actor_api_key_id uuid null,
  occurred_at timestamptz not null default now()
);
create index vacancy_event_vacancy_idx on vacancy_event (vacancy_id, id);

-- One row per position filled, for time-to-fill statistics.
create table vacancy_position_fill (
  id bigint generated always as identity primary key,
  vacancy_id uuid not null references vacancy (id) on delete cascade,
  filled_at timestamptz not null default now(),
  actor_user_id uuid null references app_user (id)
);
create index vacancy_position_fill_idx on vacancy_position_fill (vacancy_id, filled_at);

-- The wage floor a job order must meet, set by the origin authority per destination and
-- occupation. isco_code null: every occupation; otherwise any ISCO level (1–4 digits), and the
-- longest matching code wins.
create table minimum_wage (
  id uuid primary key default gen_random_uuid(),
  origin_country text not null references country (code),
  destination_country text not null references country (code),
  isco_code text null references isco_group (code),
  amount numeric(14, 2) not null check (amount > 0),
  currency text not null references currency (code),
  period text not null check (period in ('hour', 'day', 'week', 'month', 'year')),
  set_by_organisation_id uuid null references organisation (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index minimum_wage_scope_idx
  on minimum_wage (origin_country, destination_country, coalesce(isco_code, ''));

-- Indicative rates used only to compare wages across currencies (wage bands, sorting by wage).
-- Never used to check a minimum wage: that compares amounts in the same currency.
create table exchange_rate (
  currency text primary key references currency (code),
  usd_per_unit numeric(18, 8) not null check (usd_per_unit > 0),
  as_of date not null,
  source text not null check (source <> '')
);
