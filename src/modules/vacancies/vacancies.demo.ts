import type { Db } from '../../database.js';
import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import { DEMO_ORGANISATIONS, DEMO_USERS } from '../demo/demo.data.js';
import { DemoVacanciesRepository } from './vacancies-demo.repository.js';
import { GenerateRepository } from '../../devtools/generate/generate.repository.js';
import { OCCUPATIONS, type Sector } from '../../devtools/generate/occupations.js';
import { Random } from '../../devtools/generate/prng.js';
import { addToBatch, emptyBatch } from '../../devtools/generate/rows.js';
import { insertBatch } from '../../devtools/generate/vacancy-batches.repository.js';
import {
  generateVacancy,
  type AgencyRef,
  type EmployerRef,
  type GenerationContext,
} from '../../devtools/generate/vacancy-factory.js';
import type { MinimumWageRule } from '../../devtools/generate/wages.js';
import type { VacancyState, WagePeriod } from './vacancy.states.js';

/**
 * The demo's job orders: 200 vacancies of the demo employers in the United Arab Emirates and
 * Qatar, recruited in Kenya, most of them published; a few drafts, and submitted ones waiting
 * in the Kenyan origin officer's review queue. The Kenyan authority's minimum wages for the
 * UAE, Qatar and Saudi Arabia come with them, and every demo vacancy meets its floor (the
 * generator raises a wage drawn below it). Same seed, same vacancies and ids: the seed does
 * nothing when they are there already.
 */

const SEED = 'corridor-demo-vacancies';
export const DEMO_VACANCY_COUNT = 200;

/** Floors set by the demo origin authority: every occupation, and a higher one for nurses. */
export const DEMO_MINIMUM_WAGES: readonly {
  destinationCountry: string;
  iscoCode: string | null;
  amount: string;
  currency: string;
  period: WagePeriod;
}[] = [
  { destinationCountry: 'AE', iscoCode: null, amount: '1500.00', currency: 'AED', period: 'month' },
  {
    destinationCountry: 'AE',
    iscoCode: '2221',
    amount: '6000.00',
    currency: 'AED',
    period: 'month',
  },
  { destinationCountry: 'QA', iscoCode: null, amount: '1800.00', currency: 'QAR', period: 'month' },
  {
    destinationCountry: 'QA',
    iscoCode: '2221',
    amount: '6000.00',
    currency: 'QAR',
    period: 'month',
  },
  { destinationCountry: 'SA', iscoCode: null, amount: '1500.00', currency: 'SAR', period: 'month' },
  {
    destinationCountry: 'SA',
    iscoCode: '2221',
    amount: '5500.00',
    currency: 'SAR',
    period: 'month',
  },
];

/** Which demo employer posts how many, in which sector, and how often through agency1. */
const EMPLOYERS: readonly { key: string; sector: Sector; count: number; viaAgency: number }[] = [
  { key: 'employer1', sector: 'health', count: 75, viaAgency: 0.5 },
  { key: 'employer2', sector: 'construction', count: 75, viaAgency: 0.7 },
  // Not vetted (licensing.demo.ts): it recruits directly, never through an agency.
  { key: 'employer3', sector: 'hospitality', count: 50, viaAgency: 0 },
];

/** How many demo vacancies are in each state; the rest are published. */
const STATES: readonly (readonly [VacancyState, number])[] = [
  ['submitted', 10],
  ['draft', 8],
  ['rejected', 2],
  ['filled', 6],
  ['closed', 6],
  ['expired', 8],
];

const byKey = (key: string) => DEMO_ORGANISATIONS.find((organisation) => organisation.key === key);
const userOf = (key: string) => DEMO_USERS.find((user) => user.organisation === key)?.email;

