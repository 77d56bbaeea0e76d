import { asciiDigits } from '../../platform/i18n/digits.js';

/**
 * Dates as people and travel documents give them: a year ('1990'), a year and a month
 * ('1990-05') or a whole date ('1990-05-17'). Typed with any script's digits, with '-', '/' or
 * '.' between the parts, in either order (year first, or day/month/year as written on many
 * documents). Stored as the ISO text of what is known, never with an invented month or day.
 */
export type PartialDateProblem = 'format' | 'month' | 'day' | 'range';

export type PartialDateResult =
  { ok: true; value: string } | { ok: false; problem: PartialDateProblem };

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads a typed partial date; an empty string is not a date (the caller decides if it may be empty). */
export function parsePartialDate(typed: string): PartialDateResult {
  const text = asciiDigits(typed.normalize('NFKC')).trim().replace(/\s+/g, '');
  if (!text) return { ok: false, problem: 'format' };
  const parts = text.split(/[-/.\u2010-\u2015\u2212]/);
  if (parts.some((part) => !/^[0-9]+$/.test(part)) || parts.length > 3) {
    return { ok: false, problem: 'format' };
  }
  // Year first (ISO) or last (day/month/year, month/year).
  const yearFirst = parts[0]!.length === 4;
  const yearLast = parts[parts.length - 1]!.length === 4;
  if (!yearFirst && !yearLast) return { ok: false, problem: 'format' };
  const ordered = yearFirst ? parts : [...parts].reverse();
  const [yearText, monthText, dayText] = ordered as [string, string?, string?];
  const year = Number(yearText);
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, problem: 'range' };
  if (monthText === undefined) return { ok: true, value: String(year) };
  if (monthText.length > 2) return { ok: false, problem: 'format' };
  const month = Number(monthText);
  if (month < 1 || month > 12) return { ok: false, problem: 'month' };
  const mm = String(month).padStart(2, '0');
  if (dayText === undefined) return { ok: true, value: `${year}-${mm}` };
  if (dayText.length > 2) return { ok: false, problem: 'format' };
  const day = Number(dayText);
  if (day < 1 || day > daysIn(year, month)) return { ok: false, problem: 'day' };
  return { ok: true, value: `${year}-${mm}-${String(day).padStart(2, '0')}` };
}

/** The earliest day a partial date may mean ('1990' → '1990-01-01'), for comparisons. */
export function earliestDay(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
}

/** The last day a partial date may mean ('1990-02' → '1990-02-28'). */
export function latestDay(value: string): string {
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) {
    const [y, m] = value.split('-').map(Number) as [number, number];
    return `${value}-${String(daysIn(y, m)).padStart(2, '0')}`;
  }
  return value;
}

/** True when a partial date may be in the future of `today` ('YYYY-MM-DD') only. */
export function isAfter(value: string, today: string): boolean {
  return earliestDay(value) > today;
}
