import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Permission, type Role } from '../../src/platform/authz/catalogue.js';
import { grantedScope } from '../../src/platform/authz/principal.js';
import {
  declaredRoutes,
  type DeclaredRoute,
  type GuardRequirement,
} from '../../src/platform/http/authentication.js';
import { STATIC_PREFIX } from '../../src/platform/views/assets.js';
import type { TestUser } from '../factories/index.js';
import type { TestClient } from '../helpers/client.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/**
 * Every page of the app, as every role of the catalogue (and an organisation's administrator,
 * and nobody). The list is Fastify's own routes (`declaredRoutes`: every route registered, with
 * the guard it declares), so a new page is checked without anyone adding it here. The expected
 * answer is derived from the declared permission and the role's grants in the catalogue:
 *
 * - GET: a role that holds the permission (with one of the declared scopes, if any) gets
 *   anything but 401/403 and no 5xx; one that does not gets 403; nobody signed in is sent to
 *   the sign-in page (303); a public page answers everyone;
 * - POST: a role without the permission gets 403 (forms of roles with it are left to the
 *   modules' tests: posting them here would sign out, erase, retry…).
 *
 * Path parameters are real ids the role may reach where there is one (its own organisation,
 * itself as a member), else records of the Kenya → UAE corridor (PARAMETERS below); a page with
 * a parameter this file does not know fails the test until it is added.
 */

interface Subject {
  name: string;
  role: Role | null;
  administrator: boolean;
  user: TestUser | null;
  client: TestClient;
}

interface Fixtures {
  organisationId: string;
  memberId: string;
  agencyId: string;
  employerId: string;
  licenceId: string;
  jobOrderId: string;
  vacancyNumber: string;
}

const PARAMETERS: Record<string, (f: Fixtures, subject: Subject) => string> = {
  // The subject's own organisation and itself, so that a page it may see is in its scope.
  id: (f, subject) => subject.user?.organisationId ?? f.organisationId,
  userId: (f, subject) => (subject.user?.organisationId ? subject.user.id : f.memberId),
  keyId: () => '00000000-0000-4000-8000-000000000000',
  invitationId: () => '00000000-0000-4000-8000-000000000000',
  token: () => 'not-a-real-token-000000000000000000000000000',
  number: (f) => f.vacancyNumber,
  // A destination with published guides (none in this test's database: the pages answer 404).
  country: () => 'AE',
  topic: () => 'housing',
  // A corridor the World Bank's averages (loaded by every seed) cover.
  from: () => 'AE',
  to: () => 'PH',
  // An eligibility scheme's address and a reference code (none in this database: 404).
  slug: () => 'ae-skilled-worker-demo',
  code: () => '0000000000',
  // An abuse report's reference (none in this database: 404 to those who may triage).
  reference: () => 'R-0000-0000-0000',
  // A statistics table (every table answers, empty in this database).
  table: () => 'demand',
};

/** Paths whose `:id` is not an organisation. */
const ID_OF_PATH: [RegExp, (f: Fixtures) => string][] = [
  [/^\/licences\/:id/, (f) => f.licenceId],
  [/^\/employers\/:id/, (f) => f.employerId],
  [/^\/job-orders\/:id/, (f) => f.jobOrderId],
  [/^\/recruiters\/:id/, (f) => f.agencyId],
  [/^\/editing\/guides\/:id/, () => '00000000-0000-4000-8000-000000000000'],
  [/^\/account\/consents\/:id/, () => '00000000-0000-4000-8000-000000000000'],
  [/^\/account\/identity-documents\/:id/, () => '00000000-0000-4000-8000-000000000000'],
  [/^\/minimum-wages\/:id/, () => '00000000-0000-4000-8000-000000000000'],
  [/^\/system\/jobs\/:id/, () => '00000000-0000-4000-8000-000000000000'],
  [/^\/eligibility\/schemes\/:id/, () => '00000000-0000-4000-8000-000000000000'],
  [/^\/profile\/documents\/:id/, () => '00000000-0000-4000-8000-000000000000'],
];

let h: Harness;
let fixtures: Fixtures;
let subjects: Subject[];
let pages: DeclaredRoute[];

beforeAll(async () => {
  h = await createHarness();
  const { factories } = h;
  const organisation = await factories.people.organisation({ kind: 'recruitment_agency' });
  const member = await factories.people.user({
    role: 'agency_staff',
    organisationId: organisation.id,
  });
  const { licence, agency } = await factories.licensing.licence();
  const employer = await factories.people.organisation({ kind: 'employer' });
  const published = await factories.jobOrders.jobOrder({ state: 'published' });
  fixtures = {
    organisationId: organisation.id,
    memberId: member.id,
    agencyId: agency.organisation.id,
    employerId: employer.id,
    licenceId: licence.id,
    jobOrderId: published.id,
    vacancyNumber: String(published.number),
  };

  subjects = [
    { name: 'nobody', role: null, administrator: false, user: null, client: h.anonymous() },
  ];
  const kinds: { role: Role; administrator: boolean }[] = [
    ...ROLES.map((role) => ({ role, administrator: false })),
    { role: 'employer_staff', administrator: true },
  ];
  for (const { role, administrator } of kinds) {
    const user = await factories.people.user({ role, administrator });
    subjects.push({
      name: administrator ? `${role} (administrator)` : role,
      role,
      administrator,
      user,
      client: await h.signIn(user),
    });
  }

  pages = declaredRoutes(h.app).filter(
    (route) =>
      (route.method === 'GET' || route.method === 'POST') &&
      !route.url.startsWith('/api/') &&
      !route.url.startsWith(STATIC_PREFIX) &&
      !['/healthz', '/readyz'].includes(route.url),
  );
}, 300_000);

afterAll(async () => h?.close());

/**
 * Whether the subject's role (and administrator grants) holds what the guard asks: its
 * permission (with one of its scopes, if it names them), any of its `anyOf`, or any of the
 * permissions of its `byField`.
 */
function holds(subject: Subject, requirement: GuardRequirement): boolean {
  if (!subject.role) return false;
  const needed: readonly Permission[] = requirement.permission
    ? [requirement.permission]
    : (requirement.anyOf ?? Object.values(requirement.byField?.permissions ?? {}));
  if (needed.length === 0) return true;
  const grant = {
    role: subject.role,
    organisationId: null,
    countryCode: null,
    administrator: subject.administrator,
  };
  return needed.some((permission) => {
    const scope = grantedScope(grant, permission);
    return scope !== undefined && (!requirement.scopes || requirement.scopes.includes(scope));
  });
}

function urlOf(route: DeclaredRoute, subject: Subject): string {
  return route.url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    if (name === 'id') {
      const special = ID_OF_PATH.find(([pattern]) => pattern.test(route.url));
      if (special) return special[1](fixtures);
    }
    const fill = PARAMETERS[name];
    if (!fill) throw new Error(`page-permissions: no value for :${name} in ${route.url}`);
    return fill(fixtures, subject);
  });
}

