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

/** `VacancySearchService.cards(numbers, language)`: the vacancy search's own cards. */
export function vacancyCards(search: VacancySearchService): VacancyCards {
  return (numbers, language) => search.cards(numbers, language);
}
