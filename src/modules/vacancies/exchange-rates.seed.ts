import fs from 'node:fs/promises';
import type { Db } from '../../database.js';
import { readCsv } from '../reference/reference.csv.js';

/**
 * Indicative exchange rates (data/reference/exchange-rates.csv), loaded on every seed: each
 * currency's row is inserted or replaced, so editing the file and restarting is enough. They
 * only place wages of different currencies side by side (wage bands, sorting by wage); a
 * minimum wage is never checked with them (see data/reference/README.md).
 */
export const EXCHANGE_RATES_FILE = new URL(
  '../../../data/reference/exchange-rates.csv',
  import.meta.url,
);

export interface ExchangeRate {
  currency: string;
  usdPerUnit: string;
  asOf: string;
  source: string;
}

export class ExchangeRateFileError extends Error {}

/** Parsed and checked rows; a bad row names its line and is never half-loaded. */
export function parseExchangeRates(text: string): ExchangeRate[] {
  const seen = new Set<string>();
  return readCsv(text, ['currency', 'usd_per_unit', 'as_of', 'source']).map((row, index) => {
    const line = index + 2;
    const fail = (problem: string) => {
      throw new ExchangeRateFileError(`exchange-rates.csv line ${line}: ${problem}`);
    };
    if (!/^[A-Z]{3}$/.test(row.currency)) fail(`"${row.currency}" is not an ISO 4217 code`);
    if (seen.has(row.currency)) fail(`${row.currency} appears twice`);
    seen.add(row.currency);
    if (!/^\d{1,10}(\.\d{1,8})?$/.test(row.usd_per_unit) || !(Number(row.usd_per_unit) > 0)) {
      fail(`usd_per_unit "${row.usd_per_unit}" must be a positive number with at most 8 decimals`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.as_of) || Number.isNaN(Date.parse(row.as_of))) {
      fail(`as_of "${row.as_of}" must be a date (YYYY-MM-DD)`);
    }
    if (!row.source.trim()) fail('source is empty: say where the rate comes from');
    return {
      currency: row.currency,
      usdPerUnit: row.usd_per_unit,
      asOf: row.as_of,
      source: row.source.trim(),
    };
  });
}

/** Upserts every rate of the file; returns how many. Idempotent. */
export async function seedExchangeRates(
  db: Db,
  file: URL = EXCHANGE_RATES_FILE,
): Promise<{ exchangeRates: number }> {
  const rates = parseExchangeRates(await fs.readFile(file, 'utf8'));
  if (rates.length === 0) return { exchangeRates: 0 };
  await db
    .insertInto('exchange_rate')
    .values(
      rates.map((rate) => ({
        currency: rate.currency,
        usd_per_unit: rate.usdPerUnit,
        as_of: rate.asOf,
        source: rate.source,
      })),
    )
    .onConflict((conflict) =>
      conflict.column('currency').doUpdateSet((eb) => ({
        usd_per_unit: eb.ref('excluded.usd_per_unit'),
        as_of: eb.ref('excluded.as_of'),
        source: eb.ref('excluded.source'),
      })),
    )
    .execute();
  return { exchangeRates: rates.length };
}
