/**
 * Copies the source files Corridor loads from the shared data folder into data/reference, gzips
 * the large ones and applies the documented corrections (data/reference/README.md). Run it only
 * when a source changes; the app never reads the shared folder.
 *
 *   npx tsx scripts/build-reference-data.ts [/path/to/shared/data]
 *     [--cldr-subdivisions /path/to/cldr-subdivisions-full/subdivisions]
 *
 * It also writes the CLDR names Corridor shows in the reader's language (ADR 12):
 * `iso/cldr-names.csv` (countries, languages, currencies) from the ICU data of the Node that runs
 * it, and `iso/subdivision-names.csv.gz` from the npm package cldr-subdivisions-full (unpack it
 * with `npm pack cldr-subdivisions-full@48.2.0`; without the option that file is left as it is)
 * and the provisional names transcribed in scripts/data/.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { parseCsv, readCsv } from '../src/modules/reference/reference.csv.js';
import { LANGUAGES } from '../src/platform/i18n/languages.js';

const TARGET = fileURLToPath(new URL('../data/reference/', import.meta.url));
const SCRIPT_DATA = fileURLToPath(new URL('./data/', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args.splice(at, 2)[1];
};
const CLDR_SUBDIVISIONS = option('--cldr-subdivisions');
const SOURCE = path.resolve(args[0] ?? '/work/shared/data');

/**
 * The languages names are written in: every UI language, and those being added (a UI language
 * added later needs this script run again; reference.names.test.ts fails until it is).
 */
const NAME_LANGUAGES = [...new Set<string>([...LANGUAGES, 'sw', 'fil', 'ne', 'bn', 'ur'])];

interface Copy {
  file: string;
  gzip?: boolean;
  transform?: (text: string) => string;
}

const COPIES: Copy[] = [
  { file: 'iso/iso3166-1_countries.csv', transform: correctCountryNames },
  { file: 'iso/iso3166-2_subdivisions.csv' },
  { file: 'iso/iso4217_currencies.csv' },
  { file: 'iso/iso639-1_languages.csv' },
  { file: 'iso/iso639-3_languages.csv', gzip: true },
  { file: 'isco08/isco08_structure.csv', gzip: true },
  { file: 'esco/esco1.2.0_occupations_en.csv', gzip: true },
  { file: 'esco/esco1.0.x_occupations_ar.csv', gzip: true },
  { file: 'esco/esco1.0.x_occupations_fr.csv', gzip: true },
  { file: 'esco/esco_occupation_labels_multilingual.derived.csv.gz' },
  { file: 'esco/esco1.0.x_skills_en-us.csv.gz' },
  { file: 'esco/esco1.2.0_occupation_skill_relations.derived.csv.gz' },
  { file: 'esco/esco1.2.0_skill_label_to_id.derived.csv', gzip: true },
  { file: 'isced/isced2011_levels.csv' },
  { file: 'isced/iscedf2013_fields.csv' },
];

/** Names the source (i18n-iso-countries 7.14.0) got wrong: Portuguese swaps the two Congos. */
const COUNTRY_NAME_CORRECTIONS = [
  {
    code: 'CD',
    column: 'name_pt',
    was: 'República Popular do Congo',
    now: 'República Democrática do Congo',
  },
  {
    code: 'CG',
    column: 'name_pt',
    was: 'República Democrática do Congo',
    now: 'República do Congo',
  },
  { code: 'CD', column: 'name_de', was: 'Kongo', now: 'Demokratische Republik Kongo' },
  { code: 'SX', column: 'name_pt', was: 'São Martinho', now: 'São Martinho (Países Baixos)' },
];

function correctCountryNames(text: string): string {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('iso3166-1_countries.csv is empty');
  for (const correction of COUNTRY_NAME_CORRECTIONS) {
    const column = header.indexOf(correction.column);
    const record = records.find((fields) => fields[0] === correction.code);
    if (column === -1 || !record) throw new Error(`Cannot apply ${JSON.stringify(correction)}`);
    if (record[column] === correction.was) record[column] = correction.now;
    else if (record[column] !== correction.now) {
      throw new Error(`${correction.code} ${correction.column} is now "${record[column]}": review`);
    }
  }
  return csv([header, ...records]);
}

const quote = (field: string) =>
  /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
const csv = (rows: string[][]) =>
  rows.map((fields) => fields.map(quote).join(',')).join('\n') + '\n';

/**
 * CLDR's names of countries, languages and currencies in each name language, from Intl (ICU is
 * CLDR). Only names CLDR has (`fallback: 'none'`): a missing one is shown in English. A name CLDR
 * gives two codes (it names Twi "Akan", as an alias of ak) is kept only for the code whose
 * ISO English name it is; the other falls back to its own ISO name.
 */
