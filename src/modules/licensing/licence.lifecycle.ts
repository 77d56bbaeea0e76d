import type { FieldProblem } from '../../platform/http/problem.js';
import {
  permission,
  policy,
  SYSTEM_ONLY,
  type Lifecycle,
} from '../../platform/lifecycle/lifecycle.js';

/**
 * The licence of a recruitment agency, declared for platform/lifecycle: states, events, guards,
 * who may raise each event. Callers decide with platform/lifecycle (`decide`, `allowedFrom`);
 * licence.states.ts binds it to the licensing tables for the one writer (`transition`);
 * docs/state-diagrams/licence.md is generated from it (`npm run docs:lifecycles`).
 */

export const LICENCE_STATES = [
  'applied',
  'active',
  'suspended',
  'revoked',
  'expired',
  'refused',
] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

export const LICENCE_EVENTS = [
  'apply',
  'grant',
  'refuse',
  'renew',
  'suspend',
  'reinstate',
  'revoke',
  'expire',
] as const;
export type LicenceEvent = (typeof LICENCE_EVENTS)[number];

/** The events an officer chooses on the licence page (apply is the agency's, expire the system's). */
export const OFFICER_EVENTS = [
  'grant',
  'refuse',
  'renew',
  'suspend',
  'reinstate',
  'revoke',
] as const satisfies readonly LicenceEvent[];
export type OfficerEvent = (typeof OFFICER_EVENTS)[number];

export interface LicenceCommand {
  event: LicenceEvent;
  reason?: string | null;
  /** grant: optional; generated (KE-RA-2026-0001) when absent. */
  number?: string | null;
  /** grant. */
  validFrom?: string | null;
  /** grant, renew: the (new) last day of validity. */
  validTo?: string | null;
}

/** The licence as the guards see it. */
export interface LicenceSnapshot {
  state: LicenceState | null;
  validTo: string | null;
}

type LicenceGuard = 'grantDates' | 'renewalLater' | 'beforeEndDate' | 'pastEndDate';

const problem = (pointer: string, detail: string): FieldProblem => ({ pointer, detail });
const DECIDE = permission('licence.decide');

export const LICENCE_LIFECYCLE: Lifecycle<
  LicenceState,
  LicenceEvent,
  LicenceGuard,
  LicenceSnapshot,
  LicenceCommand
> = {
  name: 'licence',
  subjectType: 'licence',
  title: 'The licence of a recruitment agency',
  states: LICENCE_STATES,
  events: {
    apply: {
      from: [null],
      to: 'applied',
      past: 'applied',
      authority: policy('the agency’s own staff'),
      reasonRequired: false,
      guards: [],
    },
    grant: {
      from: ['applied'],
      to: 'active',
      past: 'granted',
      authority: DECIDE,
      reasonRequired: false,
      guards: ['grantDates'],
    },
    refuse: {
      from: ['applied'],
      to: 'refused',
      past: 'refused',
      authority: DECIDE,
      reasonRequired: true,
      guards: [],
    },
    renew: {
      from: ['active', 'expired'],
      to: 'active',
      past: 'renewed',
      authority: DECIDE,
      reasonRequired: false,
      guards: ['renewalLater'],
    },
    suspend: {
      from: ['active'],
      to: 'suspended',
      past: 'suspended',
      authority: DECIDE,
      reasonRequired: true,
      guards: [],
    },
    reinstate: {
      from: ['suspended'],
      to: 'active',
      past: 'reinstated',
      authority: DECIDE,
      reasonRequired: true,
      guards: ['beforeEndDate'],
    },
    revoke: {
      from: ['active', 'suspended'],
      to: 'revoked',
      past: 'revoked',
      authority: DECIDE,
      reasonRequired: true,
      guards: [],
    },
    expire: {
      from: ['active', 'suspended'],
      to: 'expired',
      past: 'expired',
      authority: SYSTEM_ONLY,
      reasonRequired: false,
      guards: ['pastEndDate'],
    },
  },
  guards: {
    grantDates: {
      description: 'a start date, and an end date on or after the start date and not in the past',
      check: ({ command, today }) => {
        const problems: FieldProblem[] = [];
        if (!command.validFrom)
          problems.push(problem('/validFrom', 'licensing.errors.enterValidFrom'));
        if (!command.validTo) problems.push(problem('/validTo', 'licensing.errors.enterValidTo'));
        else if (command.validFrom && command.validTo < command.validFrom)
          problems.push(problem('/validTo', 'licensing.errors.validToBeforeFrom'));
        else if (command.validTo < today)
          problems.push(problem('/validTo', 'licensing.errors.validToInPast'));
        return problems;
      },
    },
    renewalLater: {
      description: 'a new end date later than the current one and not in the past',
      check: ({ current, command, today }) => {
        if (!command.validTo) return [problem('/validTo', 'licensing.errors.enterValidTo')];
        if (command.validTo < today || (current.validTo && command.validTo <= current.validTo))
          return [problem('/validTo', 'licensing.errors.renewNotLater')];
        return [];
      },
    },
    beforeEndDate: {
      // A licence past its end date expires; it is renewed, not reinstated.
      description: 'the end date has not passed (past it, the licence expires and is renewed)',
      check: ({ current, today }) =>
        current.validTo && current.validTo < today
          ? [problem('/event', 'licensing.errors.pastEndDate')]
          : [],
    },
    pastEndDate: {
      description: 'only after the last day of validity',
      check: ({ current, today }) =>
        !current.validTo || current.validTo >= today
          ? [problem('/event', 'licensing.errors.notYetDue')]
          : [],
    },
  },
  problems: {
    notAllowed: (event) => problem('/event', `licensing.errors.notAllowed.${event}`),
    reasonMissing: problem('/reason', 'licensing.errors.enterReason'),
  },
};
