/**
 * Shared set-up for the licensing integration tests: a fresh database, the services, a Kenyan
 * origin authority and its officer, an officer of another country, an embassy officer, a
 * foreign employer and its staff, and a test app with every licensing route. Used only by
 * *.int.test.ts files.
 */
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import type { Db } from '../../database.js';
import { AuditLog } from '../../platform/audit/audit.js';
import type { OrganisationKind } from '../../platform/authz/catalogue.js';
import { systemContext } from '../../platform/authz/context.js';
import type { Principal } from '../../platform/authz/principal.js';
import { ValidationError } from '../../platform/http/problem.js';
import { buildTestApp, createUser, principalOf, type TestApp } from '../privacy/test-support.js';
import { licensingApi } from './licensing.api.js';
import { LicensingRepository } from './licensing.repository.js';
import { licensingRoutes } from './licensing.routes.js';
import { LicensingService } from './licensing.service.js';
import { recruitersApi } from './recruiters.api.js';
import { RecruitersRepository } from './recruiters.repository.js';
import { recruitersRoutes } from './recruiters.routes.js';
import { VettingRepository } from './vetting.repository.js';
import { vettingRoutes } from './vetting.routes.js';
import { VettingService } from './vetting.service.js';

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

export function licensingServices(db: Db, audit: AuditLog) {
  return {
    licensing: new LicensingService({
      repository: new LicensingRepository(db),
      recruiters: new RecruitersRepository(db),
      audit,
    }),
    vetting: new VettingService(new VettingRepository(db), audit),
  };
}

export async function licensingFixture() {
  const database: TestDatabase = await createTestDatabase();
  const db = database.kysely;
  const audit = new AuditLog(db);
  const { licensing, vetting } = licensingServices(db, audit);

  const organisation = async (kind: OrganisationKind, name: string, countryCode: string) =>
    (
      await db
        .insertInto('organisation')
        .values({ kind, name, country_code: countryCode, address: `1 ${name} street` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const authorityId = await organisation('origin_authority', 'Kenya Labour Authority', 'KE');
  const officer = principalOf(await createUser(db), 'origin_officer', {
    organisationId: authorityId,
    countryCode: 'KE',
  });
  const foreignOfficer = principalOf(await createUser(db), 'origin_officer', {
    organisationId: await organisation('origin_authority', 'Nepal Authority', 'NP'),
    countryCode: 'NP',
  });
  const embassyOfficer = principalOf(await createUser(db), 'embassy_officer', {
    organisationId: await organisation('embassy', 'Embassy of Kenya', 'AE'),
    countryCode: 'AE',
  });
  const employerId = await organisation('employer', 'Gulf Care Hospitals', 'AE');
  const employerStaff = principalOf(await createUser(db), 'employer_staff', {
    organisationId: employerId,
    countryCode: 'AE',
  });
  const web: TestApp = await buildTestApp({
    api: async (scope) => {
      await recruitersApi(scope, { licensing });
      await licensingApi(scope, { licensing, vetting });
    },
    pages: async (scope) => {
      await recruitersRoutes(scope, { licensing });
      await licensingRoutes(scope, { licensing });
      await vettingRoutes(scope, { vetting });
    },
  });

  /** A Kenyan recruitment agency and one of its staff. */
  const agency = async (name: string) => {
    const id = await organisation('recruitment_agency', name, 'KE');
    const staff = principalOf(await createUser(db), 'agency_staff', {
      organisationId: id,
      countryCode: 'KE',
    });
    return { id, staff };
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
    authorityId,
    officer,
    foreignOfficer,
    embassyOfficer,
    employerId,
    employerStaff,
    agency,
    granted,
    close: async () => {
      await web.app.close();
      await database.close();
    },
  };
}

export type LicensingFixture = Awaited<ReturnType<typeof licensingFixture>>;
