import {
  KEY_SPACE,
  buildPTable,
  createDisclosureControl,
  parseCellKeySecret,
  recordKey,
  type CellTally,
  type PublishedCount,
} from '../../src/modules/statistics/disclosure/index.js';

/**
 * `npm run bench -- statistics [--cells N] [--rounds R]`: the disclosure control of issue 16
 * (ADR 15). Perturbation of N cells (default 1,000,000; target under 2 s) as the public pages will
 * call it (count + p-table noise chosen by the cell key, then the threshold), beside two baselines
 * in the same run over the same cells: the same loop with no p-table lookup (the cost of the loop
 * and of the published objects), and rounding to a multiple of 5 (the simplest other disclosure
 * method). Also: building the p-table, and deriving record keys (HMAC-SHA-256), which aggregates
 * do once per record. Each figure is the median of R rounds.
 *
 * The other parts of issue 16's benchmark (published tables over 10M records from the aggregates
 * beside GROUP BY, refresh after 100k records, on PGlite and PostgreSQL) come with the aggregates.
 */

function options(argv: readonly string[]) {
  const at = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const cells = Number(at('cells') ?? 1_000_000);
  const rounds = Number(at('rounds') ?? 7);
  if (!Number.isInteger(cells) || cells < 1) throw new Error('--cells needs a whole number');
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds needs a whole number');
  return { cells, rounds };
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
  const { cells: n, rounds } = options(argv);
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
