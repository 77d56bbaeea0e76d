import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { IMPORT_COLUMNS } from './remittance-import.js';

let h: Harness;
let officer: TestClient;

const HEADER = IMPORT_COLUMNS.join(',');
const today = new Date().toISOString().slice(0, 10);

function csv(...rows: string[]): string {
  return `${HEADER}\n${rows.join('\n')}\n`;
}

/** A row of the file for a Kenyan officer's corridor (AE → KE), with overrides by column. */
function row(overrides: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {}): string {
  const values = {
    provider: 'Harambee Remit',
    provider_kind: 'money_transfer_operator',
    from_country: 'AE',
    to_country: 'KE',
    send_currency: 'AED',
    amount_min: '0',
    amount_max: '',
    fee_fixed: '10',
    fee_percent: '0',
    fx_margin_percent: '1.5',
    speed: 'minutes',
    pay_in: 'cash',
    pay_out: 'mobile_money',
    observed_on: today,
    ...overrides,
  };
  return IMPORT_COLUMNS.map((column) => values[column]).join(',');
}

async function quoteCount(from: string, to: string): Promise<number> {
  const found = await h.db
    .selectFrom('remittance_quote')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('from_country', '=', from)
    .where('to_country', '=', to)
    .executeTakeFirstOrThrow();
  return Number(found.n);
}

beforeAll(async () => {
  h = await createHarness({ demo: true });
  const user = await h.factories.people.user({ role: 'origin_officer', countryCode: 'KE' });
  officer = await h.signIn(user);
});
afterAll(async () => h?.close());

describe('the public comparison', () => {
  it('lists the corridors and sends the chooser to the corridor page', async () => {
    const client = h.anonymous();
    const page = await client.get('/remittances');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/remittances/AE/PH"');
    const chosen = await client.get('/remittances?from=ae&to=ph');
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/remittances/AE/PH');
    const missing = await client.get('/remittances?from=AE&to=');
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)).toEqual(['Select the country you send to']);
  });

  it('shows providers cheapest first, the World Bank average, the target and the chart', async () => {
    const page = await h.anonymous().get('/remittances/AE/PH');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Falcon Exchange');
    expect(page.body).toContain('Demo data');
    expect(page.body).toMatch(/\(2020 Q3, World Bank\)/);
    expect(page.body).toContain('below 3% by 2030');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('<title id="corridor-chart-title">');
    const totals = [
      ...page.body.matchAll(/<td class="govuk-table__cell"><strong>([\d.]+)%<\/strong>/g),
    ].map((match) => Number(match[1]));
    expect(totals.length).toBeGreaterThan(3);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  it('sorts by speed and by fee through links, keeping the amount', async () => {
    const page = await h.anonymous().get('/remittances/AE/PH?amount=500&sort=total');
    expect(page.body).toContain('href="/remittances/AE/PH?amount=500&amp;sort=speed"');
    const bySpeed = await h.anonymous().get('/remittances/AE/PH?amount=500&sort=speed');
    const speeds = [...bySpeed.body.matchAll(/Speed: ([A-Za-z ]+)\./g)].map((match) => match[1]);
    expect(speeds[0]).toBe('Within an hour');
    expect(speeds[speeds.length - 1]).toBe('Two to five days');
    const api = await h.anonymous().json('GET', '/api/v1/remittances/AE/PH?amount=500');
    const fees = api.json<{ quotes: { cost: { fee: number } }[] }>().quotes.map((q) => q.cost.fee);
    const byFee = await h.anonymous().get('/remittances/AE/PH?amount=500&sort=fee');
    const shown = [...byFee.body.matchAll(/Fee AED\s?([\d.]+)/g)].map((match) => Number(match[1]));
    expect(shown).toEqual([...fees].sort((a, b) => a - b));
  });

  it('names a malformed amount and still shows the reference prices', async () => {
    const page = await h.anonymous().get('/remittances/AE/PH?amount=12abc');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual([
      'Enter the amount in figures only, without letters or currency signs',
    ]);
    expect(page.body).toContain('Falcon Exchange');
    const arabic = await h.anonymous({ lang: 'ar' }).get('/remittances/AE/PH?amount=-5');
    expect(arabic.statusCode).toBe(400);
    expect(errorSummary(arabic.body)).toEqual(['أدخل المبلغ بالأرقام فقط، دون حروف أو رموز عملات']);
  });

  it('reads amounts in other scripts’ digits', async () => {
    const api = await h
      .anonymous()
      .json('GET', `/api/v1/remittances/AE/PH?amount=${encodeURIComponent('١٥٠٠')}`);
    expect(api.statusCode).toBe(200);
    expect(api.json<{ amount: number }>().amount).toBe(1500);
  });

  it('answers 404 for an unknown corridor or country, translated', async () => {
    expect((await h.anonymous().get('/remittances/AE/KE')).statusCode).toBe(404);
    expect((await h.anonymous().get('/remittances/ZZ/PH')).statusCode).toBe(404);
    expect((await h.anonymous().get('/remittances/AEX/PH')).statusCode).toBe(404);
    const french = await h.anonymous({ lang: 'fr' }).get('/remittances/AE/KE');
    expect(french.body).toContain('Corridor n’a pas de prix de transfert d’argent');
    const api = await h.anonymous().json('GET', '/api/v1/remittances/AE/KE');
    expect(api.statusCode).toBe(404);
    const bad = await h.anonymous().json('GET', '/api/v1/remittances/AE/PH?amount=lots');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('/amount');
  });

  it('prices USD 200 and the reader’s amount in the API', async () => {
    const api = await h.anonymous().json('GET', '/api/v1/remittances/SA/BD?amount=5000');
    expect(api.statusCode).toBe(200);
    const body = api.json<{
      sendCurrency: string;
      referenceAmount: number;
      quotes: { cost: { totalCostPercent: number }; costAt200Usd: unknown }[];
      worldBankAverage: { latest: { period: string } };
      sdgTargetPercent: number;
    }>();
    expect(body.sendCurrency).toBe('SAR');
    expect(body.referenceAmount).toBe(750);
    expect(body.quotes[0]?.costAt200Usd).not.toBeNull();
    expect(body.worldBankAverage.latest.period).toBe('2020Q3');
    expect(body.sdgTargetPercent).toBe(3);
  });
});

