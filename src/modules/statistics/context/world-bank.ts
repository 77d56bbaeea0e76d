/**
 * The World Bank's bilateral migrant stocks and remittances of 2017 (World Bank / KNOMAD, CC BY
 * 4.0), shown beside Corridor's own figures as context: read once from the gzipped copies in
 * data/reference/migration/ (scripts/build-migration-context.ts made them; SOURCES.md there
 * says how), never from the shared data folder, never perturbed.
 *
 * Both files read a corridor as Corridor does: `origin` is the country the migrants come from,
 * `destination` the country they live in. Remittances flow from `destination` (sending) to
 * `origin` (receiving): `remittances({ origin: 'PH', destination: 'SA' })` is the money sent
 * from Saudi Arabia to the Philippines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { readCsv } from '../../reference/reference.csv.js';
import type { ContextFigure, WorldBankContext } from '../statistics.types.js';

export const MIGRANT_STOCKS_FILE = 'wb_bilateral_migrant_stocks_2017.csv.gz';
export const REMITTANCES_FILE = 'wb_bilateral_remittances_2017.csv.gz';

export const WORLD_BANK_SOURCE: WorldBankContext['source'] = Object.freeze({
  name: 'World Bank / KNOMAD, bilateral migration and remittance matrices',
  year: 2017,
  licence: 'CC BY 4.0',
  url: 'https://www.worldbank.org/en/topic/migrationremittancesdiasporaissues/brief/migration-remittances-data',
});

/** The project's root: a relative `dir` is read from there, whatever the working directory. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const CODE = /^[A-Z]{2}$/;

export class WorldBankDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorldBankDataError';
  }
}

/** One file's figures, indexed by origin and by destination, each list by value descending. */
class FigureIndex {
  private readonly all: readonly ContextFigure[];
  private readonly byOrigin = new Map<string, ContextFigure[]>();
  private readonly byDestination = new Map<string, ContextFigure[]>();

  constructor(figures: ContextFigure[]) {
    figures.sort(
      (a, b) =>
        b.value - a.value ||
        a.origin.localeCompare(b.origin) ||
        a.destination.localeCompare(b.destination),
    );
    for (const figure of figures) {
      Object.freeze(figure);
      push(this.byOrigin, figure.origin, figure);
      push(this.byDestination, figure.destination, figure);
    }
    this.all = Object.freeze(figures);
  }

  find(filter: { origin?: string; destination?: string }): ContextFigure[] {
    const { origin, destination } = filter;
    if (origin !== undefined && !CODE.test(origin)) return [];
    if (destination !== undefined && !CODE.test(destination)) return [];
    if (origin !== undefined && destination !== undefined) {
      return (this.byOrigin.get(origin) ?? []).filter((f) => f.destination === destination);
    }
    if (origin !== undefined) return [...(this.byOrigin.get(origin) ?? [])];
    if (destination !== undefined) return [...(this.byDestination.get(destination) ?? [])];
    return [...this.all];
  }
}

function push(map: Map<string, ContextFigure[]>, key: string, figure: ContextFigure) {
  const list = map.get(key);
  if (list) list.push(figure);
  else map.set(key, [figure]);
}

/** A gzipped copy's figures; anything unexpected in the file is an error naming the line. */
export function parseFigures(csv: string, valueColumn: string, file: string): ContextFigure[] {
  return readCsv(csv, ['origin', 'destination', valueColumn]).map((row, i) => {
    const origin = row.origin ?? '';
    const destination = row.destination ?? '';
    const text = row[valueColumn] ?? '';
    if (!CODE.test(origin) || !CODE.test(destination)) {
      throw new WorldBankDataError(`${file}, line ${i + 2}: not a pair of country codes`);
    }
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || value < 0) {
      throw new WorldBankDataError(`${file}, line ${i + 2}: not a number of 0 or more`);
    }
    return { origin, destination, value };
  });
}

function readFigures(dir: string, file: string, valueColumn: string): ContextFigure[] {
  const text = zlib.gunzipSync(readFileSync(path.join(dir, file))).toString('utf8');
  return parseFigures(text, valueColumn, file);
}

const loaded = new Map<string, WorldBankContext>();

/**
 * The World Bank context, read from `dir` (relative to the project's root unless absolute) the
 * first time and kept: later calls with the same folder answer the same object. Synchronous (a
 * start-up read of two small files). Unknown or malformed codes answer an empty list.
 */
export function loadWorldBankContext(dir = 'data/reference/migration'): WorldBankContext {
  const folder = path.resolve(ROOT, dir);
  const cached = loaded.get(folder);
  if (cached) return cached;
  const stocks = new FigureIndex(readFigures(folder, MIGRANT_STOCKS_FILE, 'migrants'));
  const remittances = new FigureIndex(readFigures(folder, REMITTANCES_FILE, 'usd_millions'));
  const context: WorldBankContext = Object.freeze({
    migrantStocks: (filter: { origin?: string; destination?: string }) => stocks.find(filter),
    remittances: (filter: { origin?: string; destination?: string }) => remittances.find(filter),
    source: WORLD_BANK_SOURCE,
  });
  loaded.set(folder, context);
  return context;
}
