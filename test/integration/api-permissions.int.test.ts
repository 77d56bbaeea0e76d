import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsForKind } from '../../src/modules/organisations/api-keys.service.js';
import {
  ORGANISATION_KINDS,
  PERMISSIONS,
  type OrganisationKind,
  type Permission,
} from '../../src/platform/authz/catalogue.js';
import type { TestClient } from '../helpers/client.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/**
 * Every operation of the OpenAPI document, called with an API key holding each single
 * permission of the catalogue (one key per permission and kind of organisation that may hold
 * it). The document is the list: a new operation is called here without anyone adding it, and
 * its declared permission (`x-permission`, read from the route's guard) is held to its word:
 *
 * - a key without the declared permission gets 403 (a key is a known caller: 401 is for no
 *   caller or a bad key; "not found" is for records outside a scope, not for permissions);
 * - a key with it gets anything but 401 or 403 (200, 201, 204; 400 for a refused transition;
 *   404 for a record outside its scope);
 * - an operation for people only (`security` names the session alone) refuses every key, 403;
 * - a permission that depends on a field of the body (`x-permission-by-field`) is checked
 *   value by value;
 * - a public operation answers every key, never 401 or 403;
 * - no answer is a 5xx.
 *
 * The calls carry valid bodies and real ids of records the key's organisation may reach
 * (SAMPLES below), so that a check made deep in a handler or service answers too. An operation
 * with a path or a body this file has no sample for fails the test until one is added.
 */

const NO_SAMPLE = 'no sample';

interface Operation {
  method: string;
  path: string;
  security: Record<string, unknown>[];
  permission: Permission | null;
  byField: { field: string; permissions: Record<string, Permission> } | null;
}

interface Key {
  kind: OrganisationKind;
  organisationId: string;
  permission: Permission;
  client: TestClient;
}

interface Fixtures {
  agencyId: string;
  employerId: string;
  licenceId: string;
  draftOrderId: string;
  submittedOrderId: string;
  vacancyNumber: string;
  minimumWageId: string;
  occupationId: string;
  reportReference: string;
  jobOrderBody: Record<string, unknown>;
}

/** A path's parameters, for a key (its own organisation where the path names one). */
const PATHS: Record<string, (f: Fixtures, key: Key | null) => string> = {
  '/api/v1/organisations/{id}': (_f, key) => key?.organisationId ?? _f.agencyId,
  '/api/v1/licences/{id}': (f) => f.licenceId,
  '/api/v1/licences/{id}/events': (f) => f.licenceId,
  '/api/v1/employers/{id}/vetting/events': (f) => f.employerId,
  '/api/v1/job-orders/{id}': (f) => f.draftOrderId,
  '/api/v1/job-orders/{id}/events': (f) => f.draftOrderId,
  '/api/v1/job-orders/{id}/decisions': (f) => f.submittedOrderId,
  '/api/v1/minimum-wages/{id}': (f) => f.minimumWageId,
  '/api/v1/recruiters/{id}': (f) => f.agencyId,
  // A guide's country and topic: one sample fills both ({country} and {topic}), so a 404.
  '/api/v1/guides/{country}/{topic}': () => 'AE',
  '/api/v1/vacancies/{number}': (f) => f.vacancyNumber,
  '/api/v1/reference/occupations/{id}': (f) => f.occupationId,
  '/api/v1/reference/occupations/{id}/skills': (f) => f.occupationId,
  '/api/v1/reference/countries/{code}': () => 'KE',
  '/api/v1/reference/countries/{code}/subdivisions': () => 'KE',
  '/api/v1/reference/isco/{code}': () => '2221',
  // An id that names no entry (404): the guard and the scope checks still run.
  '/api/v1/directory/{id}': () => '00000000-0000-0000-0000-000000000000',
  // No scheme in this database: a well-formed address or id that names none (404).
  '/api/v1/eligibility/schemes/{id}/assess': () => 'ae-skilled-worker-demo',
  '/api/v1/eligibility/schemes/{id}': () => '00000000-0000-0000-0000-000000000000',
  '/api/v1/eligibility/schemes/{id}/events': () => '00000000-0000-0000-0000-000000000000',
  '/api/v1/abuse-reports/{reference}': (f) => f.reportReference,
  '/api/v1/abuse-reports/{reference}/events': (f) => f.reportReference,
  '/api/v1/abuse-reports/{reference}/messages': (f) => f.reportReference,
  // Both parameters get the same value: AE → AE is no corridor (404), which still passes the checks.
  '/api/v1/remittances/{from}/{to}': () => 'AE',
  // No application or profile of that id: 404 once the permission checks have passed.
  '/api/v1/applications/{id}': () => '00000000-0000-4000-8000-000000000000',
  '/api/v1/applications/{id}/events': () => '00000000-0000-4000-8000-000000000000',
  '/api/v1/job-seekers/{userId}': () => '00000000-0000-4000-8000-000000000000',
  // Matching: a published vacancy of another organisation (404 once the checks have passed).
  '/api/v1/vacancies/{number}/candidates': (f) => f.vacancyNumber,
  '/api/v1/vacancies/{number}/comparison': (f) => f.vacancyNumber,
  // Both parameters get the number: not a person's id (400), after the permission check.
  '/api/v1/vacancies/{number}/candidates/{userId}/invitations': (f) => f.vacancyNumber,
  // A statistics table (empty in this database: every table answers).
  '/api/v1/statistics/tables/{table}': () => 'demand',
  '/api/v1/statistics/restricted/tables/{table}': () => 'demand',
};

/**
 * The body of each operation that takes one: valid, and naming the key's own organisation
 * where it names one. A refused transition (400) still passes every permission check first.
 */
const BODIES: Record<string, (f: Fixtures, key: Key | null) => Record<string, unknown>> = {
  'POST /api/v1/vacancies/{number}/candidates/{userId}/invitations': () => ({}),
  'POST /api/v1/licences': (f, key) => ({ organisationId: key?.organisationId ?? f.agencyId }),
  'POST /api/v1/licences/{id}/events': () => ({ event: 'grant' }),
  'POST /api/v1/employers/{id}/vetting/events': () => ({ event: 'submit' }),
  'POST /api/v1/job-orders': (f) => ({ ...f.jobOrderBody, submit: false }),
  'PUT /api/v1/job-orders/{id}': (f) => ({ ...f.jobOrderBody, submit: false }),
  'POST /api/v1/job-orders/{id}/events': () => ({
    event: 'submit',
    reason: 'Checked by the permission test',
  }),
  'POST /api/v1/job-orders/{id}/decisions': () => ({ event: 'approve' }),
  'PUT /api/v1/minimum-wages': () => ({
    destinationCountry: 'AE',
    iscoCode: '5120',
    amount: '1600',
    currency: 'AED',
    period: 'month',
  }),
  'POST /api/v1/remittances/imports': () => ({
    csv: 'provider,provider_kind,from_country,to_country,send_currency,amount_min,amount_max,fee_fixed,fee_percent,fx_margin_percent,speed,pay_in,pay_out,observed_on\nPermission Test Remit,bank,AE,KE,AED,0,,10,0,1,minutes,cash,cash,2026-01-05\n',
    mode: 'all',
  }),
  'POST /api/v1/abuse-reports': () => ({
    subjectName: 'Permission Test Recruiter',
    subjectKind: 'recruiter',
    subjectCountry: 'KE',
    categories: ['other'],
    occurredCountry: 'KE',
    description: 'Checked by the permission test',
    replyLanguage: 'en',
  }),
  'POST /api/v1/abuse-reports/{reference}/events': () => ({
    event: 'triage',
    category: 'other',
    severity: 'low',
  }),
  'POST /api/v1/abuse-reports/{reference}/messages': () => ({
    kind: 'note',
    body: 'Checked by the permission test',
  }),
  'POST /api/v1/eligibility/schemes/{id}/assess': () => ({
    age: 30,
    educationLevel: 6,
    experienceYears: 5,
  }),
  'POST /api/v1/eligibility/schemes': () => ({
    slug: 'permission-test-scheme',
    definition: ELIGIBILITY_SAMPLE,
  }),
  'PUT /api/v1/eligibility/schemes/{id}': () => ({ definition: ELIGIBILITY_SAMPLE }),
  'POST /api/v1/eligibility/schemes/{id}/events': () => ({ event: 'publish' }),
  'POST /api/v1/directory': () => DIRECTORY_SAMPLE,
  'PUT /api/v1/directory/{id}': () => DIRECTORY_SAMPLE,
  'POST /api/v1/applications/{id}/events': () => ({ event: 'shortlist' }),
  'POST /api/v1/person-lookups': () => ({
    documentType: 'passport',
    documentNumber: 'AK0000001',
    issuingCountry: 'KE',
    purpose: 'Checking a worker at the permission test desk',
  }),
};

const ELIGIBILITY_SAMPLE = {
  name: { en: 'Permission test scheme' },
  description: { en: 'Made by the permission test.' },
  threshold: 0,
  criteria: { jobOffer: { mode: 'required', points: 0 } },
};

/** A directory entry in Kenya: the Kenyan authority's key adds it, others are refused (400). */
const DIRECTORY_SAMPLE = {
  kind: 'hotline',
  name: 'Permission test hotline',
  countryCode: 'KE',
  phones: ['+254 20 000 0099'],
  serves: ['everyone'],
  lastCheckedOn: '2026-01-05',
};

let h: Harness;
let fixtures: Fixtures;
let operations: Operation[];
let keys: Key[];

beforeAll(async () => {
  h = await createHarness();
  const { factories, services } = h;
  const parties = await factories.jobOrders.parties();
  const authority = await factories.licensing.authority('KE');
  const officerCtx = await factories.people.contextOf(parties.officer);
  const nurse = await factories.jobOrders.nurse();
  const draft = await factories.jobOrders.jobOrder({ state: 'draft' });
  const submitted = await factories.jobOrders.jobOrder({ state: 'submitted' });
  const published = await factories.jobOrders.jobOrder({ state: 'published' });
  const licence = await h.db
    .selectFrom('licence')
    .select('id')
    .where('organisation_id', '=', parties.agency.organisation.id)
    .executeTakeFirstOrThrow();
  const wage = await services.minimumWages.set(officerCtx, {
    destinationCountry: 'AE',
    iscoCode: '9111',
    amount: '1500',
    currency: 'AED',
    period: 'month',
  });
  fixtures = {
    agencyId: parties.agency.organisation.id,
    employerId: parties.employer.organisation.id,
    licenceId: licence.id,
    draftOrderId: draft.id,
    submittedOrderId: submitted.id,
    vacancyNumber: String(published.number),
    minimumWageId: wage.id,
    occupationId: nurse.id,
    // A report about Kenya, which the Kenyan authority's keys reach.
    reportReference: (
      await services.abuseReports.filing.receive(
        await services.abuseReports.filing.prepare({
          subjectName: 'Permission Test Recruiter',
          subjectKind: 'recruiter',
          subjectCountry: 'KE',
          categories: ['other'],
          indicators: [],
          occurredCountry: 'KE',
          description: 'Filed for the permission test',
          replyLanguage: 'en',
        }),
        { requestId: null },
      )
    ).reference,
    jobOrderBody: { ...(await factories.jobOrders.input(parties.employer.organisation.id)) },
  };

  // One organisation of each kind: the default agency, employer and Kenyan authority (whose
  // records the fixtures are), and a new one of every other kind.
  const organisationOf: Partial<Record<OrganisationKind, string>> = {
    recruitment_agency: parties.agency.organisation.id,
    employer: parties.employer.organisation.id,
    origin_authority: authority.organisation.id,
  };
  keys = [];
  for (const kind of ORGANISATION_KINDS) {
    const allowed = permissionsForKind(kind);
    if (allowed.length === 0) continue;
    organisationOf[kind] ??= (await factories.people.organisation({ kind })).id;
    const organisationId = organisationOf[kind];
    for (const permission of allowed) {
      const { client } = await h.apiClient({
        organisationId,
        permissions: [permission],
        name: `${kind} ${permission}`,
      });
      keys.push({ kind, organisationId, permission, client });
    }
  }

  const document = (await h.anonymous().get('/api/openapi.json')).json<OpenApiDocument>();
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      security: operation.security ?? [],
      permission: operation['x-permission'] ?? null,
      byField: operation['x-permission-by-field'] ?? null,
    })),
  );
}, 120_000);

