import type { FieldProblem } from '../../platform/http/problem.js';

/**
 * The job-order lifecycle (docs/state-diagrams/vacancy.md). `decideVacancy` is pure: named
 * events, the states they leave from, the state they lead to, and the guards that need nothing
 * but the vacancy itself. The checks that need other records (licence, vetting, minimum wage)
 * are made by the service and passed in as `checks`. `transitionVacancy`
 * (vacancy.transition.ts) is the one writer of `vacancy.state`.
 */

export const VACANCY_STATES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'published',
  'closed',
  'filled',
  'expired',
] as const;
export type VacancyState = (typeof VACANCY_STATES)[number];

export const WAGE_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type WagePeriod = (typeof WAGE_PERIODS)[number];

export const VACANCY_EVENTS = [
  'create',
  'update',
  'submit',
  'withdraw',
  'approve',
  'reject',
  'publish',
  'fill_position',
  'close',
  'expire',
] as const;
export type VacancyEvent = (typeof VACANCY_EVENTS)[number];

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

interface Rule {
  from: readonly (VacancyState | null)[];
  to: VacancyState;
  reasonRequired: boolean;
}

export const VACANCY_TRANSITIONS: Record<VacancyEvent, Rule> = {
  create: { from: [null], to: 'draft', reasonRequired: false },
  update: { from: ['draft', 'rejected'], to: 'draft', reasonRequired: false },
  submit: { from: ['draft', 'rejected'], to: 'submitted', reasonRequired: false },
  withdraw: { from: ['submitted'], to: 'draft', reasonRequired: false },
  approve: { from: ['submitted'], to: 'approved', reasonRequired: false },
  reject: { from: ['submitted'], to: 'rejected', reasonRequired: true },
  publish: { from: ['approved'], to: 'published', reasonRequired: false },
  // Stays published until the last position is filled (see decideVacancy).
  fill_position: { from: ['published'], to: 'published', reasonRequired: false },
  close: { from: ['approved', 'published'], to: 'closed', reasonRequired: false },
  expire: { from: ['submitted', 'approved', 'published'], to: 'expired', reasonRequired: false },
};

/** Audit actions: `vacancy.<past tense>`. */
export const PAST_TENSE: Record<VacancyEvent, string> = {
  create: 'created',
  update: 'updated',
  submit: 'submitted',
  withdraw: 'withdrawn',
  approve: 'approved',
  reject: 'rejected',
  publish: 'published',
  fill_position: 'position_filled',
  close: 'closed',
  expire: 'expired',
};

/** The vacancy as the guards see it. */
export interface VacancySnapshot {
  state: VacancyState | null;
  applicationDeadline: string;
  positions: number;
  positionsFilled: number;
}

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
  return VACANCY_TRANSITIONS[event].from.includes(state);
}

/** Pure: may this event happen now, and where does it lead. `today` is 'YYYY-MM-DD'. */
export function decideVacancy(
  current: VacancySnapshot,
  event: VacancyEvent,
  options: { reason?: string | null; today: string; checks?: VacancyChecks },
): VacancyDecision {
  const rule = VACANCY_TRANSITIONS[event];
  if (!rule.from.includes(current.state)) {
    return {
      ok: false,
      problems: [{ pointer: '/event', detail: `jobOrders.errors.notAllowed.${event}` }],
    };
  }
  const problems: FieldProblem[] = [...(options.checks?.problems ?? [])];
  if (rule.reasonRequired && !options.reason?.trim()) {
    problems.push({ pointer: '/reason', detail: 'jobOrders.errors.enterReason' });
  }
  const deadlinePassed = current.applicationDeadline < options.today;
  switch (event) {
    case 'create':
    case 'update':
    case 'submit':
    case 'approve':
    case 'publish':
      if (deadlinePassed) {
        problems.push({
          pointer: '/applicationDeadline',
          detail: 'jobOrders.errors.deadlineInPast',
        });
      }
      break;
    case 'fill_position':
      if (current.positionsFilled >= current.positions) {
        problems.push({ pointer: '/event', detail: 'jobOrders.errors.allPositionsFilled' });
      }
      break;
    case 'expire':
      if (!deadlinePassed) {
        problems.push({ pointer: '/event', detail: 'jobOrders.errors.notYetDue' });
      }
      break;
    default:
      break;
  }
  if (problems.length > 0) return { ok: false, problems };
  if (event === 'fill_position' && current.positionsFilled + 1 >= current.positions) {
    return { ok: true, to: 'filled' };
  }
  return { ok: true, to: rule.to };
}

/** Whether the public may see a vacancy in this state (the licence and deadline aside). */
export function isPublicState(state: VacancyState): boolean {
  return state === 'published';
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
