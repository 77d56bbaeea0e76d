import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/**
 * The job-order pages through the real app (sessions, TOTP, CSRF, the pages' form parser) on
 * the demo data: the demo agency (active licence) posts job orders for the vetted demo
 * employer; the staff of the other demo agency (licence suspended) are refused; the origin
 * officer sets a minimum wage and decides.
 */
let h: Harness;
let agency: TestClient;
let suspended: TestClient;
let officer: TestClient;
let nurseId: string;
let employerId: string;

const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A demo user, signed in through the pages (password, then a TOTP code). */
async function signIn(email: string): Promise<TestClient> {
  return h.signIn(await h.demoUser(email));
}

/** The page's form, filled in as a person would for a nurse in Dubai. */
function nurseForm(overrides: Record<string, string | null> = {}): Record<string, string | null> {
  return {
    occupation: nurseId,
    employerId,
    destinationCountry: 'AE',
    destinationSubdivision: 'AE-DU',
    language: 'en',
    title: 'Staff nurse, general ward',
    description: 'Care for adult patients on a 30-bed ward.\nNight shifts one week in four.',
    translationLanguage1: 'fr',
    translationTitle1: 'Infirmière, service de médecine générale',
    translationDescription1: 'Soins aux patients adultes dans un service de 30 lits.',
    minEducation: '6',
    language1: 'en',
    level1: 'B2',
    experienceMonths: '24',
    positions: '3',
    contractMonths: '24',
    wageAmount: '7500',
    wageCurrency: 'AED',
    wagePeriod: 'month',
    hoursPerWeek: '48',
    benefitHousing: 'yes',
    benefitInsurance: 'yes',
    applicationDeadline: daysFromNow(30),
    intent: 'submit',
    ...overrides,
  };
}

