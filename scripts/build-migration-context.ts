/**
 * Copies the World Bank's bilateral migrant stocks 2017 and bilateral remittances 2017 (World
 * Bank / KNOMAD, CC BY 4.0) from the shared data folder into data/reference/migration/, with
 * ISO 3166-1 alpha-2 codes instead of the World Bank's country names, gzipped. Run it only when
 * a source changes; the app reads the copies (src/modules/statistics/context/world-bank.ts),
 * never the shared folder.
 *
 *   npx tsx scripts/build-migration-context.ts [/path/to/shared/data/migration]
 *
 * Writes:
 * - `wb_bilateral_migrant_stocks_2017.csv.gz`: origin,destination,migrants — persons born in
 *   `origin` living in `destination` (the source's columns of the same names).
 * - `wb_bilateral_remittances_2017.csv.gz`: origin,destination,usd_millions — DIRECTION: the
 *   money goes from `destination` to `origin`. `origin` is the country the migrants come from,
 *   which RECEIVES the remittances (the source's `receiving` column); `destination` is the
 *   country they work in, which SENDS them (the source's `sending` column). So a corridor reads
 *   the same way in both files: origin NP, destination QA is Nepalis in Qatar, and the money
 *   they send home from Qatar to Nepal.
 *
 * Names become codes through the explicit table below (the World Bank's spellings) and else the
 * reference country names (data/reference/iso: ISO, English and CLDR English names). Any name
 * neither knows stops the script: nothing is written. Dropped, and reported: the "World" /
 * "WORLD" totals, the "Other North" / "Other South" aggregates, and "Channel Islands" (no ISO
 * 3166-1 code: Jersey and Guernsey are counted together), and the source's one row from a
 * country to itself (Vanuatu → Vanuatu, in both files); remittances the source gives as "-" (no
 * estimate: India → Pakistan, Pakistan → India, Israel → Lebanon, Lebanon → Israel) are left out,
 * which the context reads as "no figure", not 0. Values are kept as the source writes
 * them (the remittances with all their decimals).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { readCsv } from '../src/modules/reference/reference.csv.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TARGET = path.join(ROOT, 'data/reference/migration');
const ISO = path.join(ROOT, 'data/reference/iso');

/** The World Bank's names that are no ISO or CLDR name, with their ISO 3166-1 alpha-2 code. */
export const WORLD_BANK_NAMES: Readonly<Record<string, string>> = {
  'Bahamas, The': 'BS',
  'Congo, Dem. Rep.': 'CD',
  'Congo, Rep.': 'CG',
  Curacao: 'CW',
  'Egypt, Arab Rep.': 'EG',
  'Faeroe Islands': 'FO',
  'Gambia, The': 'GM',
  'Hong Kong SAR, China': 'HK',
  'Iran, Islamic Rep.': 'IR',
  'Korea, Dem. Rep.': 'KP',
  'Korea, Rep.': 'KR',
  /** Not assigned by ISO 3166-1; XK is the user-assigned code the EU and the World Bank use. */
  Kosovo: 'XK',
  'Kyrgyz Republic': 'KG',
  'Lao PDR': 'LA',
  'Macao SAR, China': 'MO',
  'Macedonia, FYR': 'MK',
  'Micronesia, Fed. Sts.': 'FM',
  'Slovak Republic': 'SK',
  'St. Kitts and Nevis': 'KN',
  'St. Martin (French part)': 'MF',
  'St. Vincent and the Grenadines': 'VC',
  Swaziland: 'SZ',
  Turkey: 'TR',
  'Venezuela, RB': 'VE',
  'West Bank and Gaza': 'PS',
  'Yemen, Rep.': 'YE',
};

/** Rows naming these are dropped: totals and aggregates of several countries. */
export const AGGREGATES: ReadonlySet<string> = new Set([
  'World',
  'WORLD',
  'Other North',
  'Other South',
]);

/** Rows naming these are dropped and counted: places without an ISO 3166-1 code. */
export const NO_ISO_CODE: ReadonlySet<string> = new Set(['Channel Islands']);

/** Name → code from the reference files; a name two codes share is left out (ambiguous). */
export function referenceNames(countriesCsv: string, cldrCsv: string): Map<string, string> {
  const found = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    const key = name.trim().toLowerCase();
    if (!key) return;
    const codes = found.get(key) ?? new Set<string>();
    codes.add(code);
    found.set(key, codes);
  };
  for (const row of readCsv(countriesCsv, ['alpha2', 'name_iso', 'name_en'])) {
    add(row.name_iso, row.alpha2);
    add(row.name_en, row.alpha2);
  }
  for (const row of readCsv(cldrCsv, ['kind', 'code', 'lang', 'name'])) {
    if (row.kind === 'region' && row.lang === 'en') add(row.name, row.code);
  }
  const names = new Map<string, string>();
  for (const [name, codes] of found) if (codes.size === 1) names.set(name, [...codes][0]!);
  return names;
}

