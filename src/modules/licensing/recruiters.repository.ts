import { sql } from 'kysely';
import type { Db } from '../../database.js';
import {
  licenceQuery,
  toLicence,
  type Executor,
  type LicenceRecord,
} from './licensing.repository.js';

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

/** Lower case, accents stripped: the same folding on both sides of a name search. */
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıľłñńňòóôõöøōőŕřśşšţťùúûüūůűųýÿźżž';
const PLAIN = 'aaaaaaaaacccdeeeeeeeegiiiiiiillnnnoooooooorrsssttuuuuuuuuyyzzz';

export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** The public register: recruitment agencies and the licence that speaks for each. */
export class RecruitersRepository {
  private readonly db: Executor;

  constructor(db: Db) {
    this.db = db;
  }

  /** Recruitment agencies by name or licence number, tolerant of case and accents. */
  async searchRecruiters(query: string, limit: number): Promise<RecruiterRecord[]> {
    const folded = foldForSearch(query);
    const number = query.trim().toUpperCase();
    const name = sql<string>`translate(lower(organisation.name), ${ACCENTED}, ${PLAIN})`;
    const rows = await this.db
      .selectFrom('organisation')
      .select(['id', 'name', 'country_code', 'address', 'website', 'registration_number'])
      .where('kind', '=', 'recruitment_agency')
      .where((eb) =>
        eb.or([
          eb(name, 'like', `%${folded.replace(/[\\%_]/g, '\\$&')}%`),
          eb(sql<number>`word_similarity(${folded}, ${name})`, '>', 0.5),
          eb.exists(
            eb
              .selectFrom('licence')
              .select('licence.id')
              .whereRef('licence.organisation_id', '=', 'organisation.id')
              .where('licence.number', '=', number),
          ),
        ]),
      )
      .orderBy(sql`word_similarity(${folded}, ${name})`, 'desc')
      .orderBy('name')
      .limit(limit)
      .execute();
    return this.withLicences(rows);
  }

  async findRecruiter(id: string): Promise<RecruiterRecord | null> {
    const rows = await this.db
      .selectFrom('organisation')
      .select(['id', 'name', 'country_code', 'address', 'website', 'registration_number'])
      .where('kind', '=', 'recruitment_agency')
      .where('id', '=', id)
      .execute();
    return (await this.withLicences(rows))[0] ?? null;
  }

  private async withLicences(
    rows: {
      id: string;
      name: string;
      country_code: string;
      address: string | null;
      website: string | null;
      registration_number: string | null;
    }[],
  ): Promise<RecruiterRecord[]> {
    if (rows.length === 0) return [];
    const licences = await licenceQuery(this.db)
      .where(
        'licence.organisation_id',
        'in',
        rows.map((row) => row.id),
      )
      .where('licence.number', 'is not', null)
      .orderBy('licence.created_at', 'desc')
      .execute();
    return rows.map((row) => {
      const licence = licences.find((candidate) => candidate.organisation_id === row.id);
      return {
        id: row.id,
        name: row.name,
        countryCode: row.country_code,
        address: row.address,
        website: row.website,
        registrationNumber: row.registration_number,
        licence: licence ? toLicence(licence) : null,
      };
    });
  }
}
