-- Country guides (issue 14, part 1): one guide per destination country, topic and language,
-- kept by its responsible organisation. Its text lives in guide_version rows, which are never
-- updated: a change is a new version. The guide row holds the lifecycle's state (draft,
-- in_review, published, withdrawn), the version readers see (published_version), the latest
-- one, who submitted the version under review (four eyes: not its publisher), the day it was
-- last verified, and when its editors were last told that it is due for checking.

create table guide (
  id uuid primary key default gen_random_uuid(),
  country_code char(2) not null references country (code),
  topic text not null check (topic in (
    'immigration-rules', 'visas-and-work-permits', 'rights-and-obligations',
    'working-conditions', 'cultural-orientation', 'health-care', 'education', 'housing',
    'trafficking-and-smuggling', 'return-and-reintegration', 'sending-money-home'
  )),
  language text not null check (language in ('en', 'fr', 'es', 'ar', 'sw', 'fil', 'ne', 'bn', 'ur')),
  organisation_id uuid not null references organisation (id),
  state text not null check (state in ('draft', 'in_review', 'published', 'withdrawn')),
  latest_version integer not null check (latest_version >= 1),
  published_version integer null check (published_version >= 1),
  submitted_version integer null,
  submitted_by_user_id uuid null references app_user (id),
  verified_on date null,
  published_at timestamptz null,
  stale_notified_at timestamptz null,
  created_at timestamptz not null default now(),
  unique (country_code, topic, language)
);
create index guide_published_idx on guide (country_code, topic) where published_version is not null;
create index guide_organisation_idx on guide (organisation_id);

create table guide_version (
  guide_id uuid not null references guide (id) on delete cascade,
  number integer not null check (number >= 1),
  title text not null check (char_length(title) between 1 and 200),
  summary text not null check (char_length(summary) between 1 and 300),
  body text not null check (char_length(body) between 1 and 50000),
  -- [{ "title": "…", "url": "https://…" }], at most 20.
  sources jsonb not null default '[]'::jsonb check (jsonb_typeof(sources) = 'array'),
  created_by_user_id uuid null references app_user (id),
  created_at timestamptz not null default now(),
  primary key (guide_id, number)
);

-- The lifecycle's events (ADR 9's shape), with the version an event concerns (none for
-- 'verify', which checks the text without changing it).
create table guide_event (
  id bigint generated always as identity primary key,
  guide_id uuid not null references guide (id) on delete cascade,
  version integer null,
  event text not null,
  from_state text null,
  to_state text not null,
  reason text null check (reason is null or char_length(reason) between 1 and 2000),
  actor_user_id uuid null references app_user (id),
  actor_organisation_id uuid null references organisation (id),
  actor_role text null,
  actor_api_key_id uuid null,
  occurred_at timestamptz not null default now()
);
create index guide_event_guide_idx on guide_event (guide_id, id);
