import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { ExchangeRatesService } from '../vacancies/exchange-rates.service.js';
import {
  compareBy,
  costOf,
  coversAmount,
  midRate,
  referenceAmount,
  SDG_TARGET_PERCENT,
  type Cost,
  type PaymentMethod,
  type ProviderKind,
  type Sort,
  type Speed,
} from './remittance-cost.js';
import {
  MAX_IMPORT_ROWS,
  parseImport,
  type ImportedQuote,
  type Refusal,
} from './remittance-import.js';
import { canImportRemittancePrices } from './remittances.policy.js';
import type { Corridor, RemittancesRepository } from './remittances.repository.js';
import type { ImportMode } from './remittances.schemas.js';
import { WORLD_BANK_SOURCE } from './remittances.seed.js';

export interface ComparisonRow {
  quoteId: string;
  provider: string;
  providerKind: ProviderKind;
  demo: boolean;
  payIn: PaymentMethod;
  payOut: PaymentMethod;
  speed: Speed;
  fxMarginPercent: number;
  observedOn: string;
  /** For the amount asked (the reader's, else the equivalent of USD 200). */
  cost: Cost;
  /** For the equivalent of USD 200, when a quote covers it. */
  costAtReference: Cost | null;
}

export interface Comparison {
  fromCountry: string;
  toCountry: string;
  sendCurrency: string | null;
  sendCurrencies: string[];
  receiveCurrency: string | null;
  /** The equivalent of USD 200 in the send currency; null without a rate. */
  referenceAmount: number | null;
  /** The amount priced: the reader's, else the reference amount. */
  amount: number | null;
  amountGiven: boolean;
  rows: ComparisonRow[];
  /** Offers that do not take this amount (outside their bands). */
  notCovering: number;
  averages: { period: string; percent: number }[];
  latestAverage: { period: string; percent: number } | null;
  sdgTargetPercent: number;
  source: typeof WORLD_BANK_SOURCE;
  ratesAsOf: string | null;
}

export interface ImportResult {
  rows: number;
  valid: number;
  /** Quotes written (new or newer than the stored one); 0 when nothing was imported. */
  written: number;
  imported: boolean;
  refusals: Refusal[];
}

/**
 * The remittance costs: the public comparison of a corridor, and officers' price imports
 * (audited, with a domain event, in one transaction).
 */
export class RemittancesService {
  constructor(
    private readonly deps: {
      repository: RemittancesRepository;
      reference: ReferenceService;
      exchangeRates: ExchangeRatesService;
      audit: AuditLog;
      events: EventPublisher;
    },
  ) {}

  async corridors(): Promise<Corridor[]> {
    return this.deps.repository.corridors();
  }

  async compare(input: {
    fromCountry: string;
    toCountry: string;
    amount?: number | undefined;
    currency?: string | undefined;
    sort?: Sort;
  }): Promise<Comparison> {
    const { repository, reference, exchangeRates } = this.deps;
    const { fromCountry, toCountry } = input;
    if (!(await repository.corridorExists(fromCountry, toCountry))) throw new NotFoundError();
    const [quotes, averages, rates, receiveCurrency, homeCurrency] = await Promise.all([
      repository.quotes(fromCountry, toCountry),
      repository.averages(fromCountry, toCountry),
      exchangeRates.usdPerUnit(),
      reference.currencyOfCountry(toCountry),
      reference.currencyOfCountry(fromCountry),
    ]);
    const sendCurrencies = [...new Set(quotes.map((quote) => quote.sendCurrency))].sort();
    if (input.currency && !sendCurrencies.includes(input.currency)) {
      throw new ValidationError([
        { pointer: '/currency', detail: 'remittances.errors.chooseCurrency' },
      ]);
    }
    const sendCurrency =
      input.currency ??
      (homeCurrency && sendCurrencies.includes(homeCurrency) ? homeCurrency : null) ??
      sendCurrencies[0] ??
      null;
    const sendRate = sendCurrency ? rates.get(sendCurrency) : undefined;
    const receiveRate = receiveCurrency ? rates.get(receiveCurrency) : undefined;
    const mid = midRate(sendRate?.usdPerUnit, receiveRate?.usdPerUnit);
    const reference200 = sendRate ? referenceAmount(sendRate.usdPerUnit) : null;
    const amount = input.amount ?? reference200;

    const inCurrency = quotes.filter((quote) => quote.sendCurrency === sendCurrency);
    // One row per offer (provider and methods): the band that takes the amount, the cheapest
    // if bands overlap.
    const offers = new Map<string, ComparisonRow>();
    let products = new Set<string>();
    for (const quote of inCurrency) {
      const key = `${quote.provider}|${quote.payIn}|${quote.payOut}`;
      products.add(key);
      if (amount === null || !coversAmount(quote, amount)) continue;
      const cost = costOf(quote, amount, mid);
      const current = offers.get(key);
      if (current && current.cost.totalPercent <= cost.totalPercent) continue;
      const atReference =
        reference200 === null ? null : this.costAt(inCurrency, key, reference200, mid);
      offers.set(key, {
        quoteId: quote.id,
        provider: quote.provider,
        providerKind: quote.providerKind,
        demo: quote.demo,
        payIn: quote.payIn,
        payOut: quote.payOut,
        speed: quote.speed,
        fxMarginPercent: quote.fxMarginPercent,
        observedOn: quote.observedOn,
        cost,
        costAtReference: atReference,
      });
    }
    const rows = [...offers.values()].sort(compareBy(input.sort ?? 'total'));
    products = new Set([...products].filter((key) => !offers.has(key)));
    const ratesAsOf = [sendRate?.asOf, receiveRate?.asOf].filter(Boolean).sort()[0] ?? null;
    return {
      fromCountry,
      toCountry,
      sendCurrency,
      sendCurrencies,
      receiveCurrency,
      referenceAmount: reference200,
      amount,
      amountGiven: input.amount !== undefined,
      rows,
      notCovering: products.size,
      averages,
      latestAverage: averages[averages.length - 1] ?? null,
      sdgTargetPercent: SDG_TARGET_PERCENT,
      source: WORLD_BANK_SOURCE,
      ratesAsOf,
    };
  }

