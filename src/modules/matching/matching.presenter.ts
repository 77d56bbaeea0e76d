import type { Translate } from '../../platform/i18n/translator.js';
import type { Formatters } from '../../platform/i18n/format.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { CodedOccupation, Improvement, Reason } from './matching.types.js';

/**
 * Reasons and improvements in the reader's language (issue 15, part 2): each `Reason` of the
 * engine a short sentence, in the seeker's voice ("French B2 required, you have B1") or the
 * employer's ("… has B1"). Occupation and ISCO group titles, skill labels, language and country
 * names in the reader's language where the reference data has them; CEFR levels as codes;
 * numbers through the message's own formatter (the reader's digits). The translator isolates
 * every name it puts into a right-to-left sentence (bidi), so an English skill label keeps its
 * place on an Arabic page.
 */

export type Voice = 'seeker' | 'employer';

/** A reason as the pages and the API show it. */
export interface PresentedReason {
  code: Reason['code'];
  /** True when the reason speaks for the match (requirement met, same occupation…). */
  met: boolean;
  text: string;
}

export interface PresentedImprovement {
  code: Improvement['code'];
  text: string;
}

/** The names a page's reasons need, looked up once per page (namesFor). */
export interface ReasonNames {
  occupation(occupation: CodedOccupation): string | null;
  skill(id: string): string;
  language(code: string): string;
  country(code: string): string;
}

export interface PresentContext {
  t: Translate;
  fmt: Pick<Formatters, 'date' | 'number'>;
  names: ReasonNames;
}

const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

/** A CEFR rank (1–6) as its code, kept as is in every language. */
export function cefrCode(level: number): string {
  return CEFR[Math.min(Math.max(Math.round(level), 1), 6) - 1]!;
}

function isced(t: Translate, level: number): string {
  return t(`matching.isced.${Math.min(Math.max(Math.round(level), 0), 8)}`);
}

/** A length of time in years and months ("2 years", "7 months", "10 years and 7 months"). */
export function duration(t: Translate, months: number): string {
  const whole = Math.max(0, Math.round(months));
  const years = Math.floor(whole / 12);
  const rest = whole % 12;
  if (years === 0) return t('matching.duration.months', { count: rest });
  if (rest === 0) return t('matching.duration.years', { count: years });
  return t('matching.duration.both', {
    years: t('matching.duration.years', { count: years }),
    months: t('matching.duration.months', { count: rest }),
  });
}

/** Whether a reason speaks for the match. */
export function reasonMet(reason: Reason): boolean {
  switch (reason.code) {
    case 'occupation':
      return reason.fit !== 'none';
    case 'essentialSkills':
    case 'optionalSkills':
      return reason.have >= reason.of;
    case 'language':
    case 'education':
      return reason.have !== null && reason.have >= reason.required;
    case 'experience':
      return reason.months >= reason.requiredMonths;
    case 'destination':
      return reason.preferred;
    case 'availability':
      return reason.inTime;
  }
}

export function reasonText(reason: Reason, voice: Voice, context: PresentContext): string {
  const { t, fmt, names } = context;
  switch (reason.code) {
    case 'occupation': {
      const name = names.occupation({ escoId: reason.escoId, iscoCode: reason.iscoCode });
      if (reason.fit === 'none') return t('matching.reasons.occupation.none');
      return name
        ? t(`matching.reasons.occupation.${reason.fit}Named`, { occupation: name })
        : t(`matching.reasons.occupation.${reason.fit}`);
    }
    case 'essentialSkills':
    case 'optionalSkills':
      return t(`matching.reasons.${reason.code}`, { have: reason.have, of: reason.of });
    case 'language': {
      const values = {
        language: names.language(reason.language),
        required: cefrCode(reason.required),
      };
      return reason.have === null
        ? t(`matching.reasons.language.${voice}None`, values)
        : t(`matching.reasons.language.${voice}`, { ...values, have: cefrCode(reason.have) });
    }
    case 'education': {
      const required = isced(t, reason.required);
      return reason.have === null
        ? t(`matching.reasons.education.${voice}None`, { required })
        : t(`matching.reasons.education.${voice}`, { required, have: isced(t, reason.have) });
    }
    case 'experience':
      return t(`matching.reasons.experience.${voice}`, {
        required: duration(t, reason.requiredMonths),
        have: duration(t, reason.months),
      });
    case 'destination':
      return t(`matching.reasons.destination.${reason.preferred ? 'preferred' : 'other'}`, {
        country: names.country(reason.country),
      });
    case 'availability':
      return reason.inTime
        ? t('matching.reasons.availability.inTime')
        : t('matching.reasons.availability.late', {
            from: reason.availableFrom ? fmt.date(reason.availableFrom, 'medium') : '',
            deadline: fmt.date(reason.deadline, 'medium'),
          });
  }
}

