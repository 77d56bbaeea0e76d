-- Person lookups that found nobody, one row per miss, per officer (a user or an API key): the
-- lookup's rate limit counts them (identity-documents.service.ts) so that nobody can try
-- numbers until one matches. Each miss is also in the audit trail (person.not_found); these
-- rows are only a counter, and a miss older than the window is deleted when the same officer
-- misses again.
create table person_lookup_miss (
  id bigint generated always as identity primary key,
  actor text not null check (actor ~ '^(user|key):[0-9a-f-]{36}$'),
  missed_at timestamptz not null default now()
);
create index person_lookup_miss_actor_idx on person_lookup_miss (actor, missed_at);
