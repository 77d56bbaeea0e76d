import type { OrganisationRegistration } from '../organisations/organisations.repository.js';
import type { LicenceRecord, LicensingRepository } from './licensing.repository.js';
import type { LicensingOrganisations } from './licensing.organisations.js';
import { licenceNumberKey } from './licence-number.js';

export interface RecruiterRecord {
  id: string;
  name: string;
  countryCode: string;
  address: string | null;
  website: string | null;
  registrationNumber: string | null;
  /** The licence that speaks for the agency now: the latest one that was ever granted. */
  licence: LicenceRecord | null;
}

/**
 * The public register: recruitment agencies and the licence that speaks for each. The agencies
 * are the organisations module's (found by name there, with pg_trgm, on its own table); their
 * licences are read from this module's tables. No SQL here: both sides are asked by id.
 */
export class RecruitersRepository {
  constructor(
    private readonly licences: LicensingRepository,
    private readonly organisations: LicensingOrganisations,
  ) {}

  /**
   * Recruitment agencies by name or licence number, tolerant of case and accents: a licence
   * number first (typed with or without its dashes, licence-number.ts), then names, the closest
   * first; at most `limit`. Two indexed reads of at most `limit` rows each and one read of their
   * licences, whatever the size of the register.
   */
  async searchRecruiters(query: string, limit: number): Promise<RecruiterRecord[]> {
    const number = licenceNumberKey(query);
    const [byNumber, byName] = await Promise.all([
      number ? this.licences.organisationIdsByLicenceNumber(number) : [],
      this.organisations.searchByName(query, { kind: 'recruitment_agency', limit }),
    ]);
    const numbered = [...(await this.organisations.registrations(byNumber)).values()].filter(
      (organisation) => organisation.kind === 'recruitment_agency',
    );
    const seen = new Set<string>();
    const agencies = [...numbered, ...byName].filter((agency) => {
      if (seen.has(agency.id)) return false;
      seen.add(agency.id);
      return true;
    });
    return this.withLicences(agencies.slice(0, limit));
  }

  async findRecruiter(id: string): Promise<RecruiterRecord | null> {
    const agency = (await this.organisations.registrations([id])).get(id);
    if (!agency || agency.kind !== 'recruitment_agency') return null;
    return (await this.withLicences([agency]))[0] ?? null;
  }

  private async withLicences(agencies: OrganisationRegistration[]): Promise<RecruiterRecord[]> {
    if (agencies.length === 0) return [];
    const licences: Map<string, LicenceRecord> = await this.licences.latestNumberedLicences(
      agencies.map((agency) => agency.id),
    );
    return agencies.map((agency) => ({
      id: agency.id,
      name: agency.name,
      countryCode: agency.countryCode,
      address: agency.address,
      website: agency.website,
      registrationNumber: agency.registrationNumber,
      licence: licences.get(agency.id) ?? null,
    }));
  }
}
