import { z } from 'zod';
import { asciiDigits } from '../../platform/i18n/digits.js';
import { SORTS } from './remittance-cost.js';

/** One schema per form or endpoint; messages are locale keys. */

export const MAX_AMOUNT = 1_000_000;

/**
 * An amount as people type it, in any script's digits: "500", "1,500.50", "1 500", "250,5".
 * Commas in threes are grouping; a comma with one or two digits after it is the decimal mark.
 */
export function readAmount(raw: string): number | null {
  const text = asciiDigits(raw).replace(/[\s\u00a0\u202f']/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^\d{1,9}(\.\d{1,2})?$/.test(text)) return Number(text);
  if (/^\d{1,9},\d{1,2}$/.test(text)) return Number(text.replace(',', '.'));
  return null;
}

const amountField = z
  .string()
  .max(40, 'remittances.errors.amountNotNumber')
  .transform((raw, context) => {
    if (raw.trim() === '') return undefined;
    const value = readAmount(raw);
    if (value === null) {
      context.addIssue({ code: 'custom', message: 'remittances.errors.amountNotNumber' });
      return z.NEVER;
    }
    if (value <= 0) {
      context.addIssue({ code: 'custom', message: 'remittances.errors.amountTooSmall' });
      return z.NEVER;
    }
    if (value > MAX_AMOUNT) {
      context.addIssue({ code: 'custom', message: 'remittances.errors.amountTooBig' });
      return z.NEVER;
    }
    return value;
  });

const currencyField = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'remittances.errors.chooseCurrency')
  .transform((value) => value.toUpperCase());

/** The comparison page's query: the reader's amount, its currency, the order. */
export const comparisonQuery = z.object({
  amount: amountField.optional(),
  currency: currencyField.optional(),
  sort: z.enum(SORTS).catch('total').default('total'),
});

/** The API's query: the same, the order aside (the API gives every quote, cheapest first). */
export const comparisonApiQuery = z.object({
  amount: amountField.optional(),
  currency: currencyField.optional(),
});

export const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/)
  .transform((value) => value.toUpperCase());

export const corridorParams = z.object({ from: countryCode, to: countryCode });

/** The chooser on /remittances (a GET form: it works without JavaScript). */
export const chooseCorridorQuery = z.object({
  from: z.string().regex(/^[A-Za-z]{2}$/, 'remittances.errors.chooseFrom'),
  to: z.string().regex(/^[A-Za-z]{2}$/, 'remittances.errors.chooseTo'),
});

export const IMPORT_MODES = ['all', 'valid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** The import form's fields besides the file. */
export const importForm = z.object({
  mode: z.enum(IMPORT_MODES, { message: 'remittances.import.errors.chooseMode' }),
});

/** The import as an API operation: the CSV as text in JSON. */
export const importApiBody = z.object({
  csv: z
    .string()
    .min(1)
    .max(1024 * 1024),
  mode: z.enum(IMPORT_MODES).default('all'),
});
