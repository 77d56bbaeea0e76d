/**
 * Shared set-up for the vacancy search integration tests: a fresh database, organisations, an
 * agency licence, vacancies written straight into the tables (each with its vacancy_event row
 * and its domain event in the outbox, as the transitions write them), the search service with a
 * clock the test moves (for the service tests), and the real app on the same database (the
 * harness: `f.web.app`) for the public pages and API, which answer from the app's own search
 * service. Used only by *.int.test.ts files.
 */
import { createHarness } from '../../../../test/helpers/harness.js';
import type { Db } from '../../../database.js';
import { AuditLog } from '../../../platform/audit/audit.js';
import { Outbox } from '../../../platform/events/outbox.js';
import { LicensingRepository } from '../../licensing/licensing.repository.js';
import { LicensingService } from '../../licensing/licensing.service.js';
import { RecruitersRepository } from '../../licensing/recruiters.repository.js';
import { OrganisationsRepository } from '../../organisations/organisations.repository.js';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import type { VacancyTable } from '../vacancy.tables.js';
import { createVacancySearch } from './search.factory.js';

export const PUBLIC_URL = 'https://corridor.example';

export function isoDay(date: Date, days = 0): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The licence event that leads to each state the tests set. */
const LICENCE_EVENT_OF = {
  active: 'licence.reinstated',
  suspended: 'licence.suspended',
  revoked: 'licence.revoked',
} as const;

type VacancyValues = Omit<
  VacancyTable,
  'id' | 'number' | 'positions_filled' | 'created_at' | 'updated_at'
>;