  private costAt(
    quotes: Awaited<ReturnType<RemittancesRepository['quotes']>>,
    key: string,
    amount: number,
    mid: number | null,
  ): Cost | null {
    let best: Cost | null = null;
    for (const quote of quotes) {
      if (`${quote.provider}|${quote.payIn}|${quote.payOut}` !== key) continue;
      if (!coversAmount(quote, amount)) continue;
      const cost = costOf(quote, amount, mid);
      if (!best || cost.totalPercent < best.totalPercent) best = cost;
    }
    return best;
  }

  /**
   * An officer's price file. 'all': nothing is written if any row is refused; 'valid': the
   * valid rows are written and the refused ones reported. Either way in one transaction, with
   * one audit event and one domain event when something was written.
   */
  async importPrices(
    ctx: ActorContext,
    input: { csv: string; mode: ImportMode; today?: string },
  ): Promise<ImportResult> {
    const scope = scopeFilter(ctx.principal, 'remittance.manage');
    if (!scope || !canImportRemittancePrices(ctx.principal)) throw new NotFoundError();
    const { repository } = this.deps;
    const parsed = parseImport(input.csv, {
      countries: await repository.countryCodes(),
      currencies: await repository.currencyCodes(),
      jurisdiction: scope.all ? null : new Set(scope.countryCodes),
      today: input.today ?? new Date().toISOString().slice(0, 10),
    });
    if (!parsed.ok) {
      throw new ValidationError([
        {
          pointer: '/csv',
          detail: `remittances.import.errors.${parsed.problem}`,
          values: { columns: parsed.detail, max: MAX_IMPORT_ROWS },
        },
      ]);
    }
    const { quotes, refusals, rows } = parsed;
    const refusedAll = input.mode === 'all' && refusals.length > 0;
    if (refusedAll || quotes.length === 0) {
      return { rows, valid: quotes.length, written: 0, imported: false, refusals };
    }
    const written = await repository.transaction(async (trx) => {
      const providers = new Map<string, ImportedQuote>();
      for (const quote of quotes) providers.set(quote.provider, quote);
      const ids = await repository.upsertProviders(
        trx,
        [...providers.values()].map((quote) => ({
          name: quote.provider,
          kind: quote.providerKind,
        })),
      );
      const pairs = new Map<string, { fromCountry: string; toCountry: string }>();
      for (const quote of quotes) pairs.set(`${quote.fromCountry}-${quote.toCountry}`, quote);
      await repository.ensureCorridors(trx, [...pairs.values()]);
      const count = await repository.upsertQuotes(
        trx,
        quotes.map((quote) => ({
          ...quote,
          providerId: ids.get(quote.provider) ?? '',
          source: 'import' as const,
        })),
      );
      const corridors = [...pairs.keys()].sort().join(' ');
      const summary = { rows, valid: quotes.length, written: count, refused: refusals.length };
      await this.deps.audit.record(trx, {
        action: 'remittance_prices.imported',
        actor: auditActorOf(ctx.principal, { permission: 'remittance.manage' }),
        subjectType: 'remittance_corridor',
        subjectIds: [...pairs.keys()].sort(),
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: null,
        after: { ...summary, mode: input.mode, corridors },
      });
      await this.deps.events.publish(trx, [
        {
          type: 'remittance_prices.imported',
          subjectType: 'remittance_corridor',
          subjectId: [...pairs.keys()].sort()[0] ?? '',
          payload: { ...summary, corridors },
        },
      ]);
      return count;
    });
    return { rows, valid: quotes.length, written, imported: true, refusals };
  }

  /** The countries an officer may price (for the import page's hint); null for all. */
  importJurisdiction(ctx: ActorContext): string[] | null {
    const scope = scopeFilter(ctx.principal, 'remittance.manage');
    if (!scope) return [];
    return scope.all ? null : scope.countryCodes;
  }
}
