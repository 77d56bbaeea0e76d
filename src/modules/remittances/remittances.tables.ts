import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { PaymentMethod, ProviderKind, QuoteSource, Speed } from './remittance-cost.js';

/** `date` columns are read and written as 'YYYY-MM-DD'; `numeric` as decimal strings. */
export interface RemittanceProviderTable {
  id: Generated<string>;
  name: string;
  kind: ProviderKind;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface RemittanceCorridorTable {
  from_country: string;
  to_country: string;
  created_at: Generated<Date>;
}

export interface RemittanceQuoteTable {
  id: Generated<string>;
  provider_id: string;
  from_country: string;
  to_country: string;
  send_currency: string;
  amount_min: string;
  amount_max: string | null;
  fee_fixed: string;
  fee_percent: string;
  fx_margin_percent: string;
  speed: Speed;
  pay_in: PaymentMethod;
  pay_out: PaymentMethod;
  observed_on: string;
  source: QuoteSource;
  created_at: Generated<Date>;
}

export interface RemittanceCorridorAverageTable {
  from_country: string;
  to_country: string;
  period: string;
  total_cost_percent: string;
}

/** The tables this module owns (declared in its manifest). */
export interface RemittancesTables {
  remittance_provider: RemittanceProviderTable;
  remittance_corridor: RemittanceCorridorTable;
  remittance_quote: RemittanceQuoteTable;
  remittance_corridor_average: RemittanceCorridorAverageTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type RemittancesDb = Kysely<RemittancesTables & ReferenceTables>;
