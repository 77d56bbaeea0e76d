import type { Generated } from 'kysely';

/**
 * The one shape of every lifecycle's event table (licence_event, employer_vetting_event,
 * vacancy_event…): which event, from and to which state, why, who (user, organisation, role,
 * API key) and when. A module's event table extends it with its id, the subject's id and any
 * detail of its own (a licence's new end date).
 */
export interface LifecycleEventColumns {
  event: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_role: string | null;
  actor_api_key_id: string | null;
  occurred_at: Generated<Date>;
}
