/**
 * One row of a perturbation table: the maximum-entropy distribution of the noise over the
 * allowed noise values, with mean 0 and a variance of at most the one asked for (the problem the
 * R package `ptable` solves numerically for each original count; Giessing 2016, "Computational
 * issues in the design of transition probabilities and disclosure risk estimation for additive
 * noise", PSD 2016, LNCS 9867).
 *
 * The solution of "maximise entropy subject to Σp = 1, Σvp = 0, Σv²p ≤ V" is p(v) ∝ exp(a·v + b·v²)
 * with b ≤ 0 (b = 0 when the variance constraint is slack). We find a and b by Newton's method on
 * the convex dual log Σ exp(a·v + b·v²) − b·V. Where V is below the smallest variance a zero-mean
 * distribution on the allowed values can have (original counts that are themselves blocked, such
 * as 1 and 2), the row takes that smallest variance: the two allowed values on either side of 0.
 *
 * Like `ptable` (its default `mono = TRUE`), the probabilities may not decrease from the most
 * negative noise up to 0. Where the unconstrained solution breaks that, adjacent values are
 * pooled (equal probabilities, as in the pool-adjacent-violators algorithm): the KKT conditions
 * then give p(v) ∝ exp(a·v̄ + b·v²̄) with the pool's means of v and v², solved the same way.
 */

const TOLERANCE = 1e-14;
const MAX_ITERATIONS = 500;

/** Per value: the features of the exponent (v and v², or their means over the value's pool). */
interface Features {
  readonly f1: readonly number[];
  readonly f2: readonly number[];
}

interface Moments {
  logZ: number;
  m1: number;
  m2: number;
  m3: number;
  m4: number;
  m11: number;
}

function moments({ f1, f2 }: Features, a: number, b: number): Moments {
  let top = -Infinity;
  f1.forEach((x, k) => (top = Math.max(top, a * x + b * f2[k]!)));
  let z = 0;
  const sums = { m1: 0, m2: 0, m3: 0, m4: 0, m11: 0 };
  f1.forEach((x, k) => {
    const y = f2[k]!;
    const w = Math.exp(a * x + b * y - top);
    z += w;
    sums.m1 += w * x;
    sums.m11 += w * x * x;
    sums.m2 += w * y;
    sums.m3 += w * x * y;
    sums.m4 += w * y * y;
  });
  return {
    logZ: Math.log(z) + top,
    m1: sums.m1 / z,
    m2: sums.m2 / z,
    m3: sums.m3 / z,
    m4: sums.m4 / z,
    m11: sums.m11 / z,
  };
}

function weights(features: Features, a: number, b: number): number[] {
  const { logZ } = moments(features, a, b);
  return features.f1.map((x, k) => Math.exp(a * x + b * features.f2[k]! - logZ));
}

/** a such that exp(a·f1) has mean 0 (b = 0): bisection-guarded Newton. */
function zeroMeanTilt(features: Features): number {
  let low = -60;
  let high = 60;
  let a = 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const { m1, m11 } = moments(features, a, 0);
    if (Math.abs(m1) < TOLERANCE) return a;
    if (m1 > 0) high = a;
    else low = a;
    const step = a - m1 / (m11 - m1 * m1);
    a = step > low && step < high ? step : (low + high) / 2;
    if (high - low < 1e-15) return a;
  }
  return a;
}

/** Newton on the dual F(a, b) = log Z(a, b) − b·V, with backtracking; b stays ≤ 0. */
function zeroMeanWithVariance(features: Features, variance: number, start: number): number[] {
  let a = start;
  let b = 0;
  const dual = (x: number, y: number) => moments(features, x, y).logZ - y * variance;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const { m1, m2, m3, m4, m11 } = moments(features, a, b);
    const g1 = m1;
    const g2 = m2 - variance;
    if (Math.abs(g1) < TOLERANCE && Math.abs(g2) < TOLERANCE) break;
    // Hessian: the covariance matrix of the two features.
    const h11 = m11 - m1 * m1;
    const h12 = m3 - m1 * m2;
    const h22 = m4 - m2 * m2;
    const det = h11 * h22 - h12 * h12;
    let da = -(h22 * g1 - h12 * g2) / det;
    let db = -(h11 * g2 - h12 * g1) / det;
    if (!Number.isFinite(da) || !Number.isFinite(db)) {
      da = -g1;
      db = -g2;
    }
    const current = dual(a, b);
    let t = 1;
    while (t > 1e-12 && (b + t * db > 0 || dual(a + t * da, b + t * db) > current)) t /= 2;
    if (t <= 1e-12) break;
    a += t * da;
    b += t * db;
  }
  return weights(features, a, b);
}

function solve(features: Features, variance: number): number[] {
  const a = zeroMeanTilt(features);
  if (moments(features, a, 0).m2 <= variance) return weights(features, a, 0);
  return zeroMeanWithVariance(features, variance, a);
}

/** Features with the values pooled as `pools` says (pool index per value). */
function pooled(values: readonly number[], pools: readonly number[]): Features {
  const mean = (f: (v: number) => number) =>
    values.map((_, k) => {
      const members = values.filter((__, j) => pools[j] === pools[k]);
      return members.reduce((sum, v) => sum + f(v), 0) / members.length;
    });
  return { f1: mean((v) => v), f2: mean((v) => v * v) };
}

/**
 * Probabilities (in the order of `values`, sorted ascending, distinct integers) of the
 * maximum-entropy noise with mean 0, variance at most `variance`, and no decrease from the
 * lowest value up to 0.
 */
export function maxEntropyNoise(values: readonly number[], variance: number): number[] {
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined || first > 0 || last < 0) {
    throw new RangeError('no zero-mean noise exists on these values');
  }
  const atZero = values.map((v) => (v === 0 ? 1 : 0));
  if (first === 0 || last === 0) return atZero; // only 0 can give mean 0
  const zero = values.indexOf(0);
  const below = Math.max(...values.filter((v) => v < 0));
  const above = Math.min(...values.filter((v) => v > 0));
  if (zero < 0 && variance <= -below * above + 1e-12) {
    // The smallest variance with mean 0: the two values on either side of 0.
    const pAbove = -below / (above - below);
    return values.map((v) => (v === below ? 1 - pAbove : v === above ? pAbove : 0));
  }
  const pools = values.map((_, k) => k);
  for (;;) {
    const p = solve(pooled(values, pools), variance);
    // First violation of p non-decreasing up to 0 (only rows where 0 is allowed).
    let violation = -1;
    for (let k = 0; k < zero && violation < 0; k += 1) {
      if (pools[k] !== pools[k + 1] && p[k]! > p[k + 1]! + 1e-12) violation = k;
    }
    if (violation < 0) return p;
    const from = pools[violation + 1]!;
    const into = pools[violation]!;
    pools.forEach((pool, k) => {
      if (pool === from) pools[k] = into;
    });
  }
}
