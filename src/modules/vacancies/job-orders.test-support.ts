/**
 * Shared set-up for the job-order integration tests, on the licensing fixture (the harness:
 * the real app and services; a Kenyan origin authority and officer, a UAE employer), plus a
 * licensed Kenyan agency and one of its staff, the employer vetted, and minimum wages for
 * KE → AE. The service tests act as real users' principals; the API tests call with real API
 * keys (`f.web.apiClient`) or a signed-in officer (`f.web.signIn(f.users.officer)`).
 * Used only by *.int.test.ts files.
 */
import type { TestUser } from '../../../test/factories/index.js';
import { daysFromNow } from '../../../test/factories/index.js';
import { nurseJobOrder } from '../../../test/factories/job-orders.js';
import type { Principal } from '../../platform/authz/principal.js';
import { as, licensingFixture, nextYear, today } from '../licensing/licensing.test-support.js';
import type { JobOrderInput } from './job-orders.schemas.js';

export { as, daysFromNow, today };

const VACANCY_TABLES = [
  'vacancy',
  'vacancy_skill',
  'vacancy_language',
  'vacancy_translation',
  'vacancy_event',
] as const;

export async function jobOrdersFixture() {
  const base = await licensingFixture();
  const { db, web } = base;
  const { reference, jobOrders, minimumWages } = web.services;
  const nurse = await web.factories.jobOrders.nurse();

  // A licensed agency, with the staff member who files its job orders.
  const agency = await base.agency('Nairobi Care Recruiters');
  const applied = await base.licensing.apply(as(agency.staff), agency.id);
  const licence = await base.licensing.decide(as(base.officer), applied.id, {
    event: 'grant',
    validFrom: today,
    validTo: nextYear,
  });
  const agencyId = agency.id;
  const agencyStaff: Principal = agency.staff;
  const users: typeof base.users & { agencyStaff: TestUser } = {
    ...base.users,
    agencyStaff: agency.user,
  };
  // Vetted by Kenya's embassy in the employer's country (the UAE).
  await base.vetting.act(as(base.embassyOfficer), base.employerId, 'submit', null);
  await base.vetting.act(as(base.embassyOfficer), base.employerId, 'vet', null);

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
  const nurseOrder = (overrides: Partial<JobOrderInput> = {}): JobOrderInput =>
    nurseJobOrder(nurse, base.employerId, overrides);

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

  return {
    ...base,
    users,
    reference,
    jobOrders,
    minimumWages,
    nurse: { id: nurse.id, isco_code: nurse.iscoCode },
    agencyId,
    agencyStaff,
    licenceId: licence.id,
    nurseOrder,
    vacancyRows,
  };
}

export type JobOrdersFixture = Awaited<ReturnType<typeof jobOrdersFixture>>;
