import type { FieldProblem } from '../../platform/http/problem.js';
import { permission, type Lifecycle } from '../../platform/lifecycle/lifecycle.js';

/**
 * An application, declared for platform/lifecycle (ADR 9): submitted → shortlisted →
 * interviewed → selected → offered → accepted; or rejected by the organisation (with a reason,
 * from any open state), withdrawn by the person (from any open state before accepted), or the
 * offer declined by the person. `declined` is a state of its own rather than `withdrawn`: the
 * organisation learns that its offer was turned down (its terms, perhaps), not that the person
 * lost interest on the way, and the person reads "you declined the offer" on their page.
 * Scheduling an interview keeps the application shortlisted (it sets the date and place; it may
 * be moved). application.states.ts binds it to the tables for the one writer;
 * docs/state-diagrams/application.md is generated from it (`npm run docs:lifecycles`).
 */

export const APPLICATION_STATES = [
  'submitted',
  'shortlisted',
  'interviewed',
  'selected',
  'offered',
  'accepted',
  'rejected',
  'withdrawn',
  'declined',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** States in which the application is still moving. */
export const OPEN_STATES = [
  'submitted',
  'shortlisted',
  'interviewed',
  'selected',
  'offered',
] as const satisfies readonly ApplicationState[];

export const APPLICATION_EVENTS = [
  'submit',
  'shortlist',
  'schedule_interview',
  'mark_interviewed',
  'select',
  'offer',
  'reject',
  'withdraw',
  'accept',
  'decline',
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/** The events the organisation (employer or agency staff, or its API key) raises. */
export const ORGANISATION_EVENTS = [
  'shortlist',
  'schedule_interview',
  'mark_interviewed',
  'select',
  'offer',
  'reject',
] as const satisfies readonly ApplicationEvent[];
export type OrganisationEvent = (typeof ORGANISATION_EVENTS)[number];

/** The events the applicant raises on an existing application. */
export const SEEKER_EVENTS = [
  'withdraw',
  'accept',
  'decline',
] as const satisfies readonly ApplicationEvent[];
export type SeekerEvent = (typeof SEEKER_EVENTS)[number];

export const REJECT_REASONS = [
  'experience',
  'qualifications',
  'language',
  'documents',
  'position_filled',
  'other',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface ApplicationCommand {
  event: ApplicationEvent;
  reason?: string | null;
  /** schedule_interview: a moment in the future, and a place or a link (or both). */
  interviewAt?: Date | null;
  interviewPlace?: string | null;
  interviewLink?: string | null;
  /** reject: one of the closed list; `other` needs the free text (reason). */
  rejectReason?: RejectReason | null;
  /** offer: the terms of the offer, and the start date when given ('YYYY-MM-DD'). */
  offerTerms?: string | null;
  offerStartDate?: string | null;
}

export interface ApplicationSnapshot {
  state: ApplicationState | null;
  interviewAt: Date | null;
}

type ApplicationGuard =
  | 'interviewWhen'
  | 'interviewWhere'
  | 'interviewScheduled'
  | 'rejectReason'
  | 'offerTerms'
  | 'offerStart';

const problem = (pointer: string, detail: string): FieldProblem => ({ pointer, detail });
const SEEKER = permission('application.create');
const ORGANISATION = permission('application.decide');

export const APPLICATION_LIFECYCLE: Lifecycle<
  ApplicationState,
  ApplicationEvent,
  ApplicationGuard,
  ApplicationSnapshot,
  ApplicationCommand
> = {
  name: 'application',
  subjectType: 'application',
  title: 'An application of a job seeker to a published vacancy',
  states: APPLICATION_STATES,
  events: {
    submit: {
      from: [null],
      to: 'submitted',
      past: 'submitted',
      authority: SEEKER,
      reasonRequired: false,
      guards: [],
      checks: ['vacancyOpen', 'profileExists', 'documentsOwned'],
    },
    shortlist: {
      from: ['submitted'],
      to: 'shortlisted',
      past: 'shortlisted',
      authority: ORGANISATION,
      reasonRequired: false,
      guards: [],
    },
    schedule_interview: {
      from: ['shortlisted'],
      to: 'shortlisted',
      past: 'interview_scheduled',
      authority: ORGANISATION,
      reasonRequired: false,
      guards: ['interviewWhen', 'interviewWhere'],
      checks: ['interviewInFuture'],
    },
    mark_interviewed: {
      from: ['shortlisted'],
      to: 'interviewed',
      past: 'interviewed',
      authority: ORGANISATION,
      reasonRequired: false,
      guards: ['interviewScheduled'],
    },
    select: {
      from: ['interviewed'],
      to: 'selected',
      past: 'selected',
      authority: ORGANISATION,
      reasonRequired: false,
      guards: [],
    },
    offer: {
      from: ['selected'],
      to: 'offered',
      past: 'offered',
      authority: ORGANISATION,
      reasonRequired: false,
      guards: ['offerTerms', 'offerStart'],
    },
    reject: {
      from: OPEN_STATES,
      to: 'rejected',
      past: 'rejected',
      authority: ORGANISATION,
      reasonRequired: false,
      guards: ['rejectReason'],
    },
    withdraw: {
      from: OPEN_STATES,
      to: 'withdrawn',
      past: 'withdrawn',
      authority: SEEKER,
      reasonRequired: false,
      guards: [],
    },
    accept: {
      from: ['offered'],
      to: 'accepted',
      past: 'accepted',
      authority: SEEKER,
      reasonRequired: false,
      guards: [],
    },
    decline: {
      from: ['offered'],
      to: 'declined',
      past: 'declined',
      authority: SEEKER,
      reasonRequired: false,
      guards: [],
    },
  },
  checks: {
    vacancyOpen: 'the vacancy is published and open today (the vacancies module says so)',
    profileExists: 'the person has a job-seeker profile',
    documentsOwned: 'the documents attached are the person’s own',
    interviewInFuture: 'the interview’s date and time are later than now',
  },
  guards: {
    interviewWhen: {
      description: 'a date and time for the interview',
      check: ({ command }) =>
        command.interviewAt && !Number.isNaN(command.interviewAt.getTime())
          ? []
          : [problem('/interviewAt', 'applications.errors.interviewAt')],
    },
    interviewWhere: {
      description: 'a place or a link for the interview',
      check: ({ command }) =>
        command.interviewPlace?.trim() || command.interviewLink?.trim()
          ? []
          : [problem('/interviewPlace', 'applications.errors.interviewPlace')],
    },
    interviewScheduled: {
      description: 'an interview was scheduled',
      check: ({ current }) =>
        current.interviewAt ? [] : [problem('/event', 'applications.errors.noInterview')],
    },
    rejectReason: {
      description: 'a reason from the list; with “other”, in words',
      check: ({ command }) => {
        if (!command.rejectReason)
          return [problem('/rejectReason', 'applications.errors.rejectReason')];
        if (command.rejectReason === 'other' && !command.reason?.trim()) {
          return [problem('/reason', 'applications.errors.reasonOther')];
        }
        return [];
      },
    },
    offerTerms: {
      description: 'the terms of the offer',
      check: ({ command }) =>
        command.offerTerms?.trim()
          ? []
          : [problem('/offerTerms', 'applications.errors.offerTerms')],
    },
    offerStart: {
      description: 'a start date, when given, not in the past',
      check: ({ command, today }) =>
        !command.offerStartDate || command.offerStartDate >= today
          ? []
          : [problem('/offerStartDate', 'applications.errors.offerStartPast')],
    },
  },
  problems: {
    notAllowed: (event) => problem('/event', `applications.errors.notAllowed.${event}`),
    reasonMissing: problem('/reason', 'applications.errors.reason'),
  },
};
