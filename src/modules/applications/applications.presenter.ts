import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isolated } from '../../platform/i18n/bidi.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { APPLICATION_STATES, REJECT_REASONS } from './application.lifecycle.js';
import type { VacancyTerms } from './application.terms.js';
import type { ApplicationRecord } from './applications.repository.js';
import type { HistoryEntry, SeekerSummary } from './applications.service.js';

/** What the JSON API shows of an application: the only way it leaves the server as JSON. */
export const termsJson = z.object({
  number: z.number(),
  title: z.string(),
  language: z.string(),
  employerName: z.string(),
  agencyName: z.string().nullable(),
  destinationCountry: z.string(),
  destinationSubdivision: z.string().nullable(),
  iscoCode: z.string(),
  wageAmount: z.string(),
  wageCurrency: z.string(),
  wagePeriod: z.string(),
  hoursPerWeek: z.string(),
  contractMonths: z.number(),
  benefits: z.object({
    housing: z.boolean(),
    food: z.boolean(),
    transport: z.boolean(),
    insurance: z.boolean(),
    note: z.string().nullable(),
  }),
  applicationDeadline: z.string(),
});

export const applicationJson = z.object({
  id: z.string(),
  state: z.enum(APPLICATION_STATES),
  vacancyId: z.string(),
  vacancyNumber: z.number(),
  /** Null once the person erased their data. */
  seekerUserId: z.string().nullable(),
  terms: termsJson,
  note: z.string().nullable(),
  documentIds: z.array(z.string()),
  interviewAt: z.string().nullable(),
  interviewPlace: z.string().nullable(),
  interviewLink: z.string().nullable(),
  rejectReason: z.enum(REJECT_REASONS).nullable(),
  offerTerms: z.string().nullable(),
  offerStartDate: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
});

export function presentApplication(record: ApplicationRecord): z.infer<typeof applicationJson> {
  return {
    id: record.id,
    state: record.state,
    vacancyId: record.vacancyId,
    vacancyNumber: record.vacancyNumber,
    seekerUserId: record.seekerUserId,
    terms: record.terms,
    note: record.note,
    documentIds: record.documentIds,
    interviewAt: record.interviewAt?.toISOString() ?? null,
    interviewPlace: record.interviewPlace,
    interviewLink: record.interviewLink,
    rejectReason: record.rejectReason,
    offerTerms: record.offerTerms,
    offerStartDate: record.offerStartDate,
    submittedAt: record.submittedAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** Country names in the reader's language (the reference data's CLDR names, ADR 12). */
export async function countryNames(
  request: FastifyRequest,
  reference: ReferenceService,
): Promise<(code: string) => string> {
  const countries = new Map(
    (await reference.listCountries(request.language)).map((country) => [
      country.code,
      country.name,
    ]),
  );
  return (code: string) => countries.get(code) ?? code;
}

/** The vacancy's terms as applied, as summary-list rows. */
export function termsRows(
  request: FastifyRequest,
  terms: VacancyTerms,
  country: (code: string) => string,
) {
  const { t, fmt } = request;
  const benefits = (['housing', 'food', 'transport', 'insurance'] as const)
    .filter((benefit) => terms.benefits[benefit])
    .map((benefit) => t(`vacancySearch.vacancy.benefit.${benefit}`));
  const rows: [string, string][] = [
    ['reference', isolated(`JO-${String(terms.number).padStart(6, '0')}`)],
    ['employer', isolated(terms.employerName)],
    ['agency', terms.agencyName ? isolated(terms.agencyName) : t('applications.terms.direct')],
    [
      'destination',
      terms.destinationSubdivision
        ? `${country(terms.destinationCountry)} (${terms.destinationSubdivision})`
        : country(terms.destinationCountry),
    ],
    [
      'wage',
      `${fmt.money(terms.wageAmount, terms.wageCurrency)} ${t(`vacancySearch.period.${terms.wagePeriod}`)}`,
    ],
    ['hours', t('vacancySearch.hoursPerWeek', { hours: fmt.number(Number(terms.hoursPerWeek)) })],
    ['contract', t('vacancySearch.months', { count: terms.contractMonths })],
    [
      'benefits',
      [fmt.list(benefits), terms.benefits.note ? isolated(terms.benefits.note) : '']
        .filter(Boolean)
        .join(' – ') || t('vacancySearch.vacancy.noBenefits'),
    ],
    ['deadline', fmt.date(terms.applicationDeadline)],
  ];
  return rows.map(([key, text]) => ({
    key: { text: t(`applications.terms.${key}`) },
    value: { text },
  }));
}

/** The history, oldest first, as the pages show it. */
export function historyRows(
  request: FastifyRequest,
  history: readonly HistoryEntry[],
  reader: 'applicant' | 'organisation' = 'applicant',
) {
  const { t, fmt } = request;
  return [...history].reverse().map((row) => ({
    when: fmt.dateTime(row.occurredAt),
    what: t(`applications.events.${row.event}`),
    state: t(`applications.states.${row.toState}`),
    reasonCode: row.details.reason_code
      ? t(`applications.rejectReasons.${row.details.reason_code}`)
      : null,
    reason: row.reason,
    interviewAt: row.details.interview_at ? fmt.dateTime(pgMoment(row.details.interview_at)) : null,
    by: row.byApplicant
      ? t(reader === 'applicant' ? 'applications.history.you' : 'applications.history.applicant')
      : row.actorOrganisationName
        ? isolated(row.actorOrganisationName)
        : t('applications.history.system'),
  }));
}

/** The seeker's summary as the organisation reads it. */
export function seekerName(
  request: FastifyRequest,
  application: ApplicationRecord,
  seeker: SeekerSummary | null,
): string {
  if (!application.seekerUserId) return request.t('applications.applicants.erased');
  return seeker?.name ? isolated(seeker.name) : request.t('applications.applicants.noProfile');
}

/** A timestamptz read as text ('2026-12-10 09:00:00+00') as a Date. */
export function pgMoment(text: string): Date {
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(iso);
}
