import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGE_INFO, type Language } from '../../src/platform/i18n/languages.js';
import { SCREENSHOTS, WCAG_TAGS } from './axe.js';
import { launchBrowser } from './browser.js';
import { expectNoSidewaysScroll, PHONE } from './phone.js';
import { register } from './registration.js';
import { signInDemo } from './two-factor.js';

/**
 * Issue 13, "done when", in the browser on the demo server, at phone width: a person registers
 * by email, fills the bio step of the profile (a name in Arabic script and its Latin form, a
 * partial birth date, sex, nationality) and one occupation wanted, and applies to a published
 * vacancy of the demo agency with a short note. In a second browser, the agency's staff member
 * works the applicant: shortlists, schedules an interview, marks it held, selects and offers.
 * The person's own page follows each step (state and history), and the person accepts the
 * offer. axe and no sideways scrolling on the apply page, the person's application page and
 * the applicant's page; the same journey in Arabic and in English.
 */
const baseUrl = inject('baseUrl');
const skip = inject('browserSkipReason') !== '';
const AGENCY_STAFF = 'agency@demo.corridor.example';

type Messages = {
  states: Record<string, string>;
  events: Record<string, string>;
  history: Record<string, string>;
};
const messages = (lang: Language): Messages =>
  JSON.parse(fs.readFileSync(`locales/${lang}/applications.json`, 'utf8')) as Messages;

let browser: Browser;

async function visit(page: Page, path: string, lang: Language): Promise<void> {
  const separator = path.includes('?') ? '&' : '?';
  const response = await page.goto(`${baseUrl}${path}${separator}lang=${lang}`);
  expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
}

/**
 * axe (WCAG 2.2 AA and the best practices) in the run's language and direction, nothing to
 * scroll sideways, and a screenshot to look at.
 */
