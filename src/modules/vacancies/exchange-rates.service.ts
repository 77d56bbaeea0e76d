import type { ExchangeRatesRepository, IndicativeRate } from './exchange-rates.repository.js';

/**
 * The indicative exchange rates for other modules (remittance costs convert USD 200 into the
 * send currency with them): US dollars per unit of each currency that has one. Read-only; the
 * seed replaces them from the file on every start.
 */
export class ExchangeRatesService {
  constructor(private readonly repository: ExchangeRatesRepository) {}

  async usdPerUnit(): Promise<Map<string, IndicativeRate>> {
    return this.repository.all();
  }
}
