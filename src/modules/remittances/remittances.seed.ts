import fs from 'node:fs/promises';
import { readCsv } from '../reference/reference.csv.js';
import type { CorridorAverage, RemittancesRepository } from './remittances.repository.js';

/**
 * The World Bank's Remittance Prices Worldwide corridor averages (data/reference/migration/,
 * source and licence in data/reference/README.md): the average total cost of sending USD 200,
 * per sending and receiving country and quarter, 2011Q1–2020Q3. Loaded on every seed; skipped
 * when the database already holds as many averages as the file gives.
 */
export const WORLD_BANK_AVERAGES_FILE = new URL(
  '../../../data/reference/migration/wb_rpw_corridor_avg_total_cost_2011Q1-2020Q3.csv',
  import.meta.url,
);

export const WORLD_BANK_SOURCE = {
  name: 'World Bank, Remittance Prices Worldwide',
  url: 'https://remittanceprices.worldbank.org',
  licence: 'CC BY 4.0',
};

const COLUMNS = ['sending_iso3', 'receiving_iso3', 'period', 'avg_total_cost_pct_200usd'] as const;

/**
 * The file's rows as alpha-2 corridors. Rows naming a code ISO 3166-1 does not assign (the
 * World Bank's KSV for Kosovo, ANT for the former Netherlands Antilles) are left out and counted.
 */
export function parseWorldBankAverages(
  text: string,
  alpha3ToCode: ReadonlyMap<string, string>,
): { averages: CorridorAverage[]; skipped: number } {
  const averages: CorridorAverage[] = [];
  let skipped = 0;
  for (const row of readCsv(text, COLUMNS)) {
    const fromCountry = alpha3ToCode.get(row.sending_iso3);
    const toCountry = alpha3ToCode.get(row.receiving_iso3);
    const value = row.avg_total_cost_pct_200usd;
    if (
      !fromCountry ||
      !toCountry ||
      fromCountry === toCountry ||
      !/^\d{4}Q[1-4]$/.test(row.period) ||
      !/^-?\d{1,3}(\.\d{1,4})?$/.test(value)
    ) {
      skipped += 1;
      continue;
    }
    averages.push({ fromCountry, toCountry, period: row.period, totalCostPercent: value });
  }
  return { averages, skipped };
}

export async function seedWorldBankAverages(
  repository: RemittancesRepository,
  file: URL = WORLD_BANK_AVERAGES_FILE,
): Promise<{ corridorAverages: number; skipped: number }> {
  const { averages, skipped } = parseWorldBankAverages(
    await fs.readFile(file, 'utf8'),
    await repository.alpha3ToCode(),
  );
  if ((await repository.countAverages()) === averages.length)
    return { corridorAverages: averages.length, skipped };
  const pairs = new Map<string, { fromCountry: string; toCountry: string }>();
  for (const average of averages) pairs.set(`${average.fromCountry}${average.toCountry}`, average);
  await repository.transaction(async (trx) => {
    await repository.ensureCorridors(trx, [...pairs.values()]);
    await repository.upsertAverages(trx, averages);
  });
  return { corridorAverages: averages.length, skipped };
}
