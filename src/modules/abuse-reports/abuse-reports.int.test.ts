import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/people.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/**
 * Reports of abuse through the real app: filed on the page without JavaScript and through the
 * API, followed by reference, handled by the officers of the responsible authority (triage,
 * assign, escalate, close), with the trafficking flag's emails, scope, throttling, audit rows,
 * and the follow page that never shows internal notes.
 */
let h: Harness;
let kenyanOfficer: TestUser;
let kenyanColleague: TestUser;
let emiratiOfficer: TestUser;
let nepaliOfficer: TestUser;
let agency: { id: string; name: string };
let address = 0;

/** A new client address for each filing, so that the flood limit does not get in the way. */
function anonymous() {
  address += 1;
  return h.anonymous({ remoteAddress: `10.0.${Math.floor(address / 250)}.${address % 250}` });
}

const REPORT = {
  organisationId: 'none',
  subjectName: 'Fast Visa Jobs',
  subjectKind: 'recruiter',
  subjectCountry: 'KE',
  categories: 'illegal_fees',
  occurredCountry: 'KE',
  occurredPlace: 'Nairobi',
  occurredWhen: 'March 2026',
  description: 'They took KES 80,000 from each of us.',
  replyLanguage: 'en',
};

async function fileOnPage(form: Record<string, string | string[]>) {
  const client = anonymous();
  await client.get('/report');
  const response = await client.post('/report', form);
  const reference = /R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(response.body)?.[0] ?? null;
  return { response, reference, client };
}

beforeAll(async () => {
  h = await createHarness();
  const { people } = h.factories;
  const kenya = await people.organisation({ kind: 'origin_authority', countryCode: 'KE' });
  kenyanOfficer = await people.user({
    role: 'origin_officer',
    organisationId: kenya.id,
    preferredLanguage: 'sw',
  });
  kenyanColleague = await people.user({ role: 'origin_officer', organisationId: kenya.id });
  emiratiOfficer = await people.user({ role: 'destination_officer', countryCode: 'AE' });
  nepaliOfficer = await people.user({ role: 'origin_officer', countryCode: 'NP' });
  const org = await people.organisation({
    kind: 'recruitment_agency',
    countryCode: 'KE',
    name: 'Kilimanjaro Manpower Services',
  });
  agency = { id: org.id, name: org.name };
}, 120_000);

afterAll(async () => h?.close());