describe('the officers’ import', () => {
  it('is for officers only', async () => {
    const anonymous = await h.anonymous().get('/remittances/import');
    expect(anonymous.statusCode).toBe(303);
    const seeker = await h.signIn(await h.factories.people.user({ role: 'job_seeker' }));
    expect((await seeker.get('/remittances/import')).statusCode).toBe(403);
    const page = await officer.get('/remittances/import');
    expect(page.statusCode).toBe(200);
    const template = await officer.get('/remittances/import/template.csv');
    expect(template.body.split('\n')[0]).toBe(HEADER);
  });

  it('imports nothing when a row is refused (all or nothing), with the reason per row', async () => {
    await officer.get('/remittances/import');
    const file = csv(
      row(),
      row({ provider: 'Jambo Bank', provider_kind: 'bank', send_currency: 'XXY' }),
      row({ from_country: 'AE', to_country: 'PH' }),
      row({ provider_kind: '=HYPERLINK("http://evil.example")' }),
      row({ observed_on: '2026-02-30' }),
    );
    const response = await officer.upload(
      '/remittances/import',
      { mode: 'all' },
      {
        field: 'file',
        filename: 'prices.csv',
        content: file,
      },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Nothing was imported');
    expect(response.body).toContain('Not an ISO 4217 currency code');
    expect(response.body).toContain('Neither country is in your jurisdiction');
    expect(response.body).toContain('Not a date: write it as YYYY-MM-DD');
    // Echoed as text a spreadsheet will not run.
    expect(response.body).toContain('&#39;=HYPERLINK');
    expect(await quoteCount('AE', 'KE')).toBe(0);
  });

  it('imports the valid rows when asked, audited, with an event', async () => {
    await officer.get('/remittances/import');
    const file = csv(
      row(),
      row({
        provider: 'Jambo Bank',
        provider_kind: 'bank',
        pay_in: 'account',
        pay_out: 'account',
        speed: 'next_day',
      }),
      row({ speed: 'fortnight' }),
    );
    const response = await officer.upload(
      '/remittances/import',
      { mode: 'valid' },
      {
        field: 'file',
        filename: 'prices.csv',
        content: file,
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('2 prices imported');
    expect(response.body).toContain('Use minutes, same_day, next_day, days or week');
    expect(await quoteCount('AE', 'KE')).toBe(2);
    const audit = await h.db
      .selectFrom('audit_event')
      .select(['action', 'subject_ids'])
      .where('action', '=', 'remittance_prices.imported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subject_ids).toEqual(['AE-KE']);
    const events = await h.db
      .selectFrom('domain_event')
      .select('type')
      .where('type', '=', 'remittance_prices.imported')
      .execute();
    expect(events).toHaveLength(1);
    // The new corridor is public now.
    const page = await h.anonymous().get('/remittances/AE/KE');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Harambee Remit');
  });

  it('keeps the newest price of an offer', async () => {
    const older = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const result = await officer.json('POST', '/api/v1/remittances/imports', {
      csv: csv(row({ fee_fixed: '99', observed_on: older })),
      mode: 'all',
    });
    expect(result.statusCode).toBe(200);
    expect(result.json<{ written: number }>().written).toBe(0);
    const fees = await h.db
      .selectFrom('remittance_quote')
      .select('fee_fixed')
      .where('to_country', '=', 'KE')
      .execute();
    expect(fees.map((fee) => Number(fee.fee_fixed)).sort()).toEqual([10, 10]);
  });

  it('refuses a file without its columns, an empty one and one over 1 MB, by name', async () => {
    await officer.get('/remittances/import');
    const noColumns = await officer.upload(
      '/remittances/import',
      { mode: 'all' },
      {
        field: 'file',
        filename: 'prices.csv',
        content: 'provider,fee\nA,1\n',
      },
    );
    expect(noColumns.statusCode).toBe(400);
    expect(errorSummary(noColumns.body)[0]).toContain('The header row lacks these columns');
    const none = await officer.upload(
      '/remittances/import',
      { mode: 'all' },
      {
        field: 'file',
        filename: 'prices.csv',
        content: '',
      },
    );
    expect(errorSummary(none.body)).toEqual(['Choose a CSV file to upload']);
    const big = await officer.upload(
      '/remittances/import',
      { mode: 'all' },
      {
        field: 'file',
        filename: 'prices.csv',
        content: csv(...Array.from({ length: 9000 }, () => row({ provider: 'x'.repeat(100) }))),
      },
    );
    expect([400, 413]).toContain(big.statusCode);
    expect(await quoteCount('AE', 'KE')).toBe(2);
  });
});
