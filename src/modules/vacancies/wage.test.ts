import { describe, expect, it } from 'vitest';
import { amountPerPeriod, meetsMinimum, monthlyAmount } from './wage.js';

describe('wages per month', () => {
  it('counts hourly wages over the contract hours', () => {
    expect(monthlyAmount(10, 'hour', 48)).toBeCloseTo(2080, 6);
  });
  it('counts daily wages over a six-day week', () => {
    expect(monthlyAmount(100, 'day', 48)).toBeCloseTo(2600, 6);
  });
  it('converts weeks and years', () => {
    expect(monthlyAmount(500, 'week', 40)).toBeCloseTo(2166.67, 2);
    expect(monthlyAmount(24000, 'year', 40)).toBe(2000);
  });
  it('compares to the cent, whatever the periods', () => {
    expect(
      meetsMinimum({ amount: 1500, period: 'month' }, { amount: 1500, period: 'month' }, 48),
    ).toBe(true);
    expect(
      meetsMinimum({ amount: 1499.99, period: 'month' }, { amount: 1500, period: 'month' }, 48),
    ).toBe(false);
    expect(
      meetsMinimum({ amount: 7.22, period: 'hour' }, { amount: 1500, period: 'month' }, 48),
    ).toBe(true);
    expect(
      meetsMinimum({ amount: 7.2, period: 'hour' }, { amount: 1500, period: 'month' }, 48),
    ).toBe(false);
  });
  it('states a monthly minimum in the vacancy period, rounded up', () => {
    expect(amountPerPeriod(1500, 'hour', 48)).toBe(7.22);
    expect(amountPerPeriod(1500, 'month', 48)).toBe(1500);
  });
});
