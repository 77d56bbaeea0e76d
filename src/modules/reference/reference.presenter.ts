import { z } from 'zod';
import { problemDetailsSchema } from '../../platform/http/problem.js';
import { ESCO_ISCO_PREFIX, ESCO_OCCUPATION_PREFIX, ESCO_SKILL_PREFIX } from './reference.esco.js';
import type {
  IscoGroupDetail,
  LocalisedCountry,
  LocalisedCurrency,
  LocalisedLanguage,
  Subdivision,
  Occupation,
  OccupationMatch,
  OccupationSkill,
  SkillMatch,
} from './reference.types.js';

/** What reference data looks like in the JSON API, and the functions that shape it. */

const iscoRef = z.object({ code: z.string(), title: z.string() });

export const countryView = z.object({
  code: z.string(),
  alpha3: z.string(),
  numericCode: z.string(),
  name: z.string(),
});
export const countryDetailView = countryView.extend({
  nameIso: z.string(),
  names: z.record(z.string(), z.string()),
});
export const subdivisionView = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  nameLanguage: z.string(),
  isoName: z.string(),
});
export const currencyView = z.object({
  code: z.string(),
  numericCode: z.string(),
  minorUnits: z.number().int(),
  name: z.string(),
  isoName: z.string(),
});
export const languageView = z.object({
  code: z.string(),
  iso6391: z.string().nullable(),
  iso6393: z.string(),
  name: z.string(),
  nameEn: z.string(),
  nativeName: z.string().nullable(),
});
const iscoSummaryView = z.object({ code: z.string(), level: z.number().int(), title: z.string() });
export const iscoGroupView = iscoSummaryView.extend({
  uri: z.string(),
  definition: z.string(),
  parent: iscoSummaryView.nullable(),
  children: z.array(iscoSummaryView),
  occupations: z.array(
    z.object({ id: z.string(), uri: z.string(), code: z.string(), title: z.string() }),
  ),
});
export const iscedLevelView = z.object({
  code: z.string(),
  eurostatCode: z.string().nullable(),
  nameEn: z.string(),
  note: z.string().nullable(),
});
export const iscedFieldView = z.object({
  code: z.string(),
  level: z.enum(['broad', 'narrow', 'detailed']),
  parentCode: z.string().nullable(),
  nameEn: z.string(),
  descriptionEn: z.string().nullable(),
});
export const cefrLevelView = z.object({
  code: z.string(),
  rank: z.number().int(),
  userGroup: z.enum(['basic', 'independent', 'proficient']),
  name: z.string(),
  description: z.string(),
  language: z.string(),
});
/** Why an occupation matched a search (the occupation coder's reason, ADR 14). */
const matchReasonView = z
  .object({
    kind: z
      .enum(['exact', 'words', 'stems', 'partial', 'spelling'])
      .describe(
        'The weakest evidence used: exact (the query is a label), words (every word in the label), stems (other endings of the same words), partial (part of a compound word), spelling (a typo corrected)',
      ),
    matchedWords: z.array(z.string()).describe('Words of the query, as typed, that matched'),
    unmatchedWords: z.array(z.string()).describe('Words of the query that matched nothing'),
    corrected: z
      .array(z.object({ from: z.string(), to: z.string() }))
      .describe('Typos corrected: the word typed and the label word it was read as'),
  })
  .describe('Why it matched');

export const occupationMatchView = z.object({
  kind: z.enum(['esco_occupation', 'isco_unit_group']),
  id: z.string(),
  uri: z.string(),
  code: z.string(),
  title: z.string(),
  titleLanguage: z.string(),
  matchedLabel: z.string(),
  matchedLanguage: z.string(),
  iscoUnitGroup: iscoRef,
  score: z.number(),
  why: matchReasonView,
});
export const occupationView = z.object({
  id: z.string(),
  uri: z.string(),
  code: z.string(),
  title: z.string(),
  titleLanguage: z.string(),
  description: z.string(),
  regulated: z.boolean(),
  iscoUnitGroup: iscoRef,
  labels: z.array(z.string()),
});
const skillView = z.object({
  id: z.string(),
  uri: z.string(),
  title: z.string(),
  skillType: z.enum(['skill/competence', 'knowledge']),
  reuseLevel: z.enum(['transversal', 'cross-sector', 'sector-specific', 'occupation-specific']),
});
export const skillMatchView = skillView.extend({ matchedLabel: z.string(), score: z.number() });
export const occupationSkillView = skillView.extend({
  relation: z.enum(['essential', 'optional']),
});

export const problemView = problemDetailsSchema;

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function presentCountry(country: LocalisedCountry): z.infer<typeof countryView> {
  return {
    code: country.code,
    alpha3: country.alpha3,
    numericCode: country.numericCode,
    name: country.name,
  };
}

export function presentCountryDetail(country: LocalisedCountry): z.infer<typeof countryDetailView> {
  return { ...presentCountry(country), nameIso: country.nameIso, names: country.names };
}

export function presentSubdivision(subdivision: Subdivision): z.infer<typeof subdivisionView> {
  const { code, parentCode, name, nameLanguage, nameIso } = subdivision;
  return { code, parentCode, name, nameLanguage, isoName: nameIso };
}

export function presentCurrency(currency: LocalisedCurrency): z.infer<typeof currencyView> {
  const { code, numericCode, minorUnits, name, nameEn } = currency;
  return { code, numericCode, minorUnits, name, isoName: nameEn };
}

export function presentLanguage(language: LocalisedLanguage): z.infer<typeof languageView> {
  const { code, iso6391, iso6393, name, nameEn, nativeName } = language;
  return { code, iso6391, iso6393, name, nameEn, nativeName };
}

export function presentIscoGroup(group: IscoGroupDetail): z.infer<typeof iscoGroupView> {
  return {
    ...group,
    uri: `${ESCO_ISCO_PREFIX}${group.code}`,
    occupations: group.occupations.map((o) => ({ ...o, uri: `${ESCO_OCCUPATION_PREFIX}${o.id}` })),
  };
}

export function presentOccupationMatch(
  match: OccupationMatch,
): z.infer<typeof occupationMatchView> {
  const uri =
    match.kind === 'esco_occupation'
      ? `${ESCO_OCCUPATION_PREFIX}${match.id}`
      : `${ESCO_ISCO_PREFIX}${match.id}`;
  const { corrected = [], ...why } = match.why;
  return { ...match, uri, why: { ...why, corrected } };
}

export function presentOccupation(occupation: Occupation): z.infer<typeof occupationView> {
  return { ...occupation, uri: `${ESCO_OCCUPATION_PREFIX}${occupation.id}` };
}

export function presentSkillMatch(skill: SkillMatch): z.infer<typeof skillMatchView> {
  return { ...skill, uri: `${ESCO_SKILL_PREFIX}${skill.id}` };
}

export function presentOccupationSkill(
  skill: OccupationSkill,
): z.infer<typeof occupationSkillView> {
  return { ...skill, uri: `${ESCO_SKILL_PREFIX}${skill.id}` };
}
