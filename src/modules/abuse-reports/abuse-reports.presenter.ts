import { z } from 'zod';
import { displayReference } from './abuse-report.reference.js';
import type { ReportRecord } from './abuse-report.repository.js';
import type { FollowView } from './abuse-reports.service.js';

/** What the JSON API shows: the only way reports leave the server as JSON. */

export const filedJson = z.object({
  reference: z.string().describe('R- and 12 characters: keep it to follow the report'),
  state: z.string(),
  urgent: z.boolean(),
});

export const followJson = z.object({
  reference: z.string(),
  state: z.string(),
  outcome: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  replies: z.array(z.object({ body: z.string(), createdAt: z.string() })),
});

/** A report in an officer's list: no text, no contact. */
export const reportSummaryJson = z.object({
  reference: z.string(),
  state: z.string(),
  urgent: z.boolean(),
  subjectName: z.string(),
  subjectKind: z.string(),
  organisationId: z.string().nullable(),
  subjectCountryCode: z.string().nullable(),
  occurredCountryCode: z.string(),
  categories: z.array(z.string()),
  indicators: z.array(z.string()),
  category: z.string().nullable(),
  severity: z.string().nullable(),
  assignedUserId: z.string().nullable(),
  escalatedOrganisationId: z.string().nullable(),
  outcome: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});

export function presentFiled(report: ReportRecord): z.infer<typeof filedJson> {
  return {
    reference: displayReference(report.reference),
    state: report.state,
    urgent: report.urgent,
  };
}

export function presentFollow(view: FollowView): z.infer<typeof followJson> {
  return {
    reference: displayReference(view.reference),
    state: view.state,
    outcome: view.outcome,
    receivedAt: view.receivedAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    replies: view.replies.map((reply) => ({
      body: reply.body,
      createdAt: reply.createdAt.toISOString(),
    })),
  };
}

export function presentSummary(report: ReportRecord): z.infer<typeof reportSummaryJson> {
  return {
    reference: displayReference(report.reference),
    state: report.state,
    urgent: report.urgent,
    subjectName: report.subjectName,
    subjectKind: report.subjectKind,
    organisationId: report.organisationId,
    subjectCountryCode: report.subjectCountryCode,
    occurredCountryCode: report.occurredCountryCode,
    categories: report.categories,
    indicators: report.indicators,
    category: report.category,
    severity: report.severity,
    assignedUserId: report.assignedUserId,
    escalatedOrganisationId: report.escalatedOrganisationId,
    outcome: report.outcome,
    receivedAt: report.receivedAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
  };
}
