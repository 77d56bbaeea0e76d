import { maxEntropyNoise } from './max-entropy.js';
import { KEY_SPACE } from './record-key.js';

/** The documented parameters of a perturbation table for counts (names as in R `ptable`). */
export interface PTableParameters {
  /** D: the largest absolute noise. */
  readonly maxNoise: number;
  /** V: the variance of the noise (reached for every count the blocked values leave room for). */
  readonly variance: number;
  /** js: perturbed counts 1…js are never published (0 blocks nothing). */
  readonly blockedUpTo: number;
}

/** One possible noise for an original count, and the slice of cell keys that selects it. */
export interface PTableEntry {
  readonly noise: number;
  readonly probability: number;
  /** Cell keys (integers of 0…2³²−1) from `lower` inclusive to `upper` exclusive select it. */
  readonly lower: number;
  readonly upper: number;
}

export interface PTableRow {
  /** The original count; the last row stands for "this count and above". */
  readonly count: number;
  readonly entries: readonly PTableEntry[];
}

export interface PTable {
  readonly parameters: PTableParameters;
  /** rows[i] is the row of original count i; rows.at(-1) also serves every larger count. */
  readonly rows: readonly PTableRow[];
}

export function checkPTableParameters(parameters: PTableParameters): void {
  const { maxNoise, variance, blockedUpTo } = parameters;
  if (!Number.isInteger(maxNoise) || maxNoise < 1 || maxNoise > 20) {
    throw new RangeError('maxNoise (D) must be a whole number from 1 to 20');
  }
  if (!Number.isFinite(variance) || variance <= 0) {
    throw new RangeError('variance (V) must be a number above 0');
  }
  if (!Number.isInteger(blockedUpTo) || blockedUpTo < 0 || blockedUpTo > 20) {
    throw new RangeError('blockedUpTo (js) must be a whole number from 0 to 20');
  }
}

/**
 * The solver's answer must be a distribution with mean 0 and, where 0 is an allowed noise, a
 * variance of at most V (else the parameters cannot work: V too small for D and js, as `ptable`
 * says too). Rows without 0 (blocked counts) may take the least variance they allow.
 */
function checkRow(
  count: number,
  noises: readonly number[],
  probabilities: readonly number[],
  variance: number,
) {
  let sum = 0;
  let mean = 0;
  let square = 0;
  probabilities.forEach((p, k) => {
    if (!(p >= 0)) throw new RangeError(`no perturbation table: count ${count} has no solution`);
    sum += p;
    mean += p * noises[k]!;
    square += p * noises[k]! ** 2;
  });
  if (Math.abs(sum - 1) > 1e-9 || Math.abs(mean) > 1e-9) {
    throw new RangeError(`no perturbation table: count ${count} has no unbiased noise`);
  }
  if (noises.includes(0) && square > variance + 1e-9) {
    throw new RangeError(`no perturbation table: the variance is too small for count ${count}`);
  }
}

/** Slices of [0, 2³²) in proportion to the probabilities, in the order of the noises. */
function slices(noises: readonly number[], probabilities: readonly number[]): PTableEntry[] {
  const entries: PTableEntry[] = [];
  let cumulative = 0;
  let lower = 0;
  noises.forEach((noise, index) => {
    const probability = probabilities[index] ?? 0;
    cumulative += probability;
    const upper = index === noises.length - 1 ? KEY_SPACE : Math.round(cumulative * KEY_SPACE);
    entries.push({ noise, probability, lower, upper: Math.max(lower, upper) });
    lower = Math.max(lower, upper);
  });
  return entries;
}

/**
 * Rows 0…N with N = D + js + 1 (N = D when nothing is blocked), as `ptable::create_cnt_ptable`:
 * for count i the target counts are max(0, i − D)…i + D without 1…js; row 0 keeps zero at zero;
 * from N on every noise −D…D is allowed, so row N serves all larger counts.
 */
export function buildPTable(parameters: PTableParameters): PTable {
  checkPTableParameters(parameters);
  const { maxNoise, variance, blockedUpTo } = parameters;
  const last = blockedUpTo === 0 ? maxNoise : maxNoise + blockedUpTo + 1;
  const rows: PTableRow[] = [{ count: 0, entries: slices([0], [1]) }];
  for (let count = 1; count <= last; count += 1) {
    const noises: number[] = [];
    for (let target = Math.max(0, count - maxNoise); target <= count + maxNoise; target += 1) {
      if (target >= 1 && target <= blockedUpTo) continue;
      noises.push(target - count);
    }
    const probabilities = maxEntropyNoise(noises, variance);
    checkRow(count, noises, probabilities, variance);
    rows.push({ count, entries: slices(noises, probabilities) });
  }
  return { parameters, rows };
}

/** The noise the cell key (an integer of 0…2³²−1) selects for an original count. */
export function noiseFor(table: PTable, count: number, cellKey: number): number {
  const row = table.rows[Math.min(count, table.rows.length - 1)];
  if (!row) throw new RangeError('count must be a whole number of 0 or more');
  for (const entry of row.entries) if (cellKey < entry.upper) return entry.noise;
  return row.entries.at(-1)?.noise ?? 0;
}
