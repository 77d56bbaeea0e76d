import type { FieldProblem } from '../../platform/http/problem.js';
import { permission, type Lifecycle } from '../../platform/lifecycle/lifecycle.js';

/**
 * An eligibility scheme, declared for platform/lifecycle. A draft is written and previewed; it is
 * published for readers; a published scheme may be edited (a new version, not yet shown) and
 * published again; it is retired when it no longer applies (readers no longer find it; codes
 * already given keep their answers until they expire).
 */
export const SCHEME_STATES = ['draft', 'published', 'retired'] as const;
export type SchemeState = (typeof SCHEME_STATES)[number];

export const SCHEME_EVENTS = ['create', 'publish', 'retire'] as const;
export type SchemeEvent = (typeof SCHEME_EVENTS)[number];

export interface SchemeCommand {
  event: SchemeEvent;
  reason?: string | null;
}

export interface SchemeSnapshot {
  state: SchemeState | null;
  latestVersion: number;
  publishedVersion: number | null;
}

const MANAGE = permission('eligibility.manage');
const problem = (pointer: string, detail: string): FieldProblem => ({ pointer, detail });

export const SCHEME_LIFECYCLE: Lifecycle<
  SchemeState,
  SchemeEvent,
  'newVersion',
  SchemeSnapshot,
  SchemeCommand
> = {
  name: 'eligibility_scheme',
  subjectType: 'eligibility_scheme',
  title: 'An eligibility scheme of a destination country',
  states: SCHEME_STATES,
  events: {
    create: {
      from: [null],
      to: 'draft',
      past: 'created',
      authority: MANAGE,
      reasonRequired: false,
      guards: [],
    },
    publish: {
      from: ['draft', 'published'],
      to: 'published',
      past: 'published',
      authority: MANAGE,
      reasonRequired: false,
      guards: ['newVersion'],
    },
    retire: {
      from: ['draft', 'published'],
      to: 'retired',
      past: 'retired',
      authority: MANAGE,
      reasonRequired: true,
      guards: [],
    },
  },
  guards: {
    newVersion: {
      description: 'a version readers do not see yet',
      check: ({ current }) =>
        current.publishedVersion !== null && current.publishedVersion >= current.latestVersion
          ? [problem('/event', 'eligibility.errors.nothingToPublish')]
          : [],
    },
  },
  problems: {
    notAllowed: (event) => problem('/event', `eligibility.errors.notAllowed.${event}`),
    reasonMissing: problem('/reason', 'eligibility.errors.enterReason'),
  },
};