async function vacancyCount(): Promise<number> {
  const row = await h.db
    .selectFrom('vacancy')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The job orders of the demo agency whose licence is suspended. */
async function agencyVacancies() {
  return h.db
    .selectFrom('vacancy as v')
    .innerJoin('organisation as o', 'o.id', 'v.agency_organisation_id')
    .select(['v.id', 'v.state'])
    .where('o.name', '=', 'Rift Valley Overseas Placement (demo)')
    .execute();
}

/** Posts the form; expects a redirect to the new job order and gives its id. */
async function created(client: TestClient, form: Record<string, string | null>) {
  await client.get(`/job-orders/new?occupation=${nurseId}&destinationCountry=AE`);
  const response = await client.post('/job-orders/new', form);
  expect(response.statusCode, errorSummary(response.body).join('; ')).toBe(303);
  const id = /\/job-orders\/([0-9a-f-]{36})/.exec(response.headers.location as string)?.[1];
  return id!;
}

/** The link of each error in the summary points at an element of the page. */
function expectLinkedErrors(body: string) {
  const hrefs = [...body.matchAll(/govuk-error-summary__list[\s\S]*?<\/ul>/g)]
    .flatMap((list) => [...list[0].matchAll(/href="#([^"]+)"/g)])
    .map((match) => match[1]!);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const id of hrefs) expect(body, `#${id}`).toContain(`id="${id}"`);
  return hrefs;
}

beforeAll(async () => {
  h = await createHarness({ demo: true });
  const db = h.db;
  const organisation = (name: string) =>
    db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  employerId = (await organisation('Gulf Care Hospitals (demo)')).id;
  const rift = (await organisation('Rift Valley Overseas Placement (demo)')).id;
  nurseId = (
    await db
      .selectFrom('esco_occupation')
      .select('id')
      .where('preferred_label_en', '=', 'nurse responsible for general care')
      .executeTakeFirstOrThrow()
  ).id;
  // Staff of the demo agency whose licence is suspended (the demo seeds no one there).
  const suspendedStaff = await h.factories.people.user({
    role: 'agency_staff',
    organisationId: rift,
    fullName: 'Otieno Test',
  });

  agency = await signIn('agency@demo.corridor.example');
  suspended = await h.signIn(suspendedStaff, { lang: 'fr' });
  officer = await signIn('origin.officer@demo.corridor.example');
  // The officer sets the floors: all occupations in the UAE, and more for nurses (ISCO 2221).
  await officer.get('/minimum-wages');
  for (const floor of [
    { destinationCountry: 'AE', iscoCode: '', amount: '1500', currency: 'AED', period: 'month' },
    {
      destinationCountry: 'AE',
      iscoCode: '2221',
      amount: '6000',
      currency: 'AED',
      period: 'month',
    },
  ]) {
    expect((await officer.post('/minimum-wages', floor)).statusCode).toBe(303);
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('creating a job order (agency)', () => {
  it('searches the occupation in the reader’s language, then fills the whole form', async () => {
    const start = await agency.get('/job-orders/new');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('name="occupationQuery"');
    const found = await agency.get('/job-orders/new?occupationQuery=infirmi%C3%A8re&lang=fr');
    expect(found.body).toContain(`value="${nurseId}"`);
    expect(found.body).toContain('CITP-08 2221');
    const none = await agency.get('/job-orders/new?step=continue&occupationQuery=&lang=en');
    expect(none.statusCode).toBe(400);
    expectLinkedErrors(none.body);

    const form = await agency.get(`/job-orders/new?occupation=${nurseId}&destinationCountry=AE`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="skill" type="checkbox" value="essential:[0-9a-f-]{36}"/);
    expect(form.body).toContain('value="AE-DU"');
    expect(form.body).toContain(`value="${employerId}"`);
    expect(form.body).not.toContain('name="originCountry"');
    // Every optional skill of the occupation is offered (not the first 20), in a disclosure: a
    // cook has more than 20.
    const cookId = '90f75f67-495d-49fa-ab57-2f320e251d7e';
    const skills = (await agency.get(`/api/v1/reference/occupations/${cookId}/skills`)).json<{
      items: Array<{ relation: string }>;
    }>();
    const optional = skills.items.filter((skill) => skill.relation === 'optional').length;
    expect(optional).toBeGreaterThan(20);
    const cook = await agency.get(`/job-orders/new?occupation=${cookId}&destinationCountry=AE`);
    expect(cook.body.match(/value="optional:[0-9a-f-]{36}"/g)).toHaveLength(optional);
    expect(cook.body).toContain('<details class="govuk-details corridor-skills">');
    // The destination's currency is preset; no gold, test or bond units are offered.
    expect(form.body).toMatch(/<option value="AED" selected>/);
    for (const code of ['XAU', 'XAG', 'XTS', 'XBA', 'XXX']) {
      expect(form.body).not.toContain(`<option value="${code}"`);
    }
    // On an Arabic page the English skill labels are marked, and the page says so once.
    const arabic = await agency.get(
      `/job-orders/new?occupation=${nurseId}&destinationCountry=AE&lang=ar`,
    );
    expect(arabic.body).toMatch(
      /<label class="govuk-label govuk-checkboxes__label"[^>]* lang="en"/,
    );
    expect(arabic.body.match(/corridor-terms-note/g)).toHaveLength(1);
    await agency.get('/job-orders?lang=en'); // the choice of language is remembered
  });

  it('saves and submits; the job order shows every term and its history', async () => {
    const id = await created(agency, nurseForm());
    const page = await agency.get(`/job-orders/${id}?done=submit&lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The job order was submitted for approval.');
    for (const text of [
      'Staff nurse, general ward',
      'Gulf Care Hospitals (demo)',
      'Savannah Careers Abroad Ltd (demo)',
      // ISO 3166-2 names the emirate in its own romanisation.
      'Dubai, United Arab Emirates',
      'AED',
      '7,500.00',
      'per month',
      '48 hours',
      'Housing and Health insurance',
      'Bachelor’s or equivalent',
      'English (B2 – Upper intermediate)',
      'Infirmière, service de médecine générale',
      'Night shifts one week in four.',
    ]) {
      expect(page.body, text).toContain(text);
    }
    expect(page.body).toContain('action="/job-orders/' + id + '/events"');
    expect(page.body).not.toContain('/decision"');
    // The people who acted are never named: only organisations.
    expect(page.body).not.toContain('Fatuma Ali');
  });

  it('refuses a wage under the minimum, showing the minimum, and writes nothing', async () => {
    const before = await vacancyCount();
    await agency.get(`/job-orders/new?occupation=${nurseId}&destinationCountry=AE`);
    const response = await agency.post('/job-orders/new', nurseForm({ wageAmount: '3000' }));
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)[0]).toContain('6,000.00 AED per month');
    expect(expectLinkedErrors(response.body)).toEqual(['wageAmount']);
    // What was typed is kept.
    expect(response.body).toContain('value="Staff nurse, general ward"');
    expect(await vacancyCount()).toBe(before);
  });

  it.each([
    [
      'a past deadline',
      { applicationDeadline: daysFromNow(-1) },
      'applicationDeadline',
      /today or later/,
    ],
    ['no position', { positions: '0' }, 'positions', /number of positions/],
    [
      'an unknown occupation',
      { occupation: '00000000-0000-4000-8000-000000000000' },
      'occupation',
      /do not know this occupation/,
    ],
    ['an unknown currency', { wageCurrency: 'XYZ' }, 'wageCurrency', /Select a currency/],
    ['an ambiguous wage', { wageAmount: '7.500,50' }, 'wageAmount', /thousands in groups of 3/],
    ['a 10 KB title', { title: 'ن'.repeat(10_240) }, 'title', /200 characters or fewer/],
    [
      'a date that does not exist',
      { applicationDeadline: '2027-02-30' },
      'applicationDeadline',
      /real date/,
    ],
  ])('refuses %s with a field error and writes nothing', async (_, overrides, field, message) => {
    const before = await vacancyCount();
    const response = await agency.post('/job-orders/new', nurseForm(overrides));
    expect(response.statusCode).toBe(400);
    expect(expectLinkedErrors(response.body)).toContain(field);
    expect(errorSummary(response.body).join(' ')).toMatch(message);
    expect(await vacancyCount()).toBe(before);
  });

  it('takes Arabic and emoji as they are, and answers hostile shapes with errors, not 500s', async () => {
    const id = await created(
      agency,
      nurseForm({ title: 'ممرضة 👩‍⚕️ جناح عام', language: 'ar', intent: 'draft' }),
    );
    const page = await agency.get(`/job-orders/${id}`);
    expect(page.body).toContain('ممرضة 👩‍⚕️ جناح عام');
    const hostile: Record<string, string>[] = [
      { skill: 'essential:not-a-uuid' },
      { language1: 'zz', level1: 'Z9' },
      { hoursPerWeek: '1e400', experienceMonths: '-1' },
      { employerId: 'x', wagePeriod: 'fortnight' },
      { benefitsNote: '<script>alert(1)</script>'.repeat(200) },
    ];
    for (const overrides of hostile) {
      const response = await agency.post('/job-orders/new', nurseForm(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expectLinkedErrors(response.body);
      expect(response.body).not.toContain('<script>alert(1)');
    }
  });

  it('reads a decimal comma in the wage and the hours', async () => {
    const id = await created(
      agency,
      nurseForm({ wageAmount: '7\u00A0500,50', hoursPerWeek: '40,5', intent: 'draft' }),
    );
    const row = await h.db
      .selectFrom('vacancy')
      .select(['wage_amount', 'hours_per_week'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.wage_amount)).toBe(7500.5);
    expect(Number(row.hours_per_week)).toBe(40.5);
  });

  it('edits a draft and keeps the form filled in', async () => {
    const id = await created(agency, nurseForm({ intent: 'draft', title: 'Ward nurse' }));
    const edit = await agency.get(`/job-orders/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Ward nurse"');
    expect(edit.body).toMatch(/value="AE-DU" selected/);
    const saved = await agency.post(
      `/job-orders/${id}/edit`,
      nurseForm({ title: 'Ward nurse (nights)', intent: 'draft' }),
    );
    expect(saved.statusCode).toBe(303);
    expect((await agency.get(`/job-orders/${id}`)).body).toContain('Ward nurse (nights)');
    // Re-drawing the places after a change of country saves nothing.
    const refreshed = await agency.post(
      `/job-orders/${id}/edit`,
      nurseForm({ destinationCountry: 'QA', refresh: '1' }),
    );
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.body).toContain('value="QA-DA"');
  });
});

describe('creating a job order (employer recruiting directly)', () => {
  it('names the origin country instead of an employer, and submits', async () => {
    const employer = await signIn('employer@demo.corridor.example');
    const form = await employer.get(`/job-orders/new?occupation=${nurseId}&destinationCountry=AE`);
    expect(form.body).toContain('name="originCountry"');
    expect(form.body).not.toContain('name="employerId"');
    const missing = await employer.post('/job-orders/new', nurseForm({ employerId: null }));
    expect(missing.statusCode).toBe(400);
    expect(expectLinkedErrors(missing.body)).toEqual(['originCountry']);
    const id = await created(employer, nurseForm({ employerId: null, originCountry: 'KE' }));
    const page = await employer.get(`/job-orders/${id}?lang=en`);
    expect(page.body).toContain('None: the employer recruits directly');
    expect(page.body).toContain('Submitted');
    // The next job order starts from the same origin country.
    const next = await employer.get(`/job-orders/new?occupation=${nurseId}&destinationCountry=AE`);
    expect(next.body).toMatch(/value="KE" selected/);
  });
});

describe('an agency without an active licence', () => {
  it('cannot save and submit: the form comes back as typed, with why, and nothing is saved', async () => {
    const rift = (await agencyVacancies()).length;
    await suspended.get(`/job-orders/new?occupation=${nurseId}&destinationCountry=AE`);
    const response = await suspended.post('/job-orders/new', nurseForm());
    expect(response.statusCode).toBe(400);
    const message = errorSummary(response.body).join(' ');
    expect(message).toContain('licence de votre agence est suspendue');
    expect(expectLinkedErrors(response.body)).toEqual(['agency']);
    // The form again, in French, with what was typed; no draft was written.
    expect(response.body).toContain('action="/job-orders/new"');
    expect(response.body).toContain('value="Staff nurse, general ward"');
    expect(response.body).toContain('Infirmière, service de médecine générale');
    expect(response.body).toContain('value="7500"');
    expect(await agencyVacancies()).toHaveLength(rift);
  });

  it('saves a draft but cannot submit it, and is told why in its language', async () => {
    const id = await created(suspended, nurseForm({ intent: 'draft' }));
    const draft = await h.db
      .selectFrom('vacancy')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(draft.state).toBe('draft');
    await suspended.get(`/job-orders/${id}`);
    const again = await suspended.post(`/job-orders/${id}/events`, { event: 'submit' });
    expect(again.statusCode).toBe(400);
    expect(errorSummary(again.body).join(' ')).toContain('suspendue');
    // Editing and submitting: the form comes back as typed, with why, and the draft is as it was.
    await suspended.get(`/job-orders/${id}/edit`);
    const edited = await suspended.post(
      `/job-orders/${id}/edit`,
      nurseForm({ title: 'Staff nurse, nights' }),
    );
    expect(edited.statusCode).toBe(400);
    expect(errorSummary(edited.body).join(' ')).toContain('suspendue');
    expect(edited.body).toContain(`action="/job-orders/${id}/edit"`);
    expect(edited.body).toContain('value="Staff nurse, nights"');
    const kept = await h.db
      .selectFrom('vacancy')
      .select(['state', 'title'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ state: 'draft', title: 'Staff nurse, general ward' });
  });

  it('sees nothing of another agency’s job orders', async () => {
    const id = await created(agency, nurseForm({ intent: 'draft' }));
    expect((await suspended.get(`/job-orders/${id}`)).statusCode).toBe(404);
    expect((await suspended.get(`/job-orders/${id}/edit`)).statusCode).toBe(404);
    expect((await suspended.post(`/job-orders/${id}/events`, { event: 'submit' })).statusCode).toBe(
      404,
    );
    expect((await suspended.post(`/job-orders/${id}/edit`, nurseForm())).statusCode).toBe(404);
    expect((await suspended.get('/job-orders')).body).not.toContain(id);
  });
});

describe('the origin officer', () => {
  it('finds the job order in the queue and approves it: published, with history and audit', async () => {
    const id = await created(agency, nurseForm({ title: 'Theatre nurse' }));
    const queue = await officer.get('/job-orders/review');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/job-orders/${id}`);
    await officer.get(`/job-orders/${id}`);
    const approved = await officer.post(`/job-orders/${id}/decision`, { event: 'approve' });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`/job-orders/${id}?done=approve`);
    const row = await h.db
      .selectFrom('vacancy')
      .select(['state', 'approved_at', 'published_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('published');
    expect(row.approved_at).toBeInstanceOf(Date);
    expect(row.published_at).toBeInstanceOf(Date);
    const events = await h.db
      .selectFrom('vacancy_event')
      .select('event')
      .where('vacancy_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.event)).toEqual(['create', 'submit', 'approve', 'publish']);
    for (const action of ['vacancy.approved', 'vacancy.published']) {
      expect(await h.services.audit.list({ action, subjectId: id, limit: 5 })).toHaveLength(1);
    }
    const page = await agency.get(`/job-orders/${id}?lang=en`);
    expect(page.body).toContain('National Employment Authority (demo)');
    expect(page.body).toContain('Record a filled position');
  });

  it('must give a reason to reject; the agency sees it and can change the job order', async () => {
    const id = await created(agency, nurseForm({ title: 'Clinic nurse' }));
    await officer.get(`/job-orders/${id}`);
    const bare = await officer.post(`/job-orders/${id}/decision`, { event: 'reject' });
    expect(bare.statusCode).toBe(400);
    expect(expectLinkedErrors(bare.body)).toEqual(['reason']);
    expect(errorSummary(bare.body)).toEqual(['Enter the reason']);
    const rejected = await officer.post(`/job-orders/${id}/decision`, {
      event: 'reject',
      reason: 'Give the night-shift allowance',
    });
    expect(rejected.statusCode).toBe(303);
    const page = await agency.get(`/job-orders/${id}`);
    expect(page.body).toContain('Give the night-shift allowance');
    expect(page.body).toContain(`href="/job-orders/${id}/edit"`);
  });

  it('keeps the minimum wages of the country, formatted, and refuses bad floors', async () => {
    const page = await officer.get('/minimum-wages?lang=en');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('AED');
    expect(page.body).toContain('6,000.00');
    expect(page.body).toContain('All occupations');
    const bad = await officer.post('/minimum-wages', {
      destinationCountry: 'ZZ',
      iscoCode: '99999',
      amount: '-5',
      currency: 'AED',
      period: 'month',
    });
    expect(bad.statusCode).toBe(400);
    expect(expectLinkedErrors(bad.body)).toEqual(['iscoCode', 'amount']);
    const unknown = await officer.post('/minimum-wages', {
      destinationCountry: 'ZZ',
      iscoCode: '9999',
      amount: '100',
      currency: 'XYZ',
      period: 'month',
    });
    expect(unknown.statusCode).toBe(400);
    expect(expectLinkedErrors(unknown.body)).toEqual([
      'destinationCountry',
      'currency',
      'iscoCode',
    ]);
    await officer.post('/minimum-wages', {
      destinationCountry: 'QA',
      amount: '1200',
      currency: 'QAR',
      period: 'month',
    });
    const floor = await h.db
      .selectFrom('minimum_wage')
      .select('id')
      .where('destination_country', '=', 'QA')
      .executeTakeFirstOrThrow();
    // An ISCO title with no Arabic translation is marked English, and the page says so once.
    // (A floor for nursing associates: the nurse job orders of the later tests stay above theirs.)
    await officer.post('/minimum-wages', {
      destinationCountry: 'AE',
      iscoCode: '3221',
      amount: '9000',
      currency: 'AED',
      period: 'month',
    });
    const arabic = (await officer.get('/minimum-wages?lang=ar')).body;
    expect(arabic).toContain(
      '<span dir="auto" lang="en">3221 Nursing associate professionals</span>',
    );
    expect(arabic.match(/corridor-terms-note/g)).toHaveLength(1);
    const french = (await officer.get('/minimum-wages?lang=fr')).body;
    expect(french).toContain(
      '<span dir="auto">3221 Personnel infirmier (niveau intermédiaire)</span>',
    );
    await officer.get('/minimum-wages?lang=en'); // the choice of language is remembered
    await officer.get('/minimum-wages');
    const removed = await officer.post(`/minimum-wages/${floor.id}/delete`, {});
    expect(removed.statusCode).toBe(303);
    expect((await officer.get('/minimum-wages')).body).not.toContain(floor.id);
  });
});

describe('who may open the pages', () => {
  it('refuses those without the permission, and sends the anonymous to sign in', async () => {
    expect((await agency.get('/job-orders/review')).statusCode).toBe(403);
    expect((await agency.get('/minimum-wages')).statusCode).toBe(403);
    expect((await officer.get('/job-orders/new')).statusCode).toBe(403);
    expect((await agency.get('/job-orders/not-a-uuid')).statusCode).toBe(404);
    const seeker = await signIn('jobseeker@demo.corridor.example');
    expect((await seeker.get('/job-orders')).statusCode).toBe(403);
    const anonymous = await h.app.inject({ url: '/job-orders' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });

  it('isolates organisation names in Arabic ("Gulf Care Hospitals (demo)" keeps its bracket)', async () => {
    const id = await created(agency, nurseForm({ intent: 'draft' }));
    const list = (await agency.get('/job-orders?lang=ar')).body;
    expect(list).toContain('dir="rtl"');
    expect(list).toContain('\u2068Gulf Care Hospitals (demo)\u2069');
    expect(list).toContain('عن طريق \u2068Savannah Careers Abroad Ltd (demo)\u2069');
    const show = (await agency.get(`/job-orders/${id}?lang=ar`)).body;
    expect(show).toContain('\u2068Gulf Care Hospitals (demo)\u2069');
    expect(show).toContain('\u2068Savannah Careers Abroad Ltd (demo)\u2069');
  });

  it('keeps every page under 50 KB compressed, stylesheet included', async () => {
    const id = await created(agency, nurseForm({ intent: 'draft' }));
    const css = /href="(\/static\/corridor[^"]+\.css)"/.exec(
      (await agency.get('/job-orders')).body,
    )?.[1];
    const style = await h.app.inject({ url: css!, headers: { 'accept-encoding': 'br, gzip' } });
    for (const url of [
      '/job-orders',
      `/job-orders/new?occupation=${nurseId}&destinationCountry=AE&lang=ar`,
      `/job-orders/${id}`,
      `/job-orders/${id}/edit`,
    ]) {
      const page = await h.app.inject({
        url,
        headers: { 'accept-encoding': 'br, gzip', cookie: `corridor_session=${agency.session()}` },
      });
      expect(page.statusCode).toBe(200);
      expect(page.rawPayload.length + style.rawPayload.length, url).toBeLessThan(50 * 1024);
    }
  });
});
