import { afterAll, beforeAll, expect, it } from 'vitest';
import { permissionsForKind } from '../../src/modules/organisations/api-keys.service.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { IdPool, operationsOf, requestsFor } from './api.js';
import { DESTRUCTIVE, formRequests, formsOf, linksOf, shapeOf, type Form } from './forms.js';
import { Random } from './random.js';
import { Runner, type Identity } from './runner.js';

/**
 * The fuzzer (`npm run fuzz`): hostile values into every parameter and body field of every
 * operation of the OpenAPI document, anonymously, with API keys holding every permission their
 * organisation may give and with signed-in sessions; then into every form found by crawling
 * the pages as several roles. Fails on any 5xx, any request that throws, and any request that
 * takes longer than the timeout (a hang). Deterministic: FUZZ_SEED picks the values.
 *
 * FUZZ_SEED (default 11), FUZZ_VALUES (hostile values per field and caller, default 6),
 * FUZZ_TIMEOUT_MS (per request, default 15000), FUZZ_PAGES (pages crawled per role, default 40).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 11);
const VALUES = Number(process.env.FUZZ_VALUES ?? 6);
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? 15_000);
const PAGES = Number(process.env.FUZZ_PAGES ?? 40);

const PAGE_ROLES = [
  'jobseeker@demo.corridor.example',
  'agency@demo.corridor.example',
  'employer@demo.corridor.example',
  'origin.officer@demo.corridor.example',
  'admin@demo.corridor.example',
  'auditor@demo.corridor.example',
];
const KEY_ORGANISATIONS = [
  'origin.officer@demo.corridor.example',
  'destination.officer@demo.corridor.example',
  'embassy.officer@demo.corridor.example',
  'agency@demo.corridor.example',
  'employer@demo.corridor.example',
];
const API_SESSIONS = [
  'agency@demo.corridor.example',
  'origin.officer@demo.corridor.example',
  'auditor@demo.corridor.example',
];

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ demo: true });
});
afterAll(async () => h?.close());

const CSRF_FIELD = /name="_csrf" value="([^"]+)"/;

async function sessionOf(email: string): Promise<Identity> {
  const client = await h.signInDemo(email);
  return { name: email.split('@')[0]!, client, csrf: client.csrf };
}

async function keyOf(email: string): Promise<Identity> {
  const user = await h.demoUser(email);
  const organisation = await h.db
    .selectFrom('organisation')
    .select(['id', 'kind'])
    .where('id', '=', user.organisationId!)
    .executeTakeFirstOrThrow();
  const { client } = await h.apiClient({
    organisationId: organisation.id,
    permissions: permissionsForKind(organisation.kind),
    name: 'Fuzzer',
  });
  return { name: `key of ${organisation.kind}`, client, csrf: null };
}

/** The pages a role reaches from the home page, and their forms (a few pages of each shape). */
async function crawl(runner: Runner, identity: Identity, start: string[]): Promise<Form[]> {
  const queue = [...start];
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const forms: Form[] = [];
  while (queue.length > 0 && seen.size < PAGES) {
    const path = queue.shift()!;
    const shape = shapeOf(path);
    if (seen.has(path) || (shapes.get(shape) ?? 0) >= 2 || /sign-out/.test(path)) continue;
    seen.add(path);
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    const response = await runner.send(identity, {
      method: 'GET',
      url: path,
      label: `GET ${shape} crawl`,
    });
    if (!response || response.statusCode !== 200) continue;
    if (!String(response.headers['content-type']).startsWith('text/html')) continue;
    const token = CSRF_FIELD.exec(response.body)?.[1];
    if (token && !identity.csrf) identity.csrf = token;
    forms.push(...formsOf(response.body, path));
    queue.push(...linksOf(response.body).filter((link) => !seen.has(link)));
  }
  return forms;
}

