import type { SeekerRecord } from '../matching/matching.types.js';
import type { Visibility, VisibleToKind } from './job-seekers.tables.js';
import { earliestDay } from './partial-date.js';

/**
 * What the matching index holds of a profile (matching.types.ts, SeekerRecord), made from the
 * rows of job-seekers.matching.repository.ts: no names, no contact, no free text; only what
 * matching weighs. Pure, so that each rule is tested on its own (job-seekers.matching.test.ts).
 */

/** The profile's own row, as matching reads it. */
export interface MatchingProfileRow {
  userId: string;
  nationality: string | null;
  visibility: Visibility;
  visibleTo: VisibleToKind[];
  /** A partial date ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') or null. */
  availabilityDate: string | null;
}

/** The profile's lists, as matching reads them. */
export interface MatchingProfileLists {
  /** The ISCED 2011 level codes of the education entries. */
  educationLevels: string[];
  occupations: { escoId: string | null; iscoCode: string | null }[];
  experience: {
    escoId: string | null;
    iscoCode: string | null;
    dateFrom: string | null;
    dateTo: string | null;
  }[];
  skills: string[];
  languages: { code: string; cefrLevel: string }[];
  destinations: string[];
}

export const EMPTY_MATCHING_LISTS = (): MatchingProfileLists => ({
  educationLevels: [],
  occupations: [],
  experience: [],
  skills: [],
  languages: [],
  destinations: [],
});

const CEFR_RANK: Readonly<Record<string, number>> = {
  A1: 1,
  A2: 2,
  B1: 3,
  B2: 4,
  C1: 5,
  C2: 6,
};

/** A CEFR level's rank (A1 = 1 … C2 = 6), or null for anything else. */
export function cefrRank(level: string): number | null {
  return CEFR_RANK[level.trim().toUpperCase()] ?? null;
}

/** The highest numeric ISCED 2011 level ('0'…'8') among these codes, or null. */
export function highestIscedLevel(codes: readonly string[]): number | null {
  let highest: number | null = null;
  for (const code of codes) {
    if (!/^[0-8]$/.test(code)) continue;
    const level = Number(code);
    if (highest === null || level > highest) highest = level;
  }
  return highest;
}

/**
 * Whole months from one partial date to another (an open end is `today`, 'YYYY-MM-DD'). Each
 * partial date is taken at its first day ('2020' is 1 January 2020); an unknown start gives 0,
 * and so does an end before the start.
 */
export function monthsBetween(from: string | null, to: string | null, today: string): number {
  if (!from) return 0;
  const start = earliestDay(from);
  const end = to ? earliestDay(to) : today;
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  if ([y1, m1, d1, y2, m2, d2].some((n) => !Number.isFinite(n))) return 0;
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return Math.max(0, months);
}

/**
 * One profile as the index holds it. `today` ('YYYY-MM-DD') ends the open experience. The
 * occupations wanted that were never coded (words only) are left out: matching can weigh only
 * codes. Experience is kept even when uncoded (its months still count as experience).
 */
export function toSeekerRecord(
  row: MatchingProfileRow,
  lists: MatchingProfileLists,
  today: string,
): SeekerRecord {
  const languages: SeekerRecord['languages'] = [];
  for (const language of lists.languages) {
    const level = cefrRank(language.cefrLevel);
    if (level !== null) languages.push({ code: language.code.toLowerCase(), level });
  }
  return {
    userId: row.userId,
    nationality: row.nationality,
    visibleIn: row.visibility === 'destinations' ? [...lists.destinations] : [],
    visibleTo: [...row.visibleTo],
    destinations: [...lists.destinations],
    availableFrom: row.availabilityDate ? earliestDay(row.availabilityDate) : null,
    occupations: lists.occupations
      .filter((o) => o.escoId !== null || o.iscoCode !== null)
      .map((o) => ({ escoId: o.escoId, iscoCode: o.iscoCode })),
    experience: lists.experience.map((e) => ({
      escoId: e.escoId,
      iscoCode: e.iscoCode,
      months: monthsBetween(e.dateFrom, e.dateTo, today),
    })),
    skills: [...new Set(lists.skills)],
    languages,
    iscedLevel: highestIscedLevel(lists.educationLevels),
  };
}
