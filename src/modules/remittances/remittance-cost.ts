/**
 * The cost of sending money home, as the World Bank's Remittance Prices Worldwide counts it:
 * the sender pays the amount plus the fee; the recipient gets the amount converted at the
 * provider's rate, which is the mid-market rate less the provider's exchange-rate margin. The
 * total cost is the fee plus what the margin takes, as a percentage of the amount sent.
 */

export const PROVIDER_KINDS = ['bank', 'money_transfer_operator', 'mobile_money', 'post'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const PAYMENT_METHODS = ['cash', 'account', 'mobile_money', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Speed bands, fastest first (the World Bank's: under an hour, same day, next day, 2–5 days, 6 or more). */
export const SPEEDS = ['minutes', 'same_day', 'next_day', 'days', 'week'] as const;
export type Speed = (typeof SPEEDS)[number];

export const QUOTE_SOURCES = ['import', 'officer', 'demo'] as const;
export type QuoteSource = (typeof QUOTE_SOURCES)[number];

/** Sustainable Development Goal 10.c: remittance costs below 3% by 2030. */
export const SDG_TARGET_PERCENT = 3;
export const SDG_TARGET_YEAR = 2030;

/** The amount the World Bank prices every corridor at. */
export const REFERENCE_AMOUNT_USD = 200;

export interface QuotePrice {
  amountMin: number;
  amountMax: number | null;
  feeFixed: number;
  feePercent: number;
  fxMarginPercent: number;
}

export interface Cost {
  /** What the sender pays on top of the amount, in the send currency. */
  fee: number;
  /** What the exchange-rate margin takes, in the send currency. */
  marginCost: number;
  /** Fee plus margin, as a percentage of the amount sent. */
  totalPercent: number;
  /** What the sender pays in all. */
  totalPaid: number;
  /** What the recipient gets, in the receive currency; null without both exchange rates. */
  received: number | null;
}

export function coversAmount(quote: Pick<QuotePrice, 'amountMin' | 'amountMax'>, amount: number) {
  return amount >= quote.amountMin && (quote.amountMax === null || amount <= quote.amountMax);
}

/**
 * The cost of sending `amount` (in the send currency) with a quote. `midRate` is how many units
 * of the receive currency one unit of the send currency buys at the mid-market rate.
 */
export function costOf(quote: QuotePrice, amount: number, midRate: number | null): Cost {
  const fee = roundCents(quote.feeFixed + (amount * quote.feePercent) / 100);
  const marginCost = (amount * quote.fxMarginPercent) / 100;
  const totalPercent = amount > 0 ? ((fee + marginCost) / amount) * 100 : 0;
  const received =
    midRate === null ? null : roundCents(amount * midRate * (1 - quote.fxMarginPercent / 100));
  return {
    fee,
    marginCost: roundCents(marginCost),
    totalPercent: Math.round(totalPercent * 100) / 100,
    totalPaid: roundCents(amount + fee),
    received,
  };
}

/** The amount in the send currency worth USD 200 at the indicative rate, to the cent. */
export function referenceAmount(usdPerUnit: number): number {
  return roundCents(REFERENCE_AMOUNT_USD / usdPerUnit);
}

/** Mid-market units of `to` per unit of `from`, from rates in US dollars per unit. */
export function midRate(usdPerFrom: number | undefined, usdPerTo: number | undefined) {
  if (!usdPerFrom || !usdPerTo) return null;
  return usdPerFrom / usdPerTo;
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

export const SORTS = ['total', 'fee', 'speed'] as const;
export type Sort = (typeof SORTS)[number];

export interface Comparable {
  provider: string;
  speed: Speed;
  cost: Cost;
}

/** Cheapest first (by total cost, or by fee), or fastest first; ties by total cost, then name. */
export function compareBy(sort: Sort): (a: Comparable, b: Comparable) => number {
  const byTotal = (a: Comparable, b: Comparable) => a.cost.totalPercent - b.cost.totalPercent;
  const byName = (a: Comparable, b: Comparable) => a.provider.localeCompare(b.provider, 'en');
  const first = {
    total: byTotal,
    fee: (a: Comparable, b: Comparable) => a.cost.fee - b.cost.fee,
    speed: (a: Comparable, b: Comparable) => SPEEDS.indexOf(a.speed) - SPEEDS.indexOf(b.speed),
  }[sort];
  return (a, b) => first(a, b) || byTotal(a, b) || byName(a, b);
}
