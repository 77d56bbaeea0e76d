-- Reports of abuse by recruiters and employers (issue 14, part 4; src/modules/abuse-reports).
-- Anyone files one, anonymously or not; the reference (R- and 12 Crockford base32 characters,
-- 60 random bits) is what the reporter follows it with. Officers of the responsible authority
-- triage, assign, escalate and close it: the state is written only by the lifecycle's one
-- writer (abuse-report.states.ts), with a row in abuse_report_event and in the audit trail.
-- The text is kept exactly as typed (any language or script); the contact fields are personal
-- data, read only by officers with abuse_report.triage, each read audited.

create table abuse_report (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^R-[0-9A-HJKMNP-TV-Z]{12}$'),
  state text not null check (state in ('received', 'triaged', 'assigned', 'escalated', 'closed')),
  -- Who is reported: an organisation in Corridor, or a name typed by the reporter.
  organisation_id uuid null references organisation (id),
  subject_name text not null check (char_length(subject_name) between 1 and 200),
  subject_kind text not null check (subject_kind in ('recruiter', 'employer')),
  subject_country_code text null references country (code),
  categories text[] not null check (
    cardinality(categories) between 1 and 6
    and categories <@ array['illegal_fees', 'contract_substitution', 'documents_confiscated',
      'unpaid_wages', 'trafficking', 'other']::text[]),
  indicators text[] not null default '{}' check (
    indicators <@ array['cannot_leave', 'debt', 'threats', 'locked_in', 'documents_held',
      'deceived']::text[]),
  -- Any sign of trafficking: at the top of the queue, and emailed to the office at once.
  urgent boolean not null,
  occurred_country_code text not null references country (code),
  occurred_place text null check (occurred_place is null or char_length(occurred_place) between 1 and 200),
  occurred_when text null check (occurred_when is null or char_length(occurred_when) between 1 and 100),
  description text not null check (char_length(description) between 1 and 10000),
  contact_name text null check (contact_name is null or char_length(contact_name) between 1 and 200),
  contact_email text null check (contact_email is null or char_length(contact_email) between 3 and 254),
  contact_phone text null check (contact_phone is null or char_length(contact_phone) between 3 and 40),
  reply_language text not null check (reply_language in ('en', 'fr', 'es', 'ar', 'sw', 'fil', 'ne', 'bn', 'ur')),
  -- Triage: the officer's category and severity.
  category text null check (category is null or category in ('illegal_fees', 'contract_substitution',
    'documents_confiscated', 'unpaid_wages', 'trafficking', 'other')),
  severity text null check (severity is null or severity in ('low', 'medium', 'high')),
  -- Assignment: an officer of the assigning officer's organisation.
  assigned_organisation_id uuid null references organisation (id),
  assigned_user_id uuid null references app_user (id),
  -- Escalation: another authority, whose officers then see the report too.
  escalated_organisation_id uuid null references organisation (id),
  escalated_country_code text null references country (code),
  outcome text null check (outcome is null or outcome in ('action_taken', 'referred', 'unfounded',
    'insufficient_information')),
  received_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((state = 'closed') = (outcome is not null)),
  check (state = 'received' or (category is not null and severity is not null))
);
create index abuse_report_queue_idx on abuse_report (urgent desc, received_at desc);
create index abuse_report_subject_country_idx on abuse_report (subject_country_code);
create index abuse_report_occurred_country_idx on abuse_report (occurred_country_code);

create table abuse_report_event (
  id bigint generated always as identity primary key,
  abuse_report_id uuid not null references abuse_report (id),
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
create index abuse_report_event_report_idx on abuse_report_event (abuse_report_id, id);

-- Officers' internal notes and the public replies the reporter reads on the follow page.
create table abuse_report_message (
  id bigint generated always as identity primary key,
  abuse_report_id uuid not null references abuse_report (id),
  kind text not null check (kind in ('note', 'reply')),
  body text not null check (char_length(body) between 1 and 5000),
  author_user_id uuid null references app_user (id),
  author_organisation_id uuid null references organisation (id),
  author_api_key_id uuid null,
  created_at timestamptz not null default now()
);
create index abuse_report_message_report_idx on abuse_report_message (abuse_report_id, id);

-- Floods: reports filed, and references not found, per address (HMAC of the IP address under
-- a key derived from LOOKUP_HASH_KEY, never the address). Past the free ones in the window,
-- each waits longer (abuse-report.throttle.ts).
create table abuse_report_throttle (
  scope text not null check (scope in ('file', 'follow_miss')),
  key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
  attempts integer not null check (attempts >= 0),
  window_started_at timestamptz not null,
  locked_until timestamptz null,
  primary key (scope, key_hash)
);
