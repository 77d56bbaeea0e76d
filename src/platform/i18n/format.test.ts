import { describe, expect, it } from 'vitest';
import { formatters } from './format.js';
import { LANGUAGE_INFO, LANGUAGES } from './languages.js';

const RTL = LANGUAGES.filter((language) => LANGUAGE_INFO[language].dir === 'rtl');

describe('formatters', () => {
  it('formats calendar dates as the same day in every time zone', () => {
    expect(formatters('en').date('2026-03-01')).toBe('March 1, 2026');
    expect(formatters('fr').date('2026-03-01')).toBe('1 mars 2026');
    expect(formatters('es').date('2026-03-01')).toBe('1 de marzo de 2026');
    expect(formatters('ar').date('2026-03-01')).toMatch(/مارس/);
    // An instant late in the UTC day stays on that day.
    expect(formatters('en').date(new Date('2026-03-01T23:30:00Z'), 'medium')).toBe('Mar 1, 2026');
  });

  it('names the month in medium dates, in Arabic too (not digits and slashes)', () => {
    for (const language of LANGUAGES) {
      expect(formatters(language).date('2026-12-03', 'medium')).not.toMatch(/\//);
    }
    expect(formatters('ar').date('2026-12-03', 'medium')).toMatch(/ديسمبر/);
  });

  it('formats an instant in UTC on a 24-hour clock, with the zone shown', () => {
    const at = new Date('2026-12-03T17:42:05Z');
    expect(formatters('en').dateTime(at)).toBe('Dec 3, 2026, 17:42 UTC');
    expect(formatters('fr').dateTime(at)).toBe('3 déc. 2026, 17:42 UTC');
    expect(formatters('en').dateTime(at, { seconds: true })).toBe('Dec 3, 2026, 17:42:05 UTC');
    const arabic = formatters('ar').dateTime(at);
    expect(arabic).toMatch(/ديسمبر/);
    expect(arabic).toMatch(/17:42/);
    expect(arabic).toMatch(/UTC/);
    // Not "2026/12/03, UTC م 05:44": no slashes, no 12-hour marker.
    expect(arabic).not.toMatch(/\/|م \d|ص \d/);
  });

  it('formats numbers and money for the language', () => {
    expect(formatters('en').number(1234567.5)).toBe('1,234,567.5');
    expect(formatters('fr').number(1234.5)).toMatch(/^1\s234,5$/u);
    expect(formatters('en').money('1500.00', 'USD')).toBe('$1,500.00');
    expect(formatters('es').money(1500, 'EUR')).toMatch(/1500,00\s€|1\.500,00\s€/u);
    expect(formatters('ar').money(10, 'SAR')).toMatch(/ر\.س|SAR/);
  });

  it('makes an amount one unit in right-to-left languages, written the way its pattern reads', () => {
    for (const language of RTL) {
      const amount = formatters(language).money(2138, 'USD');
      // A right-to-left mark first (so a line that starts with the amount stays right to left),
      // then the amount isolated as one run, in the direction of the language's pattern.
      expect(amount).toMatch(/^\u200f[\u2066\u2067].*2,138\.00.*\u2069$/u);
    }
    // Arabic reads "2,138.00 US$" from the right; "US$" is its own run, so it cannot become "$US".
    expect(formatters('ar').money(2138, 'USD')).toBe(
      '\u200f\u2067\u200f2,138.00\u00a0\u2068US$\u2069\u2069',
    );
    expect(formatters('en').money(2138, 'USD')).not.toMatch(/[\u200f\u2066-\u2069]/);
  });

  it('joins lists with the language’s own words and commas', () => {
    expect(formatters('en').list(['housing', 'food', 'transport'])).toBe(
      'housing, food, and transport',
    );
    expect(formatters('en').list(['a', 'b'], 'disjunction')).toBe('a or b');
    expect(formatters('fr').list(['a', 'b', 'c'])).toBe('a, b et c');
    const arabic = formatters('ar').list(['السكن', 'الطعام', 'النقل']);
    expect(arabic).not.toMatch(/,/);
    expect(arabic).toMatch(/و/);
  });
});
