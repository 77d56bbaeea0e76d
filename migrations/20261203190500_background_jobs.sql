-- Background jobs (src/platform/jobs, ADR 11): work that happens at a time or must be retried
-- (expiry at an end date, housekeeping, sending email) is a row here, claimed by one runner.

create table job (
  id bigint generated always as identity primary key,
  name text not null check (name ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'),
  payload jsonb not null default '{}'::jsonb,
  -- At most one job per name and key: the email it sends, the schedule slot it runs for.
  key text null,
  -- queued: waits for run_at; running: claimed until locked_until; succeeded; failed: no
  -- attempts left (a system administrator may retry it).
  state text not null default 'queued'
    check (state in ('queued', 'running', 'succeeded', 'failed')),
  run_at timestamptz not null,
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null check (max_attempts >= 1),
  last_error text null,
  locked_by text null,
  locked_until timestamptz null,
  created_at timestamptz not null,
  finished_at timestamptz null
);

create unique index job_name_key_idx on job (name, key) where key is not null;
-- The runner's question: what is due (or claimed by a runner that went away)?
create index job_due_idx on job (run_at) where state in ('queued', 'running');
create index job_state_idx on job (state, finished_at);

-- Jobs that run at a time: every N minutes, or at the times of a cron expression (UTC).
create table job_schedule (
  job_name text primary key,
  every_minutes integer null check (every_minutes > 0),
  cron text null,
  next_run_at timestamptz not null,
  last_enqueued_at timestamptz null,
  constraint job_schedule_one_rule check ((every_minutes is null) <> (cron is null))
);

-- One row per attempt: the record of recent runs shown to the system administrator.
create table job_run (
  id bigint generated always as identity primary key,
  job_id bigint not null references job (id) on delete cascade,
  job_name text not null,
  attempt integer not null,
  runner text not null,
  started_at timestamptz not null,
  finished_at timestamptz null,
  outcome text not null default 'running' check (outcome in ('running', 'succeeded', 'failed')),
  error text null
);

create index job_run_started_at_idx on job_run (started_at desc);
create index job_run_job_idx on job_run (job_id);

-- The one active runner across every app process: whoever holds an unexpired lease.
create table job_runner_lease (
  id smallint primary key check (id = 1),
  holder text null,
  expires_at timestamptz not null
);

insert into job_runner_lease (id, holder, expires_at) values (1, null, '1970-01-01T00:00:00Z');
