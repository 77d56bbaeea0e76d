import { z } from 'zod';
import type { JobOrderView } from './job-orders.service.js';
import type { MinimumWageRecord } from './minimum-wages.repository.js';
import { OFFICER_EVENTS, OWNER_EVENTS, VACANCY_STATES, WAGE_PERIODS } from './vacancy.states.js';

/** What the JSON API says about a job order (for its owners and its deciders only). */
export const jobOrderView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  reference: z.string().describe('The number as people quote it, e.g. JO-000123'),
  state: z.enum(VACANCY_STATES),
  employer: z.object({ id: z.uuid(), name: z.string() }),
  agency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  originCountry: z.string(),
  destinationCountry: z.string(),
  destinationSubdivision: z.string().nullable(),
  occupation: z.object({ escoId: z.uuid().nullable(), iscoCode: z.string() }),
  language: z.string(),
  title: z.string(),
  description: z.string(),
  translations: z.array(
    z.object({ language: z.string(), title: z.string(), description: z.string() }),
  ),
  skills: z.array(z.object({ skillId: z.uuid(), label: z.string(), essential: z.boolean() })),
  minEducation: z.string().nullable(),
  languages: z.array(z.object({ language: z.string(), level: z.string() })),
  experienceMonths: z.number().int(),
  positions: z.number().int(),
  positionsFilled: z.number().int(),
  contractMonths: z.number().int(),
  wage: z.object({ amount: z.string(), currency: z.string(), period: z.enum(WAGE_PERIODS) }),
  hoursPerWeek: z.number(),
  benefits: z.object({
    housing: z.boolean(),
    food: z.boolean(),
    transport: z.boolean(),
    insurance: z.boolean(),
    note: z.string().nullable(),
  }),
  applicationDeadline: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  history: z.array(
    z.object({
      event: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      reason: z.string().nullable(),
      organisation: z.string().nullable(),
      occurredAt: z.string(),
    }),
  ),
  actions: z.object({
    owner: z.array(z.enum(OWNER_EVENTS)),
    officer: z.array(z.enum(OFFICER_EVENTS)),
  }),
});

export const jobOrderSummaryView = jobOrderView.pick({
  id: true,
  number: true,
  reference: true,
  state: true,
  employer: true,
  agency: true,
  originCountry: true,
  destinationCountry: true,
  title: true,
  positions: true,
  positionsFilled: true,
  applicationDeadline: true,
  submittedAt: true,
  publishedAt: true,
});

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function jobOrderReference(number: number): string {
  return `JO-${String(number).padStart(6, '0')}`;
}

type Summary = z.infer<typeof jobOrderSummaryView>;

export function presentSummary(vacancy: JobOrderView['vacancy']): Summary {
  return {
    id: vacancy.id,
    number: vacancy.number,
    reference: jobOrderReference(vacancy.number),
    state: vacancy.state,
    employer: { id: vacancy.employerId, name: vacancy.employerName },
    agency:
      vacancy.agencyId && vacancy.agencyName
        ? { id: vacancy.agencyId, name: vacancy.agencyName }
        : null,
    originCountry: vacancy.originCountry,
    destinationCountry: vacancy.destinationCountry,
    title: vacancy.title,
    positions: vacancy.positions,
    positionsFilled: vacancy.positionsFilled,
    applicationDeadline: vacancy.applicationDeadline,
    submittedAt: iso(vacancy.submittedAt),
    publishedAt: iso(vacancy.publishedAt),
  };
}

export function presentJobOrder(view: JobOrderView): z.infer<typeof jobOrderView> {
  const { vacancy, details } = view;
  return {
    ...presentSummary(vacancy),
    destinationSubdivision: vacancy.destinationSubdivision,
    occupation: { escoId: vacancy.occupationId, iscoCode: vacancy.iscoCode },
    language: vacancy.language,
    description: vacancy.description,
    translations: details.translations,
    skills: details.skills,
    minEducation: vacancy.minEducation,
    languages: details.languages,
    experienceMonths: vacancy.experienceMonths,
    contractMonths: vacancy.contractMonths,
    wage: vacancy.wage,
    hoursPerWeek: Number(vacancy.hoursPerWeek),
    benefits: vacancy.benefits,
    createdAt: vacancy.createdAt.toISOString(),
    approvedAt: iso(vacancy.approvedAt),
    rejectedAt: iso(vacancy.rejectedAt),
    endedAt: iso(vacancy.endedAt),
    history: view.history.map((row) => ({
      event: row.event,
      fromState: row.fromState,
      toState: row.toState,
      reason: row.reason,
      organisation: row.actorOrganisationName,
      occurredAt: row.occurredAt.toISOString(),
    })),
    actions: { owner: view.ownerActions, officer: view.officerActions },
  };
}

export const minimumWageView = z.object({
  id: z.uuid(),
  originCountry: z.string(),
  destinationCountry: z.string(),
  iscoCode: z.string().nullable().describe('null: every occupation'),
  amount: z.string(),
  currency: z.string(),
  period: z.enum(WAGE_PERIODS),
  updatedAt: z.string(),
});

export function presentMinimumWage(record: MinimumWageRecord): z.infer<typeof minimumWageView> {
  return { ...record, updatedAt: record.updatedAt.toISOString() };
}
