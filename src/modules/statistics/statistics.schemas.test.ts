import { describe, expect, it } from 'vitest';
import {
  MAX_VALUE_LENGTH,
  parseMapCountry,
  parseTableQuery,
  queryString,
  tableIdOf,
} from './statistics.schemas.js';
import type { TableDefinition } from './statistics.types.js';

const supply: TableDefinition = {
  id: 'supply',
  dimensions: ['origin', 'origin-subdivision', 'occupation', 'sex', 'language', 'month'],
  filters: ['origin', 'destination', 'occupation', 'from', 'to'],
  filterDimensions: {
    origin: 'origin',
    destination: 'preferred-destination',
    occupation: 'occupation',
  },
  columns: [{ id: 'job_seekers', unit: 'persons', kind: 'count' }],
  defaultBy: 'origin',
};
const processing: TableDefinition = {
  id: 'processing',
  dimensions: ['step', 'institution', 'month'],
  filters: ['from', 'to'],
  filterDimensions: {},
  columns: [{ id: 'decisions', unit: 'decisions', kind: 'count' }],
  defaultBy: 'step',
};

const fields = (raw: unknown, definition = supply) =>
  parseTableQuery(definition, raw).problems.map((p) => `${p.field}:${p.key}`);

describe('a table in the path', () => {
  it('is one of the five tables, or nothing', () => {
    expect(tableIdOf('demand')).toBe('demand');
    expect(tableIdOf('time-to-fill')).toBe('time-to-fill');
    for (const bad of ['Demand', 'users', '../demand', '', 'demand%00', 7, null, ['demand']]) {
      expect(tableIdOf(bad)).toBeNull();
    }
  });
});

describe('a table’s query string', () => {
  it('takes the table’s default breakdown and ISCO level 2 when none is given', () => {
    expect(parseTableQuery(supply, {})).toEqual({
      values: {},
      problems: [],
      query: { by: 'origin', occupationLevel: 2, filters: {} },
    });
  });

  it('reads a full query, country codes in capitals, blank values as not given', () => {
    const parsed = parseTableQuery(supply, {
      by: 'occupation',
      level: '4',
      origin: 'np',
      destination: ' QA ',
      occupation: '7112',
      from: '2026-01',
      to: '2026-03',
      lang: 'ar',
      page: '',
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.query).toEqual({
      by: 'occupation',
      occupationLevel: 4,
      filters: {
        origin: 'NP',
        destination: 'QA',
        occupation: '7112',
        from: '2026-01',
        to: '2026-03',
      },
    });
    expect(parseTableQuery(supply, { origin: '', from: '   ' }).query?.filters).toEqual({});
  });

  it('refuses each bad value on its own field, with a key the form translates', () => {
    expect(fields({ by: 'salary' })).toEqual(['by:statistics.errors.by']);
    // A dimension of another table is not one of this table's.
    expect(fields({ by: 'wage' })).toEqual(['by:statistics.errors.by']);
    expect(fields({ level: '5' })).toEqual(['level:statistics.errors.level']);
    expect(fields({ origin: 'NPL' })).toEqual(['origin:statistics.errors.country']);
    expect(fields({ destination: 'Q1' })).toEqual(['destination:statistics.errors.country']);
    expect(fields({ occupation: '71120' })).toEqual(['occupation:statistics.errors.occupation']);
    expect(fields({ occupation: '7a' })).toEqual(['occupation:statistics.errors.occupation']);
    expect(fields({ occupation: '7 a' })).toEqual(['occupation:statistics.errors.occupation']);
    expect(fields({ occupation: '71 120' })).toEqual(['occupation:statistics.errors.occupation']);
    expect(fields({ from: '2026-13' })).toEqual(['from:statistics.errors.month']);
    expect(fields({ to: '2026-3' })).toEqual(['to:statistics.errors.month']);
    expect(fields({ from: '2026-04', to: '2026-03' })).toEqual([
      'to:statistics.errors.toBeforeFrom',
    ]);
    expect(fields({ origin: 'NP' }, processing)).toEqual([
      'origin:statistics.errors.filterNotOffered',
    ]);
    // The ISCO level means nothing to processing: not an error, not read.
    expect(fields({ level: '9' }, processing)).toEqual([]);
  });

  it('reads an ISCO code typed with spaces, dashes or dots', () => {
    for (const typed of ['71 12', '71-12', ' 7.1.1.2 ', '71\u201312']) {
      expect(parseTableQuery(supply, { occupation: typed }).query?.filters).toEqual({
        occupation: '7112',
      });
    }
  });

  it('refuses hostile input: repeated parameters, objects, oversized and strange text', () => {
    expect(fields({ origin: ['NP', 'QA'] })).toEqual(['origin:statistics.errors.once']);
    expect(fields({ by: { $ne: 1 } })).toEqual(['by:statistics.errors.once']);
    expect(fields({ occupation: '7'.repeat(10_000) })).toEqual([
      'occupation:statistics.errors.tooLong',
    ]);
    const parsed = parseTableQuery(supply, { occupation: '7'.repeat(10_000) });
    expect(parsed.values.occupation!.length).toBe(MAX_VALUE_LENGTH + 1);
    for (const hostile of [
      "NP' OR 1=1 --",
      '<script>alert(1)</script>',
      'नेपाल',
      'নেপাল',
      'نيبال',
      '\u202eNP',
      'N\u0000P',
      '１２',
    ]) {
      expect(parseTableQuery(supply, { origin: hostile }).query).toBeNull();
      expect(parseTableQuery(supply, { occupation: hostile }).query).toBeNull();
      expect(parseTableQuery(supply, { from: hostile }).query).toBeNull();
    }
    expect(parseTableQuery(supply, 'by=origin').query).toEqual({
      by: 'origin',
      occupationLevel: 2,
      filters: {},
    });
    expect(parseTableQuery(supply, null).problems).toEqual([]);
  });

  it('asks for the same table again with only what differs from the defaults', () => {
    const query = parseTableQuery(supply, {
      by: 'occupation',
      level: '1',
      origin: 'np',
      to: '2026-03',
    }).query!;
    expect(queryString(query, supply)).toBe('?by=occupation&level=1&origin=NP&to=2026-03');
    expect(queryString(parseTableQuery(supply, {}).query!, supply)).toBe('');
  });
});

describe('the overview’s map country', () => {
  it('is a two-letter code, or a problem on the country field', () => {
    expect(parseMapCountry({ country: 'np' })).toEqual({ country: 'NP', problem: null });
    expect(parseMapCountry({})).toEqual({ country: null, problem: null });
    expect(parseMapCountry({ country: 'Nepal' }).problem?.key).toBe('statistics.errors.country');
    expect(parseMapCountry({ country: ['NP', 'IN'] }).problem?.key).toBe('statistics.errors.once');
    expect(parseMapCountry({ country: 'x'.repeat(500) }).problem?.key).toBe(
      'statistics.errors.tooLong',
    );
  });
});
