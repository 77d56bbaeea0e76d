import { describe, expect, it } from 'vitest';
import { compareBy, costOf, coversAmount, midRate, referenceAmount } from './remittance-cost.js';

const quote = { amountMin: 0, amountMax: 1000, feeFixed: 10, feePercent: 1, fxMarginPercent: 2 };

describe('the cost of sending money', () => {
  it('adds the fee and the exchange-rate margin, as a share of the amount', () => {
    // Fee 10 + 1% of 500 = 15; margin 2% of 500 = 10; (15 + 10) / 500 = 5%.
    const cost = costOf(quote, 500, 15);
    expect(cost).toEqual({
      fee: 15,
      marginCost: 10,
      totalPercent: 5,
      totalPaid: 515,
      received: 7350, // 500 × 15 × 0.98
    });
  });

  it('leaves what is received unknown without both rates', () => {
    expect(costOf(quote, 500, null).received).toBeNull();
    expect(midRate(0.27, undefined)).toBeNull();
    expect(midRate(0.272294, 0.017241)).toBeCloseTo(15.79, 2);
  });

  it('prices the equivalent of USD 200 in the send currency', () => {
    expect(referenceAmount(0.27229408)).toBe(734.5);
    expect(referenceAmount(1)).toBe(200);
  });

  it('takes amounts inside the band, ends included; no maximum is open-ended', () => {
    expect(coversAmount(quote, 0)).toBe(true);
    expect(coversAmount(quote, 1000)).toBe(true);
    expect(coversAmount(quote, 1000.01)).toBe(false);
    expect(coversAmount({ amountMin: 1000.01, amountMax: null }, 1e6)).toBe(true);
  });

  it('orders cheapest first, by fee, or fastest first, ties by total cost then name', () => {
    const row = (
      provider: string,
      totalPercent: number,
      fee: number,
      speed: 'minutes' | 'days',
    ) => ({
      provider,
      speed,
      cost: { fee, marginCost: 0, totalPercent, totalPaid: 0, received: null },
    });
    const rows = [row('B', 3, 5, 'days'), row('A', 3, 9, 'minutes'), row('C', 1, 20, 'days')];
    expect([...rows].sort(compareBy('total')).map((r) => r.provider)).toEqual(['C', 'A', 'B']);
    expect([...rows].sort(compareBy('fee')).map((r) => r.provider)).toEqual(['B', 'A', 'C']);
    expect([...rows].sort(compareBy('speed')).map((r) => r.provider)).toEqual(['A', 'C', 'B']);
  });
});
