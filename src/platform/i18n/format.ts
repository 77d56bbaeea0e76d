import type { Language } from './languages.js';

/** Dates, numbers and money for a language, through Intl. Formatters are cached. */
export interface Formatters {
  date(value: Date | string, style?: 'long' | 'medium' | 'short'): string;
  number(value: number): string;
  money(amount: number | string, currency: string): string;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatters(language: Language): Formatters {
  return {
    date(value, style = 'long') {
      // A bare calendar date ('2026-11-27') is a day, not an instant: format it in UTC.
      const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
      const timeZone = typeof value === 'string' ? 'UTC' : undefined;
      return cached(
        `d:${language}:${style}:${timeZone}`,
        () => new Intl.DateTimeFormat(language, { dateStyle: style, timeZone }),
      ).format(date);
    },
    number(value) {
      return cached(`n:${language}`, () => new Intl.NumberFormat(language)).format(value);
    },
    money(amount, currency) {
      return cached(
        `m:${language}:${currency}`,
        () => new Intl.NumberFormat(language, { style: 'currency', currency }),
      ).format(typeof amount === 'string' ? Number(amount) : amount);
    },
  };
}
