/**
 * Copies the source files Corridor loads from the shared data folder into data/reference, gzips
 * the large ones and applies the documented corrections (data/reference/README.md). Run it only
 * when a source changes; the app never reads the shared folder.
 *
 *   npx tsx scripts/build-reference-data.ts [/path/to/shared/data]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { parseCsv } from '../src/modules/reference/reference.csv.js';

const TARGET = fileURLToPath(new URL('../data/reference/', import.meta.url));
const SOURCE = path.resolve(process.argv[2] ?? '/work/shared/data');

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
  const quote = (field: string) =>
    /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
  return [header, ...records].map((fields) => fields.map(quote).join(',')).join('\n') + '\n';
}

async function main(): Promise<void> {
  for (const copy of COPIES) {
    let bytes: Buffer = await fs.readFile(path.join(SOURCE, copy.file));
    if (copy.transform) bytes = Buffer.from(copy.transform(bytes.toString('utf8')), 'utf8');
    // gzip without a timestamp, so that an unchanged source gives the same bytes and checksum.
    if (copy.gzip) bytes = zlib.gzipSync(bytes, { level: 9 });
    const target = path.join(TARGET, copy.gzip ? `${copy.file}.gz` : copy.file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    console.log(
      `${path.relative(TARGET, target).padEnd(60)} ${String(bytes.length).padStart(9)} ${sha}`,
    );
  }
}

await main();
