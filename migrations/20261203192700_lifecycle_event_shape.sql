-- One shape for every lifecycle's event table (ADR 9): who (user, organisation, role, API key),
-- when, why, the state before and after, and the event's name, so that one writer appends to
-- them all and one query reads their history. licence_event and employer_vetting_event gain the
-- role and the API key; vacancy_event, which had the key, gains the role. Existing rows keep
-- null in the new columns: who acted in what role is in their audit events.
-- actor_api_key_id has no foreign key, as in vacancy_event: the event row outlives whatever
-- happens to the key, and the audit event names the key as well.

alter table licence_event add column actor_role text null;
alter table licence_event add column actor_api_key_id uuid null;

alter table employer_vetting_event add column actor_role text null;
alter table employer_vetting_event add column actor_api_key_id uuid null;

alter table vacancy_event add column actor_role text null;
