import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import type { FieldProblem } from '../../platform/http/problem.js';
import {
  transitionIn,
  type LifecycleBinding,
  type LifecycleStore,
} from '../../platform/lifecycle/transition.js';
import {
  REPORT_LIFECYCLE,
  type ReportCommand,
  type ReportEvent,
  type ReportSnapshot,
  type ReportState,
} from './abuse-report.lifecycle.js';
import type {
  AbuseReportRepository,
  Executor,
  NewReport,
  ReportRecord,
} from './abuse-report.repository.js';

/**
 * The report lifecycle (abuse-report.lifecycle.ts) bound to the module's tables: `transition`
 * is the ONE function that writes `abuse_report.state`, through platform/lifecycle's writer
 * (lock, decide, state, abuse_report_event row, domain event, audit event, one transaction).
 */

/** What the writer carries: the command, the new report (receive), and what the checks found. */
export interface ReportWork extends ReportCommand {
  report?: NewReport;
  /** assign: the assignee's organisation (the acting officer's). */
  assigneeOrganisationId?: string | null;
  /** escalate: the authority's country. */
  escalateToCountryCode?: string | null;
}

export interface ReportTransitionDeps {
  repository: AbuseReportRepository;
  audit: Pick<AuditLog, 'record'>;
  events?: EventPublisher | null;
}

export interface ReportTransitionInput {
  reportId?: string | null;
  command: ReportWork;
  actor: AuditActor;
  principal?: Principal | null;
  checks?: (trx: Executor, current: ReportRecord | null) => Promise<FieldProblem[]>;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

/** One transition inside the caller's transaction (filing sends its emails in the same one). */
export function transitionReport(
  trx: Executor,
  deps: ReportTransitionDeps,
  input: ReportTransitionInput,
): Promise<ReportRecord> {
  return transitionIn(
    trx,
    { store: reportStore(deps.repository), audit: deps.audit, events: deps.events ?? null },
    REPORT_BINDING,
    {
      subjectId: input.reportId ?? null,
      command: input.command,
      actor: input.actor,
      principal: input.principal ?? null,
      ...(input.checks ? { checks: input.checks } : {}),
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      now: input.now,
    },
  );
}

const REPORT_BINDING: LifecycleBinding<
  ReportState,
  ReportEvent,
  keyof typeof REPORT_LIFECYCLE.guards,
  ReportSnapshot,
  ReportWork,
  ReportRecord
> = {
  lifecycle: REPORT_LIFECYCLE,
  snapshot: (current) => ({ state: current?.state ?? null }),
  stateOf: (report) => report.state,
  notFound: { pointer: '/event', detail: 'abuseReports.errors.notFound' },
  audit: {
    subjectType: 'abuse_report',
    subjectIds: (_written, id) => [id],
    before: (current) => ({
      state: current.state,
      category: current.category,
      severity: current.severity,
      assignedUserId: current.assignedUserId,
      escalatedOrganisationId: current.escalatedOrganisationId,
    }),
    // Never the report's text or the reporter's contact: the audit trail is read more widely.
    after: (written, change) => ({
      state: change.to,
      reference: written.reference,
      urgent: written.urgent,
      category: written.category,
      severity: written.severity,
      assignedUserId: written.assignedUserId,
      escalatedOrganisationId: written.escalatedOrganisationId,
      outcome: written.outcome,
      reason: change.reason,
    }),
  },
  payload: (written) => ({
    urgent: written.urgent,
    subjectCountryCode: written.subjectCountryCode,
    occurredCountryCode: written.occurredCountryCode,
    escalatedCountryCode: written.escalatedCountryCode,
  }),
};

function reportStore(
  repository: AbuseReportRepository,
): LifecycleStore<Executor, ReportState, ReportWork, ReportRecord> {
  return {
    transaction: (work) => repository.transaction(work),
    lock: (trx, id) => repository.lock(trx, id),
    find: (trx, id) => repository.find(trx, id),
    write: async (trx, { current, command, to, now }) => {
      if (!current) {
        if (!command.report) throw new Error('receive needs the report');
        return repository.insert(trx, command.report, now);
      }
      const write = {
        state: to,
        category: current.category,
        severity: current.severity,
        assignedOrganisationId: current.assignedOrganisationId,
        assignedUserId: current.assignedUserId,
        escalatedOrganisationId: current.escalatedOrganisationId,
        escalatedCountryCode: current.escalatedCountryCode,
        outcome: current.outcome,
        now,
      };
      if (command.event === 'triage') {
        write.category = command.category ?? null;
        write.severity = command.severity ?? null;
      }
      if (command.event === 'assign') {
        write.assignedUserId = command.assigneeUserId ?? null;
        write.assignedOrganisationId = command.assigneeOrganisationId ?? null;
      }
      if (command.event === 'escalate') {
        write.escalatedOrganisationId = command.escalateToOrganisationId ?? null;
        write.escalatedCountryCode = command.escalateToCountryCode ?? null;
      }
      if (command.event === 'close') write.outcome = command.outcome ?? null;
      await repository.writeState(trx, current.id, write);
      return current.id;
    },
    insertEvent: (trx, row) => repository.insertEvent(trx, row),
  };
}