export function presentReasons(
  reasons: readonly Reason[],
  voice: Voice,
  context: PresentContext,
): PresentedReason[] {
  return reasons.map((reason) => ({
    code: reason.code,
    met: reasonMet(reason),
    text: reasonText(reason, voice, context),
  }));
}

/**
 * What would improve the seeker's chances, in their voice. `vacancyOccupation` names the
 * occupation for "Gain 12 more months of experience as …".
 */
export function improvementText(
  improvement: Improvement,
  context: PresentContext,
  vacancyOccupation: CodedOccupation | null = null,
): string {
  const { t, names } = context;
  switch (improvement.code) {
    case 'skill':
      return t('matching.improvements.skill', { skill: names.skill(improvement.skillId) });
    case 'language':
      return t('matching.improvements.language', {
        language: names.language(improvement.language),
        level: cefrCode(improvement.level),
      });
    case 'education':
      return t('matching.improvements.education', { level: isced(t, improvement.level) });
    case 'experience': {
      const occupation = vacancyOccupation ? names.occupation(vacancyOccupation) : null;
      const amount = duration(t, improvement.months);
      return occupation
        ? t('matching.improvements.experienceAs', { duration: amount, occupation })
        : t('matching.improvements.experience', { duration: amount });
    }
    case 'occupation': {
      const occupation = names.occupation(improvement);
      return occupation
        ? t('matching.improvements.occupationNamed', { occupation })
        : t('matching.improvements.occupation');
    }
  }
}

export function presentImprovements(
  improvements: readonly Improvement[],
  context: PresentContext,
  vacancyOccupation: CodedOccupation | null = null,
): PresentedImprovement[] {
  return improvements.map((improvement) => ({
    code: improvement.code,
    text: improvementText(improvement, context, vacancyOccupation),
  }));
}

/** What a page's reasons and improvements name: collected first, then looked up in one go. */
interface Wanted {
  escoIds: Set<string>;
  iscoCodes: Set<string>;
  skills: Set<string>;
}

function collect(
  reasons: readonly Reason[],
  improvements: readonly Improvement[],
  occupations: readonly CodedOccupation[],
): Wanted {
  const wanted: Wanted = { escoIds: new Set(), iscoCodes: new Set(), skills: new Set() };
  const occupation = (o: CodedOccupation) => {
    if (o.escoId) wanted.escoIds.add(o.escoId);
    if (o.iscoCode) wanted.iscoCodes.add(o.iscoCode);
  };
  occupations.forEach(occupation);
  for (const reason of reasons) {
    if (reason.code === 'occupation') occupation(reason);
    if (reason.code === 'essentialSkills') reason.missing.forEach((id) => wanted.skills.add(id));
  }
  for (const improvement of improvements) {
    if (improvement.code === 'occupation') occupation(improvement);
    if (improvement.code === 'skill') wanted.skills.add(improvement.skillId);
  }
  return wanted;
}

/** The names a page needs, from the reference data, in one batch per page (not per row). */
export async function namesFor(
  deps: {
    reference: ReferenceService;
    skillTitles(ids: readonly string[]): Promise<Map<string, string>>;
  },
  language: string,
  page: {
    reasons: readonly Reason[];
    improvements?: readonly Improvement[];
    occupations?: readonly CodedOccupation[];
  },
): Promise<ReasonNames> {
  const { reference } = deps;
  const wanted = collect(page.reasons, page.improvements ?? [], page.occupations ?? []);
  const [countries, languages, skills, escoTitles, iscoTitles] = await Promise.all([
    reference.listCountries(language),
    reference.listLanguages(language, 'iso639-3'),
    wanted.skills.size > 0 ? deps.skillTitles([...wanted.skills]) : new Map<string, string>(),
    Promise.all(
      [...wanted.escoIds].map(async (id) => {
        const found = await reference.getOccupation(id, language);
        return [id, found?.title ?? null] as const;
      }),
    ),
    Promise.all(
      [...wanted.iscoCodes].map(async (code) => {
        const found = await reference.getIscoGroup(code, language);
        return [code, found?.title ?? null] as const;
      }),
    ),
  ]);
  const countryNames = new Map(countries.map((c) => [c.code, c.name]));
  const languageNames = new Map(languages.map((l) => [l.code, l.name]));
  const esco = new Map(escoTitles);
  const isco = new Map(iscoTitles);
  return {
    occupation: (o) =>
      (o.escoId ? esco.get(o.escoId) : null) ?? (o.iscoCode ? isco.get(o.iscoCode) : null) ?? null,
    skill: (id) => skills.get(id) ?? id,
    language: (code) => languageNames.get(code) ?? code,
    country: (code) => countryNames.get(code) ?? code,
  };
}