describe('every page × every role', () => {
  it('knows a value for every path parameter of every page', () => {
    const unknown = pages.flatMap((route) =>
      [...route.url.matchAll(/:([A-Za-z]+)/g)]
        .map((match) => match[1] ?? '')
        .filter((name) => !PARAMETERS[name])
        .map((name) => `${route.url} :${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('answers each GET as the permission the page declares allows', async () => {
    const started = Date.now();
    const wrong: string[] = [];
    let calls = 0;
    for (const route of pages.filter((page) => page.method === 'GET')) {
      for (const subject of subjects) {
        const response = await subject.client.get(urlOf(route, subject));
        calls += 1;
        const got = response.statusCode;
        const requirement = route.requirement;
        let want: string;
        let ok: boolean;
        if (!requirement) {
          want = 'public: not 401/403';
          ok = got !== 401 && got !== 403;
        } else if (!subject.role) {
          want = '303 to /sign-in';
          ok = got === 303 && String(response.headers.location).startsWith('/sign-in');
        } else if (holds(subject, requirement)) {
          want = 'allowed: not 401/403';
          ok = got !== 401 && got !== 403;
        } else {
          want = '403';
          ok = got === 403;
        }
        if (!ok || got >= 500) {
          wrong.push(`GET ${route.url} as ${subject.name}: ${got}, expected ${want}`);
        }
      }
    }
    console.info(
      `Page permission test: ${pages.filter((p) => p.method === 'GET').length} pages × ${subjects.length} subjects, ${calls} calls in ${Date.now() - started} ms`,
    );
    expect(wrong).toEqual([]);
  }, 600_000);

  it('refuses each POST form with 403 to a role without its permission', async () => {
    const started = Date.now();
    const wrong: string[] = [];
    let calls = 0;
    for (const route of pages.filter((page) => page.method === 'POST' && page.requirement)) {
      for (const subject of subjects) {
        if (!subject.role || holds(subject, route.requirement!)) continue;
        const response = await subject.client.post(urlOf(route, subject), {});
        calls += 1;
        if (response.statusCode !== 403) {
          wrong.push(`POST ${route.url} as ${subject.name}: ${response.statusCode}, expected 403`);
        }
      }
    }
    console.info(`Page permission test: ${calls} refused form posts in ${Date.now() - started} ms`);
    expect(wrong).toEqual([]);
  }, 600_000);
});
