import type { SearchIndex } from './search-index.js';
import { TopK } from './search-topk.js';

/**
 * Searches without text ("browse": the empty query, filters only) are the hot ones, and a pass
 * over every row costs 13–16 ms at 760 k public vacancies. Two things spare them the pass:
 *
 * - the **slot table**: rows public now, counted per (cell, posted bucket), made by one pass and
 *   kept while the index and the minute are unchanged. Any browse query's total and facet
 *   counts are sums over its slots (a few thousand), whatever its filters.
 * - the **orders**: ordinals sorted newest first and best paid first. A row's values never change
 *   (a changed vacancy gets a new ordinal), so an order stays right for the rows it holds; rows
 *   added since (the tail) are checked one by one, and the orders are sorted again once the tail
 *   grows past a sixteenth of them. A page walks the order until it has its rows.
 */

/** 0 newest, 1 relevance, 2 wage: as search-evaluate.ts ranks. */
export type RankMode = 0 | 1 | 2;

const P32 = 2 ** 32;
const MAX_WAGE = 2 ** 21 - 1;

/** The ranking key of a row (higher first; ties go to the higher vacancy number). */
export function rankKey(index: SearchIndex, i: number, mode: RankMode, score: number): number {
  const posted = index.published[i]!;
  if (mode === 0) return posted;
  if (mode === 1) return score * P32 + posted;
  const dollars = index.usd[i]!;
  return Number.isNaN(dollars)
    ? posted - P32
    : Math.min(Math.floor(dollars), MAX_WAGE) * P32 + posted;
}

export interface RowFilter {
  /** Days since 1970. */
  today: number;
  /** Seconds since 1970: published within a day, 7 days, 30 days. */
  since: readonly [number, number, number];
  passCell: Uint8Array;
  postedOk: Uint8Array;
}

export interface SlotTable {
  counts: Uint32Array;
  /** The slots with a count. */
  touched: Uint32Array;
  touchedCount: number;
}

interface Orders {
  /** Ordinals below this are in the orders. */
  size: number;
  newest: Uint32Array;
  wage: Uint32Array;
}

export class BrowseCache {
  private table: SlotTable | null = null;
  private tableKey = '';
  private orders: Orders | null = null;

  /** The counts of rows public at `filter.today`, per (cell, posted bucket). */
  slotTable(index: SearchIndex, filter: RowFilter): SlotTable {
    const key = `${index.version}:${filter.today}:${filter.since[0]}`;
    if (this.table && this.tableKey === key) return this.table;
    this.table = countSlots(index, filter);
    this.tableKey = key;
    return this.table;
  }

  /** The ordinals of the best `k` rows that pass `filter`, best first. */
  top(index: SearchIndex, filter: RowFilter, k: number, mode: 0 | 2): number[] {
    if (k === 0) return [];
    const orders = this.ordersOf(index);
    const order = mode === 0 ? orders.newest : orders.wage;
    const best: number[] = [];
    for (let j = 0; j < order.length && best.length < k; j += 1) {
      const i = order[j]!;
      if (passes(index, filter, i)) best.push(i);
    }
    const tail: number[] = [];
    for (let i = orders.size; i < index.size; i += 1) if (passes(index, filter, i)) tail.push(i);
    if (tail.length === 0) return best;
    const top = new TopK(k);
    for (const i of [...best, ...tail]) top.offer(rankKey(index, i, mode, 0), index.number[i]!, i);
    return top.sorted();
  }

  /** Sorts the orders now, so that the first browse query does not wait for it. */
  prepare(index: SearchIndex): void {
    this.ordersOf(index);
  }

  private ordersOf(index: SearchIndex): Orders {
    const current = this.orders;
    if (current && index.size - current.size <= Math.max(1024, current.size / 16)) return current;
    const size = index.size;
    this.orders = { size, newest: sortedBy(index, size, 0), wage: sortedBy(index, size, 2) };
    return this.orders;
  }
}

function passes(index: SearchIndex, filter: RowFilter, i: number): boolean {
  if (index.deadline[i]! < filter.today) return false;
  const a = index.agency[i]!;
  if (a >= 0 && index.agencyActive[a] === 0) return false;
  const c = index.cell[i]!;
  if (c === 0 || filter.passCell[c] === 0) return false;
  return filter.postedOk[bucketOf(index.published[i]!, filter.since)] === 1;
}

/** 0 within a day, 1 within a week, 2 within 30 days, 3 older. */
export function bucketOf(posted: number, since: readonly [number, number, number]): number {
  return +(posted < since[0]) + +(posted < since[1]) + +(posted < since[2]);
}

function countSlots(index: SearchIndex, filter: RowFilter): SlotTable {
  const counts = new Uint32Array(index.cellDestination.length * 4);
  const { deadline, agency, agencyActive, cell, published } = index;
  const [since1, since7, since30] = filter.since;
  const today = filter.today;
  for (let i = 0; i < index.size; i += 1) {
    if (deadline[i]! < today) continue;
    const a = agency[i]!;
    if (a >= 0 && agencyActive[a] === 0) continue;
    const c = cell[i]!;
    if (c === 0) continue;
    const posted = published[i]!;
    const slot = c * 4 + +(posted < since1) + +(posted < since7) + +(posted < since30);
    counts[slot] = counts[slot]! + 1;
  }
  const touched = new Uint32Array(counts.length);
  let touchedCount = 0;
  for (let slot = 0; slot < counts.length; slot += 1) {
    if (counts[slot] !== 0) touched[touchedCount++] = slot;
  }
  return { counts, touched, touchedCount };
}

/** Ordinals [0, size) by rank key, then vacancy number, both descending. */
function sortedBy(index: SearchIndex, size: number, mode: 0 | 2): Uint32Array {
  const keys = new Float64Array(size);
  for (let i = 0; i < size; i += 1) keys[i] = rankKey(index, i, mode, 0);
  const numbers = index.number;
  const order = new Uint32Array(size);
  for (let i = 0; i < size; i += 1) order[i] = i;
  return order.sort((a, b) => keys[b]! - keys[a]! || numbers[b]! - numbers[a]!);
}
