import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  loadWorldBankContext,
  MIGRANT_STOCKS_FILE,
  parseFigures,
  REMITTANCES_FILE,
  WORLD_BANK_SOURCE,
  WorldBankDataError,
} from './world-bank.js';

// The shipped copies (data/reference/migration/), values as in the World Bank's files.
const context = loadWorldBankContext();

describe('loadWorldBankContext on the shipped files', () => {
  it('gives the migrant stock of a known corridor as the source writes it', () => {
    expect(context.migrantStocks({ origin: 'NP', destination: 'QA' })).toEqual([
      { origin: 'NP', destination: 'QA', value: 341000 },
    ]);
  });

  it('reads remittances towards the origin: Philippines ← Saudi Arabia', () => {
    // Source row: sending "Saudi Arabia", receiving "Philippines", 3686.3480894332265.
    expect(context.remittances({ origin: 'PH', destination: 'SA' })).toEqual([
      { origin: 'PH', destination: 'SA', value: 3686.3480894332265 },
    ]);
    // Nepal ← Qatar: sending "Qatar", receiving "Nepal".
    expect(context.remittances({ origin: 'NP', destination: 'QA' })[0]?.value).toBeCloseTo(
      1967.87,
      2,
    );
  });

  it('maps the World Bank names that are not ISO names', () => {
    // "Egypt, Arab Rep." EG, "Korea, Rep." KR, "Kosovo" XK, "West Bank and Gaza" PS.
    expect(context.migrantStocks({ origin: 'EG' }).length).toBeGreaterThan(10);
    expect(context.migrantStocks({ destination: 'KR' }).length).toBeGreaterThan(10);
    expect(context.migrantStocks({ origin: 'XK', destination: 'DE' })[0]?.value).toBe(202905);
    expect(context.migrantStocks({ origin: 'PS' }).length).toBeGreaterThan(0);
  });

  it('sorts by value, largest first, and filters by one side', () => {
    const fromNepal = context.migrantStocks({ origin: 'NP' });
    expect(fromNepal.length).toBeGreaterThan(5);
    expect(fromNepal.every((f) => f.origin === 'NP')).toBe(true);
    for (let i = 1; i < fromNepal.length; i += 1) {
      expect(fromNepal[i - 1]!.value).toBeGreaterThanOrEqual(fromNepal[i]!.value);
    }
    expect(fromNepal[0]?.destination).toBe('IN');
    const toQatar = context.remittances({ destination: 'QA' });
    expect(toQatar.every((f) => f.destination === 'QA')).toBe(true);
    expect(toQatar.map((f) => f.origin).slice(0, 3)).toContain('IN');
  });

  it('has no totals, aggregates or places without a code', () => {
    const all = context.migrantStocks({});
    expect(all.length).toBe(14367);
    expect(context.remittances({}).length).toBe(11896);
    expect(all.every((f) => /^[A-Z]{2}$/.test(f.origin) && /^[A-Z]{2}$/.test(f.destination))).toBe(
      true,
    );
    expect(all.some((f) => f.origin === f.destination)).toBe(false);
  });

  it('answers unknown or malformed codes with an empty list, and "no figure" for pairs without one', () => {
    expect(context.migrantStocks({ origin: 'ZZ' })).toEqual([]);
    expect(context.migrantStocks({ origin: 'np' })).toEqual([]);
    expect(context.migrantStocks({ origin: 'NPL' })).toEqual([]);
    expect(context.remittances({ destination: '' })).toEqual([]);
    // The source gives "-" for India → Pakistan: no figure, not 0.
    expect(context.remittances({ origin: 'PK', destination: 'IN' })).toEqual([]);
  });

  it('names its source, year and licence, and is loaded once', () => {
    expect(context.source).toBe(WORLD_BANK_SOURCE);
    expect(context.source.year).toBe(2017);
    expect(context.source.licence).toBe('CC BY 4.0');
    expect(loadWorldBankContext('data/reference/migration')).toBe(context);
  });

  it('gives copies: a caller cannot reorder the shared lists', () => {
    const list = context.migrantStocks({ origin: 'NP' });
    list.reverse();
    expect(context.migrantStocks({ origin: 'NP' })[0]?.destination).toBe('IN');
  });
});

describe('loadWorldBankContext on other files', () => {
  const write = (stocks: string, remittances: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-'));
    writeFileSync(path.join(dir, MIGRANT_STOCKS_FILE), zlib.gzipSync(stocks));
    writeFileSync(path.join(dir, REMITTANCES_FILE), zlib.gzipSync(remittances));
    return dir;
  };

  it('reads an absolute folder and breaks ties by codes', () => {
    const dir = write(
      'origin,destination,migrants\nNP,QA,5\nBD,QA,5\nNP,MY,9\n',
      'origin,destination,usd_millions\nNP,QA,1.5\n',
    );
    const ctx = loadWorldBankContext(dir);
    expect(ctx.migrantStocks({ destination: 'QA' }).map((f) => f.origin)).toEqual(['BD', 'NP']);
    expect(ctx.migrantStocks({}).map((f) => f.value)).toEqual([9, 5, 5]);
    expect(ctx.remittances({ origin: 'NP' })).toEqual([
      { origin: 'NP', destination: 'QA', value: 1.5 },
    ]);
  });

  it('refuses a file with a bad code or value, naming the line', () => {
    expect(() =>
      parseFigures('origin,destination,migrants\nNP,Qatar,5\n', 'migrants', 'f'),
    ).toThrow(/f, line 2/);
    expect(() => parseFigures('origin,destination,migrants\nNP,QA,-5\n', 'migrants', 'f')).toThrow(
      WorldBankDataError,
    );
    expect(() => parseFigures('origin,destination,migrants\nNP,QA,\n', 'migrants', 'f')).toThrow(
      WorldBankDataError,
    );
    expect(() => parseFigures('origin,destination\nNP,QA\n', 'migrants', 'f')).toThrow(
      /Missing column/,
    );
  });
});
