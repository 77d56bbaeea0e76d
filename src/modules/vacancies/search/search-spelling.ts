/**
 * Spelling correction for query words the index has never seen ("nurze", "electricain",
 * "plombeir"): people type on small phones, in a second language. A word that matches nothing is
 * replaced by the known word within the fewest edits (insertions, deletions, substitutions and
 * swaps of two neighbouring letters), the most frequent one on a tie; the page says so. Words of
 * fewer than four characters are never corrected, and longer words by at most one edit up to
 * seven characters, two from eight: beyond that, corrections turn into guesses.
 *
 * The vocabulary is every word of the vacancy texts and of the occupation labels, kept by
 * length: a lookup compares the word with the words of nearby lengths only, with a distance
 * that stops as soon as it exceeds the limit. It runs only for words that match nothing.
 */

export interface Correction {
  /** The query word as normalised (case and accents dropped). */
  from: string;
  to: string;
}

const MIN_LENGTH = 4;

/** How many edits a word of this length may be corrected by. */
export function allowedEdits(length: number): number {
  if (length < MIN_LENGTH) return 0;
  return length < 8 ? 1 : 2;
}

let previous = new Uint8Array(64);
let current = new Uint8Array(64);
let before = new Uint8Array(64);

/**
 * The optimal-string-alignment distance between `a` and `b` (Levenshtein with swaps of two
 * neighbouring characters), or `limit + 1` as soon as it is certain to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (previous.length < width) {
    previous = new Uint8Array(width * 2);
    current = new Uint8Array(width * 2);
    before = new Uint8Array(width * 2);
  }
  for (let j = 0; j < width; j += 1) previous[j] = Math.min(j, 255);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = Math.min(i, 255);
    let rowMin = current[0];
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
      current[j] = Math.min(value, 255);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[b.length]!, limit + 1);
}

export class SpellingVocabulary {
  private readonly known = new Set<string>();
  /** Words by length. */
  private readonly byLength: string[][] = [];

  get size(): number {
    return this.known.size;
  }

  add(word: string): void {
    if (word.length < MIN_LENGTH - 1 || this.known.has(word)) return;
    this.known.add(word);
    while (this.byLength.length <= word.length) this.byLength.push([]);
    this.byLength[word.length]!.push(word);
  }

  /**
   * The known word nearest to `word` within its allowed edits, among those `weight` gives more
   * than 0 (how many vacancies it would find); the heaviest on a tie. Null when none is near.
   */
  closest(word: string, weight: (candidate: string) => number): string | null {
    const limit = allowedEdits(word.length);
    if (limit === 0) return null;
    let best: string | null = null;
    let bestDistance = limit + 1;
    let bestWeight = 0;
    const shortest = Math.max(MIN_LENGTH - 1, word.length - limit);
    const longest = Math.min(this.byLength.length - 1, word.length + limit);
    for (let length = shortest; length <= longest; length += 1) {
      for (const candidate of this.byLength[length] ?? []) {
        const distance = editDistance(word, candidate, Math.min(limit, bestDistance));
        if (distance > limit || distance > bestDistance) continue;
        const candidateWeight = weight(candidate);
        if (candidateWeight === 0) continue;
        if (distance < bestDistance || candidateWeight > bestWeight) {
          best = candidate;
          bestDistance = distance;
          bestWeight = candidateWeight;
        }
      }
    }
    return best;
  }
}
