import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../seed.js';
import { createServices } from '../../services.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { testConfig } from '../../../test/helpers/app.js';
import { seedDemoLicences } from './licensing.demo.js';
import { as, licensingFixture, type LicensingFixture } from './licensing.test-support.js';
import { VettingRepository } from './vetting.repository.js';

/** "Check a recruiter" (pages and JSON), the officer pages, and the demo seed. */
let f: LicensingFixture;

interface RecruiterJson {
  status: string;
  history: { event: string; reason: string | null }[];
}

beforeAll(async () => {
  f = await licensingFixture();
});

afterAll(async () => {
  await f?.close();
});

describe('Check a recruiter (public)', () => {
  it('finds agencies by name, tolerant of case and accents, and by licence number', async () => {
    const licence = await f.granted('Agence Sénégalaise Élite');
    await f.agency('Shadow Jobs Abroad');
    expect(
      (await f.licensing.searchRecruiters('agence senegalaise elite')).map((r) => r.id),
    ).toContain(licence.organisationId);
    expect((await f.licensing.searchRecruiters('SÉNÉGALAISE')).map((r) => r.id)).toContain(
      licence.organisationId,
    );
    const byNumber = await f.licensing.searchRecruiters(licence.number?.toLowerCase() ?? '');
    expect(byNumber.map((r) => r.id)).toEqual([licence.organisationId]);
    expect(byNumber[0]?.status).toBe('licensed');
    expect((await f.licensing.searchRecruiters('shadow jobs'))[0]?.status).toBe('not_licensed');
  });

  it('finds a licence number typed with spaces, without dashes or in Arabic-Indic digits', async () => {
    const licence = await f.granted('Number Typed Agency');
    const number = licence.number ?? '';
    expect(number).toMatch(/^KE-RA-\d{4}-\d{4}$/);
    const arabic = number.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
    // К, Е and А typed on a Cyrillic keyboard; full-width digits; a direction mark and dots.
    const cyrillic = number.replace('KE', '\u041a\u0415').replace('RA', 'R\u0410');
    const fullWidth = number.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
    const copied = `\u200f${number.replaceAll('-', '.').toLowerCase()}`;
    for (const typed of [
      number.replaceAll('-', ' '),
      number.replaceAll('-', ''),
      arabic,
      cyrillic,
      fullWidth,
      copied,
    ]) {
      const found = await f.licensing.searchRecruiters(typed);
      expect(
        found.map((r) => r.id),
        typed,
      ).toEqual([licence.organisationId]);
      const response = await f.web.app.inject({
        url: `/api/v1/recruiters?q=${encodeURIComponent(typed)}`,
      });
      expect(response.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toEqual([
        licence.organisationId,
      ]);
    }
  });

  it('never answers a hostile search with a 500', async () => {
    for (const q of [
      'a\u0000b',
      '\u0000',
      '\u0001\u007f',
      "'; drop table licence; --",
      'x'.repeat(201),
    ]) {
      for (const url of [
        `/recruiters?q=${encodeURIComponent(q)}`,
        `/api/v1/recruiters?q=${encodeURIComponent(q)}`,
      ]) {
        const response = await f.web.app.inject({ url });
        expect(response.statusCode, `${url}`).toBeLessThan(500);
      }
    }
  });

  it('shows suspensions with their reasons, never who decided', async () => {
    const licence = await f.granted('Public Record Agency');
    await f.licensing.decide(as(f.officer), licence.id, {
      event: 'suspend',
      reason: 'Passports withheld',
    });
    const response = await f.web.app.inject({
      url: `/api/v1/recruiters/${licence.organisationId}`,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<RecruiterJson>();
    expect(body).toMatchObject({
      status: 'suspended',
      licence: { number: licence.number, issuingAuthority: 'Kenya Labour Authority' },
    });
    expect(body.history[0]).toMatchObject({
      event: 'suspend',
      status: 'suspended',
      reason: 'Passports withheld',
    });
    expect(response.body).not.toContain(f.officer.userId ?? 'x');
    const page = await f.web.app.inject({ url: `/recruiters/${licence.organisationId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Passports withheld');
    expect(page.body).toContain('Never pay a fee to get a job abroad');
  });

  it('search pages and JSON work without an account; unknown names get the warning', async () => {
    const html = await f.web.app.inject({ url: '/recruiters?q=shadow' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Not licensed');
    const none = await f.web.app.inject({ url: '/recruiters?q=zzqq-nothing' });
    expect(none.body).toContain('This agency is not licensed');
    const french = await f.web.app.inject({
      url: '/recruiters?q=zzqq-nothing',
      headers: { 'accept-language': 'fr' },
    });
    expect(french.body).toContain('Ne payez jamais de frais');
    const json = await f.web.app.inject({ url: '/api/v1/recruiters?q=Shadow' });
    expect(json.json<{ items: unknown[] }>().items[0]).toMatchObject({
      name: 'Shadow Jobs Abroad',
      status: 'not_licensed',
      licence: null,
    });
    expect((await f.web.app.inject({ url: '/recruiters/not-a-uuid' })).statusCode).toBe(404);
    expect((await f.web.app.inject({ url: '/api/v1/recruiters/not-a-uuid' })).statusCode).toBe(404);
  });
});

describe('officer pages', () => {
  it('draw only the allowed actions and refuse a forbidden transition with a translated message', async () => {
    const licence = await f.granted('Pages Agency');
    await f.licensing.decide(as(f.officer), licence.id, { event: 'revoke', reason: 'Fraud' });
    const officer = await f.web.signIn(f.users.officer);
    const page = await officer.get(`/licences/${licence.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="event"');
    const post = await officer.post(`/licences/${licence.id}`, {
      event: 'reinstate',
      reason: 'Appeal',
    });
    expect(post.statusCode).toBe(400);
    expect(post.body).toContain('A revoked licence cannot be reinstated');
    const bystander = await f.web.signIn((await f.agency('Bystander Agency')).user);
    expect((await bystander.get(`/licences/${licence.id}`)).statusCode).toBe(404);
  });

  it('let an f.officer suspend through the form, with errors beside the fields', async () => {
    const licence = await f.granted('Form Agency');
    const officer = await f.web.signIn(f.users.officer);
    const page = await officer.get(`/licences/${licence.id}`);
    // Left to right inside right-to-left pages, as everywhere a licence number is shown.
    expect(page.body).toContain(`<span dir="ltr">${licence.number}</span>`);
    expect(page.body).toContain('value="suspend"');
    expect(page.body).not.toContain('value="reinstate"');
    const missing = await officer.post(`/licences/${licence.id}`, { event: 'suspend' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#reason"');
    const done = await officer.post(`/licences/${licence.id}`, {
      event: 'suspend',
      reason: 'Unpaid wages',
    });
    expect(done.statusCode).toBe(303);
  });

  it('refuse a decision posted without the session’s CSRF token', async () => {
    const licence = await f.granted('Forgery Agency');
    const officer = await f.web.signIn(f.users.officer);
    const forged = await officer.post(`/licences/${licence.id}`, {
      _csrf: 'forged',
      event: 'suspend',
      reason: 'Unpaid wages',
    });
    expect(forged.statusCode).toBe(403);
    expect((await f.licensing.get(as(f.officer), licence.id)).licence.state).toBe('active');
  });
});

describe('demo seed', () => {
  it('gives agency1 an active licence and agency2 a suspended one, with the reason in its history', async () => {
    const fresh = await createTestDatabase();
    try {
      await seed(fresh.kysely, { demo: true, config: testConfig() });
      const services = createServices({ db: fresh.kysely, config: testConfig() });
      const { organisations } = services;
      // The seed above wrote them through the licensing manifest's demo: again, a no-op.
      expect(
        await seedDemoLicences({
          db: fresh.kysely,
          audit: services.audit,
          organisations,
          events: services.events,
        }),
      ).toEqual({ licences: 0, vettings: 0 });
      const service = services.licensing;
      const savannah = (await service.searchRecruiters('savannah careers'))[0];
      expect(savannah).toMatchObject({ status: 'licensed' });
      const rift = (await service.searchRecruiters('rift valley'))[0];
      expect(rift?.status).toBe('suspended');
      const detail = await service.recruiter(rift?.id ?? '');
      expect(detail.history[0]?.reason).toContain('recruitment fees');
      expect(await new VettingRepository(fresh.kysely, organisations).listEmployers('all')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ state: 'vetted' }),
          expect.objectContaining({ state: 'submitted' }),
        ]),
      );
    } finally {
      await fresh.close();
    }
  });
});
