import type { FieldProblem } from '../../platform/http/problem.js';
import { permission, policy, type Lifecycle } from '../../platform/lifecycle/lifecycle.js';

/**
 * The vetting of a foreign employer, declared for platform/lifecycle: submitted → vetted or
 * rejected, and a rejected employer may be submitted again. vetting.states.ts binds it to the
 * tables for the one writer;
 * docs/state-diagrams/licence.md shows it next to the licence's (`npm run docs:lifecycles`).
 */

export const VETTING_STATES = ['submitted', 'vetted', 'rejected'] as const;
export type VettingState = (typeof VETTING_STATES)[number];

export const VETTING_EVENTS = ['submit', 'vet', 'reject'] as const;
export type VettingEvent = (typeof VETTING_EVENTS)[number];

export interface VettingCommand {
  event: VettingEvent;
  reason?: string | null;
}

export interface VettingSnapshot {
  state: VettingState | null;
}

const problem = (pointer: string, detail: string): FieldProblem => ({ pointer, detail });

export const VETTING_LIFECYCLE: Lifecycle<
  VettingState,
  VettingEvent,
  never,
  VettingSnapshot,
  VettingCommand
> = {
  // The audit trail has always said `employer.vetted`: the subject is the employer.
  name: 'employer',
  subjectType: 'employer_vetting',
  title: 'The vetting of a foreign employer',
  states: VETTING_STATES,
  events: {
    submit: {
      from: [null, 'rejected'],
      to: 'submitted',
      past: 'submitted',
      authority: policy('the employer’s own staff, or an officer holding employer.vet'),
      reasonRequired: false,
      guards: [],
    },
    vet: {
      from: ['submitted'],
      to: 'vetted',
      past: 'vetted',
      authority: permission('employer.vet'),
      reasonRequired: false,
      guards: [],
    },
    reject: {
      from: ['submitted'],
      to: 'rejected',
      past: 'rejected',
      authority: permission('employer.vet'),
      reasonRequired: true,
      guards: [],
    },
  },
  guards: {},
  problems: {
    notAllowed: (event) => problem('/event', `licensing.vetting.notAllowed.${event}`),
    reasonMissing: problem('/reason', 'licensing.errors.enterReason'),
  },
};
