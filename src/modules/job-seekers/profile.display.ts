import type { ReferenceService } from '../reference/reference.service.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { FullProfile } from './job-seekers.repository.js';
import type { JobSeekersService } from './job-seekers.service.js';
import { displayName } from './names.js';

/** A label and the language it is written in (ADR 12: the reader's, else English). */
export interface Label {
  text: string;
  lang: string;
}

/** What the pages show of a profile: the codes named in the reader's language. */
export interface ProfileDisplay {
  name: string;
  nameLatin: string;
  countryName: (code: string | null) => string;
  /** The home subdivision's name (ADR 12), or null when none is saved. */
  homeSubdivision: Label | null;
  /** The intended stay's words, or null when not said. */
  intendedStay: string | null;
  education: {
    id: string;
    level: string;
    field: Label | null;
    institution: string;
    country: string;
    year: number | null;
  }[];
  experience: {
    id: string;
    title: string;
    coded: Label | null;
    employer: string;
    country: string;
    dateFrom: string | null;
    dateTo: string | null;
  }[];
  occupations: { id: string; title: string; coded: Label | null }[];
  skills: { id: string; title: Label }[];
  languages: { code: string; name: string; level: string; levelName: string }[];
  destinations: { code: string; name: string }[];
}

export interface DisplayDeps {
  reference: ReferenceService;
  jobSeekers: JobSeekersService;
}

/** The coded occupation's title: an ESCO occupation, else an ISCO unit group, else none. */
async function codedTitle(
  reference: ReferenceService,
  entry: { escoOccupationId: string | null; iscoCode: string | null },
  language: string,
): Promise<Label | null> {
  if (entry.escoOccupationId) {
    const occupation = await reference.getOccupation(entry.escoOccupationId, language);
    if (occupation) return { text: occupation.title, lang: occupation.titleLanguage };
  }
  if (entry.iscoCode) {
    const group = await reference.getIscoGroup(entry.iscoCode, language);
    if (group) return { text: group.title, lang: language };
  }
  return null;
}

export async function displayProfile(
  deps: DisplayDeps,
  profile: FullProfile,
  language: string,
  t: Translate,
): Promise<ProfileDisplay> {
  const { reference } = deps;
  const [countries, languages, cefr, fields, skills] = await Promise.all([
    reference.listCountries(language),
    reference.listLanguages(language),
    reference.listCefrLevels(language),
    reference.listIscedFields(),
    deps.jobSeekers.skillTitles(profile.skills),
  ]);
  const countryNames = new Map(countries.map((c) => [c.code, c.name]));
  const countryName = (code: string | null) => (code ? (countryNames.get(code) ?? code) : '');
  const languageNames = new Map(languages.map((l) => [l.code, l.name]));
  const cefrNames = new Map(cefr.map((c) => [c.code, c.name]));
  const fieldNames = new Map(fields.map((f) => [f.code, f.nameEn]));
  return {
    name: displayName(profile.givenNames, profile.familyName),
    nameLatin: displayName(profile.givenNamesLatin, profile.familyNameLatin),
    countryName,
    homeSubdivision: await subdivisionLabel(reference, profile.homeSubdivision, language),
    intendedStay: profile.intendedStay
      ? t(`jobSeekers.intendedStay.${profile.intendedStay}`)
      : null,
    education: profile.education.map((e) => ({
      id: e.id,
      level: t(`jobSeekers.isced.${e.iscedLevel}`),
      field: e.iscedField
        ? { text: fieldNames.get(e.iscedField) ?? e.iscedField, lang: 'en' }
        : null,
      institution: e.institution,
      country: countryName(e.country),
      year: e.year,
    })),
    experience: await Promise.all(
      profile.experience.map(async (e) => ({
        id: e.id,
        title: e.title,
        coded: await codedTitle(reference, e, language),
        employer: e.employer,
        country: countryName(e.country),
        dateFrom: e.dateFrom,
        dateTo: e.dateTo,
      })),
    ),
    occupations: await Promise.all(
      profile.occupations.map(async (o) => ({
        id: o.id,
        title: o.title,
        coded: await codedTitle(reference, o, language),
      })),
    ),
    skills: profile.skills.map((id) => ({ id, title: { text: skills.get(id) ?? id, lang: 'en' } })),
    languages: profile.languages.map((l) => ({
      code: l.languageCode,
      name: languageNames.get(l.languageCode) ?? l.languageCode,
      level: l.cefrLevel,
      levelName: cefrNames.get(l.cefrLevel) ?? l.cefrLevel,
    })),
    destinations: profile.destinations.map((code) => ({ code, name: countryName(code) })),
  };
}

/** A subdivision's name in the reader's language (ADR 12), with the language it is in. */
export async function subdivisionLabel(
  reference: ReferenceService,
  code: string | null,
  language: string,
): Promise<{ text: string; lang: string } | null> {
  if (!code) return null;
  const subdivisions = await reference.listSubdivisions(code.slice(0, 2), language);
  const found = subdivisions.find((s) => s.code === code);
  return found ? { text: found.name, lang: found.nameLanguage } : { text: code, lang: 'en' };
}
