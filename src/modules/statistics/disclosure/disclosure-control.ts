import { buildPTable, noiseFor, type PTable } from './ptable.js';
import { DISCLOSURE_PARAMETERS, type DisclosureParameters } from './parameters.js';
import { cellKeyOf } from './record-key.js';
import { checkTally, type CellTally } from './tally.js';

/** A published count: a number, or the suppression mark of a cell under the threshold. */
export type PublishedCount =
  { readonly kind: 'count'; readonly value: number } | { readonly kind: 'suppressed' };

/** A published measure of a cell (median, percentile, ratio, mean), or the suppression mark. */
export type PublishedMeasure =
  { readonly kind: 'measure'; readonly value: number } | { readonly kind: 'suppressed' };

/** Who reads the table: the public gets perturbed counts, a restricted reader exact ones. */
export type Audience = 'public' | 'restricted';

export interface DisclosureControl {
  readonly parameters: DisclosureParameters;
  readonly ptable: PTable;
  /** The perturbed count (count + noise chosen by the cell key), before the threshold. */
  perturbedCount(cell: CellTally): number;
  /** What the public sees: the perturbed count, or the suppression mark under the threshold. */
  publicCount(cell: CellTally): PublishedCount;
  /** What a reader with the permission sees: the exact count, never suppressed. */
  exactCount(cell: CellTally): PublishedCount;
  /** publicCount or exactCount; which one is the caller's decision (its permission check). */
  count(cell: CellTally, audience: Audience): PublishedCount;
  /**
   * A measure computed from a cell's records (time to fill, a processing time): public only when
   * both the exact and the perturbed count of the cell reach the threshold, rounded to
   * `decimals`; restricted readers get it as computed. The p-table does not perturb measures:
   * the threshold keeps a median or percentile from being one or two people's own value.
   */
  measure(cell: CellTally, value: number, audience: Audience, decimals?: number): PublishedMeasure;
  /** A whole table, cell by cell (no cell's value depends on any other cell). */
  publishTable<K>(cells: ReadonlyMap<K, CellTally>, audience: Audience): Map<K, PublishedCount>;
}

const SUPPRESSED = { kind: 'suppressed' } as const;

export function createDisclosureControl(
  parameters: DisclosureParameters = DISCLOSURE_PARAMETERS,
): DisclosureControl {
  if (!Number.isInteger(parameters.minimumCount) || parameters.minimumCount < 0) {
    throw new RangeError('minimumCount must be a whole number of 0 or more');
  }
  const ptable = buildPTable(parameters);
  const perturbedCount = (cell: CellTally) => {
    checkTally(cell);
    return cell.count + noiseFor(ptable, cell.count, cellKeyOf(cell.keySum));
  };
  const publicCount = (cell: CellTally): PublishedCount => {
    const value = perturbedCount(cell);
    return value > 0 && value < parameters.minimumCount ? SUPPRESSED : { kind: 'count', value };
  };
  const exactCount = (cell: CellTally): PublishedCount => {
    checkTally(cell);
    return { kind: 'count', value: cell.count };
  };
  const count = (cell: CellTally, audience: Audience) =>
    audience === 'restricted' ? exactCount(cell) : publicCount(cell);
  const measure = (
    cell: CellTally,
    value: number,
    audience: Audience,
    decimals = 1,
  ): PublishedMeasure => {
    checkTally(cell);
    if (!Number.isFinite(value)) throw new RangeError('a measure must be a finite number');
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
      throw new RangeError('decimals must be a whole number from 0 to 6');
    }
    if (audience === 'restricted') return { kind: 'measure', value };
    const threshold = Math.max(1, parameters.minimumCount);
    if (cell.count < threshold || perturbedCount(cell) < threshold) return SUPPRESSED;
    const scale = 10 ** decimals;
    return { kind: 'measure', value: Math.round(value * scale) / scale };
  };
  return {
    parameters,
    ptable,
    perturbedCount,
    publicCount,
    exactCount,
    count,
    measure,
    publishTable: (cells, audience) =>
      new Map([...cells].map(([key, cell]) => [key, count(cell, audience)])),
  };
}
