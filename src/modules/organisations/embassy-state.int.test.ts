import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/**
 * An embassy names the state it represents (its jurisdiction over people), another than the
 * country it is in; no other kind of organisation names one; only a system administrator
 * changes it. The demo's embassy of Kenya in Abu Dhabi represents Kenya.
 */
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ demo: true });
});
afterAll(async () => {
  await h?.close();
});

const embassy = (overrides: Record<string, string> = {}) => ({
  kind: 'embassy',
  name: 'Embassy of Nepal in Doha',
  countryCode: 'QA',
  representedCountryCode: 'NP',
  ...overrides,
});

describe('an embassy’s state', () => {
  it('is asked for, checked and shown when a system administrator adds an embassy', async () => {
    const admin = await h.signInDemo('admin@demo.corridor.example');
    const form = await admin.get('/organisations/new');
    expect(form.body).toContain('name="representedCountryCode"');
    expect(form.body).toContain('Country it represents');

    const cases: [Record<string, string>, string][] = [
      [embassy({ representedCountryCode: '' }), 'Select the country the embassy represents'],
      [embassy({ representedCountryCode: 'ZZ' }), 'Select the country the embassy represents'],
      [
        embassy({ representedCountryCode: 'QA' }),
        'The country an embassy represents must be different from the country it is in',
      ],
      [
        embassy({ kind: 'ngo', name: 'Migrant Help Doha' }),
        'Leave the country it represents empty: only an embassy or consulate represents a country',
      ],
    ];
    for (const [fields, message] of cases) {
      const refused = await admin.post('/organisations', fields);
      expect({ fields, status: refused.statusCode }).toEqual({ fields, status: 400 });
      expect(errorSummary(refused.body)).toEqual([message]);
    }

    const created = await admin.post('/organisations', embassy());
    expect(created.statusCode).toBe(303);
    const shown = await admin.get(created.headers.location as string);
    expect(shown.body).toContain('Country it represents');
    expect(shown.body).toContain('Nepal');
    expect(shown.body).toContain('Qatar');
    const id = (created.headers.location as string).split('/')[2]?.split('?')[0] ?? '';
    const row = await h.db
      .selectFrom('organisation')
      .select(['country_code', 'represented_country_code'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ country_code: 'QA', represented_country_code: 'NP' });
    const [event] = await h.services.audit.list({
      action: 'organisation.created',
      subjectId: id,
      limit: 1,
    });
    expect(event?.after).toMatchObject({ countryCode: 'QA', representedCountryCode: 'NP' });
  });

  it('is the demo embassy’s Kenya, which its own administrator cannot change', async () => {
    const row = await h.db
      .selectFrom('organisation')
      .select(['id', 'name', 'country_code', 'represented_country_code'])
      .where('kind', '=', 'embassy')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ country_code: 'AE', represented_country_code: 'KE' });

    const admin = await h.signInDemo('admin@demo.corridor.example');
    const edit = await admin.get(`/organisations/${row.id}/edit`);
    expect(edit.body).toContain('name="representedCountryCode"');
    const ngo = await h.db
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'recruitment_agency')
      .executeTakeFirstOrThrow();
    expect((await admin.get(`/organisations/${ngo.id}/edit`)).body).not.toContain(
      'representedCountryCode',
    );

    // The embassy's own administrator edits its details but not the state it represents.
    const officer = await h.factories.people.user({
      role: 'embassy_officer',
      organisationId: row.id,
      administrator: true,
    });
    const client = await h.signIn(officer);
    await client.get(`/organisations/${row.id}/edit`);
    const details = { name: row.name, countryCode: 'AE', address: 'Embassies District' };
    const moved = await client.post(`/organisations/${row.id}`, {
      ...details,
      representedCountryCode: 'UG',
    });
    expect(moved.statusCode).toBe(400);
    expect(errorSummary(moved.body)).toEqual([
      'Only a system administrator can change the country an embassy represents',
    ]);
    const kept = await client.post(`/organisations/${row.id}`, {
      ...details,
      representedCountryCode: 'KE',
    });
    expect(kept.statusCode).toBe(303);
  });
});
