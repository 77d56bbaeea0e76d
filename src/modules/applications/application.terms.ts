import type { PublicVacancyRecord } from '../vacancies/search/public-vacancy.repository.js';

/**
 * The vacancy's terms as they were when the person applied: kept with the application and
 * shown instead of today's (an employer may change a published vacancy's wage later; the
 * application still says what the person applied for).
 */
export interface VacancyTerms {
  number: number;
  title: string;
  /** The language of the title as written by the employer. */
  language: string;
  employerName: string;
  agencyName: string | null;
  destinationCountry: string;
  destinationSubdivision: string | null;
  iscoCode: string;
  wageAmount: string;
  wageCurrency: string;
  wagePeriod: string;
  hoursPerWeek: string;
  contractMonths: number;
  benefits: {
    housing: boolean;
    food: boolean;
    transport: boolean;
    insurance: boolean;
    note: string | null;
  };
  applicationDeadline: string;
}

/** What the apply page reads of the public vacancy (the vacancies module's public record). */
export type PublicVacancyTerms = Pick<
  PublicVacancyRecord,
  | 'id'
  | 'number'
  | 'title'
  | 'language'
  | 'employerId'
  | 'employerName'
  | 'agencyId'
  | 'agencyName'
  | 'destinationCountry'
  | 'destinationSubdivision'
  | 'iscoCode'
  | 'wageAmount'
  | 'wageCurrency'
  | 'wagePeriod'
  | 'hoursPerWeek'
  | 'contractMonths'
  | 'benefits'
  | 'applicationDeadline'
> & { translation?: { title: string } | null };

/** The snapshot of a public vacancy's terms, in the employer's own words. */
export function snapshotTerms(vacancy: PublicVacancyTerms): VacancyTerms {
  return {
    number: vacancy.number,
    title: vacancy.title,
    language: vacancy.language,
    employerName: vacancy.employerName,
    agencyName: vacancy.agencyName,
    destinationCountry: vacancy.destinationCountry,
    destinationSubdivision: vacancy.destinationSubdivision,
    iscoCode: vacancy.iscoCode,
    wageAmount: vacancy.wageAmount,
    wageCurrency: vacancy.wageCurrency,
    wagePeriod: vacancy.wagePeriod,
    hoursPerWeek: vacancy.hoursPerWeek,
    contractMonths: vacancy.contractMonths,
    benefits: {
      housing: vacancy.benefits.housing,
      food: vacancy.benefits.food,
      transport: vacancy.benefits.transport,
      insurance: vacancy.benefits.insurance,
      note: vacancy.benefits.note,
    },
    applicationDeadline: vacancy.applicationDeadline,
  };
}