describe('filing a report without JavaScript', () => {
  it('finds the agency by name, files, and shows the reference once (not in the URL)', async () => {
    const client = anonymous();
    const search = await client.get('/report?q=kilimanjaro');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Kilimanjaro Manpower Services');
    expect(search.body).toContain(`value="${agency.id}"`);
    const response = await client.post('/report', {
      ...REPORT,
      organisationId: agency.id,
      subjectName: '',
      subjectKind: '',
      subjectCountry: '',
      q: 'kilimanjaro',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const reference = /R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(response.body)?.[0];
    expect(reference).toBeDefined();
    const row = await h.db
      .selectFrom('abuse_report')
      .selectAll()
      .where('reference', '=', reference!.replace(/-/g, '').replace(/^R/, 'R-'))
      .executeTakeFirstOrThrow();
    expect(row.organisation_id).toBe(agency.id);
    expect(row.subject_name).toBe('Kilimanjaro Manpower Services');
    expect(row.subject_country_code).toBe('KE');
    expect(row.state).toBe('received');
    expect(row.urgent).toBe(false);
  });

  it('keeps the text exactly as typed, in any script, and shows it escaped', async () => {
    const text = '<script>alert(1)</script>\r\n  ہمیں تنخواہ نہیں ملی  \n😀 "quoted" & more';
    const { reference } = await fileOnPage({ ...REPORT, description: text, replyLanguage: 'ur' });
    const row = await h.db
      .selectFrom('abuse_report')
      .select(['description', 'reply_language'])
      .where('reference', '=', reference!.replace(/-/g, '').replace(/^R/, 'R-'))
      .executeTakeFirstOrThrow();
    // Forms send line breaks as CR LF (HTML's rule); everything else is as typed.
    expect(row.description).toBe(text);
    expect(row.reply_language).toBe('ur');
    const officer = await h.signIn(kenyanOfficer);
    const page = await officer.get(`/abuse-reports/${reference}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('ہمیں تنخواہ نہیں ملی');
    // Names, not codes, in the officer's language.
    expect(page.body).toContain('Kenya');
    expect(page.body).toContain('Urdu');
    const arabic = await officer.get(`/abuse-reports/${reference}?lang=ar`);
    expect(arabic.body).toContain('كينيا');
    expect(arabic.body).toContain('الأوردية');
    await officer.get(`/abuse-reports/${reference}?lang=en`); // the language choice is remembered
  });

  it('names every problem, translated, and keeps what was typed', async () => {
    const client = anonymous();
    await client.get('/report');
    const empty = await client.post('/report', { organisationId: 'none', replyLanguage: 'en' });
    expect(empty.statusCode).toBe(400);
    for (const message of [
      'Enter the name of the agency or employer',
      'Select whether it is a recruitment agency or an employer',
      'Select what happened',
      'Choose the country where it happened',
      'Say what happened',
    ])
      expect(empty.body).toContain(message);
    const long = await client.post('/report', {
      ...REPORT,
      description: 'x'.repeat(10_001),
      contactEmail: 'not-an-email',
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('What happened must be 10,000 characters or fewer');
    expect(long.body).toContain('Enter an email address like name@example.com');
    expect(long.body).toContain('Fast Visa Jobs');
    const french = h.anonymous({ lang: 'fr', remoteAddress: '10.9.9.9' });
    await french.get('/report');
    const refused = await french.post('/report', { ...REPORT, occurredCountry: 'XX' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choisissez le pays où cela s&#39;est passé');
  });

  it('throttles floods from one address: five an hour, then a growing wait (429)', async () => {
    const client = h.anonymous({ remoteAddress: '10.99.0.1' });
    await client.get('/report');
    for (let i = 0; i < 5; i += 1) {
      expect((await client.post('/report', REPORT)).statusCode).toBe(200);
    }
    const sixth = await client.post('/report', REPORT);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBe('300');
    expect(sixth.body).toContain('Too many tries from your connection. Wait 5 minutes');
    // Another address is not held up; the API shares the page's count.
    expect(
      (
        await anonymous().json('POST', '/api/v1/abuse-reports', {
          ...REPORT,
          categories: ['illegal_fees'],
          organisationId: undefined,
        })
      ).statusCode,
    ).toBe(201);
    const api = await client.json('POST', '/api/v1/abuse-reports', {
      ...REPORT,
      categories: ['illegal_fees'],
      organisationId: undefined,
    });
    expect(api.statusCode).toBe(429);
    const keys = await h.db.selectFrom('abuse_report_throttle').select(['key_hash']).execute();
    expect(keys.every((row) => !row.key_hash.includes('10.99'))).toBe(true);
  });
});

describe('signs of trafficking', () => {
  it('mark the report urgent and email the responsible offices at once, each in its language', async () => {
    const before = (await h.emailsTo(kenyanOfficer.email)).length;
    const { reference, response } = await fileOnPage({
      ...REPORT,
      categories: ['unpaid_wages'],
      indicators: ['documents_held', 'locked_in'],
      occurredCountry: 'AE',
    });
    expect(response.body).toContain('The responsible office has been alerted now');
    const kenyan = await h.emailsTo(kenyanOfficer.email);
    expect(kenyan.length).toBe(before + 1);
    expect(kenyan[0]!.subject).toContain('Dharura');
    expect(kenyan[0]!.subject).toContain(reference!);
    expect(kenyan[0]!.bodyText).toContain('Mtu anashikilia pasipoti au hati zake');
    expect(kenyan[0]!.bodyText).not.toContain('KES 80,000');
    const emirati = await h.emailsTo(emiratiOfficer.email);
    expect(emirati[0]!.subject).toContain('Urgent');
    expect(await h.emailsTo(nepaliOfficer.email)).toEqual([]);
    const officer = await h.signIn(kenyanOfficer);
    const queue = await officer.get('/abuse-reports');
    const first = /href="\/abuse-reports\/(R-[0-9A-Z]{12})"/.exec(queue.body)?.[1];
    expect(first?.replace(/^R-/, '')).toBe(reference!.replace(/^R-/, '').replace(/-/g, ''));
    expect(queue.body).toContain('govuk-tag--red');
    const event = await h.db
      .selectFrom('domain_event')
      .select(['type', 'payload'])
      .where('type', '=', 'abuse_report.received')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ urgent: true, occurredCountryCode: 'AE' });
  });
});

describe('handling a report', () => {
  it('file → triage → assign → note and reply → close, audited, with who did what', async () => {
    const { reference } = await fileOnPage({
      ...REPORT,
      contactName: 'Amina',
      contactEmail: 'amina@example.org',
    });
    const officer = await h.signIn(kenyanOfficer);
    const url = `/abuse-reports/${reference}`;
    await officer.get(url);
    const early = await officer.post(`${url}/events`, {
      event: 'assign',
      assigneeUserId: kenyanColleague.id,
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Triage the report before you assign it');
    expect(
      (
        await officer.post(`${url}/events`, {
          event: 'triage',
          category: 'illegal_fees',
          severity: 'high',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await officer.post(`${url}/events`, { event: 'assign', assigneeUserId: kenyanColleague.id }))
        .statusCode,
    ).toBe(303);
    // An officer of another office is not among those it can be assigned to.
    await officer.get(url);
    const outsider = await officer.post(`${url}/events`, {
      event: 'assign',
      assigneeUserId: emiratiOfficer.id,
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.body).toContain('Choose an officer of your office');
    await officer.post(`${url}/messages`, {
      kind: 'note',
      body: 'Internal: the owner is a cousin of the chief.',
    });
    await officer.post(`${url}/messages`, {
      kind: 'reply',
      body: 'Thank you, we are looking into it.',
    });
    const reply = await h.emailsTo('amina@example.org');
    expect(reply[0]!.subject).toContain('A reply about your report');
    await officer.get(url);
    const noOutcome = await officer.post(`${url}/events`, { event: 'close' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.body).toContain('Select an outcome');
    expect(
      (
        await officer.post(`${url}/events`, {
          event: 'close',
          outcome: 'action_taken',
          reason: 'Licence suspended.',
        })
      ).statusCode,
    ).toBe(303);

    const page = await officer.get(url);
    expect(page.body).toContain(kenyanOfficer.fullName);
    expect(page.body).toContain('Internal: the owner is a cousin of the chief.');
    expect(page.body).toContain('Licence suspended.');
    const events = await h.db
      .selectFrom('abuse_report_event')
      .innerJoin('abuse_report', 'abuse_report.id', 'abuse_report_event.abuse_report_id')
      .select(['event', 'to_state', 'actor_user_id'])
      .where('abuse_report.reference', '=', reference!.replace(/-/g, '').replace(/^R/, 'R-'))
      .orderBy('abuse_report_event.id')
      .execute();
    expect(events.map((row) => `${row.event}:${row.to_state}`)).toEqual([
      'receive:received',
      'triage:triaged',
      'assign:assigned',
      'close:closed',
    ]);
    expect(events[0]!.actor_user_id).toBeNull();
    const audit = await h.db
      .selectFrom('audit_event')
      .select(['action', 'actor_user_id', 'ip_address'])
      .where('subject_type', '=', 'abuse_report')
      .orderBy('id')
      .execute();
    const actions = audit.map((row) => row.action);
    for (const action of [
      'abuse_report.received',
      'abuse_report.triaged',
      'abuse_report.assigned',
      'abuse_report.note_added',
      'abuse_report.replied',
      'abuse_report.closed',
      'abuse_report.viewed',
    ])
      expect(actions).toContain(action);
    // The reporter is never in the audit trail: no account, no address.
    for (const row of audit.filter((r) => r.action === 'abuse_report.received')) {
      expect(row.actor_user_id).toBeNull();
      expect(row.ip_address).toBeNull();
    }

    // The follow page: state, outcome and the public reply; never the internal note.
    const reader = anonymous();
    await reader.get('/report/follow');
    const follow = await reader.post('/report/follow', { reference: reference!.toLowerCase() });
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain('Thank you, we are looking into it.');
    expect(follow.body).toContain('Closed – action taken');
    expect(follow.body).not.toContain('cousin of the chief');
    expect(follow.body).not.toContain('Amina');
    expect(follow.body).not.toContain('KES 80,000');
    const api = await reader.json('GET', `/api/v1/abuse-reports/${reference}`);
    expect(api.statusCode).toBe(200);
    expect(JSON.stringify(api.json())).not.toContain('cousin');
    expect(api.json()).toMatchObject({ state: 'closed', outcome: 'action_taken' });
  });

  it('shows the contact details only on their own page, each view audited', async () => {
    const { reference } = await fileOnPage({ ...REPORT, contactPhone: '+254 700 111 222' });
    const officer = await h.signIn(kenyanOfficer);
    const detail = await officer.get(`/abuse-reports/${reference}`);
    expect(detail.body).not.toContain('700 111 222');
    const count = async () =>
      (
        await h.db
          .selectFrom('audit_event')
          .select('id')
          .where('action', '=', 'abuse_report.contact_viewed')
          .execute()
      ).length;
    const before = await count();
    const contact = await officer.get(`/abuse-reports/${reference}/contact`);
    expect(contact.statusCode).toBe(200);
    expect(contact.body).toContain('+254 700 111 222');
    expect(await count()).toBe(before + 1);
  });

  it('escalates to another authority, whose officers then reach the report', async () => {
    const { reference } = await fileOnPage(REPORT);
    const emirati = await h.signIn(emiratiOfficer);
    expect((await emirati.get(`/abuse-reports/${reference}`)).statusCode).toBe(404);
    const officer = await h.signIn(kenyanOfficer);
    const url = `/abuse-reports/${reference}`;
    await officer.get(url);
    await officer.post(`${url}/events`, {
      event: 'triage',
      category: 'illegal_fees',
      severity: 'medium',
    });
    await officer.get(url);
    const noReason = await officer.post(`${url}/events`, {
      event: 'escalate',
      escalateToOrganisationId: emiratiOfficer.organisationId!,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason-escalate"');
    expect(
      (
        await officer.post(`${url}/events`, {
          event: 'escalate',
          escalateToOrganisationId: emiratiOfficer.organisationId!,
          reason: 'The employer is in the UAE.',
        })
      ).statusCode,
    ).toBe(303);
    const page = await emirati.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The employer is in the UAE.');
  });
});

describe('scope', () => {
  it('officers elsewhere, other roles and the anonymous get “not found” or nothing', async () => {
    const { reference } = await fileOnPage(REPORT);
    const nepali = await h.signIn(nepaliOfficer);
    expect((await nepali.get(`/abuse-reports/${reference}`)).statusCode).toBe(404);
    expect((await nepali.get(`/abuse-reports/${reference}/contact`)).statusCode).toBe(404);
    expect((await nepali.get('/abuse-reports')).body).not.toContain(reference!.slice(2, 6));
    const seeker = await h.signIn(await h.factories.people.user());
    expect((await seeker.get(`/abuse-reports/${reference}`)).statusCode).toBe(403);
    expect((await anonymous().get('/abuse-reports')).statusCode).toBeGreaterThanOrEqual(300);
    const key = await h.apiClient({
      organisationId: nepaliOfficer.organisationId!,
      permissions: ['abuse_report.triage'],
    });
    expect(
      (
        await key.client.json('POST', `/api/v1/abuse-reports/${reference}/events`, {
          event: 'triage',
          category: 'other',
          severity: 'low',
        })
      ).statusCode,
    ).toBe(404);
    const kenyanKey = await h.apiClient({
      organisationId: kenyanOfficer.organisationId!,
      permissions: ['abuse_report.triage'],
    });
    const triaged = await kenyanKey.client.json(
      'POST',
      `/api/v1/abuse-reports/${reference}/events`,
      { event: 'triage', category: 'other', severity: 'low' },
    );
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json()).toMatchObject({ state: 'triaged', severity: 'low' });
  });
});

describe('following a report', () => {
  it('counts references not found per address and makes a guesser wait', async () => {
    const guesser = h.anonymous({ remoteAddress: '10.77.0.1' });
    for (let i = 0; i < 20; i += 1) {
      const miss = await guesser.json(
        'GET',
        `/api/v1/abuse-reports/R-${String(i).padStart(12, '0')}`,
      );
      expect(miss.statusCode).toBe(404);
    }
    const held = await guesser.json('GET', '/api/v1/abuse-reports/R-000000000099');
    expect(held.statusCode).toBe(429);
    await guesser.get('/report/follow');
    const page = await guesser.post('/report/follow', { reference: 'R-0000-0000-0098' });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('Too many tries from your connection');
  });
});
