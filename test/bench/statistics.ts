import {
  KEY_SPACE,
  buildPTable,
  createDisclosureControl,
  parseCellKeySecret,
  recordKey,
  type CellTally,
  type PublishedCount,
} from '../../src/modules/statistics/disclosure/index.js';
import { aggregatesSuite, rollupSuite } from './statistics-aggregates.js';

/**
 * `npm run bench -- statistics [--records N] [--rounds R] [--cells C] [--refresh K]
 * [--baseline-rounds B] [--seed S] [--rebuild no] [--parts aggregates,rollup,perturbation]` (issue 16, part 6).
 *
 * 1. The aggregates (statistics-aggregates.ts): N synthetic records (default 10,000,000) loaded
 *    as the facts the engine writes, the cells rebuilt, the published tables the dashboards ask
 *    answered from the cells beside a GROUP BY over the facts in the same run (R rounds, B for
 *    the baseline, default R), the same rows checked; K new records (default 100,000) applied as
 *    the consumer does and checked against the facts. On PostgreSQL with DATABASE_URL, PGlite
 *    otherwise.
 * 2. The roll-up probe (`--parts rollup`, not in the default run): what coarse cubes would save
 *    (ADR 18), on the loaded database.
 * 3. The disclosure control (ADR 15): perturbation of C cells (default 1,000,000; target under
 *    2 s) as the public pages call it (count + p-table noise chosen by the cell key, then the
 *    threshold), beside two baselines in the same run over the same cells: the same loop with no
 *    p-table lookup (the cost of the loop and of the published objects), and rounding to a
 *    multiple of 5 (the simplest other disclosure method). Also: building the p-table, and
 *    deriving record keys (HMAC-SHA-256), which aggregates do once per record. Each figure is the
 *    median of R rounds.
 */

function options(argv: readonly string[]) {
  const at = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const whole = (name: string, fallback: number, min = 1) => {
    const value = Number((at(name) ?? String(fallback)).replace(/[_,]/g, ''));
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} needs a whole number`);
    return value;
  };
  const rounds = whole('rounds', 7);
  const parts = (at('parts') ?? 'aggregates,perturbation').split(',');
  for (const part of parts) {
    if (part !== 'aggregates' && part !== 'rollup' && part !== 'perturbation') {
      throw new Error('--parts takes aggregates, rollup, perturbation (comma-separated)');
    }
  }
  return {
    cells: whole('cells', 1_000_000),
    rounds,
    records: whole('records', 10_000_000),
    refresh: whole('refresh', 100_000, 0),
    baselineRounds: whole('baseline-rounds', rounds),
    seed: whole('seed', 1),
    rebuild: at('rebuild') !== 'no',
    parts,
  };
}

/** Cells as a real table has them: most counts small, a long tail; key sums anywhere. */
function syntheticCells(n: number): CellTally[] {
  let state = 42;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / KEY_SPACE;
  };
  return Array.from({ length: n }, () => ({
    count: Math.floor(Math.exp(next() * 8)) - 1, // 0 … 2980, median about 54
    keySum: Math.floor(next() * KEY_SPACE),
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function time(rounds: number, run: () => number): { ms: number; check: number } {
  const times: number[] = [];
  let check = 0;
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    check = run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), check };
}

function report(label: string, cells: number, ms: number, note = '') {
  const perSecond = Math.round((cells / ms) * 1000).toLocaleString('en');
  console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  ${perSecond}/s ${note}`);
}

export async function statisticsSuite(argv: readonly string[]): Promise<void> {
  const o = options(argv);
  if (o.parts.includes('aggregates')) await aggregatesSuite(o);
  if (o.parts.includes('rollup')) await rollupSuite(o);
  if (o.parts.includes('perturbation')) perturbationSuite(o.cells, o.rounds);
}

function perturbationSuite(n: number, rounds: number): void {
  const cells = syntheticCells(n);
  const control = createDisclosureControl();
  const sum = (published: PublishedCount) => (published.kind === 'count' ? published.value : -1);

  console.log(`\nDisclosure control: ${n.toLocaleString('en')} cells, median of ${rounds} rounds`);
  const ours = time(rounds, () => {
    let total = 0;
    for (const cell of cells) total += sum(control.publicCount(cell));
    return total;
  });
  report(
    'cell-key method (p-table lookup + threshold)',
    n,
    ours.ms,
    n >= 1_000_000 ? `(target < 2000 ms)` : '',
  );

  const noLookup = time(rounds, () => {
    let total = 0;
    for (const cell of cells) {
      const value = cell.count;
      total += sum(value > 0 && value < 5 ? { kind: 'suppressed' } : { kind: 'count', value });
    }
    return total;
  });
  report('baseline: the same loop without the p-table', n, noLookup.ms);

  const rounding = time(rounds, () => {
    let total = 0;
    for (const cell of cells)
      total += sum({ kind: 'count', value: Math.round(cell.count / 5) * 5 });
    return total;
  });
  report('baseline: rounding to a multiple of 5', n, rounding.ms);
  let noise = 0;
  for (const cell of cells) noise += control.perturbedCount(cell) - cell.count;
  console.log(
    `ratio ours/no-lookup: ${(ours.ms / noLookup.ms).toFixed(2)}; mean noise over the cells: ${(noise / n).toFixed(4)}`,
  );

  const build = time(rounds, () => buildPTable(control.parameters).rows.length);
  console.log(
    `${'building the p-table (D 2, V 1, js 2)'.padEnd(52)} ${build.ms.toFixed(1).padStart(8)} ms`,
  );

  const secret = parseCellKeySecret(Buffer.alloc(32, 5).toString('base64'));
  const ids = Array.from(
    { length: 100_000 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const keys = time(Math.min(rounds, 3), () => {
    let total = 0;
    for (const id of ids) total = (total + recordKey(secret, id)) % KEY_SPACE;
    return total;
  });
  report('record keys (HMAC-SHA-256), 100,000 ids', ids.length, keys.ms);
}
