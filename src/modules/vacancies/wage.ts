import type { WagePeriod } from './vacancy.states.js';

/**
 * Wages are compared per month. Hourly wages count the contract's weekly hours; daily wages a
 * six-day week (the common pattern in the Gulf and in domestic work); weekly and yearly wages
 * 52 weeks and 12 months. Money stays in decimal strings until here: only comparisons use
 * floating point, rounded to the cent.
 */
const WEEKS_PER_MONTH = 52 / 12;
const WORKING_DAYS_PER_WEEK = 6;

export function monthlyAmount(amount: number, period: WagePeriod, hoursPerWeek: number): number {
  switch (period) {
    case 'hour':
      return amount * hoursPerWeek * WEEKS_PER_MONTH;
    case 'day':
      return amount * WORKING_DAYS_PER_WEEK * WEEKS_PER_MONTH;
    case 'week':
      return amount * WEEKS_PER_MONTH;
    case 'month':
      return amount;
    case 'year':
      return amount / 12;
  }
}

/** The minimum expressed in the vacancy's own period, for the message that refuses it. */
export function amountPerPeriod(monthly: number, period: WagePeriod, hoursPerWeek: number): number {
  const perUnit = monthlyAmount(1, period, hoursPerWeek);
  return Math.ceil((monthly / perUnit) * 100) / 100;
}

export function meetsMinimum(
  wage: { amount: number; period: WagePeriod },
  minimum: { amount: number; period: WagePeriod },
  hoursPerWeek: number,
): boolean {
  const offered = Math.round(monthlyAmount(wage.amount, wage.period, hoursPerWeek) * 100);
  const floor = Math.round(monthlyAmount(minimum.amount, minimum.period, hoursPerWeek) * 100);
  return offered >= floor;
}
