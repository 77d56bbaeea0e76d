import { EMPTY_QUERY } from '../../src/modules/vacancies/search/search.schemas.js';
import type { VacancySearchQuery } from '../../src/modules/vacancies/search/search.types.js';

/**
 * The fixed mix of the vacancy search benchmark: what people type and tick on the search page.
 * Text in English, French, Spanish and Arabic (cross-language words such as "infirmière",
 * "chauffeur", "soudeur" among them), the empty query with filters, one to three filters
 * together, each sort, and deep pages. Each entry carries the reader's language.
 */
export interface BenchQuery {
  label: string;
  language: string;
  query: VacancySearchQuery;
}

const q = (
  label: string,
  parts: Partial<VacancySearchQuery> = {},
  language = 'en',
): BenchQuery => ({ label, language, query: { ...EMPTY_QUERY, ...parts } });

const text = (words: string, language = 'en', parts: Partial<VacancySearchQuery> = {}) =>
  q(`"${words}"${describe(parts)}`, { q: words, ...parts }, language);

function describe(parts: Partial<VacancySearchQuery>): string {
  const bits: string[] = [];
  if (parts.destinations?.length) bits.push(`destination ${parts.destinations.join('+')}`);
  if (parts.occupationGroups?.length) bits.push(`group ${parts.occupationGroups.join('+')}`);
  if (parts.durations?.length) bits.push(`duration ${parts.durations.join('+')}`);
  if (parts.wageBands?.length) bits.push(`wage ${parts.wageBands.join('+')}`);
  if (parts.languages?.length) bits.push(`language ${parts.languages.join('+')}`);
  if (parts.postedWithin) bits.push(`posted ${parts.postedWithin}d`);
  if (parts.sort && parts.sort !== 'relevance') bits.push(`sort ${parts.sort}`);
  if (parts.page && parts.page > 1) bits.push(`page ${parts.page}`);
  return bits.length > 0 ? ` + ${bits.join(', ')}` : '';
}

const filters = (parts: Partial<VacancySearchQuery>) => q(`(no text)${describe(parts)}`, parts);

export const SEARCH_QUERIES: readonly BenchQuery[] = [
  // Free text, English.
  text('nurse'),
  text('registered nurse'),
  text('welder'),
  text('electrician'),
  text('driver'),
  text('heavy truck driver'),
  text('cook'),
  text('construction labourer'),
  text('domestic worker'),
  text('care worker'),
  text('security guard'),
  text('farm worker'),
  text('warehouse'),
  text('software developer'),
  text('accountant'),
  text('teacher'),
  text('plumber'),
  // French, Spanish and Arabic; several name an occupation whose vacancies are in English.
  text('infirmière', 'fr'),
  text('chauffeur', 'fr'),
  text('soudeur', 'fr'),
  text('cuisinier', 'fr'),
  text('maçon', 'fr'),
  text('aide à domicile', 'fr'),
  text('enfermera', 'es'),
  text('soldador', 'es'),
  text('conductor de camión', 'es'),
  text('camarero', 'es'),
  text('ممرضة', 'ar'),
  text('سائق', 'ar'),
  text('طباخ', 'ar'),
  text('عامل بناء', 'ar'),
  // The empty query with filters.
  filters({}),
  filters({ destinations: ['AE'] }),
  filters({ destinations: ['QA'], occupationGroups: ['5'] }),
  filters({ destinations: ['SA'], wageBands: ['under500'] }),
  filters({ destinations: ['GB'], languages: ['en'] }),
  filters({ destinations: ['DE'], languages: ['de'], durations: ['13to24'] }),
  filters({ destinations: ['CA'], durations: ['upto12'] }),
  filters({ postedWithin: '7' }),
  filters({ occupationGroups: ['7', '9'], wageBands: ['500to999', '1000to1999'] }),
  filters({ wageBands: ['4000plus'] }),
  filters({ destinations: ['AE', 'QA', 'SA', 'KW', 'OM', 'BH'], postedWithin: '30' }),
  // Text with one to three filters.
  text('nurse', 'en', { destinations: ['AE'] }),
  text('driver', 'en', { destinations: ['AE', 'QA'], wageBands: ['500to999'] }),
  text('welder', 'en', { occupationGroups: ['7'], durations: ['13to24'] }),
  text('cook', 'en', { postedWithin: '30', languages: ['en'] }),
  text('infirmière', 'fr', { destinations: ['CA'] }),
  text('care worker', 'en', {
    destinations: ['GB', 'DE'],
    languages: ['en', 'de'],
    durations: ['25to36'],
  }),
  // Each sort.
  filters({ sort: 'newest' }),
  filters({ sort: 'wage' }),
  text('electrician', 'en', { sort: 'newest' }),
  text('nurse', 'en', { sort: 'wage' }),
  filters({ destinations: ['QA'], sort: 'wage' }),
  text('chauffeur', 'fr', { sort: 'wage', destinations: ['AE', 'SA'] }),
  // Deep pages.
  filters({ page: 50 }),
  filters({ page: 200 }),
  filters({ page: 500 }),
  filters({ sort: 'newest', page: 100 }),
  text('driver', 'en', { page: 30 }),
  text('construction', 'en', { sort: 'wage', page: 40 }),
];
