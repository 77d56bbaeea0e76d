-- The audit trail: one row per write, and per read of restricted personal data.
-- Rows are hash-chained by the application (src/platform/audit/audit.chain.ts); the trigger
-- below makes the table append-only, so that changing the past needs the table owner to
-- switch the trigger off first, and the chain then shows where the past was changed.

create table audit_event (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  -- No foreign keys: the log outlives the users, organisations and keys it mentions.
  actor_user_id uuid null,
  actor_role text null,
  actor_organisation_id uuid null,
  api_key_id uuid null,
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject_type text not null,
  subject_ids text[] not null default '{}',
  -- The person whose data it is, for the "who looked at my data" page.
  data_subject_user_id uuid null,
  purpose text null,
  request_id text null,
  ip_address text null,
  before jsonb null,
  after jsonb null,
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$'),
  -- Two events with the same predecessor would be a fork. Writers take an advisory lock so
  -- this never happens; the constraint makes a writer that skipped the lock fail loudly.
  constraint audit_event_prev_hash_key unique (prev_hash)
);

create index audit_event_occurred_at_idx on audit_event (occurred_at);
create index audit_event_data_subject_idx on audit_event (data_subject_user_id, occurred_at);
create index audit_event_action_idx on audit_event (action);
create index audit_event_actor_user_idx on audit_event (actor_user_id);
-- "Everything that happened to vacancy X": subject_ids @> array['X'].
create index audit_event_subject_ids_idx on audit_event using gin (subject_ids);

create function audit_event_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_event is append-only'
    using errcode = 'insufficient_privilege',
          hint = 'Audit events are never changed or deleted; record a new event instead.';
end;
$$;

create trigger audit_event_append_only
  before update or delete on audit_event
  for each row execute function audit_event_refuse_change();

create trigger audit_event_no_truncate
  before truncate on audit_event
  for each statement execute function audit_event_refuse_change();
