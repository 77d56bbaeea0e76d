import type { Interner } from './int-list.js';
import type { OrganisationKind, SeekerRecord, VacancyRecord } from './matching.types.js';

/**
 * The index's records packed as int32 runs in an Arena (docs/matching.md, "Memory"): small ints
 * for ids (Interner), days since 1970 for dates, ISCO codes as numbers (their length kept by
 * their size: a unit group is ≥ 1000), -1 for "none". Strings stay outside, once each.
 */

export const NONE = -1;
/** A seeker available now (no date). */
export const NOW = -2147483648;

export const KIND_BIT: Record<OrganisationKind, number> = { employer: 1, recruitment_agency: 2 };

/** Seeker: [nationality, isced, availableDay, visibleTo, nOcc, nExp, nSkill, nLang, nVis, nDest, …]. */
export const S = {
  nationality: 0,
  isced: 1,
  available: 2,
  visibleTo: 3,
  nOcc: 4,
  nExp: 5,
  nSkill: 6,
  nLang: 7,
  nVis: 8,
  nDest: 9,
  header: 10,
} as const;

/** Vacancy: [origin, destination, esco, isco, minIsced, expMonths, deadlineDay, publishedMinute, agency, nEss, nOpt, nLang, …]. */
export const V = {
  origin: 0,
  destination: 1,
  esco: 2,
  isco: 3,
  minIsced: 4,
  experience: 5,
  deadline: 6,
  published: 7,
  agency: 8,
  nEss: 9,
  nOpt: 10,
  nLang: 11,
  header: 12,
} as const;

export interface Interners {
  countries: Interner;
  occupations: Interner;
  skills: Interner;
  languages: Interner;
  organisations: Interner;
}

/** 'YYYY-MM-DD' (or a longer ISO string) → days since 1970-01-01; a bad date → NONE. */
export function dayOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (!year || !month || !day) return NONE;
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** '7212' → 7212, '721' → 721; anything else → NONE. */
export function iscoNumber(code: string | null): number {
  return code && /^\d{1,4}$/.test(code) ? Number(code) : NONE;
}

export function iscoText(code: number): string | null {
  return code === NONE ? null : String(code);
}

/** The ISCO minor group (3 digits) of a code of at least 3 digits, else NONE. */
export function minorOf(code: number): number {
  if (code >= 1000) return Math.floor(code / 10);
  if (code >= 100) return code;
  return NONE;
}

const occupation = (names: Interners, id: string | null) =>
  id ? names.occupations.intern(id) : NONE;

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

export function packSeeker(record: SeekerRecord, names: Interners): number[] {
  const skills = sortedUnique(record.skills.map((id) => names.skills.intern(id)));
  const mask = record.visibleTo.reduce((bits, kind) => bits | (KIND_BIT[kind] ?? 0), 0);
  const out = [
    record.nationality ? names.countries.intern(record.nationality) : NONE,
    record.iscedLevel ?? NONE,
    record.availableFrom ? dayOf(record.availableFrom) : NOW,
    mask,
    record.occupations.length,
    record.experience.length,
    skills.length,
    record.languages.length,
    record.visibleIn.length,
    record.destinations.length,
  ];
  for (const o of record.occupations) out.push(occupation(names, o.escoId), iscoNumber(o.iscoCode));
  for (const e of record.experience) {
    out.push(occupation(names, e.escoId), iscoNumber(e.iscoCode), Math.max(0, e.months | 0));
  }
  out.push(...skills);
  for (const l of record.languages) out.push(names.languages.intern(l.code), l.level);
  for (const c of record.visibleIn) out.push(names.countries.intern(c));
  for (const c of record.destinations) out.push(names.countries.intern(c));
  return out;
}

export function seekerLength(data: Int32Array, at: number): number {
  return (
    S.header +
    data[at + S.nOcc]! * 2 +
    data[at + S.nExp]! * 3 +
    data[at + S.nSkill]! +
    data[at + S.nLang]! * 2 +
    data[at + S.nVis]! +
    data[at + S.nDest]!
  );
}

/** Where each list of a packed seeker starts. */
export function seekerLayout(data: Int32Array, at: number) {
  const occ = at + S.header;
  const exp = occ + data[at + S.nOcc]! * 2;
  const skills = exp + data[at + S.nExp]! * 3;
  const langs = skills + data[at + S.nSkill]!;
  const vis = langs + data[at + S.nLang]! * 2;
  const dest = vis + data[at + S.nVis]!;
  return { occ, exp, skills, langs, vis, dest };
}

export function packVacancy(record: VacancyRecord, names: Interners): number[] {
  const essential = sortedUnique(record.essentialSkills.map((id) => names.skills.intern(id)));
  const optional = sortedUnique(
    record.optionalSkills
      .map((id) => names.skills.intern(id))
      .filter((s) => !essential.includes(s)),
  );
  const out = [
    names.countries.intern(record.originCountry),
    names.countries.intern(record.destinationCountry),
    occupation(names, record.occupation.escoId),
    iscoNumber(record.occupation.iscoCode),
    record.minIscedLevel ?? NONE,
    Math.max(0, record.experienceMonths | 0),
    dayOf(record.deadline),
    Math.floor(Date.parse(record.publishedAt) / 60_000) || 0,
    record.agencyId ? names.organisations.intern(record.agencyId) : NONE,
    essential.length,
    optional.length,
    record.languages.length,
    ...essential,
    ...optional,
  ];
  for (const l of record.languages) out.push(names.languages.intern(l.code), l.level);
  return out;
}

export function vacancyLength(data: Int32Array, at: number): number {
  return V.header + data[at + V.nEss]! + data[at + V.nOpt]! + data[at + V.nLang]! * 2;
}
