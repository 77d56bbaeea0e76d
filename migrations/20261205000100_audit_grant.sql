-- The audit row names the grant that allowed the action, not the actor's first role: the
-- permission checked, the scope it was granted at, and the country of the organisation it was
-- granted for (which is also what an auditor's jurisdiction is matched against).
--
-- The columns are hashed content (src/platform/audit/audit.chain.ts) like every other; null
-- columns are left out of the hash, so the events written before them keep their hashes.
-- They are not filled in for old events: that would change their hashes and break the chain.

alter table audit_event
  add column actor_permission text null check (actor_permission ~ '^[a-z_]+\.[a-z_]+$'),
  add column actor_scope text null
    check (actor_scope in ('own', 'organisation', 'jurisdiction', 'all')),
  add column actor_country_code text null check (actor_country_code ~ '^[A-Z]{2}$');

-- An auditor of a country lists the events of that country, newest first.
create index audit_event_actor_country_idx on audit_event (actor_country_code, id);
