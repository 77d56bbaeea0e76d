import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import type { Db } from '../../database.js';
import { SYSTEM_ACTOR, type AuditEventInput } from '../../platform/audit/audit.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { ForbiddenError } from '../../platform/http/problem.js';
import type { ProblemDetails } from '../../platform/http/problem.js';
import { AUDIT_PAGE_SIZE, type AuditTrailService } from './audit-trail.service.js';

/** The audit trail for auditors: the service, and the pages and API through the real app. */
let h: Harness;
let db: Db;
let audit: AuditLog;
let auditTrail: AuditTrailService;
/** The auditor, signed in (password, TOTP) before the events below are recorded. */
let web: TestClient;
let auditorUser: TestUser;
let auditor: ActorContext;
let authorityId: string;
/** The actor of the events the filters single out: an id only, as after an erasure. */
const officerId = randomUUID();
const vacancyId = randomUUID();

/** The auditor is Nepal's: the events below are of Nepal unless they say otherwise. */
async function record(event: Partial<AuditEventInput> = {}) {
  await audit.record(db, {
    action: 'vacancy.published',
    actor: { ...SYSTEM_ACTOR, countryCode: 'NP' },
    subjectType: 'vacancy',
    subjectIds: [randomUUID()],
    ...event,
  });
}

let anchorDirectory: string;

beforeAll(async () => {
  anchorDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-audit-trail-'));
  h = await createHarness({
    env: { AUDIT_ANCHOR_FILE: path.join(anchorDirectory, 'audit-anchors.jsonl') },
  });
  db = h.db;
  ({ audit, auditTrail } = h.services);
  authorityId = (
    await h.factories.people.organisation({
      kind: 'origin_authority',
      name: 'Department of Foreign Employment',
      countryCode: 'NP',
    })
  ).id;
  auditorUser = await h.factories.people.user({ role: 'auditor', organisationId: authorityId });
  auditor = await h.factories.people.contextOf(auditorUser);
  web = await h.signIn(auditorUser);

  // 60 routine events, then three that the filters single out.
  for (let index = 0; index < 60; index += 1) await record();
  await record({
    action: 'vacancy.approved',
    actor: {
      userId: officerId,
      role: 'origin_officer',
      organisationId: authorityId,
      apiKeyId: null,
      countryCode: 'NP',
    },
    subjectIds: [vacancyId],
    purpose: 'Routine approval',
    requestId: 'req-approve-1',
  });
  await record({
    action: 'person.viewed',
    subjectType: 'person',
    subjectIds: [officerId],
    dataSubjectUserId: officerId,
  });
  await record({ action: 'vacancy.closed', subjectIds: [vacancyId] });
});

afterAll(async () => {
  await h?.close();
  await fs.rm(anchorDirectory, { recursive: true, force: true });
});

