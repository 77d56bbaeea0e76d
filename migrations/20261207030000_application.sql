-- Applications of job seekers to published vacancies (issue 13, part 5; src/modules/applications).
-- One application per person and vacancy. The state is written only by the lifecycle's one
-- writer (application.states.ts), with a row in application_event and in the audit trail.
-- `terms` is the vacancy's terms as they were when the person applied (title, number,
-- employer, agency, destination, wage, hours, contract, benefits): shown instead of today's.
-- Erasure of the person keeps the organisation's record (state, history, terms) but removes the
-- link to the person (seeker_user_id null), the note and the documents attached.

create table application (
  id uuid primary key default gen_random_uuid(),
  seeker_user_id uuid null references app_user (id),
  vacancy_id uuid not null references vacancy (id),
  vacancy_number integer not null check (vacancy_number > 0),
  -- Who works it: the agency (when the vacancy has one) and the employer.
  agency_organisation_id uuid null references organisation (id),
  employer_organisation_id uuid null references organisation (id),
  terms jsonb not null,
  note text null check (note is null or char_length(note) between 1 and 1000),
  document_ids uuid[] not null default '{}' check (cardinality(document_ids) <= 10),
  state text not null check (state in ('submitted', 'shortlisted', 'interviewed', 'selected',
    'offered', 'accepted', 'rejected', 'withdrawn', 'declined')),
  interview_at timestamptz null,
  interview_place text null check (interview_place is null or char_length(interview_place) between 1 and 300),
  interview_link text null check (interview_link is null or (char_length(interview_link) between 8 and 500
    and interview_link ~ '^https?://')),
  reject_reason_code text null check (reject_reason_code is null or reject_reason_code in (
    'experience', 'qualifications', 'language', 'documents', 'position_filled', 'other')),
  offer_terms text null check (offer_terms is null or char_length(offer_terms) between 1 and 2000),
  offer_start_date date null,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  erased_at timestamptz null,
  check ((state = 'rejected') = (reject_reason_code is not null)),
  check (state not in ('offered', 'accepted') or offer_terms is not null),
  check (interview_at is null or interview_place is not null or interview_link is not null)
);
-- One application per person and vacancy: a double submit lands on the existing one.
create unique index application_seeker_vacancy_idx on application (seeker_user_id, vacancy_id);
create index application_vacancy_idx on application (vacancy_id, submitted_at desc);
create index application_agency_idx on application (agency_organisation_id, submitted_at desc);
create index application_employer_idx on application (employer_organisation_id, submitted_at desc);

create table application_event (
  id bigint generated always as identity primary key,
  application_id uuid not null references application (id),
  event text not null,
  from_state text null,
  to_state text not null,
  reason text null check (reason is null or char_length(reason) between 1 and 2000),
  reason_code text null,
  interview_at timestamptz null,
  actor_user_id uuid null references app_user (id),
  actor_organisation_id uuid null references organisation (id),
  actor_role text null,
  actor_api_key_id uuid null,
  occurred_at timestamptz not null default now()
);
create index application_event_application_idx on application_event (application_id, id);
