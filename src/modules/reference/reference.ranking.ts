import { normaliseSearchText } from './reference.normalise.js';

/**
 * The last step of search ranking, in JS on the few hundred candidates the database found.
 * Trigrams find "electrician" for "electricain" but rank "electrical engineer" above it (it
 * shares more trigrams); an edit distance that counts a swap of two letters as one edit does
 * not. Both arguments are normalised search text.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? 0;
}

/** How well one query word is matched by the closest word of a label: 1 (same) to 0. */
function wordScore(queryWord: string, labelWord: string): number {
  if (labelWord === queryWord) return 1;
  if (labelWord.startsWith(queryWord)) return 0.9;
  if (queryWord.length < 4) return 0;
  const distance = editDistance(queryWord, labelWord);
  if (distance === 1) return 0.8;
  return distance === 2 && queryWord.length >= 8 ? 0.5 : 0;
}

/**
 * How much of the query the label holds (each query word by its closest label word, allowing
 * a prefix or a small typo), and how much of the label that accounts for: "electrician" holds
 * "electricain" as well as "rolling stock electrician" does, but covers more of itself.
 */
export function closeness(query: string, searchText: string): { match: number; coverage: number } {
  const queryWords = query.split(' ');
  const labelWords = searchText.split(' ');
  const used = new Set<number>();
  let match = 0;
  for (const queryWord of queryWords) {
    let best = 0;
    let bestIndex = -1;
    labelWords.forEach((labelWord, index) => {
      const value = wordScore(queryWord, labelWord);
      if (value > best) [best, bestIndex] = [value, index];
    });
    match += best;
    if (bestIndex >= 0) used.add(bestIndex);
  }
  return { match: match / queryWords.length, coverage: used.size / labelWords.length };
}

/**
 * The final order: the database's score plus closeness, best first, one hit per concept (its
 * best label), shorter labels first on ties.
 */
export function rankHits<T extends { label: string; score: number }>(
  query: string,
  hits: readonly T[],
  conceptOf: (hit: T) => string,
): T[] {
  const scored = hits.map((hit) => {
    const { match, coverage } = closeness(query, normaliseSearchText(hit.label));
    return { ...hit, score: hit.score + match + 0.3 * coverage };
  });
  scored.sort(
    (a, b) => b.score - a.score || a.label.length - b.label.length || (a.label < b.label ? -1 : 1),
  );
  const seen = new Set<string>();
  return scored.filter((hit) => {
    const concept = conceptOf(hit);
    if (seen.has(concept)) return false;
    seen.add(concept);
    return true;
  });
}