async function checkPhonePage(page: Page, name: string, lang: Language): Promise<void> {
  expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
  expect(await page.getAttribute('html', 'dir'), name).toBe(LANGUAGE_INFO[lang].dir);
  const results = await new AxeBuilder({ page })
    .withTags([...WCAG_TAGS, 'best-practice'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${name}/${lang} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
  await expectNoSidewaysScroll(page, `${name}/${lang}`);
  await page.screenshot({
    path: `${SCREENSHOTS}/applications-${name}-${lang}.png`,
    fullPage: true,
  });
}

/** Signs a demo user in at phone width (staff through the two-factor step: two-factor.ts). */
async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in?lang=en`);
  await signInDemo(page, email);
  return { context, page };
}

/** The text of the state tag and of the history on the page. */
async function stateAndHistory(page: Page): Promise<{ state: string; history: string }> {
  const state = ((await page.locator('main .govuk-tag').first().textContent()) ?? '').trim();
  const history = (await page.locator('main ol.govuk-list').last().textContent()) ?? '';
  return { state, history: history.replace(/\s+/g, ' ') };
}

const PEOPLE: Record<'ar' | 'en', { given: string; family: string; note: string; title: string }> =
  {
    ar: {
      given: 'فاطمة',
      family: 'الزهراء',
      note: 'أعمل ممرضة منذ خمس سنوات في مستشفى عام.',
      title: 'ممرضة',
    },
    en: {
      given: 'فاطمة',
      family: 'الزهراء',
      note: 'I have worked as a nurse for five years in a public hospital.',
      title: 'nurse',
    },
  };

describe.skipIf(skip)('applications in the browser (issue 13: done when)', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['ar', 'en'] as const) {
    it(`registers, builds a profile, applies and follows the application to an accepted offer (${lang})`, async () => {
      const m = messages(lang);
      const person = PEOPLE[lang];
      const email = `seeker-${lang}-${Date.now()}@e2e.corridor.example`;

      // ---- The organisation: a published vacancy of the demo agency ----------------------
      const staff = await signedIn(AGENCY_STAFF);
      const seekerContext = await browser.newContext({ viewport: PHONE });
      try {
        await visit(staff.page, '/job-orders?state=published', lang);
        // The two runs take different vacancies (the first and the second listed).
        const rows = await staff.page.locator('table tbody tr').evaluateAll((trs) =>
          trs.map((tr) => ({
            href: tr.querySelector('a')?.getAttribute('href') ?? '',
            reference: tr.querySelector('span[dir="ltr"]')?.textContent?.trim() ?? '',
          })),
        );
        const row = rows.filter((r) => /^JO-\d+$/.test(r.reference))[lang === 'ar' ? 0 : 1];
        expect(row, 'a published job order of the demo agency').toBeTruthy();
        const chosen = Number(row!.reference.slice(3));
        const vacancyId = row!.href.split('/').pop()!;

        // ---- The person registers by email, in the run's language, on a phone -------------
        const page = await seekerContext.newPage();
        await register(page, baseUrl, {
          fullName: `${person.given} ${person.family}`,
          email,
          password: 'a long passphrase for e2e tests 13',
          lang,
        });

        // ---- The bio step: names in Arabic script and in Latin, a partial birth date -------
        await visit(page, '/profile/bio', lang);
        await page.locator('#givenNames').fill(person.given);
        await page.locator('#familyName').fill(person.family);
        await page.locator('#givenNamesLatin').fill('Fatima');
        await page.locator('#familyNameLatin').fill('Al-Zahraa');
        await page.locator('#birthDate').fill('1994-05');
        await page.locator('input[name="sex"][value="F"]').check();
        await page.locator('#nationality').selectOption('KE');
        await page.locator('form[action="/profile/bio"] button').click();
        await page.waitForURL((url) => url.pathname !== '/profile/bio');

        // ---- One occupation wanted, typed and coded ---------------------------------------
        await visit(page, '/profile/occupations', lang);
        await page.locator('#title').fill(person.title);
        await page.locator('form[action="/profile/occupations"] button').click();
        await page.locator('input[name="occupation"]').first().waitFor();
        await page.locator('input[name="occupation"]').first().check();
        await page.locator('form[action="/profile/occupations"] button').click();
        await page.waitForURL(/\/profile\/occupations\?saved=1/);
        expect(await page.locator('main .corridor-entry bdi').first().textContent()).toBe(
          person.title,
        );

        // ---- Apply with a short note -------------------------------------------------------
        await visit(page, `/vacancies/${chosen}/apply`, lang);
        await checkPhonePage(page, 'apply', lang);
        await page.locator('#note').fill(person.note);
        await page.locator(`form[action="/vacancies/${chosen}/apply"] button`).click();
        await page.waitForURL(/\/applications\/[0-9a-f-]{36}\?sent=1/);
        const applicationPath = new URL(page.url()).pathname;
        const applicationId = applicationPath.split('/').pop()!;
        expect(await stateAndHistory(page)).toMatchObject({ state: m.states.submitted });
        expect((await stateAndHistory(page)).history).toContain(m.events.submit);
        expect(await page.locator('main').textContent()).toContain(person.note);
        await checkPhonePage(page, 'detail-submitted', lang);

        // The person's list shows it.
        await visit(page, '/applications', lang);
        expect(await page.locator(`main a[href="${applicationPath}"]`).count()).toBe(1);

        // ---- The agency works the applicant, in a second browser --------------------------
        const applicantPath = `/applicants/${applicationId}`;
        const act = async (
          event: string,
          fill?: (staffPage: Page) => Promise<void>,
        ): Promise<void> => {
          const form = staff.page.locator(`form[action="${applicantPath}/events"]`, {
            has: staff.page.locator(`input[name="event"][value="${event}"]`),
          });
          await fill?.(staff.page);
          await form.locator('button').click();
          await staff.page.waitForURL(new RegExp(`done=${event}`));
        };
        /** The person's page after a step: the new state, and the step in the history. */
        const seekerSees = async (state: string, event: string): Promise<void> => {
          await visit(page, applicationPath, lang);
          const seen = await stateAndHistory(page);
          expect(seen.state).toBe(m.states[state]);
          expect(seen.history).toContain(m.events[event]);
        };

        // The list of the vacancy's applicants names the person (in both scripts).
        await visit(staff.page, `/applicants?vacancy=${vacancyId}`, lang);
        expect(await staff.page.locator(`main a[href="${applicantPath}"]`).count()).toBe(1);

        await visit(staff.page, applicantPath, lang);
        expect(await staff.page.locator('h1').textContent()).toContain(person.given);
        expect(await staff.page.locator('main').textContent()).toContain(person.note);
        await checkPhonePage(staff.page, 'applicant-submitted', lang);

        await act('shortlist');
        await seekerSees('shortlisted', 'shortlist');
        await checkPhonePage(page, 'detail-shortlisted', lang);

        // An interview in ten days' time, at 10:00 (the form's local date and time).
        const day = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        await act('schedule_interview', async (staffPage) => {
          await staffPage.locator('#interviewAt').fill(`${day}T10:00`);
          await staffPage.locator('#interviewPlace').fill('Moi Avenue 12, Mombasa');
        });
        await seekerSees('shortlisted', 'schedule_interview');
        expect(await page.locator('main .govuk-inset-text').first().textContent()).toContain(
          'Moi Avenue 12, Mombasa',
        );

        await act('mark_interviewed');
        await seekerSees('interviewed', 'mark_interviewed');
        await act('select');
        await seekerSees('selected', 'select');

        const start = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        await act('offer', async (staffPage) => {
          await staffPage
            .locator('#offerTerms')
            .fill('Two-year contract as advertised; housing and flights paid. (e2e)');
          await staffPage.locator('#offerStartDate').fill(start);
        });
        await checkPhonePage(staff.page, 'applicant-offered', lang);
        await seekerSees('offered', 'offer');
        expect(await page.locator('main').textContent()).toContain('Two-year contract');
        await checkPhonePage(page, 'detail-offered', lang);

        // ---- The person accepts ------------------------------------------------------------
        await page
          .locator(`form[action="${applicationPath}/events"]`, {
            has: page.locator('input[name="event"][value="accept"]'),
          })
          .locator('button')
          .click();
        await page.waitForURL((url) => url.pathname === applicationPath);
        await seekerSees('accepted', 'accept');
        // Every step, in order, oldest first.
        const { history } = await stateAndHistory(page);
        const steps = ['shortlist', 'schedule_interview', 'mark_interviewed', 'select', 'offer'];
        expect(
          (await page.locator('main ol.govuk-list > li strong').allTextContents()).map((text) =>
            text.trim(),
          ),
        ).toEqual(['submit', ...steps, 'accept'].map((event) => m.events[event]));
        // Who: the person for their own steps, the agency for its own.
        expect(history).toContain(m.history.you);
        expect(history).toContain('Savannah Careers Abroad Ltd (demo)');
        await checkPhonePage(page, 'detail-accepted', lang);

        // The organisation sees it accepted too, and has nothing left to do.
        await visit(staff.page, applicantPath, lang);
        expect((await stateAndHistory(staff.page)).state).toBe(m.states.accepted);
        expect(await staff.page.locator(`form[action="${applicantPath}/events"]`).count()).toBe(0);
      } finally {
        await seekerContext.close();
        await staff.context.close();
      }
    });
  }
});