export interface Converted {
  /** CSV text (LF line ends), header first. */
  csv: string;
  rows: number;
  /** Rows dropped because a side is a total or an aggregate, by that name. */
  aggregates: Map<string, number>;
  /** Rows dropped because a side has no ISO code, by that name. */
  noIsoCode: Map<string, number>;
  /** Rows dropped because both sides are the same country (the source has Vanuatu → Vanuatu). */
  sameCountry: Map<string, number>;
  /** Rows the source gives no value ('-'), by pair of codes (remittances India → Pakistan…). */
  noValue: Map<string, number>;
}

const NUMBER = /^\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * One source file to codes. `columns`: the source's [origin side, destination side, value]
 * columns; `header`: the written header. Throws on an unmapped name, a bad number, a repeated
 * pair.
 */
export function convert(
  text: string,
  columns: readonly [string, string, string],
  header: readonly [string, string, string],
  names: ReadonlyMap<string, string>,
): Converted {
  const [originColumn, destinationColumn, valueColumn] = columns;
  const aggregates = new Map<string, number>();
  const noIsoCode = new Map<string, number>();
  const sameCountry = new Map<string, number>();
  const noValue = new Map<string, number>();
  const unmapped = new Set<string>();
  const seen = new Set<string>();
  const lines = [header.join(',')];
  const bump = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1);
  const codeOf = (name: string) =>
    WORLD_BANK_NAMES[name] ?? names.get(name.trim().toLowerCase()) ?? null;

  for (const row of readCsv(text, columns)) {
    const sides: string[] = [row[originColumn] ?? '', row[destinationColumn] ?? ''];
    const aggregate = sides.find((name) => AGGREGATES.has(name));
    if (aggregate !== undefined) {
      bump(aggregates, aggregate);
      continue;
    }
    const noCode = sides.find((name) => NO_ISO_CODE.has(name));
    if (noCode !== undefined) {
      bump(noIsoCode, noCode);
      continue;
    }
    const [origin, destination] = sides.map(codeOf);
    sides.forEach((name, i) => {
      if ([origin, destination][i] === null) unmapped.add(name);
    });
    if (!origin || !destination) continue;
    const value = (row[valueColumn] ?? '').trim();
    if (value === '-' || value === '') {
      bump(noValue, `${origin},${destination}`);
      continue;
    }
    if (!NUMBER.test(value)) throw new Error(`Not a number: "${value}" (${sides.join(' → ')})`);
    if (origin === destination) {
      bump(sameCountry, sides[0]!);
      continue;
    }
    const pair = `${origin},${destination}`;
    if (seen.has(pair)) throw new Error(`Two rows for ${pair} (${sides.join(' → ')})`);
    seen.add(pair);
    lines.push(`${pair},${value}`);
  }
  if (unmapped.size > 0) {
    throw new Error(
      `World Bank names without a code (add them to WORLD_BANK_NAMES): ${[...unmapped].sort().join('; ')}`,
    );
  }
  return {
    csv: `${lines.join('\n')}\n`,
    rows: lines.length - 1,
    aggregates,
    noIsoCode,
    sameCountry,
    noValue,
  };
}

const FILES = [
  {
    source: 'wb_bilateral_migrant_stocks_2017.long.csv',
    target: 'wb_bilateral_migrant_stocks_2017.csv.gz',
    columns: ['origin', 'destination', 'migrants'],
    header: ['origin', 'destination', 'migrants'],
  },
  {
    // Origin of the migrants = receiving country of the money; destination = sending country.
    source: 'wb_bilateral_remittances_2017.long.csv',
    target: 'wb_bilateral_remittances_2017.csv.gz',
    columns: ['receiving', 'sending', 'usd_millions'],
    header: ['origin', 'destination', 'usd_millions'],
  },
] as const;

function main() {
  const sourceDir = path.resolve(process.argv[2] ?? '/work/shared/data/migration');
  const names = referenceNames(
    readFileSync(path.join(ISO, 'iso3166-1_countries.csv'), 'utf8'),
    zlib.gunzipSync(readFileSync(path.join(ISO, 'cldr-names.csv.gz'))).toString('utf8'),
  );
  // Convert both before writing either: an unmapped name leaves the folder as it was.
  const results = FILES.map((file) => ({
    file,
    result: convert(
      readFileSync(path.join(sourceDir, file.source), 'utf8'),
      file.columns,
      file.header,
      names,
    ),
  }));
  for (const { file, result } of results) {
    // mtime 0 in the gzip header: the same input gives the same bytes.
    writeFileSync(path.join(TARGET, file.target), zlib.gzipSync(result.csv, { level: 9 }));
    const list = (map: Map<string, number>) =>
      [...map].map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
    console.log(
      `${file.target}: ${result.rows} rows; dropped aggregates (${list(result.aggregates)}); ` +
        `dropped without an ISO code (${list(result.noIsoCode)}); ` +
        `dropped from a country to itself (${list(result.sameCountry)}); ` +
        `dropped without a value (${list(result.noValue)})`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
