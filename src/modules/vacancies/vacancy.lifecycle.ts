import type { FieldProblem } from '../../platform/http/problem.js';
import { permission, SYSTEM_ONLY, type Lifecycle } from '../../platform/lifecycle/lifecycle.js';

/**
 * The job-order (vacancy) lifecycle, declared for platform/lifecycle: states, events, the
 * guards that need nothing but the vacancy, the checks that read other records (made by
 * job-orders.checks.ts inside the writer's lock) and who may raise each event.
 * vacancy.states.ts decides with it, vacancy.transition.ts writes with it, and
 * docs/state-diagrams/vacancy.md is generated from it (`npm run docs:lifecycles`).
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

/** The vacancy as the guards see it. */
export interface VacancySnapshot {
  state: VacancyState | null;
  applicationDeadline: string;
  positions: number;
  positionsFilled: number;
}

export interface VacancyCommand {
  event: VacancyEvent;
  reason?: string | null;
}

type VacancyGuard = 'deadlineOpen' | 'positionLeft' | 'deadlinePassed';

const problem = (pointer: string, detail: string): FieldProblem => ({ pointer, detail });

const deadlinePassed = (current: VacancySnapshot, today: string) =>
  current.applicationDeadline < today;

const LICENCE_CHECKS = ['agencyLicensed', 'employerVetted'] as const;
const WAGE_CHECKS = ['minimumWage'] as const;

/** The checks job-orders.checks.ts makes on other records, for the generated diagram. */
const VACANCY_CHECKS: Record<(typeof LICENCE_CHECKS | typeof WAGE_CHECKS)[number], string> = {
  agencyLicensed: 'the recruiting agency’s licence is active and in date',
  employerVetted: 'the employer an agency recruits for is vetted',
  minimumWage:
    'the wage meets the minimum set by the origin authority for the destination and the most specific ISCO code (monthly comparison, same currency)',
};

export const VACANCY_LIFECYCLE: Lifecycle<
  VacancyState,
  VacancyEvent,
  VacancyGuard,
  VacancySnapshot,
  VacancyCommand
> = {
  name: 'vacancy',
  subjectType: 'vacancy',
  title: 'A job order (vacancy)',
  states: VACANCY_STATES,
  checks: VACANCY_CHECKS,
  events: {
    create: {
      from: [null],
      to: 'draft',
      past: 'created',
      authority: permission('vacancy.create'),
      reasonRequired: false,
      guards: ['deadlineOpen'],
      checks: WAGE_CHECKS,
    },
    update: {
      from: ['draft', 'rejected'],
      to: 'draft',
      past: 'updated',
      authority: permission('vacancy.update'),
      reasonRequired: false,
      guards: ['deadlineOpen'],
      checks: WAGE_CHECKS,
    },
    submit: {
      from: ['draft', 'rejected'],
      to: 'submitted',
      past: 'submitted',
      authority: permission('vacancy.submit'),
      reasonRequired: false,
      guards: ['deadlineOpen'],
      checks: [...LICENCE_CHECKS, ...WAGE_CHECKS],
    },
    withdraw: {
      from: ['submitted'],
      to: 'draft',
      past: 'withdrawn',
      authority: permission('vacancy.submit'),
      reasonRequired: false,
      guards: [],
    },
    approve: {
      from: ['submitted'],
      to: 'approved',
      past: 'approved',
      authority: permission('vacancy.decide'),
      reasonRequired: false,
      guards: ['deadlineOpen'],
      checks: [...LICENCE_CHECKS, ...WAGE_CHECKS],
    },
    reject: {
      from: ['submitted'],
      to: 'rejected',
      past: 'rejected',
      authority: permission('vacancy.decide'),
      reasonRequired: true,
      guards: [],
    },
    publish: {
      from: ['approved'],
      to: 'published',
      past: 'published',
      // The owner publishes an approved job order; the officer's approval publishes it at once.
      authority: permission('vacancy.submit', 'vacancy.publish', 'vacancy.decide'),
      reasonRequired: false,
      guards: ['deadlineOpen'],
      checks: LICENCE_CHECKS,
    },
    fill_position: {
      // Stays published until the last position is filled.
      from: ['published'],
      to: 'published',
      branch: {
        to: 'filled',
        when: 'the last position',
        otherwise: 'not the last',
        test: (current) => current.positionsFilled + 1 >= current.positions,
      },
      past: 'position_filled',
      authority: permission('vacancy.update'),
      reasonRequired: false,
      guards: ['positionLeft'],
    },
    close: {
      from: ['approved', 'published'],
      to: 'closed',
      past: 'closed',
      // The owner closes with vacancy.close; the deciding officer may close what they approved.
      authority: permission('vacancy.close', 'vacancy.decide'),
      reasonRequired: false,
      guards: [],
    },
    expire: {
      from: ['submitted', 'approved', 'published'],
      to: 'expired',
      past: 'expired',
      authority: SYSTEM_ONLY,
      reasonRequired: false,
      guards: ['deadlinePassed'],
    },
  },
  guards: {
    deadlineOpen: {
      description: 'the application deadline has not passed (the deadline day is still open)',
      check: ({ current, today }) =>
        deadlinePassed(current, today)
          ? [problem('/applicationDeadline', 'jobOrders.errors.deadlineInPast')]
          : [],
    },
    positionLeft: {
      description: 'a position is still open',
      check: ({ current }) =>
        current.positionsFilled >= current.positions
          ? [problem('/event', 'jobOrders.errors.allPositionsFilled')]
          : [],
    },
    deadlinePassed: {
      description: 'only after the application deadline',
      check: ({ current, today }) =>
        deadlinePassed(current, today) ? [] : [problem('/event', 'jobOrders.errors.notYetDue')],
    },
  },
  problems: {
    notAllowed: (event) => problem('/event', `jobOrders.errors.notAllowed.${event}`),
    reasonMissing: problem('/reason', 'jobOrders.errors.enterReason'),
  },
};
