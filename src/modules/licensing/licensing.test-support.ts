/**
 * Shared set-up for the licensing integration tests, on the test harness (the real app and
 * services on a fresh database): a Kenyan origin authority and its officer, an officer of
 * another country, an embassy officer, a foreign employer and its staff, all real accounts
 * made through the factories. The service tests act as their principals; the page tests sign
 * them in (`f.web.signIn(f.users.officer)`). Used only by *.int.test.ts files.
 */
import type { TestUser } from '../../../test/factories/index.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { systemContext } from '../../platform/authz/context.js';
import type { Principal } from '../../platform/authz/principal.js';
import { ValidationError } from '../../platform/http/problem.js';

export const year = new Date().getUTCFullYear();
export const nextYear = `${year + 1}-12-31`;
export const today = new Date().toISOString().slice(0, 10);

export const as = (principal: Principal) => systemContext(principal);

/** The locale keys of a service's refusal. */
export async function refusal(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((field) => field.detail);
    throw error;
  }
  throw new Error('expected a refusal');
}

export async function licensingFixture() {
  const web: Harness = await createHarness();
  const { people } = web.factories;
  const { licensing, vetting, audit } = web.services;
  const db = web.db;

  const organisation = (
    kind: 'origin_authority' | 'embassy' | 'employer' | 'recruitment_agency',
    name: string,
    countryCode: string,
  ) => people.organisation({ kind, name, countryCode, address: `1 ${name} street` });
  const staffOf = (role: TestUser['role'], organisationId: string) =>
    people.user({ role, organisationId });

  const authorityId = (await organisation('origin_authority', 'Kenya Labour Authority', 'KE')).id;
  const employerId = (await organisation('employer', 'Gulf Care Hospitals', 'AE')).id;
  const users = {
    officer: await staffOf('origin_officer', authorityId),
    foreignOfficer: await staffOf(
      'origin_officer',
      (await organisation('origin_authority', 'Nepal Authority', 'NP')).id,
    ),
    embassyOfficer: await staffOf(
      'embassy_officer',
      (await organisation('embassy', 'Embassy of Kenya', 'AE')).id,
    ),
    employerStaff: await staffOf('employer_staff', employerId),
  };
  const officer = await people.principalOf(users.officer);
  const foreignOfficer = await people.principalOf(users.foreignOfficer);
  const embassyOfficer = await people.principalOf(users.embassyOfficer);
  const employerStaff = await people.principalOf(users.employerStaff);

  /** A Kenyan recruitment agency and one of its staff (principal, and account to sign in). */
  const agency = async (name: string) => {
    const id = (await organisation('recruitment_agency', name, 'KE')).id;
    const user = await staffOf('agency_staff', id);
    return { id, staff: await people.principalOf(user), user };
  };

  /** An agency that applied and was granted a licence until the end of next year. */
  const granted = async (name: string) => {
    const { id, staff } = await agency(name);
    const licence = await licensing.apply(as(staff), id);
    return licensing.decide(as(officer), licence.id, {
      event: 'grant',
      validFrom: today,
      validTo: nextYear,
    });
  };

  return {
    db,
    audit,
    licensing,
    vetting,
    web,
    users,
    authorityId,
    officer,
    foreignOfficer,
    embassyOfficer,
    employerId,
    employerStaff,
    agency,
    granted,
    close: () => web.close(),
  };
}

export type LicensingFixture = Awaited<ReturnType<typeof licensingFixture>>;
