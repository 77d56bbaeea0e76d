/**
 * Ranking quality measures for the matching benchmark (test/bench/matching-quality.ts), on graded
 * relevance: 3 a close fit, 2 a good one, 1 a weak one, 0 none.
 *
 * - nDCG@k: discounted cumulative gain of the first k results, gain 2^grade − 1 and discount
 *   log2(rank + 1), divided by the same sum for the ideal order of every graded item of the
 *   query (not only of those retrieved), so that a result list missing a good item scores less.
 *   A query with nothing relevant at all is undefined (NaN) and left out of the means.
 * - recall@k: the share of the relevant items (grade ≥ `relevantFrom`, 2 by default) found in
 *   the first k results.
 */

/** The grade of an item, 0 when the query's judgements do not name it. */
export type Judgements = ReadonlyMap<string, number>;

const gain = (grade: number) => 2 ** grade - 1;
const discount = (rank: number) => Math.log2(rank + 2); // rank counted from 0

export function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  for (let rank = 0; rank < Math.min(k, grades.length); rank += 1) {
    sum += gain(grades[rank] ?? 0) / discount(rank);
  }
  return sum;
}

export function ndcgAt(ranked: readonly string[], judgements: Judgements, k: number): number {
  const grades = ranked.slice(0, k).map((id) => judgements.get(id) ?? 0);
  const ideal = [...judgements.values()].sort((a, b) => b - a);
  const best = dcg(ideal, k);
  return best === 0 ? NaN : dcg(grades, k) / best;
}

export function recallAt(
  ranked: readonly string[],
  judgements: Judgements,
  k: number,
  relevantFrom = 2,
): number {
  let relevant = 0;
  for (const grade of judgements.values()) if (grade >= relevantFrom) relevant += 1;
  if (relevant === 0) return NaN;
  let found = 0;
  for (const id of new Set(ranked.slice(0, k))) {
    if ((judgements.get(id) ?? 0) >= relevantFrom) found += 1;
  }
  return found / relevant;
}

/** The mean of the defined values (NaN ones left out), and how many there were. */
export function mean(values: readonly number[]): { mean: number; n: number } {
  const defined = values.filter((value) => !Number.isNaN(value));
  return {
    mean: defined.length === 0 ? NaN : defined.reduce((a, b) => a + b, 0) / defined.length,
    n: defined.length,
  };
}
