/**
 * Spelling correction for query words the index has never seen ("nurze", "electricain",
 * "plombeir"): people type on small phones, in a second language. A word that matches nothing is
 * replaced by the known word within the fewest edits (insertions, deletions, substitutions and
 * swaps of two neighbouring letters), the most frequent one on a tie; the page says so. How far
 * a word may be off is the occupation lookup's rule (reference.typos.ts): not at all under four
 * characters, one edit up to seven, two from eight.
 *
 * The vocabulary is every word of the vacancy texts, kept by length: a lookup compares the word
 * with the words of nearby lengths only, with a distance that stops as soon as it exceeds the
 * limit. It runs only for words that match nothing and that the occupation coder does not know
 * or correct first (search-evaluate.ts: "bakr" is "baker", an occupation, before "bar").
 */

import { allowedTypos, editDistance } from '../../reference/reference.typos.js';

/** Known words shorter than this are never offered (a four-letter word is one edit from three). */
const MIN_CANDIDATE_LENGTH = 3;

export class SpellingVocabulary {
  private readonly known = new Set<string>();
  /** Words by length. */
  private readonly byLength: string[][] = [];

  get size(): number {
    return this.known.size;
  }

  add(word: string): void {
    if (word.length < MIN_CANDIDATE_LENGTH || this.known.has(word)) return;
    this.known.add(word);
    while (this.byLength.length <= word.length) this.byLength.push([]);
    this.byLength[word.length]!.push(word);
  }

  /**
   * The known word nearest to `word` within its allowed edits, among those `weight` gives more
   * than 0 (how many vacancies it would find); the heaviest on a tie. Null when none is near.
   */
  closest(word: string, weight: (candidate: string) => number): string | null {
    const limit = allowedTypos(word.length);
    if (limit === 0) return null;
    let best: string | null = null;
    let bestDistance = limit + 1;
    let bestWeight = 0;
    const shortest = Math.max(MIN_CANDIDATE_LENGTH, word.length - limit);
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
