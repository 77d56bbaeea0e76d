import { addKeys, cellKeyOf, subtractKeys } from './record-key.js';

/**
 * What an aggregate keeps per cell: the number of records and the sum of their record keys
 * (modulo 2³²). Both are additive, so a cell is updated record by record, or two disjoint cells
 * are joined, and perturbed only when the table is read.
 */
export interface CellTally {
  readonly count: number;
  readonly keySum: number;
}

export const EMPTY_TALLY: CellTally = { count: 0, keySum: 0 };

export function addRecord(tally: CellTally, recordKey: number): CellTally {
  return { count: tally.count + 1, keySum: addKeys(tally.keySum, recordKey) };
}

/** Takes a record out again (it changed cells or was erased); the result is as if never added. */
export function removeRecord(tally: CellTally, recordKey: number): CellTally {
  if (tally.count < 1) throw new RangeError('no record to remove from an empty cell');
  return { count: tally.count - 1, keySum: subtractKeys(tally.keySum, recordKey) };
}

/** The cell of two disjoint sets of records (a total from its parts, or two partial sums). */
export function joinTallies(a: CellTally, b: CellTally): CellTally {
  return { count: a.count + b.count, keySum: addKeys(a.keySum, b.keySum) };
}

/** The tally of a set of records given by their record keys. */
export function tallyOf(recordKeys: Iterable<number>): CellTally {
  let tally = EMPTY_TALLY;
  for (const key of recordKeys) tally = addRecord(tally, key);
  return tally;
}

/**
 * Cross-tabulates records: `cellOf` names each record's cell (null: the record is not in the
 * table), `keyOf` gives its record key. A record in several cells (a margin and its parts) is
 * tabulated once per table.
 */
export function tabulate<R>(
  records: Iterable<R>,
  cellOf: (record: R) => string | null,
  keyOf: (record: R) => number,
): Map<string, CellTally> {
  const cells = new Map<string, CellTally>();
  for (const record of records) {
    const cell = cellOf(record);
    if (cell === null) continue;
    cells.set(cell, addRecord(cells.get(cell) ?? EMPTY_TALLY, keyOf(record)));
  }
  return cells;
}

export function checkTally(tally: CellTally): void {
  if (!Number.isSafeInteger(tally.count) || tally.count < 0) {
    throw new RangeError('a cell count must be a whole number of 0 or more');
  }
  cellKeyOf(tally.keySum);
}
