import { sql } from 'kysely';
import type { Db } from '../../database.js';
import { isoDate } from '../../modules/vacancies/vacancy.states.js';
import { SYNTHETIC_MARK, syntheticAgency, syntheticEmployer } from './organisations.js';

const DAY = 86_400_000;
const AUTHORITY_PREFIX = 'GEN-AUTH-';

/** Writes the synthetic organisations that large generated data sets recruit for. */
export class PoolRepository {
  constructor(private readonly db: Db) {}

  /**
   * Makes sure the first `employers` and `agencies` of the synthetic pool exist: vetted
   * employers, and agencies with an active licence valid two more years, issued by their
   * country's origin authority (a synthetic one where the country has none). Each licence and
   * vetting has its history rows, as the state machines would have left them.
   */
  async ensurePool(size: { employers: number; agencies: number }, now: Date): Promise<number> {
    const wanted = [
      ...Array.from({ length: size.employers }, (_, i) => ({
        kind: 'employer' as const,
        ...syntheticEmployer(i),
      })),
      ...Array.from({ length: size.agencies }, (_, i) => ({
        kind: 'recruitment_agency' as const,
        ...syntheticAgency(i),
      })),
    ];
    const existing = new Set(
      (
        await this.db
          .selectFrom('organisation')
          .select('registration_number')
          .where(sql<boolean>`registration_number like 'GEN-%'`)
          .execute()
      ).map((row) => row.registration_number),
    );
    const missing = wanted.filter((org) => !existing.has(org.registrationNumber));
    if (missing.length === 0) return 0;

    return this.db.transaction().execute(async (trx) => {
      const insertOrganisations = (
        rows: {
          kind: 'employer' | 'recruitment_agency' | 'origin_authority';
          name: string;
          countryCode: string;
          registrationNumber: string;
        }[],
      ) =>
        rows.length === 0
          ? Promise.resolve([])
          : trx
              .insertInto('organisation')
              .values(
                rows.map((row) => ({
                  kind: row.kind,
                  name: row.name,
                  country_code: row.countryCode,
                  registration_number: row.registrationNumber,
                })),
              )
              .returning(['id', 'registration_number', 'country_code'])
              .execute();

      // An issuing authority for every agency country.
      const authorities = new Map(
        (
          await trx
            .selectFrom('organisation')
            .select(['id', 'country_code'])
            .where('kind', '=', 'origin_authority')
            .orderBy('created_at')
            .execute()
        )
          .reverse()
          .map((row) => [row.country_code, row.id]),
      );
      const names = new Map(
        (
          await trx
            .selectFrom('country_name')
            .select(['country_code', 'name'])
            .where('language', '=', 'en')
            .execute()
        ).map((row) => [row.country_code, row.name]),
      );
      const needAuthority = [
        ...new Set(
          missing.filter((o) => o.kind === 'recruitment_agency').map((o) => o.countryCode),
        ),
      ].filter((c) => !authorities.has(c));
      for (const row of await insertOrganisations(
        needAuthority.map((country) => ({
          kind: 'origin_authority',
          name: `Labour Migration Office, ${names.get(country) ?? country} ${SYNTHETIC_MARK}`,
          countryCode: country,
          registrationNumber: `${AUTHORITY_PREFIX}${country}`,
        })),
      )) {
        authorities.set(row.country_code, row.id);
      }

      const created = new Map(
        (await insertOrganisations(missing)).map((row) => [row.registration_number, row.id]),
      );
      const validFrom = isoDate(new Date(now.getTime() - 365 * DAY));
      const validTo = isoDate(new Date(now.getTime() + 730 * DAY));
      const appliedAt = new Date(now.getTime() - 400 * DAY);
      const grantedAt = new Date(now.getTime() - 365 * DAY);
      const agencies = missing.filter((org) => org.kind === 'recruitment_agency');
      const employers = missing.filter((org) => org.kind === 'employer');
      const licences = agencies.flatMap((org) => {
        const id = created.get(org.registrationNumber);
        return id
          ? [
              {
                organisation_id: id,
                state: 'active' as const,
                number: org.licenceNumber,
                issuing_authority_id: authorities.get(org.countryCode) ?? null,
                valid_from: validFrom,
                valid_to: validTo,
                applied_at: appliedAt,
                created_at: appliedAt,
                updated_at: grantedAt,
              },
            ]
          : [];
      });
      if (licences.length > 0) {
        const rows = await trx
          .insertInto('licence')
          .values(licences)
          .returning(['id', 'organisation_id', 'issuing_authority_id'])
          .execute();
        await trx
          .insertInto('licence_event')
          .values(
            rows.flatMap((licence) => [
              {
                licence_id: licence.id,
                event: 'apply',
                from_state: null,
                to_state: 'applied',
                actor_organisation_id: licence.organisation_id,
                valid_to: null,
                occurred_at: appliedAt,
              },
              {
                licence_id: licence.id,
                event: 'grant',
                from_state: 'applied',
                to_state: 'active',
                actor_organisation_id: licence.issuing_authority_id,
                valid_to: validTo,
                occurred_at: grantedAt,
              },
            ]),
          )
          .execute();
      }
      const vettings = employers.flatMap((org) => {
        const id = created.get(org.registrationNumber);
        return id
          ? [
              {
                organisation_id: id,
                state: 'vetted' as const,
                created_at: appliedAt,
                updated_at: grantedAt,
              },
            ]
          : [];
      });
      if (vettings.length > 0) {
        const rows = await trx
          .insertInto('employer_vetting')
          .values(vettings)
          .returning(['id', 'organisation_id'])
          .execute();
        await trx
          .insertInto('employer_vetting_event')
          .values(
            rows.flatMap((vetting) => [
              {
                vetting_id: vetting.id,
                event: 'submit',
                from_state: null,
                to_state: 'submitted',
                actor_organisation_id: vetting.organisation_id,
                occurred_at: appliedAt,
              },
              {
                vetting_id: vetting.id,
                event: 'vet',
                from_state: 'submitted',
                to_state: 'vetted',
                actor_organisation_id: null,
                occurred_at: grantedAt,
              },
            ]),
          )
          .execute();
      }
      return created.size;
    });
  }
}