describe('AuditTrailService', () => {
  it('pages newest first without gaps or repeats', async () => {
    const ctx = auditor;
    const seen: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await auditTrail.list(ctx, beforeId === undefined ? {} : { beforeId }, 25);
      seen.push(...page.events.map((event) => event.id));
      if (page.nextBeforeId === null) break;
      beforeId = page.nextBeforeId;
    }
    expect(seen.length).toBeGreaterThanOrEqual(63);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by action, actor, subject and day', async () => {
    const ctx = auditor;
    const bySubject = await auditTrail.list(ctx, { subjectId: vacancyId });
    expect(bySubject.events.map((event) => event.action)).toEqual([
      'vacancy.closed',
      'vacancy.approved',
    ]);
    const byActor = await auditTrail.list(ctx, { actorUserId: officerId });
    expect(byActor.events).toHaveLength(1);
    expect(byActor.events[0]).toMatchObject({
      organisationName: 'Department of Foreign Employment',
      purpose: 'Routine approval',
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await auditTrail.list(ctx, { action: 'person.viewed', from: today, to: today })).events,
    ).toHaveLength(1);
    expect(
      (await auditTrail.list(ctx, { action: 'person.viewed', to: '2000-01-01' })).events,
    ).toHaveLength(0);
  });

  it('refuses anyone without an "all" audit scope', async () => {
    const officer = await h.factories.people.contextOf(
      await h.factories.people.user({ role: 'origin_officer', organisationId: authorityId }),
    );
    await expect(auditTrail.list(officer, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(auditTrail.verify(officer)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('auditor pages', () => {
  it('shows the newest events with an "Older events" link that keeps the filter', async () => {
    const response = await web.get('/audit');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('vacancy.closed');
    expect(response.body).toContain('Older events');
    expect(response.body).toContain(`name="_csrf" value="${web.csrf}"`);
    const match = /href="\/audit\?beforeId=(\d+)"/.exec(response.body);
    expect(match).not.toBeNull();

    const filtered = await web.get('/audit?action=vacancy.published&subjectType=vacancy');
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toMatch(
      /href="\/audit\?action=vacancy.published&amp;subjectType=vacancy&amp;beforeId=\d+"/,
    );
    const rows = filtered.body.match(/<tr class="govuk-table__row">/g) ?? [];
    expect(rows.length).toBe(AUDIT_PAGE_SIZE + 1); // the header row and one page
  });

  it('shows the actor’s role, organisation, purpose and request id', async () => {
    const response = await web.get(`/audit?actorUserId=${officerId}`);
    expect(response.body).toContain('Origin authority officer');
    expect(response.body).toContain('Department of Foreign Employment');
    expect(response.body).toContain('Routine approval');
    expect(response.body).toContain('req-approve-1');
  });

  it('answers bad filter values with field errors, never a 500', async () => {
    const response = await web.get(
      '/audit?action=DROP%20TABLE&actorUserId=42&from=2026-02-30&to=yesterday&beforeId=-1',
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    for (const field of ['action', 'actorUserId', 'from', 'to', 'beforeId'])
      expect(response.body).toContain(`href="#${field}"`);
    expect(response.body).toContain('Enter a real date in the form YYYY-MM-DD');
    // What was typed is shown again, escaped.
    expect(response.body).toContain('value="DROP TABLE"');

    const reversed = await web.get('/audit?from=2026-11-27&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('The end date must be the same as or after the start date');

    const repeated = await web.get('/audit?action=a.b&action=c.d');
    expect(repeated.statusCode).toBe(400);
  });

  it('verifies the chain and records that it did', async () => {
    const response = await web.post('/audit/verify');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Audit chain intact');
    expect(response.body).toMatch(/\d+ events checked/);
    const [event] = await audit.list({ action: 'audit.verified', limit: 1 });
    expect(event).toMatchObject({
      actor: { userId: auditorUser.id, role: 'auditor' },
      after: { intact: true },
    });
  });

  it('refuses people who are not auditors', async () => {
    const officer = await h.signIn(
      await h.factories.people.user({ role: 'origin_officer', organisationId: authorityId }),
    );
    expect((await officer.get('/audit')).statusCode).toBe(403);
    expect((await officer.post('/audit/verify')).statusCode).toBe(403);
    expect((await officer.json('GET', '/api/v1/audit/events')).statusCode).toBe(403);
  });

  it('refuses a chain check posted without the session’s CSRF token', async () => {
    const before = await audit.list({ action: 'audit.verified', limit: 10 });
    const forged = await web.post('/audit/verify', { _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(await audit.list({ action: 'audit.verified', limit: 10 })).toEqual(before);
  });
});

describe('anchors', () => {
  it('anchors the chain from the button, audits it, lists it and gives the file', async () => {
    const empty = await web.get('/audit/anchors');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('There are no anchors yet.');
    expect(empty.body).toContain('BEGIN PUBLIC KEY');

    const anchored = await web.post('/audit/anchors');
    expect(anchored.statusCode).toBe(200);
    const [head] = await audit.list({ limit: 1 });
    expect(head?.action).toBe('audit.anchored');
    expect(head).toMatchObject({
      actor: { userId: auditorUser.id, role: 'auditor', permission: 'audit.verify' },
    });
    const anchoredId = Number(head?.subjectIds[0]);
    expect(anchored.body).toContain(`The audit trail is anchored at event #${anchoredId}.`);

    const download = await web.get('/audit/anchors.jsonl');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="corridor-audit-anchors-/,
    );
    const lines = download.body.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ v: 1, lastId: anchoredId });

    const verified = await web.post('/audit/verify');
    expect(verified.body).toContain('The chain matches the 1 anchor kept outside the database.');
  });

  it('refuses the anchors to people who are not auditors, and a post without the CSRF token', async () => {
    const officer = await h.signIn(
      await h.factories.people.user({ role: 'origin_officer', organisationId: authorityId }),
    );
    expect((await officer.get('/audit/anchors')).statusCode).toBe(403);
    expect((await officer.get('/audit/anchors.jsonl')).statusCode).toBe(403);
    expect((await officer.post('/audit/anchors')).statusCode).toBe(403);
    expect((await web.post('/audit/anchors', { _csrf: 'forged' })).statusCode).toBe(403);
  });
});

describe('audit API', () => {
  it('lists events with the same filters and a cursor', async () => {
    const response = await web.get(`/api/v1/audit/events?subjectId=${vacancyId}&limit=1`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      items: { action: string; actor: { organisationName: string | null } }[];
      nextBeforeId: number | null;
    }>();
    expect(body.items.map((item) => item.action)).toEqual(['vacancy.closed']);
    expect(body.nextBeforeId).not.toBeNull();
    const next = await web.get(
      `/api/v1/audit/events?subjectId=${vacancyId}&limit=1&beforeId=${body.nextBeforeId}`,
    );
    expect(next.json<typeof body>().items).toMatchObject([
      {
        action: 'vacancy.approved',
        actor: { organisationName: 'Department of Foreign Employment' },
      },
    ]);
  });

  it('answers bad filters with 400 problem details naming each field', async () => {
    const response = await web.get('/api/v1/audit/events?from=2026-13-01&limit=5000&actorUserId=x');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<ProblemDetails>();
    const pointers = (problem.errors ?? []).map((error) => error.pointer).sort();
    expect(pointers).toEqual([
      'querystring:/actorUserId',
      'querystring:/from',
      'querystring:/limit',
    ]);
    expect(problem.errors?.find((error) => error.pointer.endsWith('/from'))?.detail).toBe(
      'Enter a real date in the form YYYY-MM-DD',
    );
  });

  it('is described in the OpenAPI document', async () => {
    const document = h.app.swagger() as {
      paths: Record<string, { get?: { tags?: string[]; parameters?: { name: string }[] } }>;
    };
    const operation = document.paths['/api/v1/audit/events']?.get;
    expect(operation?.tags).toEqual(['Audit']);
    expect(operation?.parameters?.map((parameter) => parameter.name).sort()).toEqual([
      'action',
      'actorUserId',
      'beforeId',
      'from',
      'limit',
      'subjectId',
      'subjectType',
      'to',
    ]);
  });
});

describe('auditors see the events of their own country', () => {
  let kenyaAuthority: string;
  let emiratesAuthority: string;
  const kenyanSubject = randomUUID();
  const emiratiSubject = randomUUID();

  beforeAll(async () => {
    kenyaAuthority = (
      await h.factories.people.organisation({ kind: 'origin_authority', countryCode: 'KE' })
    ).id;
    emiratesAuthority = (
      await h.factories.people.organisation({ kind: 'destination_authority', countryCode: 'AE' })
    ).id;
    const actor = (organisationId: string, countryCode: string) => ({
      userId: randomUUID(),
      role: 'origin_officer',
      organisationId,
      apiKeyId: null,
      permission: 'person.read',
      scope: 'jurisdiction',
      countryCode,
    });
    await record({
      action: 'person.viewed',
      actor: actor(kenyaAuthority, 'KE'),
      subjectIds: [kenyanSubject],
    });
    await record({
      action: 'person.viewed',
      actor: actor(emiratesAuthority, 'AE'),
      subjectIds: [emiratiSubject],
      ipAddress: '203.0.113.9',
      purpose: 'Emirati case',
    });
  });

  it('a Kenyan auditor reads Kenyan events and no Emirati one, on the page and in the API', async () => {
    const kenyan = await h.signIn(
      await h.factories.people.user({ role: 'auditor', organisationId: kenyaAuthority }),
    );
    const page = await kenyan.get('/audit?action=person.viewed');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(kenyanSubject);
    expect(page.body).not.toContain(emiratiSubject);
    expect(page.body).not.toContain('Emirati case');
    expect(page.body).toContain('You see the events of your authority’s country');
    expect((await kenyan.get(`/audit?subjectId=${emiratiSubject}`)).body).toContain(
      'No events match the filter.',
    );

    const api = await kenyan.get('/api/v1/audit/events?action=person.viewed');
    const items = api.json<{ items: { subjectIds: string[]; actor: { countryCode?: string } }[] }>()
      .items;
    expect(items.map((item) => item.subjectIds[0])).toContain(kenyanSubject);
    expect(items.map((item) => item.subjectIds[0])).not.toContain(emiratiSubject);
    expect(
      (await kenyan.get(`/api/v1/audit/events?subjectId=${emiratiSubject}`)).json<{
        items: unknown[];
      }>().items,
    ).toEqual([]);
  });

  it('the Emirati auditor reads the Emirati events, and the Nepali one neither', async () => {
    const emirati = await h.signIn(
      await h.factories.people.user({ role: 'auditor', organisationId: emiratesAuthority }),
    );
    const body = (await emirati.get('/audit?action=person.viewed')).body;
    expect(body).toContain(emiratiSubject);
    expect(body).not.toContain(kenyanSubject);
    const nepali = (await web.get('/audit?action=person.viewed')).body;
    expect(nepali).not.toContain(emiratiSubject);
    expect(nepali).not.toContain(kenyanSubject);
  });
});

describe('the audit row names the grant that allowed the action', () => {
  it('records the grant of the permission the route checked, not the first role', async () => {
    const authority = (
      await h.factories.people.organisation({ kind: 'origin_authority', countryCode: 'NP' })
    ).id;
    // An analyst first, an officer second: only the officer's grant sets minimum wages.
    const user = await h.factories.people.user({ role: 'analyst', organisationId: authority });
    await h.services.roles.assign(h.db, {
      userId: user.id,
      role: 'origin_officer',
      organisationId: authority,
    });
    const client = await h.signIn(user);
    const set = await client.json('PUT', '/api/v1/minimum-wages', {
      destinationCountry: 'QA',
      amount: '1800',
      currency: 'QAR',
      period: 'month',
    });
    expect(set.statusCode).toBe(200);
    const [event] = await audit.list({
      action: 'minimum_wage.set',
      actorUserId: user.id,
      limit: 1,
    });
    expect(event?.actor).toEqual({
      userId: user.id,
      role: 'origin_officer',
      organisationId: authority,
      apiKeyId: null,
      permission: 'minimum_wage.manage',
      scope: 'jurisdiction',
      countryCode: 'NP',
    });
  });

  it('records the auditor grant, not the first role, with its permission, scope and country', async () => {
    const authority = (
      await h.factories.people.organisation({ kind: 'origin_authority', countryCode: 'KE' })
    ).id;
    // First an analyst, then also an auditor: the first role is not the one that verifies.
    const user = await h.factories.people.user({ role: 'analyst', organisationId: authority });
    await h.services.roles.assign(h.db, {
      userId: user.id,
      role: 'auditor',
      organisationId: authority,
    });
    const client = await h.signIn(user);
    expect((await client.post('/audit/verify')).statusCode).toBe(200);
    const [event] = await audit.list({ action: 'audit.verified', actorUserId: user.id, limit: 1 });
    expect(event?.actor).toEqual({
      userId: user.id,
      role: 'auditor',
      organisationId: authority,
      apiKeyId: null,
      permission: 'audit.verify',
      scope: 'all',
      countryCode: 'KE',
    });
  });
});
