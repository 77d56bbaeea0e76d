import { z } from 'zod';
import type { Cost } from './remittance-cost.js';
import { PAYMENT_METHODS, PROVIDER_KINDS, SPEEDS } from './remittance-cost.js';
import type { Refusal } from './remittance-import.js';
import type { Comparison, ImportResult } from './remittances.service.js';

/** What the JSON API shows: the only way remittance data leaves the server as JSON. */

const costJson = z.object({
  fee: z.number().describe('What the sender pays on top of the amount, in the send currency'),
  fxMarginCost: z.number().describe('What the exchange-rate margin takes, in the send currency'),
  totalCostPercent: z.number().describe('Fee plus margin, as a percentage of the amount sent'),
  totalPaid: z.number(),
  received: z.number().nullable().describe('In the receive currency; null without a rate'),
});

export const comparisonJson = z.object({
  from: z.string(),
  to: z.string(),
  sendCurrency: z.string().nullable(),
  sendCurrencies: z.array(z.string()),
  receiveCurrency: z.string().nullable(),
  referenceAmount: z.number().nullable().describe('The equivalent of USD 200 in the send currency'),
  amount: z.number().nullable(),
  quotes: z.array(
    z.object({
      id: z.string(),
      provider: z.string(),
      providerKind: z.enum(PROVIDER_KINDS),
      demo: z.boolean(),
      payIn: z.enum(PAYMENT_METHODS),
      payOut: z.enum(PAYMENT_METHODS),
      speed: z.enum(SPEEDS),
      fxMarginPercent: z.number(),
      observedOn: z.string(),
      cost: costJson,
      costAt200Usd: costJson.nullable(),
    }),
  ),
  notCoveringAmount: z.number().int(),
  worldBankAverage: z.object({
    latest: z.object({ period: z.string(), totalCostPercent: z.number() }).nullable(),
    series: z.array(z.object({ period: z.string(), totalCostPercent: z.number() })),
    source: z.string(),
    licence: z.string(),
  }),
  sdgTargetPercent: z.number(),
});

function presentCost(cost: Cost): z.infer<typeof costJson> {
  return {
    fee: cost.fee,
    fxMarginCost: cost.marginCost,
    totalCostPercent: cost.totalPercent,
    totalPaid: cost.totalPaid,
    received: cost.received,
  };
}

export function presentComparison(c: Comparison): z.infer<typeof comparisonJson> {
  return {
    from: c.fromCountry,
    to: c.toCountry,
    sendCurrency: c.sendCurrency,
    sendCurrencies: c.sendCurrencies,
    receiveCurrency: c.receiveCurrency,
    referenceAmount: c.referenceAmount,
    amount: c.amount,
    quotes: c.rows.map((row) => ({
      id: row.quoteId,
      provider: row.provider,
      providerKind: row.providerKind,
      demo: row.demo,
      payIn: row.payIn,
      payOut: row.payOut,
      speed: row.speed,
      fxMarginPercent: row.fxMarginPercent,
      observedOn: row.observedOn,
      cost: presentCost(row.cost),
      costAt200Usd: row.costAtReference ? presentCost(row.costAtReference) : null,
    })),
    notCoveringAmount: c.notCovering,
    worldBankAverage: {
      latest: c.latestAverage
        ? { period: c.latestAverage.period, totalCostPercent: c.latestAverage.percent }
        : null,
      series: c.averages.map((a) => ({ period: a.period, totalCostPercent: a.percent })),
      source: `${c.source.name}, ${c.source.url}`,
      licence: c.source.licence,
    },
    sdgTargetPercent: c.sdgTargetPercent,
  };
}

export const importResultJson = z.object({
  imported: z.boolean().describe('false: nothing was written (all-or-nothing with refused rows)'),
  rows: z.number().int(),
  valid: z.number().int(),
  written: z.number().int(),
  refused: z.array(
    z.object({
      line: z.number().int(),
      column: z.string().nullable(),
      reason: z.string(),
      value: z.string().describe('The cell as given, made safe to open in a spreadsheet'),
    }),
  ),
});

export function presentImport(result: ImportResult): z.infer<typeof importResultJson> {
  return {
    imported: result.imported,
    rows: result.rows,
    valid: result.valid,
    written: result.written,
    refused: result.refusals.map((refusal: Refusal) => ({
      line: refusal.line,
      column: refusal.column,
      reason: refusal.reason,
      value: refusal.value,
    })),
  };
}
