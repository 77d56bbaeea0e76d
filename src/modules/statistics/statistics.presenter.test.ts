import { describe, expect, it } from 'vitest';
import { formatters } from '../../platform/i18n/format.js';
import { Translator } from '../../platform/i18n/translator.js';
import {
  chartData,
  downloadLabels,
  presentTable,
  SUPPRESSION_MARK,
  tableJson,
  tableNotes,
} from './statistics.presenter.js';
import type { PublishedTable } from './statistics.types.js';

const translator = new Translator();
const t = translator.forLanguage('en');

const table: PublishedTable = {
  id: 'demand',
  audience: 'public',
  query: { by: 'destination', occupationLevel: 2, filters: { origin: 'NP' } },
  columns: [
    { id: 'job_orders_approved', unit: 'job_orders', kind: 'count' },
    { id: 'positions_approved', unit: 'positions', kind: 'count' },
  ],
  rows: [
    {
      code: 'AE',
      values: [
        { kind: 'count', value: 12 },
        { kind: 'count', value: 1480 },
      ],
    },
    { code: 'QA', values: [{ kind: 'suppressed' }, { kind: 'count', value: 6 }] },
  ],
  total: {
    code: '_T',
    values: [
      { kind: 'count', value: 17 },
      { kind: 'count', value: 1487 },
    ],
  },
  asOf: new Date('2026-12-04T22:00:00Z'),
  scope: {},
};
const labels = new Map([
  ['AE', 'United Arab Emirates'],
  ['QA', 'Qatar'],
]);

describe('a published table on a page', () => {
  it('formats numbers in the locale, marks suppressed cells, keeps the total last as its own', () => {
    const view = presentTable(table, labels, t, formatters('en'));
    expect(view.title).toBe('Demand: job orders and positions');
    expect(view.dimension).toBe('Destination country');
    expect(view.columns.map((c) => c.heading)).toEqual([
      'Job orders approved',
      'Positions approved',
    ]);
    expect(view.rows[0]).toEqual({
      code: 'AE',
      label: 'United Arab Emirates',
      cells: [
        { text: '12', suppressed: false },
        { text: '1,480', suppressed: false },
      ],
    });
    expect(view.rows[1]!.cells[0]).toEqual({ text: SUPPRESSION_MARK, suppressed: true });
    expect(view.total.label).toBe('Total');
    expect(view.total.cells.map((c) => c.text)).toEqual(['17', '1,487']);
    expect(view.anySuppressed).toBe(true);
    expect(view.restricted).toBe(false);
    // Arabic digits and grouping in Arabic.
    const arabic = presentTable(table, labels, translator.forLanguage('ar'), formatters('ar'));
    expect(arabic.rows[0]!.cells[1]!.text).toBe(new Intl.NumberFormat('ar').format(1480));
  });

  it('says the public figures are perturbed, and the restricted ones exact, not for publication', () => {
    expect(tableNotes(table, t).join(' ')).toMatch(/changed slightly at random/);
    expect(tableNotes(table, t).join(' ')).toMatch(/not the sum of the rows/);
    const exact = tableNotes({ ...table, audience: 'restricted' }, t).join(' ');
    expect(exact).toMatch(/not for publication/);
    expect(exact).not.toMatch(/at random/);
    const bySex = tableNotes(
      { ...table, id: 'supply', query: { ...table.query, by: 'language' } },
      t,
    );
    expect(bySex.join(' ')).toMatch(/counts once under each/);
  });

  it('charts the first column without the total, suppressed cells as null', () => {
    expect(chartData(table, labels)).toEqual([
      { code: 'AE', label: 'United Arab Emirates', value: 12 },
      { code: 'QA', label: 'Qatar', value: null },
    ]);
    expect(chartData(table, labels, 1).map((d) => d.value)).toEqual([1480, 6]);
  });

  it('gives the downloads their labels', () => {
    expect(downloadLabels(table, labels, t)).toEqual({
      title: 'Demand: job orders and positions',
      dimension: 'Destination country',
      columns: {
        job_orders_approved: 'Job orders approved',
        positions_approved: 'Positions approved',
      },
      rows: { AE: 'United Arab Emirates', QA: 'Qatar', _T: 'Total' },
      suppressed: 'Hidden: too few to show',
    });
  });
});

describe('a published table in the API', () => {
  it('gives values as { value } or { status: suppressed }, labels in the request’s language', () => {
    const json = tableJson(table, labels, t);
    expect(json.rows[1]).toEqual({
      code: 'QA',
      label: 'Qatar',
      values: [{ status: 'suppressed' }, { value: 6 }],
    });
    expect(json.total).toEqual({
      code: '_T',
      label: 'Total',
      values: [{ value: 17 }, { value: 1487 }],
    });
    expect(json.asOf).toBe('2026-12-04T22:00:00.000Z');
    expect(json.query).toEqual({
      by: 'destination',
      occupationLevel: 2,
      filters: { origin: 'NP' },
    });
    expect(json.columns[1]).toEqual({
      id: 'positions_approved',
      label: 'Positions approved',
      unit: 'positions',
      kind: 'count',
    });
    // No bidi isolation marks in JSON, even in Arabic.
    const arabic = JSON.stringify(tableJson(table, labels, translator.forLanguage('ar')));
    expect(arabic).not.toMatch(/[\u2066-\u2069]/);
  });
});