export async function searchFixture() {
  const web = await createHarness({ env: { PUBLIC_URL } });
  const db: Db = web.db;
  let now = new Date();
  const clock = () => now;
  // The app's: one occupation coder for both searches (it takes a few seconds to build).
  const reference = web.services.reference;
  const licensing = new LicensingService({
    repository: new LicensingRepository(db, web.services.organisations),
    recruiters: new RecruitersRepository(
      new LicensingRepository(db, web.services.organisations),
      web.services.organisations,
    ),
    audit: new AuditLog(db),
    clock,
  });
  const organisations = new OrganisationsService(
    new OrganisationsRepository(db),
    new AuditLog(db),
    { countryExists: async () => true },
    { profiles: async () => new Map() },
  );
  const outbox = Outbox.of(db);
  const search = createVacancySearch({
    db,
    events: outbox,
    licensing,
    organisations,
    occupations: reference,
    clock,
  });

  const organisation = async (
    kind: 'employer' | 'recruitment_agency' | 'origin_authority',
    name: string,
    country: string,
  ) =>
    (
      await db
        .insertInto('organisation')
        .values({ kind, name, country_code: country })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const authorityId = await organisation('origin_authority', 'Kenya Labour Authority', 'KE');
  const employerId = await organisation('employer', 'Gulf Care Hospitals', 'AE');

  await db
    .insertInto('exchange_rate')
    .values([
      { currency: 'AED', usd_per_unit: '0.27229', as_of: '2026-11-01', source: 'test' },
      { currency: 'QAR', usd_per_unit: '0.27473', as_of: '2026-11-01', source: 'test' },
      { currency: 'USD', usd_per_unit: '1', as_of: '2026-11-01', source: 'test' },
    ])
    .onConflict((oc) => oc.column('currency').doNothing())
    .execute();

  const nurse = await db
    .selectFrom('esco_occupation')
    .select(['id', 'isco_code'])
    .where('preferred_label_en', '=', 'nurse responsible for general care')
    .executeTakeFirstOrThrow();

  /** A Kenyan agency with an active licence until the end of next year. */
  const licensedAgency = async (name: string) => {
    const agencyId = await organisation('recruitment_agency', name, 'KE');
    const licence = await db
      .insertInto('licence')
      .values({
        organisation_id: agencyId,
        state: 'active',
        number: `KE-RA-${Math.floor(Math.random() * 1e9)}`,
        issuing_authority_id: authorityId,
        valid_from: isoDay(now, -30),
        valid_to: `${now.getUTCFullYear() + 1}-12-31`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('licence_event')
      .values({ licence_id: licence.id, event: 'grant', from_state: 'applied', to_state: 'active' })
      .execute();
    await outbox.publish(db, [
      {
        type: 'licence.granted',
        subjectType: 'licence',
        subjectId: licence.id,
        payload: { organisationId: agencyId },
      },
    ]);
    return { agencyId, licenceId: licence.id };
  };

  /** Changes a licence's state the way the licence transition does: state and event together. */
  const setLicenceState = async (licenceId: string, state: 'active' | 'suspended' | 'revoked') => {
    await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('licence')
        .select('state')
        .where('id', '=', licenceId)
        .executeTakeFirstOrThrow();
      await trx.updateTable('licence').set({ state }).where('id', '=', licenceId).execute();
      await trx
        .insertInto('licence_event')
        .values({ licence_id: licenceId, event: state, from_state: current.state, to_state: state })
        .execute();
      await outbox.publish(trx, [
        { type: LICENCE_EVENT_OF[state], subjectType: 'licence', subjectId: licenceId },
      ]);
    });
  };

  /** A published vacancy (a nurse in Dubai unless told otherwise), with its event row. */
  const vacancy = async (
    overrides: Partial<VacancyValues> & {
      languages?: { language: string; cefr_level: string }[];
      translations?: { language: string; title: string; description: string }[];
    } = {},
  ) => {
    const {
      languages = [{ language: 'en', cefr_level: 'B1' }],
      translations = [],
      ...values
    } = overrides;
    const published = values.published_at ?? new Date(now.getTime() - 86_400_000);
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('vacancy')
        .values({
          state: 'published',
          employer_organisation_id: employerId,
          agency_organisation_id: null,
          origin_country: 'KE',
          destination_country: 'AE',
          destination_subdivision: 'AE-DU',
          occupation_id: nurse.id,
          isco_code: nurse.isco_code,
          language: 'en',
          title: 'Staff nurse, general ward',
          description:
            'Care for adult patients on a general ward.\n\nNight shifts one week in four.',
          min_isced_level: '6',
          experience_months: 24,
          positions: 3,
          contract_months: 24,
          wage_amount: '7500.00',
          wage_currency: 'AED',
          wage_period: 'month',
          hours_per_week: '48',
          benefit_housing: true,
          benefit_food: false,
          benefit_transport: true,
          benefit_insurance: true,
          benefits_note: null,
          application_deadline: isoDay(now, 30),
          created_by_user_id: null,
          submitted_at: published,
          approved_at: published,
          rejected_at: null,
          published_at: published,
          ended_at: null,
          ...values,
        })
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
      for (const language of languages) {
        await trx
          .insertInto('vacancy_language')
          .values({ vacancy_id: row.id, ...language })
          .execute();
      }
      for (const translation of translations) {
        await trx
          .insertInto('vacancy_translation')
          .values({ vacancy_id: row.id, ...translation })
          .execute();
      }
      await trx
        .insertInto('vacancy_event')
        .values({
          vacancy_id: row.id,
          event: 'publish',
          from_state: 'approved',
          to_state: values.state ?? 'published',
        })
        .execute();
      await outbox.publish(trx, [
        { type: 'vacancy.published', subjectType: 'vacancy', subjectId: row.id },
      ]);
      return { id: row.id, number: Number(row.number) };
    });
  };

  /** Updates a vacancy and appends its event, as the transition function does. */
  const changeVacancy = async (id: string, values: Partial<VacancyValues>) => {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('vacancy').set(values).where('id', '=', id).execute();
      await trx
        .insertInto('vacancy_event')
        .values({
          vacancy_id: id,
          event: 'update',
          from_state: 'published',
          to_state: values.state ?? 'published',
        })
        .execute();
      await outbox.publish(trx, [
        { type: 'vacancy.updated', subjectType: 'vacancy', subjectId: id },
      ]);
    });
  };

  return {
    db,
    search,
    reference,
    licensing,
    web,
    employerId,
    nurse,
    licensedAgency,
    setLicenceState,
    vacancy,
    changeVacancy,
    now: () => now,
    setNow: (date: Date) => {
      now = date;
    },
    close: () => web.close(),
  };
}

export type SearchFixture = Awaited<ReturnType<typeof searchFixture>>;
