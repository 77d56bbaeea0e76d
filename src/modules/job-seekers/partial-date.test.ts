import { describe, expect, it } from 'vitest';
import { earliestDay, isAfter, latestDay, parsePartialDate } from './partial-date.js';

describe('partial dates', () => {
  it.each([
    ['1990', '1990'],
    ['1990-5', '1990-05'],
    ['1990-05-17', '1990-05-17'],
    ['17/05/1990', '1990-05-17'],
    ['05/1990', '1990-05'],
    ['17.5.1990', '1990-05-17'],
    [' ١٩٩٠-٠٥ ', '1990-05'],
    ['१९९०', '1990'],
    ['১৯৯০-১২-৩১', '1990-12-31'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (typed, value) => {
    expect(parsePartialDate(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'format'],
    ['May 1990', 'format'],
    ['90', 'format'],
    ['1990-13', 'month'],
    ['1990-00', 'month'],
    ['2023-02-29', 'day'],
    ['1990-04-31', 'day'],
    ['1850', 'range'],
    ['1990-05-17-01', 'format'],
    ['1990-005', 'format'],
  ])('refuses %s (%s)', (typed, problem) => {
    expect(parsePartialDate(typed)).toEqual({ ok: false, problem });
  });

  it('spans the days a partial date may mean', () => {
    expect(earliestDay('1990')).toBe('1990-01-01');
    expect(latestDay('1990')).toBe('1990-12-31');
    expect(latestDay('2024-02')).toBe('2024-02-29');
    expect(isAfter('2027', '2026-12-04')).toBe(true);
    expect(isAfter('2026-12', '2026-12-04')).toBe(false);
  });
});
