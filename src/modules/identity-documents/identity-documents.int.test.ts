import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { IdentityDocumentsRepository, isNumberTaken } from './identity-documents.repository.js';
import { NUMBER_CONTEXT } from './identity-documents.tables.js';
import { tablesMatching } from './testing/raw-text.repository.js';

let h: Harness;
let seeker: TestClient;
let seekerId: string;
const PAGE = '/account/identity-documents';
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 5);
const raw = () => h.db as unknown as Kysely<unknown>;
const SEEKER = 'jobseeker@demo.corridor.example';
const ORIGIN_OFFICER = 'origin.officer@demo.corridor.example';
/** A job seeker's acting context, for the service calls of the tests. */
const asSeeker = (userId: string) => h.factories.people.contextOf({ id: userId, totpSecret: null });

const passport = (number: string, overrides: Record<string, string> = {}) => ({
  documentType: 'passport',
  documentNumber: number,
  issuingCountry: 'KE',
  'expiryDate-day': '14',
  'expiryDate-month': '3',
  'expiryDate-year': FUTURE_YEAR,
  ...overrides,
});

beforeAll(async () => {
  h = await createHarness({ demo: true });
  const user = await h.demoUser(SEEKER);
  seeker = await h.signIn(user);
  seekerId = user.id;
});
afterAll(async () => {
  await h?.close();
});

