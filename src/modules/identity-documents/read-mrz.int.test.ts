import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { td3 } from './testing/mrz-specimens.js';

let h: Harness;
let seeker: TestClient;
let seekerId: string;
const PAGE = '/account/identity-documents';
const READ = `${PAGE}/read-mrz`;
/** A Kenyan passport valid until 1 March of a year to come, its check digits right. */
const YY = String((new Date().getUTCFullYear() + 6) % 100).padStart(2, '0');
const PASSPORT = td3({ country: 'KEN', number: 'AK1234567', birth: '900315', expiry: `${YY}0301` });

const recorded = () => h.services.audit.list({ action: 'identity_document.recorded', limit: 10 });
const stored = () =>
  h.db.selectFrom('identity_document').select('id').where('user_id', '=', seekerId).execute();
/** The value of a form field as the page shows it. */
const fieldValue = (body: string, name: string) =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(body)?.[1];

beforeAll(async () => {
  h = await createHarness();
  const user = await h.factories.people.user();
  seekerId = user.id;
  seeker = await h.signIn(user);
  await seeker.get(PAGE);
});
afterAll(async () => {
  await h?.close();
});

describe('reading a typed or pasted MRZ into the add form', () => {
  it('fills the form from a pasted MRZ and shows the name for checking, storing nothing', async () => {
    const [first = '', second = ''] = PASSPORT;
    const pasted = `  ${first.toLowerCase()}\r\n\r\n${second.slice(0, 20)} ${second.slice(20)}  \r\n`;
    const page = await seeker.post(READ, { mrz: pasted });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(fieldValue(page.body, 'documentNumber')).toBe('AK1234567');
    expect(page.body).toMatch(/value="passport"[^>]*checked/);
    expect(page.body).toMatch(/<option value="KE" selected>Kenya<\/option>/);
    expect(fieldValue(page.body, 'expiryDate-day')).toBe('1');
    expect(fieldValue(page.body, 'expiryDate-month')).toBe('3');
    expect(fieldValue(page.body, 'expiryDate-year')).toBe(`20${YY}`);
    // The MRZ as read, in capitals and a line each, to compare with the document.
    const textarea = /<textarea[^>]*name="mrz"[^>]*>([^<]*)<\/textarea>/.exec(page.body)?.[1];
    expect(textarea?.trim()).toBe(PASSPORT.join('\n').replaceAll('<', '&lt;'));
    expect(page.body).toContain('Read from the MRZ');
    expect(page.body).toContain('WANJIKU');
    expect(page.body).toContain('GRACE AKINYI');
    expect(page.body).toContain('Mar 15, 1990');
    expect(page.body).toContain('Female');
    expect(page.body).toContain('Corridor does not keep them.');
    // Nothing is kept until the person adds the document, and nothing is audited.
    expect(await stored()).toEqual([]);
    expect(await recorded()).toEqual([]);
  });

  it('saves what the person checked, audited as before and without the name', async () => {
    const saved = await seeker.post(PAGE, {
      documentType: 'passport',
      documentNumber: 'AK1234567',
      issuingCountry: 'KE',
      'expiryDate-day': '1',
      'expiryDate-month': '3',
      'expiryDate-year': `20${YY}`,
    });
    expect(saved.statusCode).toBe(303);
    const [event, ...more] = await recorded();
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      dataSubjectUserId: seekerId,
      after: { documentType: 'passport', issuingCountry: 'KE', expiryDate: `20${YY}-03-01` },
    });
    expect(JSON.stringify(event)).not.toMatch(/WANJIKU|AK1234567/);
  });

  it('names a wrong check digit, and stores nothing', async () => {
    const before = (await stored()).length;
    const [first = '', second = ''] = PASSPORT;
    // The expiry date's check digit (position 28) changed: it and the composite fail.
    const wrong = second.charAt(27) === '0' ? '1' : '0';
    const broken = `${first}\n${second.slice(0, 27)}${wrong}${second.slice(28)}`;
    const page = await seeker.post(READ, { mrz: broken });
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual([
      'The check digit of the expiry date is wrong. Check the expiry date and the digit after it',
      'The final check digit, at the end of the line with the dates, is wrong. Check that line character by character',
    ]);
    expect(page.body).toContain('href="#mrz"');
    expect(page.body).toContain('id="mrz-error"');
    expect(fieldValue(page.body, 'documentNumber')).toBeUndefined();
    expect(page.body).not.toContain('Read from the MRZ');
    expect((await stored()).length).toBe(before);
  });

  it('names the errors in Arabic', async () => {
    const arabic = await h.signIn(await h.factories.people.user(), { lang: 'ar' });
    await arabic.get(PAGE);
    const [first = '', second = ''] = PASSPORT;
    // The document number's check digit (position 10) changed.
    const wrong = second.charAt(9) === '0' ? '1' : '0';
    const broken = `${first}\n${second.slice(0, 9)}${wrong}${second.slice(10)}`;
    const page = await arabic.post(READ, { mrz: broken });
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)[0]).toBe(
      'رقم التحقق الخاص برقم الوثيقة خطأ. راجع رقم الوثيقة والرقم الذي يليه',
    );
    const short = await arabic.post(READ, { mrz: `${first}\n${second.slice(1)}` });
    expect(errorSummary(short.body)).toEqual([
      'في السطر 2 عدد الأحرف 43، وفي السطر 1 عددها 44. كل أسطر منطقة القراءة الآلية لها الطول نفسه',
    ]);
  });

  it('asks for the lines when there are none, and refuses a visa', async () => {
    const empty = await seeker.post(READ, { mrz: ' \r\n ' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Enter the lines of the machine-readable zone']);
    const none = await seeker.post(READ, {});
    expect(errorSummary(none.body)).toEqual(['Enter the lines of the machine-readable zone']);
    const visa = await seeker.post(READ, { mrz: td3({ code: 'V' }).join('\n') });
    expect(errorSummary(visa.body)).toEqual([
      'This is the machine-readable zone of a visa. Add your passport or identity card here, not a visa',
    ]);
  });

  it('is the person’s own: no reading without a session or a CSRF token', async () => {
    expect((await seeker.post(READ, { mrz: PASSPORT.join('\n'), _csrf: null })).statusCode).toBe(
      403,
    );
    const anonymous = await h.anonymous().post(READ, { mrz: PASSPORT.join('\n') });
    expect(anonymous.statusCode).not.toBe(200);
  });
});
