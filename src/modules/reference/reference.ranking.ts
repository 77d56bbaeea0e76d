import { normaliseSearchText } from './reference.normalise.js';
import { allowedTypos, editDistance } from './reference.typos.js';

/**
 * The last step of search ranking, in JS on the few hundred candidates the database found.
 * Trigrams find "electrician" for "electricain" but rank "electrical engineer" above it (it
 * shares more trigrams); an edit distance that counts a swap of two letters as one edit does
 * not. Both arguments are normalised search text.
 */

/** How well one query word is matched by the closest word of a label: 1 (same) to 0. */
function wordScore(queryWord: string, labelWord: string): number {
  if (labelWord === queryWord) return 1;
  if (labelWord.startsWith(queryWord)) return 0.9;
  const allowed = allowedTypos(queryWord.length);
  if (allowed === 0) return 0;
  const distance = editDistance(queryWord, labelWord, allowed);
  if (distance === 1) return 0.8;
  return distance === 2 && allowed >= 2 ? 0.5 : 0;
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
