import type { WagePeriod } from '../vacancy.states.js';
import { monthlyAmount } from '../wage.js';
import { DURATION_BANDS, WAGE_BANDS, type DurationBand, type WageBand } from './search.types.js';

/**
 * The bands of the duration and wage facets, and the monthly US-dollar wage used by the wage
 * band and the wage sort.
 *
 * A wage becomes monthly the way minimum wages are compared (../wage.ts): hourly × the contract's
 * weekly hours × 52/12; daily × 6 days × 52/12 (a six-day week, the common pattern in the Gulf
 * and in domestic work); weekly × 52/12; yearly ÷ 12. It is then converted at the indicative rate
 * of the exchange_rate table (usd_per_unit). A currency without a rate has no US-dollar wage: its
 * band is 'unknown' and it sorts last by wage.
 */

export function durationBand(months: number): DurationBand {
  if (months <= 12) return 'upto12';
  if (months <= 24) return '13to24';
  if (months <= 36) return '25to36';
  return 'over36';
}

export function wageBand(monthlyUsd: number | null): WageBand {
  if (monthlyUsd === null || !Number.isFinite(monthlyUsd)) return 'unknown';
  if (monthlyUsd < 500) return 'under500';
  if (monthlyUsd < 1000) return '500to999';
  if (monthlyUsd < 2000) return '1000to1999';
  if (monthlyUsd < 4000) return '2000to3999';
  return '4000plus';
}

export function monthlyUsd(
  wage: { amount: number; currency: string; period: WagePeriod; hoursPerWeek: number },
  usdPerUnit: ReadonlyMap<string, number>,
): number | null {
  const rate = usdPerUnit.get(wage.currency);
  if (rate === undefined || !Number.isFinite(wage.amount)) return null;
  return Math.round(monthlyAmount(wage.amount, wage.period, wage.hoursPerWeek) * rate * 100) / 100;
}

export const DURATION_INDEX: ReadonlyMap<string, number> = new Map(
  DURATION_BANDS.map((band, index) => [band, index]),
);
export const WAGE_INDEX: ReadonlyMap<string, number> = new Map(
  WAGE_BANDS.map((band, index) => [band, index]),
);