describe('a person’s identity documents', () => {
  it('records a document from the form, shows it masked, and audits it without the number', async () => {
    const empty = await seeker.get(PAGE);
    expect(empty.statusCode).toBe(200);
    expect(empty.headers['cache-control']).toBe('no-store');
    expect(empty.body).toContain('You have not added an identity document.');

    const added = await seeker.post(PAGE, passport('ak 771-2034'));
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${PAGE}?added=1`);
    const list = await seeker.get(`${PAGE}?added=1`);
    expect(list.body).toContain('Your document has been added.');
    expect(list.body).toContain('••••••034');
    expect(list.body).toContain('ending in 034');
    expect(list.body).toContain('Kenya');
    expect(list.body).not.toContain('AK7712034');
    expect(list.body).not.toMatch(/ak 771-2034/i);

    const [event, ...more] = await h.services.audit.list({
      action: 'identity_document.recorded',
      limit: 10,
    });
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      subjectType: 'identity_document',
      dataSubjectUserId: seekerId,
      actor: { userId: seekerId, role: 'job_seeker' },
      before: null,
      after: { documentType: 'passport', issuingCountry: 'KE', expiryDate: `${FUTURE_YEAR}-03-14` },
    });
    expect(JSON.stringify(event)).not.toMatch(/AK ?771-?2034/i);
  });

  it('keeps no plaintext number in any table: a ciphertext and a keyed hash only', async () => {
    expect(await tablesMatching(raw(), seekerId)).toContain('identity_document');
    // The number as stored and as typed. (Digits alone could turn up by chance in a hash.)
    expect(await tablesMatching(raw(), 'AK ?771[ -]?2034')).toEqual([]);
    const stored = await h.db
      .selectFrom('identity_document')
      .selectAll()
      .where('user_id', '=', seekerId)
      .executeTakeFirstOrThrow();
    expect(h.services.cipher.decrypt(stored.number_encrypted, NUMBER_CONTEXT)).toBe('AK7712034');
    expect(stored.number_hash).toBe(h.services.cipher.keyedHash('AK7712034', NUMBER_CONTEXT));
    expect(stored.expiry_date).toBe(`${FUTURE_YEAR}-03-14`);
  });

  it('keeps one current document per type: a new passport replaces the old one', async () => {
    expect((await seeker.post(PAGE, passport('AK7712099'))).statusCode).toBe(303);
    const rows = await h.db
      .selectFrom('identity_document')
      .select('number_hash')
      .where('user_id', '=', seekerId)
      .execute();
    expect(rows).toEqual([
      { number_hash: h.services.cipher.keyedHash('AK7712099', NUMBER_CONTEXT) },
    ]);
    const [event] = await h.services.audit.list({ action: 'identity_document.recorded', limit: 1 });
    expect(event?.before).toEqual({ issuingCountry: 'KE', expiryDate: `${FUTURE_YEAR}-03-14` });
    // The old number is not taken any more.
    expect((await seeker.post(PAGE, passport('AK7712034'))).statusCode).toBe(303);
  });

  it('refuses a number registered to another account, and says nothing more', async () => {
    const other = await h.factories.people.user({ fullName: 'Zawadi Achieng' });
    await h.services.identityDocuments.record(await h.factories.people.contextOf(other), {
      documentType: 'passport',
      documentNumber: 'XB9988776',
      issuingCountry: 'KE',
      expiryDate: null,
    });
    const refused = await seeker.post(PAGE, passport('xb 998-8776'));
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'This document is already registered to another account. If it is yours, contact the labour migration office of the country that issued it.',
    ]);
    expect(refused.body).not.toContain('Zawadi');
    expect(refused.body).toContain('href="#documentNumber"');
    // The same number issued by another country, or as another type, is another document.
    expect(
      (await seeker.post(PAGE, passport('XB9988776', { issuingCountry: 'UG' }))).statusCode,
    ).toBe(303);
    expect(
      (await seeker.post(PAGE, passport('XB9988776', { documentType: 'seafarer_id' }))).statusCode,
    ).toBe(303);
    expect(h.logs.text).not.toMatch(/XB ?998-?8776/i);
  });

  it('maps a concurrent registration of the same number to the same field error', async () => {
    // The service checks first; two registrations at once both pass that check, and the
    // unique index refuses the second.
    const repository = new IdentityDocumentsRepository(h.db);
    const [first, second] = [
      (await h.factories.people.user()).id,
      (await h.factories.people.user()).id,
    ];
    const insert = (userId: string) =>
      repository.upsert(h.db, {
        userId,
        documentType: 'passport',
        numberHash: h.services.cipher.keyedHash('RC1234567', NUMBER_CONTEXT),
        numberEncrypted: h.services.cipher.encrypt('RC1234567', NUMBER_CONTEXT),
        issuingCountry: 'KE',
        expiryDate: null,
      });
    await insert(first);
    await expect(insert(second)).rejects.toSatisfy(isNumberTaken);
  });

  it('answers bad input with a field error for each field, never a 500', async () => {
    const cases: [Record<string, string | null>, string[], string?][] = [
      [
        { documentType: null, documentNumber: '', issuingCountry: '' },
        [
          'Select the type of document',
          'Enter the document number',
          'Select the country that issued the document',
        ],
        '#documentType',
      ],
      [
        passport('ПБ1234567'), // Cyrillic letters that look like no Latin one
        ['The document number must only include letters A to Z, numbers 0 to 9, spaces and dashes'],
      ],
      [
        passport('护照12345'),
        ['The document number must only include letters A to Z, numbers 0 to 9, spaces and dashes'],
      ],
      [
        passport('AB12'),
        [
          'The document number must be between 5 and 20 letters and numbers, not counting spaces and dashes',
        ],
      ],
      [
        passport('A'.repeat(21)),
        [
          'The document number must be between 5 and 20 letters and numbers, not counting spaces and dashes',
        ],
      ],
      [
        passport('9'.repeat(5000)),
        [
          'The document number must be between 5 and 20 letters and numbers, not counting spaces and dashes',
        ],
      ],
      [
        passport('AB1234567', { issuingCountry: 'ZZ' }),
        ['Select the country that issued the document'],
      ],
      [
        passport('AB1234567', { issuingCountry: 'KEN' }),
        ['Select the country that issued the document'],
      ],
      [
        passport('AB1234567', { documentType: 'visa' }),
        ['Select the type of document'],
        '#documentType',
      ],
      [
        passport('AB1234567', { 'expiryDate-year': '2020' }),
        ['The expiry date must be in the future'],
        '#expiryDate-day',
      ],
      [
        passport('AB1234567', { 'expiryDate-day': '31', 'expiryDate-month': '2' }),
        ['Enter a real date'],
        '#expiryDate-day',
      ],
      [
        passport('AB1234567', { 'expiryDate-month': '13' }),
        ['Enter a real date'],
        '#expiryDate-day',
      ],
      [
        passport('AB1234567', { 'expiryDate-year': '31' }),
        ['Enter a real date'],
        '#expiryDate-year',
      ],
      [
        passport('AB1234567', { 'expiryDate-month': 'March' }),
        ['Enter a real date'],
        '#expiryDate-month',
      ],
      [
        passport('AB1234567', { 'expiryDate-day': '' }),
        ['The expiry date must include a day'],
        '#expiryDate-day',
      ],
      [
        passport('AB1234567', { 'expiryDate-month': '', 'expiryDate-year': '' }),
        ['The expiry date must include a month and year'],
        '#expiryDate-month',
      ],
    ];
    for (const [form, messages, href] of cases) {
      const response = await seeker.post(PAGE, form);
      expect({ form, status: response.statusCode }).toEqual({ form, status: 400 });
      expect({ form, errors: errorSummary(response.body) }).toEqual({ form, errors: messages });
      if (href) expect(response.body).toContain(`href="${href}"`);
      expect(response.body).toMatch(/<title>Error: /);
    }
    // A field sent twice, as a crafted form could.
    const doubled = await h.app.inject({
      method: 'POST',
      url: PAGE,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `corridor_session=${seeker.session()}`,
      },
      payload: `_csrf=${seeker.csrf}&documentType=passport&documentNumber=A1&documentNumber=B2&issuingCountry=KE`,
    });
    expect(doubled.statusCode).toBe(400);
    expect(h.logs.text).not.toMatch(/AB ?1234567|ПАСПОРТ|АВ1234567/i);
  });

  it('records a document without an expiry date (some do not expire)', async () => {
    const response = await seeker.post(
      PAGE,
      passport('ID 4455 6677', {
        documentType: 'national_id',
        'expiryDate-day': '',
        'expiryDate-month': '',
        'expiryDate-year': '',
      }),
    );
    expect(response.statusCode).toBe(303);
    expect((await seeker.get(PAGE)).body).toContain('Does not expire');
  });

  it('removes a document (audited); anyone else’s is "not found"', async () => {
    const documents = await h.services.identityDocuments.list(await asSeeker(seekerId));
    const nationalId = documents.find((document) => document.documentType === 'national_id');
    expect(nationalId).toBeDefined();
    const other = await h.factories.people.user();
    await expect(
      h.services.identityDocuments.remove(
        await h.factories.people.contextOf(other),
        nationalId!.id,
      ),
    ).rejects.toMatchObject({ status: 404 });
    await seeker.get(PAGE);
    expect((await seeker.post(`${PAGE}/not-an-id/remove`)).statusCode).toBe(404);
    const removed = await seeker.post(`${PAGE}/${nationalId!.id}/remove`);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${PAGE}?removed=1`);
    expect((await seeker.get(`${PAGE}?removed=1`)).body).toContain(
      'Your document has been removed.',
    );
    expect((await seeker.post(`${PAGE}/${nationalId!.id}/remove`)).statusCode).toBe(404);
    const [event] = await h.services.audit.list({ action: 'identity_document.removed', limit: 1 });
    expect(event).toMatchObject({
      subjectIds: [nationalId!.id],
      dataSubjectUserId: seekerId,
      before: { documentType: 'national_id', issuingCountry: 'KE', expiryDate: null },
    });
  });

  it('is the person’s own page: officers get 403, visitors are sent to sign in', async () => {
    const officer = await h.signIn(await h.demoUser(ORIGIN_OFFICER));
    expect((await officer.get(PAGE)).statusCode).toBe(403);
    expect((await officer.post(PAGE, passport('OF1234567'))).statusCode).toBe(403);
    const visitor = await h.app.inject({ url: PAGE });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Faccount%2Fidentity-documents');
  });
});
