import type { FieldProblem } from '../../platform/http/problem.js';
import { permission, type Lifecycle } from '../../platform/lifecycle/lifecycle.js';

/**
 * A country guide in one language, declared for platform/lifecycle. An editor writes a version
 * (create, then revise: each a new guide_version row), submits it for review; another officer
 * publishes it or sends it back; a published guide may be withdrawn, or marked as verified
 * (its text checked, unchanged). Readers see the last published version while a newer one is
 * in draft or in review. guide.states.ts binds it to the tables; docs/state-diagrams/guide.md
 * is generated from it (`npm run docs:lifecycles`).
 */

export const GUIDE_STATES = ['draft', 'in_review', 'published', 'withdrawn'] as const;
export type GuideState = (typeof GUIDE_STATES)[number];

export const GUIDE_EVENTS = [
  'create',
  'revise',
  'submit',
  'send_back',
  'publish',
  'withdraw',
  'verify',
] as const;
export type GuideEvent = (typeof GUIDE_EVENTS)[number];

export interface GuideCommand {
  event: GuideEvent;
  reason?: string | null;
  /** Who raises it: the four-eyes guard compares it with the submitter. */
  actorUserId: string | null;
}

/** The guide as the guards see it. */
export interface GuideSnapshot {
  state: GuideState | null;
  submittedByUserId: string | null;
}

type GuideGuard = 'notTheSubmitter';

const problem = (pointer: string, detail: string): FieldProblem => ({ pointer, detail });
const EDIT = permission('guide.edit');
const PUBLISH = permission('guide.publish');

export const GUIDE_LIFECYCLE: Lifecycle<
  GuideState,
  GuideEvent,
  GuideGuard,
  GuideSnapshot,
  GuideCommand
> = {
  name: 'guide',
  subjectType: 'guide',
  title: 'A country guide in one language',
  states: GUIDE_STATES,
  events: {
    create: {
      from: [null],
      to: 'draft',
      past: 'created',
      authority: EDIT,
      reasonRequired: false,
      guards: [],
    },
    revise: {
      from: ['draft', 'in_review', 'published', 'withdrawn'],
      to: 'draft',
      past: 'revised',
      authority: EDIT,
      reasonRequired: false,
      guards: [],
    },
    submit: {
      from: ['draft'],
      to: 'in_review',
      past: 'submitted',
      authority: EDIT,
      reasonRequired: false,
      guards: [],
    },
    send_back: {
      from: ['in_review'],
      to: 'draft',
      past: 'sent_back',
      authority: PUBLISH,
      reasonRequired: true,
      guards: [],
    },
    publish: {
      from: ['in_review'],
      to: 'published',
      past: 'published',
      authority: PUBLISH,
      reasonRequired: false,
      guards: ['notTheSubmitter'],
    },
    withdraw: {
      from: ['published'],
      to: 'withdrawn',
      past: 'withdrawn',
      authority: PUBLISH,
      reasonRequired: true,
      guards: [],
    },
    verify: {
      from: ['published'],
      to: 'published',
      past: 'verified',
      authority: EDIT,
      reasonRequired: false,
      guards: [],
    },
  },
  guards: {
    notTheSubmitter: {
      description: 'four eyes: not by the officer who submitted the version',
      check: ({ current, command }) =>
        current.submittedByUserId !== null && current.submittedByUserId === command.actorUserId
          ? [problem('/event', 'guides.errors.ownSubmission')]
          : [],
    },
  },
  problems: {
    notAllowed: (event) => problem('/event', `guides.errors.notAllowed.${event}`),
    reasonMissing: problem('/reason', 'guides.errors.enterReason'),
  },
};
