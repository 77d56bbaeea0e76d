import type { ReferenceService } from '../reference/reference.service.js';
import type { VacancySearchService } from '../vacancies/search/search.service.js';
import type { VacancyHit } from '../vacancies/search/search.types.js';
import type { InvitationsService } from './invitations.service.js';
import type { MatchingService } from './matching.service.js';

/** The search's cards of these vacancies, in order, only those publicly visible now. */
export type VacancyCards = (numbers: readonly number[], language: string) => Promise<VacancyHit[]>;

/** What the pages and the API are given. */
export interface MatchingPagesDeps {
  matching: MatchingService;
  invitations: InvitationsService;
  reference: ReferenceService;
  skillTitles(ids: readonly string[]): Promise<Map<string, string>>;
  cards: VacancyCards;
}

type WithCards = VacancySearchService & { cards?: VacancyCards };

/**
 * `VacancySearchService.cards(numbers, language)`, being added to the vacancies module: until it
 * is there, each card is read from the public vacancy page's record (one query a vacancy).
 */
export function vacancyCards(search: VacancySearchService): VacancyCards {
  const withCards = search as WithCards;
  return async (numbers, language) => {
    if (typeof withCards.cards === 'function') return withCards.cards(numbers, language);
    const hits = await Promise.all(
      numbers.map(async (number): Promise<VacancyHit | null> => {
        try {
          const outcome = await search.vacancy(number, language);
          if (!outcome.open) return null;
          const v = outcome.vacancy;
          const text = v.translation ?? v;
          return {
            id: v.id,
            number: v.number,
            title: text.title,
            titleLanguage: v.translation?.language ?? v.language,
            employerName: v.employerName,
            agencyName: v.agencyName,
            destinationCountry: v.destinationCountry,
            destinationSubdivision: v.destinationSubdivision,
            iscoCode: v.iscoCode,
            occupationId: v.occupationId,
            positions: v.positions,
            positionsOpen: Math.max(0, v.positions - v.positionsFilled),
            contractMonths: v.contractMonths,
            wageAmount: v.wageAmount,
            wageCurrency: v.wageCurrency,
            wagePeriod: v.wagePeriod,
            applicationDeadline: v.applicationDeadline,
            publishedAt: v.publishedAt ? new Date(v.publishedAt) : new Date(0),
          };
        } catch {
          return null;
        }
      }),
    );
    return hits.filter((hit): hit is VacancyHit => hit !== null);
  };
}
