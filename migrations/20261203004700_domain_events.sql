-- The transactional outbox (docs/adr/0010-domain-events-outbox.md). A module publishes a fact
-- about its own records (`licence.suspended`, `vacancy.published`) by inserting a row here in
-- the same transaction as the change; consumers read it in commit order through their cursor.

create table domain_event (
  id bigint generated always as identity primary key,
  -- The writing transaction's id. Identity values are taken before commit, so ids alone do not
  -- give commit order; a consumer reads only rows with txid below the oldest transaction still
  -- running (pg_snapshot_xmin of the current snapshot), in (txid, id) order, and nothing it has
  -- passed can appear later.
  txid bigint not null default (pg_current_xact_id()::text::bigint),
  type text not null check (type ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
  subject_type text not null check (char_length(subject_type) between 1 and 100),
  subject_id text not null check (char_length(subject_id) between 1 and 200),
  -- Small facts for consumers (ids, dates, states); never personal data.
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
  occurred_at timestamptz not null default now()
);
create index domain_event_position_idx on domain_event (txid, id);

-- One row per durable consumer: the position of the last event it has handled. A consumer
-- locks its row while it handles a batch, so several processes never handle the same batch.
create table event_consumer (
  name text primary key check (name ~ '^[a-z][a-z0-9_.:-]{0,99}$'),
  after_txid bigint not null default 0,
  after_id bigint not null default 0,
  updated_at timestamptz not null default now()
);
