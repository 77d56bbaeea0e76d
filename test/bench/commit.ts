import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, type Generated } from 'kysely';
import { openDatabase } from '../../src/platform/db/database.js';
import { PGliteDialect } from '../../src/platform/db/pglite-dialect.js';

/**
 * `npm run bench -- commit [--count N] [--dir D]`: what a durable commit costs on PGlite
 * (ADR 13). N single-row inserts, each its own acknowledged commit, on three databases in the
 * same run: a directory as the server opens it (each commit flushed to the disk), the same
 * without the flush (PGlite's defaults, as before ADR 13: the baseline), and in memory (the
 * tests). The directories go under D (default `.bench/`, on the disk that holds the project:
 * put D on the disk that will hold DATA_DIR; on tmpfs a flush costs nothing and proves
 * nothing). Each database is deleted after its run.
 */

interface Options {
  count: number;
  dir: string;
}

function options(argv: readonly string[]): Options {
  const at = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const count = Number(at('count') ?? 500);
  if (!Number.isInteger(count) || count < 1) throw new Error('--count needs a whole number');
  return { count, dir: path.resolve(at('dir') ?? '.bench') };
}

interface Notes {
  note: { id: Generated<number>; body: string };
}

interface Variant {
  label: string;
  open: (dataDir: string) => Promise<{ kysely: Kysely<Notes>; close: () => Promise<void> }>;
  onDisk: boolean;
}

const VARIANTS: Variant[] = [
  {
    label: 'directory, each commit flushed (server)',
    onDisk: true,
    open: async (dataDir) => {
      const handle = await openDatabase<Notes>({ kind: 'pglite', dataDir });
      return { kysely: handle.kysely, close: handle.close };
    },
  },
  {
    label: 'baseline: directory, no flush (PGlite defaults)',
    onDisk: true,
    open: async (dataDir) => {
      const pglite = await PGlite.create({ dataDir });
      const kysely = new Kysely<Notes>({ dialect: new PGliteDialect(pglite) });
      return { kysely, close: () => kysely.destroy() };
    },
  },
  {
    label: 'in memory (tests)',
    onDisk: false,
    open: async () => {
      const handle = await openDatabase<Notes>({ kind: 'pglite' });
      return { kysely: handle.kysely, close: handle.close };
    },
  },
];

/** Counts fs.fsyncSync calls: the flushes that reach the disk (durable-storage.ts). */
function countFlushes() {
  const original = fs.fsyncSync;
  let calls = 0;
  fs.fsyncSync = (fd) => {
    calls += 1;
    original(fd);
  };
  return {
    get calls() {
      return calls;
    },
    stop: () => void (fs.fsyncSync = original),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function run(variant: Variant, o: Options) {
  const dataDir = path.join(o.dir, `commit-${process.pid}-${VARIANTS.indexOf(variant)}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const database = await variant.open(dataDir);
  try {
    await sql`create table note (id serial primary key, body text not null)`.execute(
      database.kysely,
    );
    for (let n = 0; n < 20; n += 1)
      await database.kysely.insertInto('note').values({ body: 'warm up' }).execute();
    const flushes = countFlushes();
    const times: number[] = [];
    const started = performance.now();
    try {
      for (let n = 0; n < o.count; n += 1) {
        const before = performance.now();
        await database.kysely
          .insertInto('note')
          .values({ body: `note ${n}` })
          .execute();
        times.push(performance.now() - before);
      }
    } finally {
      flushes.stop();
    }
    const wall = performance.now() - started;
    times.sort((a, b) => a - b);
    const row = {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      perSecond: (o.count / wall) * 1000,
      flushesPerCommit: flushes.calls / o.count,
    };
    console.log(
      `${variant.label.padEnd(50)} p50 ${row.p50.toFixed(2)} ms  p95 ${row.p95.toFixed(2)} ms  ` +
        `${Math.round(row.perSecond)} commits/s  ${row.flushesPerCommit.toFixed(2)} fsync/commit`,
    );
    return row;
  } finally {
    await database.close();
    if (variant.onDisk) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function commitSuite(argv: readonly string[]) {
  const o = options(argv);
  fs.mkdirSync(o.dir, { recursive: true });
  console.log(
    `\nDurable commits on PGlite: ${o.count} single-row inserts, each committed (${o.dir})`,
  );
  const [durable, baseline, memory] = [
    await run(VARIANTS[0]!, o),
    await run(VARIANTS[1]!, o),
    await run(VARIANTS[2]!, o),
  ];
  console.log(
    `cost of the flush: +${(durable.p50 - baseline.p50).toFixed(2)} ms a commit at p50 ` +
      `(${(durable.p50 / baseline.p50).toFixed(2)}× the baseline); ` +
      `in memory ${(memory.p50 / baseline.p50).toFixed(2)}× the baseline`,
  );
}
