import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { ReferenceDb } from './reference.tables.js';
import { DATASETS, type Dataset, type SourceFiles } from './reference.datasets.js';
import { ReferenceLoadRepository } from './reference.load.repository.js';

/** Shipped with the project; nothing outside the repository is read at run time. */
export const REFERENCE_DATA_DIR = fileURLToPath(
  new URL('../../../data/reference/', import.meta.url),
);

export interface DatasetReport {
  name: string;
  version: string;
  status: 'loaded' | 'unchanged';
  rows: number;
  durationMs: number;
  details: Record<string, number>;
}

export type ReferenceLoadProgress =
  { kind: 'starting'; datasets: number } | { kind: 'loaded'; dataset: DatasetReport };

export interface ReferenceLoadReport {
  durationMs: number;
  datasets: DatasetReport[];
}

/**
 * Carries the database's own words (message, detail, constraint) but not the failed statement:
 * its parameters are whole columns of a chunk, far too large for a log line.
 */
export class ReferenceLoadError extends Error {
  constructor(
    readonly dataset: string,
    cause: unknown,
  ) {
    const error = cause instanceof Error ? (cause as Error & Record<string, unknown>) : undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const words = [
      error?.message ?? String(cause),
      text(error?.detail),
      text(error?.constraint) && `constraint ${text(error?.constraint)}`,
    ];
    super(`Reference dataset ${dataset} failed to load: ${words.filter(Boolean).join('; ')}`);
    this.name = 'ReferenceLoadError';
  }
}

/**
 * Loads every reference dataset that is new or whose files changed, each in its own transaction,
 * and records its checksum. With nothing changed it reads the files' hashes and runs one query.
 * A dataset that is reloaded also reloads the datasets that depend on it.
 */
export async function loadReferenceData(
  db: ReferenceDb,
  options: {
    directory?: string;
    datasets?: readonly Dataset[];
    /** Told before the first dataset that loads (with how many will), and after each. */
    onProgress?: (event: ReferenceLoadProgress) => void;
  } = {},
): Promise<ReferenceLoadReport> {
  const started = performance.now();
  const directory = options.directory ?? REFERENCE_DATA_DIR;
  const datasets = options.datasets ?? DATASETS;

  const bytes = new Map<string, Buffer>();
  for (const file of new Set(datasets.flatMap((dataset) => dataset.files))) {
    bytes.set(file, await fs.readFile(path.join(directory, file)));
  }
  const stored = await new ReferenceLoadRepository(db).storedDatasets();

  const stale = new Set<string>();
  const checksums = new Map<string, string>();
  for (const dataset of datasets) {
    const checksum = checksumOf(dataset, bytes);
    checksums.set(dataset.name, checksum);
    const changed = stored.get(dataset.name)?.checksum !== checksum;
    if (changed || dataset.dependsOn.some((name) => stale.has(name))) stale.add(dataset.name);
  }

  const files = sourceFiles(bytes);
  const reports: DatasetReport[] = [];
  if (stale.size > 0) options.onProgress?.({ kind: 'starting', datasets: stale.size });
  for (const dataset of datasets) {
    const datasetStarted = performance.now();
    if (!stale.has(dataset.name)) {
      const rows = stored.get(dataset.name)?.rowCount ?? 0;
      reports.push({ ...describe(dataset), status: 'unchanged', rows, durationMs: 0, details: {} });
      continue;
    }
    const result = await ReferenceLoadRepository.transaction(db, async (store) => {
      const loaded = await dataset.load(files, store);
      await store.recordDataset({
        name: dataset.name,
        version: dataset.version,
        checksum: checksums.get(dataset.name) ?? '',
        rowCount: loaded.rows,
      });
      return loaded;
    }).catch((error: unknown) => {
      throw new ReferenceLoadError(dataset.name, error);
    });
    const report: DatasetReport = {
      ...describe(dataset),
      status: 'loaded',
      rows: result.rows,
      durationMs: Math.round(performance.now() - datasetStarted),
      details: result.details,
    };
    reports.push(report);
    options.onProgress?.({ kind: 'loaded', dataset: report });
  }
  return { durationMs: Math.round(performance.now() - started), datasets: reports };
}

function describe(dataset: Dataset) {
  return { name: dataset.name, version: dataset.version };
}

function checksumOf(dataset: Dataset, bytes: ReadonlyMap<string, Buffer>): string {
  const hash = createHash('sha256').update(
    `${dataset.name}\n${dataset.version}\n${dataset.revision}\n`,
  );
  for (const file of dataset.files) {
    const content = bytes.get(file);
    if (!content) throw new ReferenceLoadError(dataset.name, new Error(`${file} was not read`));
    hash.update(`${file}\n`).update(createHash('sha256').update(content).digest('hex'));
  }
  return hash.digest('hex');
}

/** Decompresses and decodes each file once, on first use. */
function sourceFiles(bytes: ReadonlyMap<string, Buffer>): SourceFiles {
  const texts = new Map<string, string>();
  const parsed = new Map<string, unknown>();
  return {
    parsed<T>(file: string, parse: (text: string) => T): T {
      const key = `${file} ${parse.name}`;
      if (!parsed.has(key)) parsed.set(key, parse(this.text(file)));
      return parsed.get(key) as T;
    },
    text(file) {
      let text = texts.get(file);
      if (text === undefined) {
        const content = bytes.get(file);
        if (!content) throw new Error(`${file} is not a file of this dataset`);
        text = (file.endsWith('.gz') ? zlib.gunzipSync(content) : content).toString('utf8');
        texts.set(file, text);
      }
      return text;
    },
  };
}
