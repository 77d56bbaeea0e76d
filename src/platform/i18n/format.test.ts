import { describe, expect, it } from 'vitest';
import { formatters } from './format.js';

describe('formatters', () => {
  it('formats calendar dates as the same day in every time zone', () => {
    expect(formatters('en').date('2026-03-01')).toBe('March 1, 2026');
    expect(formatters('fr').date('2026-03-01')).toBe('1 mars 2026');
    expect(formatters('es').date('2026-03-01')).toBe('1 de marzo de 2026');
    expect(formatters('ar').date('2026-03-01')).toMatch(/مارس/);
  });

  it('formats numbers and money for the language', () => {
    expect(formatters('en').number(1234567.5)).toBe('1,234,567.5');
    expect(formatters('fr').number(1234.5)).toMatch(/^1\s234,5$/u);
    expect(formatters('en').money('1500.00', 'USD')).toBe('$1,500.00');
    expect(formatters('es').money(1500, 'EUR')).toMatch(/1500,00\s€|1\.500,00\s€/u);
    expect(formatters('ar').money(10, 'SAR')).toMatch(/ر\.س|SAR/);
  });
});
