import type { Kysely, Transaction } from 'kysely';
import type { OrganisationKind } from '../../platform/authz/catalogue.js';
import type {
  OrganisationRegistration,
  OrganisationSummary,
} from '../organisations/organisations.repository.js';

/**
 * What licensing asks of the organisations module (its OrganisationsService): the agencies',
 * authorities' and employers' public registration data. Licensing's tables hold organisation
 * ids only; names, kinds and countries are the organisations module's, asked by id. Inside a
 * licensing transaction the transaction is passed on (on PGlite it holds the one connection).
 */
export interface LicensingOrganisations {
  registrations<DB>(
    ids: readonly string[],
    executor?: Kysely<DB> | Transaction<DB>,
  ): Promise<Map<string, OrganisationRegistration>>;
  idsOf(filter: { kind: OrganisationKind; countryCodes?: readonly string[] }): Promise<string[]>;
  searchByName(
    query: string,
    filter: { kind: OrganisationKind; limit: number },
  ): Promise<OrganisationRegistration[]>;
  ofKinds(
    kinds: readonly OrganisationKind[],
    options?: { limit?: number; countryCodes?: readonly string[] },
  ): Promise<OrganisationSummary[]>;
  idsByRegistration(numbers: readonly string[]): Promise<Map<string, string>>;
}