afterAll(async () => h?.close());

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: Record<string, unknown>[];
        'x-permission'?: Permission;
        'x-permission-by-field'?: { field: string; permissions: Record<string, Permission> };
      }
    >
  >;
}

/** What a key holding `held` should get: 403, or anything but 401 and 403 ('allowed'). */
function expected(operation: Operation, held: Permission, needed: Permission | null) {
  if (operation.security.length === 0) return 'allowed';
  const keysAllowed = operation.security.some((scheme) => 'apiKey' in scheme);
  if (!keysAllowed) return 403;
  if (needed === null) return 'allowed';
  return held === needed ? 'allowed' : 403;
}

/**
 * The calls to make: one, or one per value of the field the permission depends on (merged
 * over the operation's sample body).
 */
function variants(
  operation: Operation,
): { body: Record<string, unknown>; needed: Permission | null }[] {
  if (operation.byField) {
    const { field, permissions } = operation.byField;
    return Object.entries(permissions).map(([value, needed]) => ({
      body: { [field]: value },
      needed,
    }));
  }
  return [{ body: {}, needed: operation.permission }];
}

async function call(operation: Operation, key: Key, body: Record<string, unknown>) {
  const fill = PATHS[operation.path];
  const url = operation.path.includes('{')
    ? operation.path.replace(/\{[^}]+\}/g, fill ? fill(fixtures, key) : NO_SAMPLE)
    : operation.path;
  const sample = BODIES[`${operation.method} ${operation.path}`];
  const method = operation.method as 'GET' | 'POST' | 'PUT' | 'DELETE';
  if (method === 'GET' || method === 'DELETE') return key.client.json(method, url);
  return key.client.json(method, url, { ...(sample?.(fixtures, key) ?? {}), ...body });
}

