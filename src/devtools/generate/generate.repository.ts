import { sql } from 'kysely';
import type { Db } from '../../database.js';
import { DESTINATIONS } from './destinations.js';
import type { OccupationSpec } from './occupations.js';
import { AGENCY_PREFIX, EMPLOYER_PREFIX, syntheticEmployer } from './organisations.js';
import type { AgencyRef, EmployerRef, ResolvedOccupation } from './vacancy-factory.js';
import type { MinimumWageRule } from './wages.js';

/** What the generator reads from the database (pool.repository.ts writes the synthetic pool). */
export class GenerateRepository {
  constructor(private readonly db: Db) {}

  /**
   * The finest subdivisions of these countries (those no other subdivision lies in: Bangladesh's
   * districts, the Philippines' provinces, Kenya's counties), by country: the home regions
   * generated profiles give, of the level the shipped admin-1 boundaries draw for these
   * countries.
   */
  async homeRegions(countries: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db
      .selectFrom('country_subdivision as s')
      .select(['s.code', 's.country_code'])
      .where('s.country_code', 'in', [...countries])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('country_subdivision as child')
              .select('child.code')
              .whereRef('child.parent_code', '=', 's.code'),
          ),
        ),
      )
      .orderBy('s.code')
      .execute();
    const out = new Map<string, string[]>();
    for (const row of rows) {
      out.set(row.country_code, [...(out.get(row.country_code) ?? []), row.code]);
    }
    return out;
  }

  /** The catalogue's occupations with their ESCO ids and skills; a label ESCO lacks gives null. */
  async resolveOccupations(specs: readonly OccupationSpec[]): Promise<ResolvedOccupation[]> {
    const occupations = await this.db
      .selectFrom('esco_occupation')
      .select(['id', 'isco_code', 'preferred_label_en'])
      .where('preferred_label_en', 'in', [...new Set(specs.map((spec) => spec.esco))])
      .execute();
    const groups = new Set(
      (
        await this.db
          .selectFrom('isco_group')
          .select('code')
          .where('code', 'in', [...new Set(specs.map((spec) => spec.isco))])
          .execute()
      ).map((row) => row.code),
    );
    const byLabel = new Map(occupations.map((row) => [row.preferred_label_en, row]));
    const ids = occupations.map((row) => row.id);
    const relations =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom('occupation_skill')
            .select(['occupation_id', 'skill_id', 'relation'])
            .where('occupation_id', 'in', ids)
            // (Relations name skills by their label, so none points to one of the few ESCO skills
            // without a label: no join needed.)
            .orderBy('occupation_id')
            .orderBy('skill_id')
            .execute();
    return specs.map((spec) => {
      if (!groups.has(spec.isco)) {
        throw new Error(`ISCO-08 unit group ${spec.isco} (${spec.key}) is not loaded`);
      }
      const esco = byLabel.get(spec.esco);
      if (esco && esco.isco_code !== spec.isco) {
        throw new Error(`ESCO "${spec.esco}" is in ISCO ${esco.isco_code}, not ${spec.isco}`);
      }
      const mine = esco ? relations.filter((row) => row.occupation_id === esco.id) : [];
      return {
        spec,
        occupationId: esco?.id ?? null,
        essentialSkills: mine.filter((r) => r.relation === 'essential').map((r) => r.skill_id),
        optionalSkills: mine.filter((r) => r.relation === 'optional').map((r) => r.skill_id),
      };
    });
  }

  /** The subdivision codes of the destinations' cities that are not in country_subdivision. */
  async missingSubdivisions(): Promise<string[]> {
    const codes = DESTINATIONS.flatMap((d) => d.cities.map((city) => city.subdivision));
    const found = await this.db
      .selectFrom('country_subdivision')
      .select('code')
      .where('code', 'in', codes)
      .execute();
    const known = new Set(found.map((row) => row.code));
    return codes.filter((code) => !known.has(code));
  }

  async exchangeRates(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('exchange_rate')
      .select(['currency', 'usd_per_unit'])
      .execute();
    return new Map(rows.map((row) => [row.currency, Number(row.usd_per_unit)]));
  }

  async minimumWages(): Promise<MinimumWageRule[]> {
    const rows = await this.db
      .selectFrom('minimum_wage')
      .select([
        'origin_country',
        'destination_country',
        'isco_code',
        'amount',
        'currency',
        'period',
      ])
      .execute();
    return rows.map((row) => ({
      originCountry: row.origin_country,
      destinationCountry: row.destination_country,
      iscoCode: row.isco_code,
      amount: Number(row.amount),
      currency: row.currency,
      period: row.period,
    }));
  }

  /**
   * Employers in a destination the generator knows (with their vetting), agencies whose licence
   * is active and in date, and origin authorities. `synthetic`: only the generated pool's
   * organisations, or only the others.
   */
  async organisations(today: string, synthetic: boolean) {
    const countries = DESTINATIONS.map((d) => d.country);
    const pool = (column: 'o.registration_number', prefix: string) =>
      synthetic
        ? sql<boolean>`${sql.ref(column)} like ${prefix + '%'}`
        : sql<boolean>`coalesce(${sql.ref(column)}, '') not like 'GEN-%'`;
    const employerRows = await this.db
      .selectFrom('organisation as o')
      .leftJoin('employer_vetting as v', 'v.organisation_id', 'o.id')
      .select(['o.id', 'o.name', 'o.country_code', 'o.registration_number', 'v.state as vetting'])
      .where('o.kind', '=', 'employer')
      .where('o.country_code', 'in', countries)
      .where(pool('o.registration_number', EMPLOYER_PREFIX))
      .orderBy('o.registration_number')
      .orderBy('o.id')
      .execute();
    const agencyRows = await this.db
      .selectFrom('organisation as o')
      .innerJoin('licence as l', 'l.organisation_id', 'o.id')
      .select(['o.id', 'o.name', 'o.country_code'])
      .where('o.kind', '=', 'recruitment_agency')
      .where('l.state', '=', 'active')
      .where(sql<boolean>`l.valid_to >= ${today}::date`)
      .where(pool('o.registration_number', AGENCY_PREFIX))
      .orderBy('o.registration_number')
      .orderBy('o.id')
      .execute();
    const authorityRows = await this.db
      .selectFrom('organisation')
      .select(['id', 'country_code'])
      .where('kind', '=', 'origin_authority')
      .orderBy('created_at')
      .orderBy('id')
      .execute();

    const employers: EmployerRef[] = employerRows.map((row) => ({
      id: row.id,
      name: row.name,
      countryCode: row.country_code,
      sector: row.registration_number?.startsWith(EMPLOYER_PREFIX)
        ? syntheticEmployer(poolIndex(row.registration_number)).sector
        : null,
      vetted: row.vetting === 'vetted',
    }));
    const agenciesByCountry = new Map<string, AgencyRef[]>();
    for (const row of agencyRows) {
      const list = agenciesByCountry.get(row.country_code) ?? [];
      list.push({ id: row.id, name: row.name, countryCode: row.country_code });
      agenciesByCountry.set(row.country_code, list);
    }
    const authorities = new Map<string, { organisationId: string; userId: string | null }>();
    for (const row of authorityRows) {
      if (!authorities.has(row.country_code)) {
        authorities.set(row.country_code, { organisationId: row.id, userId: null });
      }
    }
    return { employers, agenciesByCountry, authorities };
  }

  async vacancyCount(): Promise<number> {
    const row = await this.db
      .selectFrom('vacancy')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

function poolIndex(registrationNumber: string): number {
  return Number(registrationNumber.slice(-5)) - 1;
}