export async function seedDemoVacancies(ports: {
  db: Db;
  audit: AuditLog;
  /** The organisations module's ids of organisations by registration number. */
  organisationIds(registrationNumbers: readonly string[]): Promise<Map<string, string>>;
  /** The accounts module's ids of users by email address. */
  userIds(emails: readonly string[]): Promise<Map<string, string>>;
  now?: Date;
}): Promise<{ vacancies: number; minimumWages: number }> {
  const now = ports.now ?? new Date();
  const repository = new DemoVacanciesRepository(ports.db);
  const random = new Random(SEED);
  const ids = Random.derive(SEED, 'ids');
  const vacancyIds = Array.from({ length: DEMO_VACANCY_COUNT }, () => ids.uuid());
  if (await repository.vacancyExists(vacancyIds[0] ?? '')) return { vacancies: 0, minimumWages: 0 };

  const organisations = await ports.organisationIds(
    DEMO_ORGANISATIONS.map((organisation) => organisation.registrationNumber),
  );
  const idOf = (key: string) => organisations.get(byKey(key)?.registrationNumber ?? '');
  const users = await ports.userIds(DEMO_USERS.map((user) => user.email));
  const userIdOf = (key: string) => users.get(userOf(key) ?? '') ?? null;
  const authorityId = idOf('origin');
  const agencyId = idOf('agency1');
  if (!authorityId || !agencyId || EMPLOYERS.some(({ key }) => !idOf(key))) {
    return { vacancies: 0, minimumWages: 0 };
  }

  const generation = new GenerateRepository(ports.db);
  const existingFloors = await generation.minimumWages();
  const floors: MinimumWageRule[] = [
    ...existingFloors,
    ...DEMO_MINIMUM_WAGES.filter(
      (floor) =>
        !existingFloors.some(
          (rule) =>
            rule.originCountry === 'KE' &&
            rule.destinationCountry === floor.destinationCountry &&
            rule.iscoCode === floor.iscoCode,
        ),
    ).map((floor) => ({ ...floor, originCountry: 'KE', amount: Number(floor.amount) })),
  ];
  const agency: AgencyRef = {
    id: agencyId,
    name: byKey('agency1')?.name ?? '',
    countryCode: 'KE',
    userId: userIdOf('agency1'),
  };
  const context: GenerationContext = {
    occupations: await generation.resolveOccupations(OCCUPATIONS),
    employers: [],
    agenciesByCountry: new Map([['KE', [agency]]]),
    authorities: new Map([['KE', { organisationId: authorityId, userId: userIdOf('origin') }]]),
    usdPerUnit: await generation.exchangeRates(),
    minimumWages: floors,
    now,
  };

  const states: VacancyState[] = STATES.flatMap(([state, n]) => Array<VacancyState>(n).fill(state));
  while (states.length < DEMO_VACANCY_COUNT) states.push('published');
  const shuffled = random.sample(states, states.length);
  const batch = emptyBatch();
  let index = 0;
  for (const plan of EMPLOYERS) {
    const organisation = byKey(plan.key);
    const employer: EmployerRef = {
      id: idOf(plan.key) ?? '',
      name: organisation?.name ?? '',
      countryCode: organisation?.countryCode ?? 'AE',
      sector: plan.sector,
      vetted: plan.viaAgency > 0,
      userId: userIdOf(plan.key),
    };
    for (let i = 0; i < plan.count; i += 1, index += 1) {
      addToBatch(
        batch,
        generateVacancy(random, context, {
          id: vacancyIds[index] ?? ids.uuid(),
          employer,
          agency: random.chance(plan.viaAgency) ? agency : null,
          originCountry: 'KE',
          state: shuffled[index] ?? 'published',
        }),
      );
    }
  }

  return ports.db.transaction().execute(async (trx) => {
    const minimumWages = await repository.addMinimumWages(
      trx,
      DEMO_MINIMUM_WAGES.map((floor) => ({
        ...floor,
        originCountry: 'KE',
        setByOrganisationId: authorityId,
      })),
    );
    await insertBatch(trx, batch);
    await ports.audit.record(trx, {
      action: 'demo.vacancies_seeded',
      actor: SYSTEM_ACTOR,
      subjectType: 'database',
      subjectIds: [],
      after: { vacancies: batch.vacancy.length, minimumWages },
    });
    return { vacancies: batch.vacancy.length, minimumWages };
  });
}
