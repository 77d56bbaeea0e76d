import { isolated } from './bidi.js';
import { LANGUAGE_INFO, type Language } from './languages.js';

/**
 * One formatter per kind of value, for every human page (JSON keeps ISO 8601 and plain
 * numbers): the same day, instant, number, amount or list looks the same on every page of a
 * language, in that language's conventions.
 */
export interface Formatters {
  /** A calendar day: "3 December 2026" (long) or "3 Dec 2026" (medium), never a time. */
  date(value: Date | string, style?: 'long' | 'medium'): string;
  /**
   * An instant, with its time zone shown: "Dec 3, 2026, 17:42 UTC". Always in UTC, on a 24-hour
   * clock: the server does not know the reader's zone, and staff compare times with logs.
   */
  dateTime(value: Date | string, options?: { seconds?: boolean }): string;
  number(value: number): string;
  /** An amount in the reader's conventions: "US$ 2,138.00", "2 138,00 $US". */
  money(amount: number | string, currency: string): string;
  /** "a, b and c" (conjunction) or "a, b or c" (disjunction), with the language's own commas. */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
}

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat;
const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

/** A bare calendar date ('2026-11-27') is a day, not an instant: it is read as that day in UTC. */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

const RLM = '\u200f';
const LRI = '\u2066';
const RLI = '\u2067';
const PDI = '\u2069';

/**
 * An amount in a right-to-left language, as one unit whatever surrounds it. The language's
 * pattern says which way it is written: Arabic's starts with a right-to-left mark ("2,138.00
 * US$", read from the right), Urdu's reads left to right like English ("$422.00"); the amount is
 * isolated in that direction, and a Latin currency symbol inside it is isolated too, or its
 * letters and its "$" are torn apart ("$US 2,138.00"). The mark in front makes a paragraph or a
 * dir="auto" element that starts with an amount take the page's direction, not the symbol's.
 */
function rightToLeftAmount(parts: Intl.NumberFormatPart[]): string {
  const rightToLeftPattern = /^[\u200f\u061c]/.test(parts[0]?.value ?? '');
  if (!rightToLeftPattern) return `${RLM}${LRI}${parts.map((part) => part.value).join('')}${PDI}`;
  const text = parts
    .map((part) => (part.type === 'currency' ? isolated(part.value) : part.value))
    .join('');
  return `${RLM}${RLI}${text}${PDI}`;
}

export function formatters(language: Language): Formatters {
  const rtl = LANGUAGE_INFO[language].dir === 'rtl';
  return {
    date(value, style = 'long') {
      // Month names rather than dateStyle: 'medium', which is all digits and slashes in Arabic.
      return cached(
        `d:${language}:${style}`,
        () =>
          new Intl.DateTimeFormat(language, {
            day: 'numeric',
            month: style === 'long' ? 'long' : 'short',
            year: 'numeric',
            timeZone: 'UTC',
          }),
      ).format(toDate(value));
    },
    dateTime(value, options = {}) {
      const seconds = options.seconds === true;
      return cached(
        `t:${language}:${seconds}`,
        () =>
          new Intl.DateTimeFormat(language, {
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            ...(seconds ? { second: '2-digit' } : {}),
            hourCycle: 'h23',
            timeZone: 'UTC',
            timeZoneName: 'short',
          }),
      ).format(toDate(value));
    },
    number(value) {
      return cached(`n:${language}`, () => new Intl.NumberFormat(language)).format(value);
    },
    money(amount, currency) {
      const format = cached(
        `m:${language}:${currency}`,
        () => new Intl.NumberFormat(language, { style: 'currency', currency }),
      );
      const value = typeof amount === 'string' ? Number(amount) : amount;
      if (!rtl) return format.format(value);
      return rightToLeftAmount(format.formatToParts(value));
    },
    list(items, type = 'conjunction') {
      return cached(
        `l:${language}:${type}`,
        () => new Intl.ListFormat(language, { type, style: 'long' }),
      ).format(items);
    },
  };
}
