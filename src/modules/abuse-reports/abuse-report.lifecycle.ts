import type { FieldProblem } from '../../platform/http/problem.js';
import { permission, policy, type Lifecycle } from '../../platform/lifecycle/lifecycle.js';

/**
 * A report of abuse, declared for platform/lifecycle: received (anyone files it) → triaged (an
 * officer sets its category and severity) → assigned (to an officer of their organisation) →
 * escalated (to another authority, optional) → closed with an outcome. abuse-report.states.ts
 * binds it to the module's tables for the one writer; docs/state-diagrams/abuse-report.md is
 * generated from it (`npm run docs:lifecycles`).
 */

export const REPORT_STATES = ['received', 'triaged', 'assigned', 'escalated', 'closed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_EVENTS = ['receive', 'triage', 'assign', 'escalate', 'close'] as const;
export type ReportEvent = (typeof REPORT_EVENTS)[number];

/** The events an officer raises (receive is the reporter's). */
export const OFFICER_EVENTS = [
  'triage',
  'assign',
  'escalate',
  'close',
] as const satisfies readonly ReportEvent[];
export type OfficerEvent = (typeof OFFICER_EVENTS)[number];

export const CATEGORIES = [
  'illegal_fees',
  'contract_substitution',
  'documents_confiscated',
  'unpaid_wages',
  'trafficking',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Signs of trafficking or forced labour (ILO indicators, in plain words). */
export const INDICATORS = [
  'cannot_leave',
  'debt',
  'threats',
  'locked_in',
  'documents_held',
  'deceived',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const OUTCOMES = [
  'action_taken',
  'referred',
  'unfounded',
  'insufficient_information',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ReportCommand {
  event: ReportEvent;
  reason?: string | null;
  /** triage */
  category?: Category | null;
  severity?: Severity | null;
  /** assign: the officer (of the acting officer's organisation, checked by the service). */
  assigneeUserId?: string | null;
  /** escalate: the authority it goes to. */
  escalateToOrganisationId?: string | null;
  /** close */
  outcome?: Outcome | null;
}

export interface ReportSnapshot {
  state: ReportState | null;
}

type ReportGuard = 'triageFields' | 'assignee' | 'authority' | 'outcome';

const problem = (pointer: string, detail: string): FieldProblem => ({ pointer, detail });
const TRIAGE = permission('abuse_report.triage');

export const REPORT_LIFECYCLE: Lifecycle<
  ReportState,
  ReportEvent,
  ReportGuard,
  ReportSnapshot,
  ReportCommand
> = {
  name: 'abuse_report',
  subjectType: 'abuse_report',
  title: 'A report of abuse by a recruiter or an employer',
  states: REPORT_STATES,
  events: {
    receive: {
      from: [null],
      to: 'received',
      past: 'received',
      authority: policy('anyone, signed in or not (throttled per address)'),
      reasonRequired: false,
      guards: [],
    },
    triage: {
      from: ['received', 'triaged'],
      to: 'triaged',
      past: 'triaged',
      authority: TRIAGE,
      reasonRequired: false,
      guards: ['triageFields'],
    },
    assign: {
      from: ['triaged', 'assigned', 'escalated'],
      to: 'assigned',
      past: 'assigned',
      authority: TRIAGE,
      reasonRequired: false,
      guards: ['assignee'],
      checks: ['assigneeInOrganisation'],
    },
    escalate: {
      from: ['triaged', 'assigned'],
      to: 'escalated',
      past: 'escalated',
      authority: TRIAGE,
      reasonRequired: true,
      guards: ['authority'],
      checks: ['authorityExists'],
    },
    close: {
      from: ['triaged', 'assigned', 'escalated'],
      to: 'closed',
      past: 'closed',
      authority: TRIAGE,
      reasonRequired: false,
      guards: ['outcome'],
    },
  },
  checks: {
    assigneeInOrganisation:
      'the officer holds abuse_report.triage in the acting officer’s organisation',
    authorityExists: 'an authority or embassy other than the acting officer’s organisation',
  },
  guards: {
    triageFields: {
      description: 'a category and a severity',
      check: ({ command }) => [
        ...(command.category ? [] : [problem('/category', 'abuseReports.errors.selectCategory')]),
        ...(command.severity ? [] : [problem('/severity', 'abuseReports.errors.selectSeverity')]),
      ],
    },
    assignee: {
      description: 'an officer to assign it to',
      check: ({ command }) =>
        command.assigneeUserId
          ? []
          : [problem('/assigneeUserId', 'abuseReports.errors.selectAssignee')],
    },
    authority: {
      description: 'an authority to escalate it to',
      check: ({ command }) =>
        command.escalateToOrganisationId
          ? []
          : [problem('/escalateToOrganisationId', 'abuseReports.errors.selectAuthority')],
    },
    outcome: {
      description: 'an outcome',
      check: ({ command }) =>
        command.outcome ? [] : [problem('/outcome', 'abuseReports.errors.selectOutcome')],
    },
  },
  problems: {
    notAllowed: (event) => problem('/event', `abuseReports.errors.notAllowed.${event}`),
    reasonMissing: problem('/reason', 'abuseReports.errors.enterReason'),
  },
};

/** Any sign of trafficking or forced labour makes a report urgent. */
export function isUrgent(report: {
  categories: readonly Category[];
  indicators: readonly Indicator[];
}): boolean {
  return report.indicators.length > 0 || report.categories.includes('trafficking');
}
