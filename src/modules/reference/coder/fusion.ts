/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher 2009): each ranker gives its items in
 * order; an item scores Σ weight / (k + rank) over the rankers that list it. It needs no
 * calibration between rankers whose scores mean different things (BM25 and n-gram matches).
 */
export function reciprocalRankFusion<T>(
  rankings: ReadonlyArray<{ items: readonly T[]; weight?: number }>,
  k = 60,
): Map<T, number> {
  const fused = new Map<T, number>();
  for (const { items, weight = 1 } of rankings) {
    items.forEach((item, index) => {
      fused.set(item, (fused.get(item) ?? 0) + weight / (k + index + 1));
    });
  }
  return fused;
}