function cldrNames(): string {
  const read = <const C extends string>(file: string, columns: readonly C[]) =>
    readCsv(
      (file.endsWith('.gz') ? zlib.gunzipSync(readFileSync(file)) : readFileSync(file)).toString(
        'utf8',
      ),
      columns,
    );
  const countries = read(path.join(TARGET, 'iso/iso3166-1_countries.csv'), ['alpha2', 'name_en']);
  const languages = read(path.join(TARGET, 'iso/iso639-1_languages.csv'), ['code', 'name_en']);
  const currencies = read(path.join(TARGET, 'iso/iso4217_currencies.csv'), ['code', 'currency']);
  const kinds = [
    { kind: 'region', codes: countries.map((r) => ({ code: r.alpha2, nameEn: r.name_en })) },
    { kind: 'language', codes: languages.map((r) => ({ code: r.code, nameEn: r.name_en })) },
    { kind: 'currency', codes: currencies.map((r) => ({ code: r.code, nameEn: r.currency })) },
  ] as const;
  const rows: string[][] = [['kind', 'code', 'lang', 'name']];
  for (const { kind, codes } of kinds) {
    const english = new Intl.DisplayNames(['en'], { type: kind, fallback: 'none' });
    for (const lang of NAME_LANGUAGES) {
      const names = new Intl.DisplayNames([lang], { type: kind, fallback: 'none' });
      const named = codes.flatMap(({ code, nameEn }) => {
        const name = names.of(code);
        return name ? [{ code, nameEn, name }] : [];
      });
      const shared = new Map<string, number>();
      for (const { name } of named) shared.set(name, (shared.get(name) ?? 0) + 1);
      for (const { code, nameEn, name } of named) {
        if ((shared.get(name) ?? 0) > 1 && english.of(code) !== nameEn) continue;
        rows.push([kind, code, lang, name]);
      }
    }
  }
  return csv(rows);
}

/**
 * CLDR subdivision names (type "aedu" for ISO 3166-2 AE-DU) for the ISO codes Corridor has:
 * the package's approved names in every name language (English is complete; the others have
 * almost none), then the provisional names transcribed from CLDR's common/subdivisions/<lang>.xml
 * (scripts/data/cldr-subdivisions-*-provisional.csv) where the package has none.
 */
function subdivisionNames(packageDir: string): string {
  const iso = readCsv(readFileSync(path.join(TARGET, 'iso/iso3166-2_subdivisions.csv'), 'utf8'), [
    'code',
  ]).map((r) => r.code);
  const byType = new Map(iso.map((code) => [code.replace('-', '').toLowerCase(), code]));
  const names = new Map<string, string>();
  const add = (type: string, lang: string, name: string) => {
    const code = byType.get(type);
    const key = `${code} ${lang}`;
    if (code && name.trim() && !names.has(key)) names.set(key, name.trim());
  };
  for (const lang of NAME_LANGUAGES) {
    const file = path.join(packageDir, lang, `${lang}.json`);
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      subdivisions: { localeDisplayNames: { subdivisions: Record<string, string> } };
    };
    for (const [type, name] of Object.entries(json.subdivisions.localeDisplayNames.subdivisions)) {
      add(type, lang, name);
    }
  }
  for (const file of readdirSync(SCRIPT_DATA).filter((f) => f.startsWith('cldr-subdivisions-'))) {
    for (const r of readCsv(readFileSync(path.join(SCRIPT_DATA, file), 'utf8'), [
      'type',
      'lang',
      'name',
    ])) {
      if (NAME_LANGUAGES.includes(r.lang)) add(r.type, r.lang, r.name);
    }
  }
  const rows = [...names].map(([key, name]) => [...key.split(' '), name] as string[]);
  rows.sort(
    (a, b) => (a[0] ?? '').localeCompare(b[0] ?? '') || (a[1] ?? '').localeCompare(b[1] ?? ''),
  );
  return csv([['code', 'lang', 'name'], ...rows]);
}

async function write(file: string, content: Buffer, gzip = false) {
  // gzip without a timestamp, so that an unchanged source gives the same bytes and checksum.
  const bytes = gzip ? zlib.gzipSync(content, { level: 9 }) : content;
  const target = path.join(TARGET, gzip ? `${file}.gz` : file);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  console.log(
    `${path.relative(TARGET, target).padEnd(60)} ${String(bytes.length).padStart(9)} ${sha}`,
  );
}

async function main(): Promise<void> {
  for (const copy of COPIES) {
    let bytes: Buffer = await fs.readFile(path.join(SOURCE, copy.file));
    if (copy.transform) bytes = Buffer.from(copy.transform(bytes.toString('utf8')), 'utf8');
    await write(copy.file, bytes, copy.gzip);
  }
  console.log(
    `CLDR names from Node ${process.versions.node}, ICU ${process.versions.icu}, CLDR ${process.versions.cldr}`,
  );
  await write('iso/cldr-names.csv', Buffer.from(cldrNames(), 'utf8'), true);
  if (CLDR_SUBDIVISIONS) {
    await write(
      'iso/subdivision-names.csv',
      Buffer.from(subdivisionNames(CLDR_SUBDIVISIONS), 'utf8'),
      true,
    );
  } else {
    console.log('iso/subdivision-names.csv.gz left as it is (no --cldr-subdivisions)');
  }
}

await main();
