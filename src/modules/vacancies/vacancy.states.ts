import type { FieldProblem } from '../../platform/http/problem.js';
import { allowedFrom as declaredFrom, decide } from '../../platform/lifecycle/lifecycle.js';
import {
  VACANCY_LIFECYCLE,
  type VacancyEvent,
  type VacancySnapshot,
  type VacancyState,
} from './vacancy.lifecycle.js';

/**
 * The job-order lifecycle (docs/state-diagrams/vacancy.md), declared in vacancy.lifecycle.ts and
 * run by platform/lifecycle. `decideVacancy` is pure: named events, the states they leave from,
 * the state they lead to, and the guards that need nothing but the vacancy itself. The checks
 * that need other records (licence, vetting, minimum wage) are made by the service and passed
 * in as `checks`. `transitionVacancy` (vacancy.transition.ts) is the one writer of
 * `vacancy.state`.
 */

export {
  VACANCY_EVENTS,
  VACANCY_STATES,
  type VacancyEvent,
  type VacancySnapshot,
  type VacancyState,
} from './vacancy.lifecycle.js';
export { isoDate } from '../../platform/lifecycle/lifecycle.js';

export const WAGE_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type WagePeriod = (typeof WAGE_PERIODS)[number];

/** Who may ask for each event (the policy checks the caller's scope on top). */
export const OWNER_EVENTS = [
  'update',
  'submit',
  'withdraw',
  'publish',
  'fill_position',
  'close',
] as const;
export type OwnerEvent = (typeof OWNER_EVENTS)[number];
export const OFFICER_EVENTS = ['approve', 'reject', 'close'] as const;
export type OfficerEvent = (typeof OFFICER_EVENTS)[number];

export const VACANCY_TRANSITIONS = VACANCY_LIFECYCLE.events;

/** Audit actions: `vacancy.<past tense>`. */
export const PAST_TENSE = Object.fromEntries(
  Object.entries(VACANCY_TRANSITIONS).map(([event, rule]) => [event, rule.past]),
) as Record<VacancyEvent, string>;

/**
 * What the service found in other records. A check left undefined is not needed for the event.
 * Each problem names the field to correct and the message key, with its values.
 */
export interface VacancyChecks {
  /** Problems with the terms themselves (minimum wage, agency licence, employer vetting). */
  problems?: FieldProblem[];
}

export type VacancyDecision =
  { ok: true; to: VacancyState } | { ok: false; problems: FieldProblem[] };

export function allowedFrom(state: VacancyState | null, event: VacancyEvent): boolean {
  return declaredFrom(VACANCY_LIFECYCLE, state, event);
}

/** Pure: may this event happen now, and where does it lead. `today` is 'YYYY-MM-DD'. */
export function decideVacancy(
  current: VacancySnapshot,
  event: VacancyEvent,
  options: { reason?: string | null; today: string; checks?: VacancyChecks },
): VacancyDecision {
  return decide(
    VACANCY_LIFECYCLE,
    current,
    { event, reason: options.reason ?? null },
    { today: options.today, problems: options.checks?.problems ?? [] },
  );
}

/** Whether the public may see a vacancy in this state (the licence and deadline aside). */
export function isPublicState(state: VacancyState): boolean {
  return state === 'published';
}
