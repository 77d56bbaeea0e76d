/**
 * Typos, the same way for the occupation lookup (reference.ranking.ts) and the vacancy search's
 * spelling correction (search-spelling.ts). Both arguments are normalised search words.
 */

/**
 * How many edits a word of this length may be off by and still count as the word: none under
 * four characters, one up to seven, two from eight. Beyond that, matches turn into guesses.
 */
export function allowedTypos(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

let before = new Int32Array(64);
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * The optimal-string-alignment distance between `a` and `b`: insertions, deletions,
 * substitutions and swaps of two neighbouring characters, one edit each (so "electricain" is one
 * edit from "electrician"). With `limit`, it stops as soon as the distance is certain to exceed
 * it and returns `limit + 1`: a lookup over a whole vocabulary rejects most words in a row or two.
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (previous.length < width) {
    before = new Int32Array(width * 2);
    previous = new Int32Array(width * 2);
    current = new Int32Array(width * 2);
  }
  for (let j = 0; j < width; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j += 1) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (ca === cb ? 0 : 1),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // A swap reaches back two rows, but never below the row between plus one: safe to stop.
    if (rowMin > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[b.length]!, limit + 1);
}
