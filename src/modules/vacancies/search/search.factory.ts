import type { Outbox } from '../../../platform/events/outbox.js';
import type { SearchDb } from './public-vacancy.repository.js';
import { VacancySearchRepository } from './search-index.repository.js';
import {
  VacancySearchService,
  type AgencyStandings,
  type OrganisationNames,
} from './search.service.js';

/**
 * The public vacancy search as the module, the tests and the benchmark build it: its SQL on the
 * vacancies module's own tables, the outbox it follows, and the licensing and organisations
 * services it asks for what is theirs.
 */
export function createVacancySearch(deps: {
  db: SearchDb;
  events: Outbox;
  licensing: AgencyStandings;
  organisations: OrganisationNames;
  clock?: () => Date;
}): VacancySearchService {
  return new VacancySearchService({
    repository: new VacancySearchRepository(deps.db),
    events: deps.events,
    licensing: deps.licensing,
    organisations: deps.organisations,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
}