it('answers hostile input to every API operation and every form without a 5xx or a hang', async () => {
  const started = Date.now();
  const random = new Random(SEED);
  const runner = new Runner(h.app, { timeoutMs: TIMEOUT_MS, logs: () => h.logs.lines });
  const anonymous: Identity = { name: 'anonymous', client: h.anonymous(), csrf: null };

  // ---- The API, from its OpenAPI document ----
  const operations = operationsOf(h.app.swagger());
  const keys = await Promise.all(KEY_ORGANISATIONS.map(keyOf));
  const sessions: Identity[] = [];
  for (const email of API_SESSIONS) sessions.push(await sessionOf(email));
  const ids = new IdPool();
  for (const operation of operations.filter(
    (op) => op.method === 'GET' && !op.path.includes('{'),
  )) {
    for (const identity of [anonymous, ...keys]) {
      const response = await runner.send(identity, {
        method: 'GET',
        url: operation.path,
        label: `GET ${operation.path} harvest`,
      });
      if (response?.statusCode === 200) ids.collect(operation.path, response.json());
    }
  }
  let apiRequests = 0;
  for (const operation of operations) {
    const callers = operation.open
      ? [anonymous, ...keys.slice(0, 2)]
      : [...keys, ...sessions, anonymous];
    for (const identity of callers) {
      const [baseline, ...requests] = requestsFor(operation, {
        random,
        ids,
        valuesPerField: VALUES,
      });
      const answer = await runner.send(identity, baseline!);
      // A caller refused (401, 403) is refused whatever it sends, or stopped by the schema
      // first: a few hostile requests check that, and the rest go to callers who get through.
      const refused = answer !== null && [401, 403].includes(answer.statusCode);
      const chosen = refused ? random.sample(requests, 5) : requests;
      for (const request of chosen) await runner.send(identity, request);
      apiRequests += chosen.length + 1;
    }
  }
  const apiDone = Date.now();

  // ---- The pages: every form found by crawling as several roles ----
  const pageIdentities: Identity[] = [
    { name: 'anonymous pages', client: h.anonymous(), csrf: null },
  ];
  for (const email of PAGE_ROLES) pageIdentities.push(await sessionOf(email));
  const tried = new Set<string>();
  let formCount = 0;
  let pageRequests = 0;
  for (const identity of pageIdentities) {
    const start =
      identity.name === 'anonymous pages' ? ['/', '/sign-in', '/register'] : ['/', '/account'];
    const forms = (await crawl(runner, identity, start)).filter((form) => {
      const key = `${identity.name} ${form.method} ${shapeOf(form.action)} ${[...form.fields.keys()].sort().join(',')}`;
      if (tried.has(key)) return false;
      tried.add(key);
      return true;
    });
    forms.sort((a, b) => Number(DESTRUCTIVE.test(a.action)) - Number(DESTRUCTIVE.test(b.action)));
    for (const form of forms) {
      formCount += 1;
      const requests = formRequests(form, identity.csrf, { random, valuesPerField: VALUES });
      for (const request of requests) await runner.send(identity, request);
      pageRequests += requests.length;
    }
  }

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    [
      `fuzz: seed ${SEED}, ${VALUES} values per field and caller, timeout ${TIMEOUT_MS} ms`,
      `API: ${operations.length} operations, ${keys.length} keys, ${sessions.length} sessions and anonymous, ${apiRequests} requests in ${seconds(apiDone - started)}`,
      `pages: ${pageIdentities.length} roles, ${formCount} forms, ${pageRequests} form requests in ${seconds(Date.now() - apiDone)}`,
      runner.summary(),
      ...runner.failures
        .slice(0, 40)
        .map(
          (failure) =>
            `  ${failure.status} ${failure.identity}: ${failure.label} (${failure.method} ${failure.url.slice(0, 120)})${failure.error ? `\n      ${failure.error.slice(0, 400)}` : ''}`,
        ),
    ].join('\n'),
  );
  expect(runner.failures).toEqual([]);
});
