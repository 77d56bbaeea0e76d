import { z } from 'zod';
import type { PublicVacancyOutcome } from './search.service.js';
import type { VacancyHit, VacancySearchResult } from './search.types.js';

/**
 * What the public JSON API shows of vacancies: approved terms and organisation names only. No
 * person, no user, no internal state beyond open or not.
 */

const facetCount = z.object({ value: z.string(), count: z.number().int() });

export const vacancyHitView = z.object({
  number: z.number().int(),
  reference: z.string().meta({ description: 'The number as people quote it, e.g. JO-000123' }),
  url: z.string(),
  title: z.string(),
  titleLanguage: z.string(),
  employer: z.string(),
  agency: z.string().nullable(),
  destinationCountry: z.string(),
  destinationSubdivision: z.string().nullable(),
  iscoCode: z.string(),
  occupationId: z.string().nullable(),
  positions: z.number().int(),
  positionsOpen: z.number().int(),
  contractMonths: z.number().int(),
  wage: z.object({ amount: z.string(), currency: z.string(), period: z.string() }),
  applicationDeadline: z.string(),
  publishedAt: z.string(),
});

export const vacancySearchView = z.object({
  total: z.number().int(),
  /** Words that matched nothing and were searched as the nearest known word instead. */
  corrections: z.array(z.object({ from: z.string(), to: z.string() })),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  hits: z.array(vacancyHitView),
  facets: z.object({
    destination: z.array(facetCount),
    occupationGroup: z.array(facetCount),
    duration: z.array(facetCount),
    wageBand: z.array(facetCount),
    language: z.array(facetCount),
    posted: z.array(facetCount),
  }),
});

export const publicVacancyView = z.object({
  number: z.number().int(),
  reference: z.string(),
  title: z.string(),
  language: z.string(),
  description: z.string(),
  translation: z
    .object({ language: z.string(), title: z.string(), description: z.string() })
    .nullable(),
  employer: z.string(),
  agency: z.object({ id: z.string(), name: z.string(), licensed: z.boolean() }).nullable(),
  originCountry: z.string(),
  destinationCountry: z.string(),
  destinationSubdivision: z.string().nullable(),
  occupationId: z.string().nullable(),
  iscoCode: z.string(),
  minIscedLevel: z.string().nullable(),
  experienceMonths: z.number().int(),
  positions: z.number().int(),
  positionsOpen: z.number().int(),
  contractMonths: z.number().int(),
  wage: z.object({ amount: z.string(), currency: z.string(), period: z.string() }),
  hoursPerWeek: z.string(),
  benefits: z.object({
    housing: z.boolean(),
    food: z.boolean(),
    transport: z.boolean(),
    insurance: z.boolean(),
    note: z.string().nullable(),
  }),
  skills: z.array(z.object({ id: z.string(), label: z.string(), essential: z.boolean() })),
  languages: z.array(z.object({ language: z.string(), cefrLevel: z.string() })),
  applicationDeadline: z.string(),
  publishedAt: z.string().nullable(),
});

export function vacancyReference(number: number): string {
  return `JO-${String(number).padStart(6, '0')}`;
}

export function presentHit(hit: VacancyHit): z.infer<typeof vacancyHitView> {
  return {
    number: hit.number,
    reference: vacancyReference(hit.number),
    url: `/vacancies/${hit.number}`,
    title: hit.title,
    titleLanguage: hit.titleLanguage,
    employer: hit.employerName,
    agency: hit.agencyName,
    destinationCountry: hit.destinationCountry,
    destinationSubdivision: hit.destinationSubdivision,
    iscoCode: hit.iscoCode,
    occupationId: hit.occupationId,
    positions: hit.positions,
    positionsOpen: hit.positionsOpen,
    contractMonths: hit.contractMonths,
    wage: { amount: hit.wageAmount, currency: hit.wageCurrency, period: hit.wagePeriod },
    applicationDeadline: hit.applicationDeadline,
    publishedAt: hit.publishedAt.toISOString(),
  };
}

export function presentSearch(result: VacancySearchResult): z.infer<typeof vacancySearchView> {
  return { ...result, hits: result.hits.map(presentHit) };
}

export function presentVacancy(outcome: PublicVacancyOutcome): z.infer<typeof publicVacancyView> {
  const v = outcome.vacancy;
  return {
    number: v.number,
    reference: vacancyReference(v.number),
    title: v.title,
    language: v.language,
    description: v.description,
    translation: v.translation,
    employer: v.employerName,
    agency:
      v.agencyId && v.agencyName
        ? { id: v.agencyId, name: v.agencyName, licensed: v.agencyLicensedToday === true }
        : null,
    originCountry: v.originCountry,
    destinationCountry: v.destinationCountry,
    destinationSubdivision: v.destinationSubdivision,
    occupationId: v.occupationId,
    iscoCode: v.iscoCode,
    minIscedLevel: v.minIscedLevel,
    experienceMonths: v.experienceMonths,
    positions: v.positions,
    positionsOpen: Math.max(0, v.positions - v.positionsFilled),
    contractMonths: v.contractMonths,
    wage: { amount: v.wageAmount, currency: v.wageCurrency, period: v.wagePeriod },
    hoursPerWeek: v.hoursPerWeek,
    benefits: v.benefits,
    skills: v.skills,
    languages: v.languages,
    applicationDeadline: v.applicationDeadline,
    publishedAt: v.publishedAt?.toISOString() ?? null,
  };
}
