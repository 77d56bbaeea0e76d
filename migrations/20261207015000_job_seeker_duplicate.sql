-- Duplicate registrations of job seekers (issue 13, part 8): a pair of profiles that may be the
-- same person, flagged by the job that compares profiles (the same travel-document number, or
-- the same names across scripts and a compatible date of birth), for an origin officer of
-- either person's nationality to dismiss (not the same person, with a reason) or merge (the
-- same person: which account is kept; the other is marked merged into it, nothing deleted).
-- A pair is flagged once, first_user_id < second_user_id; a dismissed pair is not flagged again.

create table job_seeker_duplicate (
  id uuid primary key default gen_random_uuid(),
  first_user_id uuid not null references job_seeker (user_id) on delete cascade,
  second_user_id uuid not null references job_seeker (user_id) on delete cascade,
  rule text not null check (rule in ('document_number', 'names_birth_date')),
  state text not null default 'open' check (state in ('open', 'dismissed', 'merged')),
  kept_user_id uuid null references job_seeker (user_id) on delete cascade,
  merged_user_id uuid null references job_seeker (user_id) on delete cascade,
  reason text null check (char_length(reason) between 1 and 1000),
  decided_by_user_id uuid null references app_user (id),
  decided_at timestamptz null,
  flagged_at timestamptz not null default now(),
  constraint job_seeker_duplicate_pair_key unique (first_user_id, second_user_id),
  check (first_user_id < second_user_id),
  check ((state = 'open') = (decided_at is null)),
  check ((state = 'open') or decided_by_user_id is not null),
  check (state <> 'dismissed' or reason is not null),
  check (
    (state = 'merged') = (kept_user_id is not null and merged_user_id is not null)
  ),
  check (
    state <> 'merged'
    or (kept_user_id = first_user_id and merged_user_id = second_user_id)
    or (kept_user_id = second_user_id and merged_user_id = first_user_id)
  )
);
create index job_seeker_duplicate_open_idx on job_seeker_duplicate (flagged_at) where state = 'open';
create index job_seeker_duplicate_second_idx on job_seeker_duplicate (second_user_id);
create index job_seeker_duplicate_merged_idx on job_seeker_duplicate (merged_user_id)
  where merged_user_id is not null;

-- Where the duplicate job stopped: profiles changed since are compared at its next run.
create table job_seeker_duplicate_scan (
  id smallint primary key default 1 check (id = 1),
  scanned_up_to timestamptz not null
);