describe('every API operation × every single permission an API key can hold', () => {
  it('has a sample for every path with parameters and every operation with a body', () => {
    const missing = operations.flatMap((operation) => [
      ...(operation.path.includes('{') && !PATHS[operation.path] ? [`path ${operation.path}`] : []),
      ...(['POST', 'PUT', 'PATCH'].includes(operation.method) &&
      !BODIES[`${operation.method} ${operation.path}`]
        ? [`body ${operation.method} ${operation.path}`]
        : []),
    ]);
    expect(missing).toEqual([]);
  });

  it('answers each key as the operation declares: 403 without its permission, never 401/403 with it', async () => {
    const started = Date.now();
    const wrong: string[] = [];
    let calls = 0;
    const covered = new Set<string>();
    // Reads before writes, so that a write's side effects (a draft submitted, a wage removed)
    // change no read's answer; the answers that matter here do not depend on them anyway.
    const ordered = [...operations].sort(
      (a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'),
    );
    for (const operation of ordered) {
      for (const { body, needed } of variants(operation)) {
        for (const key of keys) {
          const response = await call(operation, key, body);
          calls += 1;
          covered.add(`${operation.method} ${operation.path} ${key.permission}`);
          const want = expected(operation, key.permission, needed);
          const got = response.statusCode;
          const ok = got < 500 && (want === 'allowed' ? got !== 401 && got !== 403 : got === want);
          if (!ok) {
            const field = operation.byField
              ? ` ${operation.byField.field}=${String(body[operation.byField.field])}`
              : '';
            wrong.push(
              `${operation.method} ${operation.path}${field} with a ${key.kind} key holding ${key.permission}: ${got}, expected ${want}`,
            );
          }
        }
      }
    }
    console.info(
      `API permission test: ${operations.length} operations × ${new Set(keys.map((k) => k.permission)).size} permissions (${keys.length} keys, ${covered.size} operation × permission pairs), ${calls} calls in ${Date.now() - started} ms`,
    );
    expect(wrong).toEqual([]);
  }, 600_000);

  it('gives no key a permission kept for people, whatever the organisation', async () => {
    const admin = await h.factories.people.organisation({ kind: 'origin_authority' });
    const keyable = new Set(ORGANISATION_KINDS.flatMap((kind) => permissionsForKind(kind)));
    const never = PERMISSIONS.filter((permission) => !keyable.has(permission));
    expect(never).toEqual(
      expect.arrayContaining(['audit.read', 'audit.verify', 'consent.read', 'api_key.create']),
    );
    for (const permission of never) {
      await expect(
        h.factories.people.apiKey({ organisationId: admin.id, permissions: [permission] }),
      ).rejects.toThrow();
    }
  });
});
