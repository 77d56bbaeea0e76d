import type { Outbox } from '../../../platform/events/outbox.js';
import type { SearchDb } from './public-vacancy.repository.js';
import { MatchingFeedRepository } from './matching-feed.repository.js';
import { VacancySearchRepository } from './search-index.repository.js';
import {
  VacancySearchService,
  type AgencyStandings,
  type OccupationCoder,
  type OrganisationNames,
} from './search.service.js';

/**
 * The public vacancy search as the module, the tests and the benchmark build it: its SQL on the
 * vacancies module's own tables, the outbox it follows, and the licensing, organisations and
 * reference services it asks for what is theirs (the reference module's occupation coder for the
 * cross-language step).
 */
export function createVacancySearch(deps: {
  db: SearchDb;
  events: Outbox;
  licensing: AgencyStandings;
  organisations: OrganisationNames;
  occupations?: OccupationCoder;
  clock?: () => Date;
}): VacancySearchService {
  return new VacancySearchService({
    repository: new VacancySearchRepository(deps.db),
    feed: new MatchingFeedRepository(deps.db),
    events: deps.events,
    licensing: deps.licensing,
    organisations: deps.organisations,
    ...(deps.occupations ? { occupations: deps.occupations } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
}
