-- Statistics (issue 16; src/modules/statistics, docs/statistics.md). The module reads the
-- records of other modules through their services and keeps two tables of its own:
--
-- statistics_fact: what each source record contributes, one row per record and cube (a job
--   order to the demand cubes, a job seeker to the supply cubes…): the cell's coordinates, a
--   count (1, or a job order's positions) and the sum of the record keys it carries (the
--   cell-key method, ADR 15). Replaced as a whole when the record changes.
-- statistics_cell: the pre-aggregated cells: per cube, month and dimension values (and, for
--   durations, whole days), the count and key sum of the facts in it. Kept up to date from the
--   facts' changes (count + delta, key sum + delta modulo 2^32), so that a published table reads
--   cells, never records.

create table statistics_fact (
  source text not null check (source in ('vacancy', 'job_seeker', 'application', 'decision')),
  record_id text not null check (length(record_id) between 1 and 100),
  cube text not null check (length(cube) between 1 and 40),
  month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
  d1 text not null default '' check (length(d1) <= 64),
  d2 text not null default '' check (length(d2) <= 64),
  d3 text not null default '' check (length(d3) <= 64),
  d4 text not null default '' check (length(d4) <= 64),
  d5 text not null default '' check (length(d5) <= 64),
  d6 text not null default '' check (length(d6) <= 64),
  -- A duration in whole days (time to fill, processing), or -1 when the cube has none.
  days integer not null default -1 check (days >= -1),
  count integer not null check (count > 0),
  key_sum bigint not null check (key_sum >= 0 and key_sum < 4294967296)
);
create index statistics_fact_record_idx on statistics_fact (source, record_id);

create table statistics_cell (
  cube text not null,
  month text not null,
  d1 text not null default '',
  d2 text not null default '',
  d3 text not null default '',
  d4 text not null default '',
  d5 text not null default '',
  d6 text not null default '',
  days integer not null default -1,
  -- No check on count: an upsert's proposed row carries a negative delta (a record that left).
  count bigint not null,
  key_sum bigint not null check (key_sum >= 0 and key_sum < 4294967296),
  primary key (cube, month, d1, d2, d3, d4, d5, d6, days)
);

-- One row: when the aggregates were last rebuilt from every source, and last brought up to date
-- from the domain events (the figures' "as of").
create table statistics_state (
  id smallint primary key default 1 check (id = 1),
  rebuilt_at timestamptz null,
  refreshed_at timestamptz null
);
insert into statistics_state (id) values (1);
