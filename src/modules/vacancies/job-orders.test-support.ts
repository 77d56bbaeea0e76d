/**
 * Shared set-up for the job-order integration tests: the licensing fixture (a Kenyan origin
 * authority and officer, a UAE employer), plus a licensed Kenyan agency, the employer vetted,
 * minimum wages for KE → AE, the job-order services and a test app with the JSON API.
 * Used only by *.int.test.ts files.
 */
import type { Principal } from '../../platform/authz/principal.js';
import { ReferenceRepository } from '../reference/reference.repository.js';
import { ReferenceService } from '../reference/reference.service.js';
import { as, licensingFixture, today } from '../licensing/licensing.test-support.js';
import { buildTestApp, type TestApp } from '../privacy/test-support.js';
import { jobOrdersApi } from './job-orders.api.js';
import { JobOrdersRepository } from './job-orders.repository.js';
import type { JobOrderInput } from './job-orders.schemas.js';
import { JobOrdersService } from './job-orders.service.js';
import { MinimumWagesRepository } from './minimum-wages.repository.js';
import { MinimumWagesService } from './minimum-wages.service.js';

export { as, today };

const VACANCY_TABLES = [
  'vacancy',
  'vacancy_skill',
  'vacancy_language',
  'vacancy_translation',
  'vacancy_event',
] as const;

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function jobOrdersFixture() {
  const base = await licensingFixture();
  const { db, audit } = base;
  const reference = new ReferenceService(new ReferenceRepository(db));
  const minimumWagesRepository = new MinimumWagesRepository(db);
  let now: Date | null = null;
  const jobOrders = new JobOrdersService({
    repository: new JobOrdersRepository(db),
    minimumWages: minimumWagesRepository,
    reference,
    audit,
    clock: () => now ?? new Date(),
  });
  const minimumWages = new MinimumWagesService(minimumWagesRepository, reference, audit);

  const nurse = await db
    .selectFrom('esco_occupation')
    .select(['id', 'isco_code'])
    .where('preferred_label_en', '=', 'nurse responsible for general care')
    .executeTakeFirstOrThrow();
  const nurseSkills = await db
    .selectFrom('occupation_skill')
    .select(['skill_id', 'relation'])
    .where('occupation_id', '=', nurse.id)
    .orderBy('skill_id')
    .limit(3)
    .execute();

  const licence = await base.granted('Nairobi Care Recruiters');
  const agencyId = licence.organisationId;
  const agencyStaff: Principal = {
    ...base.officer,
    userId: null,
    sessionId: null,
    grants: [
      { role: 'agency_staff', organisationId: agencyId, countryCode: 'KE', administrator: false },
    ],
  };
  await base.vetting.act(as(base.officer), base.employerId, 'submit', null);
  await base.vetting.act(as(base.officer), base.employerId, 'vet', null);

  await minimumWages.set(as(base.officer), {
    destinationCountry: 'AE',
    amount: '1500',
    currency: 'AED',
    period: 'month',
  });
  await minimumWages.set(as(base.officer), {
    destinationCountry: 'AE',
    iscoCode: '2221',
    amount: '6000',
    currency: 'AED',
    period: 'month',
  });

  /** A nurse job order in Dubai that passes every check. */
  const nurseOrder = (overrides: Partial<JobOrderInput> = {}): JobOrderInput => ({
    employerId: base.employerId,
    destinationCountry: 'AE',
    destinationSubdivision: 'AE-DU',
    occupation: nurse.id,
    language: 'en',
    title: 'Staff nurse, general ward',
    description: 'Care for adult patients on a 30-bed general ward in Dubai.',
    translations: [],
    skills: nurseSkills.map((row) => ({
      skillId: row.skill_id,
      essential: row.relation === 'essential',
    })),
    minEducation: '6',
    languages: [{ language: 'en', level: 'B2' }],
    experienceMonths: 24,
    positions: 3,
    contractMonths: 24,
    wage: { amount: '7500.00', currency: 'AED', period: 'month' },
    hoursPerWeek: 48,
    benefits: { housing: true, food: false, transport: true, insurance: true },
    applicationDeadline: daysFromNow(30),
    ...overrides,
  });

  /** How many rows a job order leaves behind, table by table (audit: vacancy.* only). */
  const vacancyRows = async () => {
    const count = async (table: (typeof VACANCY_TABLES)[number]) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows: Record<string, number> = {};
    for (const table of VACANCY_TABLES) rows[table] = await count(table);
    const audited = await db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', 'like', 'vacancy.%')
      .executeTakeFirstOrThrow();
    rows['audit_event'] = Number(audited.n);
    return rows;
  };

  const api: TestApp = await buildTestApp({
    api: async (scope) => jobOrdersApi(scope, { jobOrders, minimumWages }),
  });

  return {
    ...base,
    reference,
    jobOrders,
    minimumWages,
    nurse,
    agencyId,
    agencyStaff,
    licenceId: licence.id,
    nurseOrder,
    vacancyRows,
    api,
    setNow: (date: Date | null) => {
      now = date;
    },
    close: async () => {
      await api.app.close();
      await base.close();
    },
  };
}

export type JobOrdersFixture = Awaited<ReturnType<typeof jobOrdersFixture>>;
