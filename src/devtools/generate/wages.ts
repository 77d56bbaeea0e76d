import type { WagePeriod } from '../../modules/vacancies/vacancy.states.js';
import { amountPerPeriod, meetsMinimum, monthlyAmount } from '../../modules/vacancies/wage.js';
import type { Destination } from './destinations.js';
import type { OccupationSpec } from './occupations.js';
import type { Random } from './prng.js';

/** A minimum wage as the generator reads it from the minimum_wage table. */
export interface MinimumWageRule {
  originCountry: string;
  destinationCountry: string;
  /** Null for every occupation; else an ISCO code of any level (the longest match wins). */
  iscoCode: string | null;
  amount: number;
  currency: string;
  period: WagePeriod;
}

export interface DrawnWage {
  amount: string;
  currency: string;
  period: WagePeriod;
}

/** The floor that applies, as the job-order checks find it: the longest matching ISCO code. */
export function applicableFloor(
  rules: readonly MinimumWageRule[],
  origin: string,
  destination: string,
  iscoCode: string,
): MinimumWageRule | null {
  let best: MinimumWageRule | null = null;
  for (const rule of rules) {
    if (rule.originCountry !== origin || rule.destinationCountry !== destination) continue;
    if (rule.iscoCode !== null && !iscoCode.startsWith(rule.iscoCode)) continue;
    if (!best || (rule.iscoCode?.length ?? 0) > (best.iscoCode?.length ?? 0)) best = rule;
  }
  return best;
}

/** Round numbers, as employers write them: 1,550 AED a month, 12.40 GBP an hour, 215,000 JPY. */
function step(amount: number, period: WagePeriod): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(amount, 0.01)));
  return Math.max(0.01, period === 'month' || period === 'year' ? magnitude / 20 : magnitude / 100);
}

function rounded(amount: number, period: WagePeriod, direction: 'nearest' | 'up'): number {
  const unit = step(amount, period);
  const units = direction === 'up' ? Math.ceil(amount / unit - 1e-9) : Math.round(amount / unit);
  return Math.max(unit, units * unit);
}

/**
 * A wage around the occupation's usual level at the destination, in the destination's
 * currency (or the floor's, when a minimum wage applies: floors compare one currency), raised
 * to the floor when the draw falls below it.
 */
export function drawWage(
  random: Random,
  input: {
    occupation: OccupationSpec;
    destination: Destination;
    hoursPerWeek: number;
    usdPerUnit: ReadonlyMap<string, number>;
    floor: MinimumWageRule | null;
    /** When the vacancy may not be paid by the hour or week (household work, say). */
    monthlyOnly: boolean;
  },
): DrawnWage {
  const { occupation, destination, hoursPerWeek, floor } = input;
  const spread = Math.min(1.6, Math.max(0.65, Math.exp(0.15 * random.normal())));
  const monthlyUsd = occupation.usd[destination.wageBase] * destination.wageFactor * spread;
  const currency = floor?.currency ?? destination.currency;
  const rate = input.usdPerUnit.get(currency);
  if (!rate) throw new Error(`No exchange rate for ${currency}: run the seed first`);

  let period: WagePeriod = 'month';
  if (!input.monthlyOnly) {
    const draw = random.next();
    if (draw < destination.hourly) period = 'hour';
    else if (draw < destination.hourly + destination.weekly) period = 'week';
  }
  const monthly = monthlyUsd / rate;
  let amount = rounded(monthly / monthlyAmount(1, period, hoursPerWeek), period, 'nearest');

  if (floor && !meetsMinimum({ amount, period }, floor, hoursPerWeek)) {
    // Employers at the floor usually offer a little more than it, rarely exactly it.
    const monthlyFloor = monthlyAmount(floor.amount, floor.period, hoursPerWeek);
    const atFloor = amountPerPeriod(monthlyFloor, period, hoursPerWeek);
    amount = rounded(atFloor * (1 + random.next() * 0.15), period, 'up');
    if (!meetsMinimum({ amount, period }, floor, hoursPerWeek)) amount = Math.ceil(atFloor);
  }
  return { amount: amount.toFixed(2), currency, period };
}
