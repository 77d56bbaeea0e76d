import type { PaymentMethod, ProviderKind, Speed } from './remittance-cost.js';
import type { NewQuote, RemittancesRepository } from './remittances.repository.js';

/**
 * Demo prices: invented providers (marked as demo on every page) in six corridors the World
 * Bank's file covers, so that each comparison has its average and chart beside it.
 */
const PROVIDERS: { name: string; kind: ProviderKind }[] = [
  { name: 'Falcon Exchange', kind: 'money_transfer_operator' },
  { name: 'Crescent Bank', kind: 'bank' },
  { name: 'PesaHop', kind: 'mobile_money' },
  { name: 'Swiftline Remit', kind: 'money_transfer_operator' },
  { name: 'Gulf Post Money Order', kind: 'post' },
  { name: 'Oasis Money Transfer', kind: 'money_transfer_operator' },
];

interface Offer {
  provider: string;
  feeFixed: number;
  feePercent: number;
  margin: number;
  speed: Speed;
  payIn: PaymentMethod;
  payOut: PaymentMethod;
}

/** Offers priced for a 1:1 send currency; fees scale with the corridor's currency below. */
const OFFERS: Offer[] = [
  {
    provider: 'Falcon Exchange',
    feeFixed: 4,
    feePercent: 0,
    margin: 1.1,
    speed: 'minutes',
    payIn: 'cash',
    payOut: 'cash',
  },
  {
    provider: 'Falcon Exchange',
    feeFixed: 3,
    feePercent: 0,
    margin: 1.1,
    speed: 'minutes',
    payIn: 'card',
    payOut: 'account',
  },
  {
    provider: 'Crescent Bank',
    feeFixed: 7,
    feePercent: 0,
    margin: 0.6,
    speed: 'next_day',
    payIn: 'account',
    payOut: 'account',
  },
  {
    provider: 'PesaHop',
    feeFixed: 1.5,
    feePercent: 0.5,
    margin: 1.6,
    speed: 'minutes',
    payIn: 'card',
    payOut: 'mobile_money',
  },
  {
    provider: 'Swiftline Remit',
    feeFixed: 5,
    feePercent: 0,
    margin: 0.9,
    speed: 'same_day',
    payIn: 'cash',
    payOut: 'account',
  },
  {
    provider: 'Gulf Post Money Order',
    feeFixed: 2,
    feePercent: 1,
    margin: 2.5,
    speed: 'days',
    payIn: 'cash',
    payOut: 'cash',
  },
  {
    provider: 'Oasis Money Transfer',
    feeFixed: 6,
    feePercent: 0,
    margin: 1.4,
    speed: 'minutes',
    payIn: 'cash',
    payOut: 'mobile_money',
  },
];

/** Corridor, send currency, its units per US dollar (fees above are in "dollar-ish" units), offers. */
const CORRIDORS: {
  from: string;
  to: string;
  currency: string;
  unit: number;
  providers: string[];
}[] = [
  {
    from: 'AE',
    to: 'PH',
    currency: 'AED',
    unit: 3.6725,
    providers: [
      'Falcon Exchange',
      'Crescent Bank',
      'Swiftline Remit',
      'Oasis Money Transfer',
      'Gulf Post Money Order',
    ],
  },
  {
    from: 'AE',
    to: 'NP',
    currency: 'AED',
    unit: 3.6725,
    providers: ['Falcon Exchange', 'Crescent Bank', 'Swiftline Remit', 'Oasis Money Transfer'],
  },
  {
    from: 'AE',
    to: 'IN',
    currency: 'AED',
    unit: 3.6725,
    providers: [
      'Falcon Exchange',
      'Crescent Bank',
      'PesaHop',
      'Swiftline Remit',
      'Oasis Money Transfer',
    ],
  },
  {
    from: 'SA',
    to: 'BD',
    currency: 'SAR',
    unit: 3.75,
    providers: ['Falcon Exchange', 'Crescent Bank', 'PesaHop', 'Gulf Post Money Order'],
  },
  {
    from: 'SA',
    to: 'PK',
    currency: 'SAR',
    unit: 3.75,
    providers: [
      'Crescent Bank',
      'PesaHop',
      'Swiftline Remit',
      'Oasis Money Transfer',
      'Gulf Post Money Order',
    ],
  },
  {
    from: 'QA',
    to: 'NP',
    currency: 'QAR',
    unit: 3.64,
    providers: ['Falcon Exchange', 'Crescent Bank', 'Swiftline Remit', 'Oasis Money Transfer'],
  },
];

export async function seedDemoRemittances(
  repository: RemittancesRepository,
): Promise<Record<string, unknown>> {
  const existing = await repository.corridors();
  if (existing.some((corridor) => corridor.quotes > 0)) return { remittanceQuotes: 0 };
  const observedOn = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  return repository.transaction(async (trx) => {
    const ids = await repository.upsertProviders(
      trx,
      PROVIDERS.map((provider) => ({ ...provider, demo: true })),
    );
    await repository.ensureCorridors(
      trx,
      CORRIDORS.map((corridor) => ({ fromCountry: corridor.from, toCountry: corridor.to })),
    );
    const quotes: NewQuote[] = [];
    CORRIDORS.forEach((corridor, index) => {
      for (const offer of OFFERS) {
        if (!corridor.providers.includes(offer.provider)) continue;
        // A little spread between corridors, so that no two tables look alike.
        const spread = 1 + ((index * 7) % 5) / 10;
        const base = {
          providerId: ids.get(offer.provider) ?? '',
          fromCountry: corridor.from,
          toCountry: corridor.to,
          sendCurrency: corridor.currency,
          feePercent: offer.feePercent.toFixed(3),
          speed: offer.speed,
          payIn: offer.payIn,
          payOut: offer.payOut,
          observedOn,
          source: 'demo' as const,
        };
        const band = Math.round(1000 * corridor.unit);
        // Up to the equivalent of USD 1,000, and a cheaper band above it.
        quotes.push({
          ...base,
          amountMin: '0.00',
          amountMax: band.toFixed(2),
          feeFixed: (offer.feeFixed * corridor.unit * spread).toFixed(2),
          fxMarginPercent: (offer.margin * spread).toFixed(3),
        });
        quotes.push({
          ...base,
          amountMin: (band + 0.01).toFixed(2),
          amountMax: null,
          feeFixed: (offer.feeFixed * corridor.unit * spread * 1.5).toFixed(2),
          fxMarginPercent: (offer.margin * spread * 0.7).toFixed(3),
        });
      }
    });
    const written = await repository.upsertQuotes(trx, quotes);
    return { remittanceProviders: PROVIDERS.length, remittanceQuotes: written };
  });
}
