/**
 * The contract of matching (docs/matching.md): what the job-seekers and vacancies modules give
 * the index, and what the index answers. Plain data, so that it crosses to the worker thread
 * unchanged (structured clone).
 */

/** A coded occupation: the ESCO occupation when known, always its ISCO-08 unit group when known. */
export interface CodedOccupation {
  escoId: string | null;
  iscoCode: string | null;
}

export interface LanguageLevel {
  /** ISO 639 code as stored ('en', 'fr', 'ar', 'fil'…), lower case. */
  code: string;
  /** CEFR rank: A1 = 1 … C2 = 6. */
  level: number;
}

export type OrganisationKind = 'employer' | 'recruitment_agency';

/** One job seeker as the index holds them: no names, no contact, only what matching weighs. */
export interface SeekerRecord {
  userId: string;
  /** ISO 3166-1 alpha-2, or null when the bio step is not done. */
  nationality: string | null;
  /** The destinations the profile is visible in (consent ledger, `profile.visible`); [] = private. */
  visibleIn: string[];
  /** The kinds of organisation the person lets see it (both unless the person narrowed it). */
  visibleTo: OrganisationKind[];
  /** Preferred destinations (the destinations step). */
  destinations: string[];
  /** 'YYYY-MM-DD' (a partial date taken at its first day), or null: available now. */
  availableFrom: string | null;
  /** Occupations wanted. */
  occupations: CodedOccupation[];
  /** Work experience, each with its length in whole months (an open end counts to today). */
  experience: (CodedOccupation & { months: number })[];
  /** ESCO skill ids. */
  skills: string[];
  languages: LanguageLevel[];
  /** The highest ISCED 2011 level completed (0–8), or null. */
  iscedLevel: number | null;
}

/** One published vacancy as the index holds it. */
export interface VacancyRecord {
  id: string;
  number: number;
  employerId: string;
  agencyId: string | null;
  originCountry: string;
  destinationCountry: string;
  occupation: CodedOccupation;
  essentialSkills: string[];
  optionalSkills: string[];
  languages: LanguageLevel[];
  /** ISCED 2011 level required (0–8), or null. */
  minIscedLevel: number | null;
  experienceMonths: number;
  /** 'YYYY-MM-DD': the last day to apply. */
  deadline: string;
  /** When it was published (newer first among equals). */
  publishedAt: string;
}

/** How the occupations of a seeker and a vacancy relate, best first. */
export type OccupationFit =
  | 'same' // the same ESCO occupation
  | 'unit' // the same ISCO-08 unit group (4 digits)
  | 'related' // ESCO's broader or narrower occupation, or a sibling under the same broader one
  | 'minor' // the same ISCO-08 minor group (3 digits)
  | 'none';

/**
 * One reason of an explanation: a code and its facts. The presenter turns it into a sentence
 * in the reader's language (locales/<lang>/matching.json, `matching.reasons.<code>`).
 */
export type Reason =
  | { code: 'occupation'; fit: OccupationFit; escoId: string | null; iscoCode: string | null }
  | { code: 'essentialSkills'; have: number; of: number; missing: string[] }
  | { code: 'optionalSkills'; have: number; of: number }
  | { code: 'language'; language: string; required: number; have: number | null }
  | { code: 'education'; required: number; have: number | null }
  | { code: 'experience'; requiredMonths: number; months: number }
  | { code: 'destination'; preferred: boolean; country: string }
  | { code: 'availability'; availableFrom: string | null; deadline: string; inTime: boolean };

/** How a seeker compares for a vacancy, for the seeker's eyes. */
export type Likelihood = 'likely' | 'possible' | 'unlikely';

/** What would raise the chances (never anything about other candidates). */
export type Improvement =
  | { code: 'skill'; skillId: string }
  | { code: 'language'; language: string; level: number }
  | { code: 'education'; level: number }
  | { code: 'experience'; months: number }
  | { code: 'occupation'; escoId: string | null; iscoCode: string | null };

/** One scored pair. `score` is 0–100, rounded to one decimal. */
export interface MatchExplained {
  score: number;
  likelihood: Likelihood;
  reasons: Reason[];
}

export interface CandidateMatch extends MatchExplained {
  userId: string;
}

export interface VacancyMatch extends MatchExplained {
  vacancyId: string;
  number: number;
}

export interface CandidateFilters {
  /** Only these likelihoods (default: all). */
  likelihood?: Likelihood[];
  /** Only candidates who meet every language requirement. */
  languagesMet?: boolean;
  limit?: number;
  offset?: number;
}

export interface VacancyFilters {
  /** Only vacancies in these destinations. */
  destinations?: string[];
  likelihood?: Likelihood[];
  limit?: number;
  offset?: number;
}

/** A page of ranked results: `total` counts every result that passed the filters. */
export interface Ranked<T> {
  total: number;
  results: T[];
}

export interface ComparisonResult extends MatchExplained {
  /** False when the seeker cannot take part at all (wrong origin, vacancy closed). */
  eligible: boolean;
  /** Why not, when not eligible. */
  ineligibleReason: 'origin' | 'closed' | null;
  improvements: Improvement[];
}

export interface IndexStats {
  seekers: number;
  vacancies: number;
  bytes: number;
  buildMs: number;
  builtAt: string | null;
}
