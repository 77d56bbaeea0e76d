import type { SECTORS } from './occupations.js';
import { Random } from './prng.js';
import { ORIGIN_COUNTRIES, type OriginCountry } from './seekers-names.js';
import { INTENDED_STAYS, type IntendedStay } from '../../modules/job-seekers/job-seekers.tables.js';
import type { ResolvedOccupation } from './vacancy-factory.js';

/**
 * One synthetic job seeker: the account's name, address and language, and the profile's rows
 * named as the columns are (job-seekers.tables.ts), for Kysely as they are and for COPY through
 * the column lists of seekers-rows.ts. Names are in the person's own script with a Latin form
 * (some people have one name only); dates of birth are partial for some, as on their travel
 * documents; occupations are typed in the person's words and coded to ESCO and ISCO-08.
 */

export type Step =
  | 'bio'
  | 'documents'
  | 'education'
  | 'experience'
  | 'occupations'
  | 'skills'
  | 'languages'
  | 'destinations'
  | 'visibility';

export interface SeekerProfileRow {
  user_id: string;
  given_names: string;
  family_name: string;
  given_names_latin: string;
  family_name_latin: string;
  birth_date: string | null;
  sex: 'F' | 'M' | 'X' | null;
  nationality: string | null;
  home_subdivision: string | null;
  birth_place: string;
  birth_country: string | null;
  phone: string | null;
  email: string | null;
  availability_date: string | null;
  visibility: 'private' | 'destinations';
  steps_saved: Step[];
  intended_stay: IntendedStay | null;
  created_at: Date;
  updated_at: Date;
}

export interface SeekerEducationRow {
  user_id: string;
  isced_level: string;
  isced_field: string | null;
  institution: string;
  country: string | null;
  year: number | null;
}

export interface SeekerExperienceRow {
  user_id: string;
  title: string;
  esco_occupation_id: string | null;
  isco_code: string | null;
  employer: string;
  country: string | null;
  date_from: string | null;
  date_to: string | null;
}

export interface SeekerOccupationRow {
  user_id: string;
  title: string;
  esco_occupation_id: string | null;
  isco_code: string | null;
}

export interface SeekerSkillRow {
  user_id: string;
  skill_id: string;
}

export interface SeekerLanguageRow {
  user_id: string;
  language_code: string;
  cefr_level: string;
}

export interface SeekerDestinationRow {
  user_id: string;
  country_code: string;
}

export interface SeekerRows {
  job_seeker: SeekerProfileRow;
  job_seeker_education: SeekerEducationRow[];
  job_seeker_experience: SeekerExperienceRow[];
  job_seeker_occupation: SeekerOccupationRow[];
  job_seeker_skill: SeekerSkillRow[];
  job_seeker_language: SeekerLanguageRow[];
  job_seeker_destination: SeekerDestinationRow[];
}

export interface SeekerAccount {
  email: string;
  /** As the person writes it, in their own script (NFC). */
  fullName: string;
  preferredLanguage: OriginCountry['siteLanguage'];
}

export interface Seeker {
  account: SeekerAccount;
  rows: SeekerRows;
}

export interface SeekerContext {
  occupations: readonly ResolvedOccupation[];
  /** The finest subdivisions by country (none known: no home region is given). */
  homeRegions?: ReadonlyMap<string, readonly string[]>;
  now: Date;
}

/** Where people of the corridor look for work (relative weights). */
const DESTINATIONS: readonly (readonly [string, number])[] = [
  ['AE', 20],
  ['SA', 16],
  ['QA', 12],
  ['KW', 8],
  ['OM', 5],
  ['BH', 4],
  ['MY', 8],
  ['JP', 4],
  ['KR', 4],
  ['DE', 3],
  ['GB', 3],
  ['CA', 3],
];

/** The language employers of these destinations ask for beside English (vacancies do too). */
const DESTINATION_LANGUAGES: Readonly<Record<string, string>> = {
  DE: 'de',
  JP: 'ja',
  KR: 'ko',
  MY: 'ms',
};

/** The ISCED-F 2013 field of study that leads to work in each sector. */
const FIELDS: Record<(typeof SECTORS)[number], string> = {
  health: '0913',
  care: '0922',
  household: '1012',
  hospitality: '1013',
  construction: '0732',
  transport: '1041',
  manufacturing: '0715',
  agriculture: '0811',
  facilities: '1012',
  retail: '0416',
  technology: '0613',
  education: '0112',
};

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

const pad = (value: number) => String(value).padStart(2, '0');

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', as often as travel documents carry each. */
function partialDate(random: Random, year: number, full = 0.85, monthOnly = 0.05): string {
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const draw = random.next();
  if (draw < full) return `${year}-${pad(month)}-${pad(day)}`;
  if (draw < full + monthOnly) return `${year}-${pad(month)}`;
  return String(year);
}

/** ASCII letters of a Latin name, for an email address. */
function asciiWord(latin: string): string {
  return latin
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

export function pickCountry(random: Random): OriginCountry {
  return random.weighted(ORIGIN_COUNTRIES.map((country) => [country, country.weight]));
}

export function generateSeeker(
  random: Random,
  context: SeekerContext,
  plan: {
    userId: string;
    index: number;
    country?: OriginCountry;
    emailDomain: string;
    /** The occupations to draw from instead of all of them (the demo's people who sign in). */
    occupations?: readonly ResolvedOccupation[];
  },
): Seeker {
  const country = plan.country ?? pickCountry(random);
  const userId = plan.userId;
  const given = random.pick(country.given);
  const mononym = random.chance(country.mononyms);
  const family = mononym ? null : random.pick(country.family);
  const thisYear = context.now.getUTCFullYear();
  const birthYear = thisYear - random.int(20, 45);
  const birthDate = partialDate(random, birthYear);

  const occupation = random.pick(plan.occupations?.length ? plan.occupations : context.occupations);
  const spec = occupation.spec;
  const titleLanguage = country.siteLanguage === 'ar' && random.chance(0.6) ? 'ar' : 'en';
  const title = random.pick(spec.titles[titleLanguage]);
  const sector = spec.sectors[0] ?? 'facilities';

  const education: SeekerEducationRow[] = [
    {
      user_id: userId,
      isced_level: spec.isced ?? random.pick(['2', '3']),
      isced_field: spec.isced && Number(spec.isced) >= 3 ? FIELDS[sector] : null,
      institution: random.pick(country.institutions),
      country: country.code,
      year: Math.min(thisYear, birthYear + random.int(16, 24)),
    },
  ];

  const experience: SeekerExperienceRow[] = [];
  let year = birthYear + random.int(18, 24);
  const jobs = random.int(0, 3);
  for (let i = 0; i < jobs && year < thisYear; i += 1) {
    const end = Math.min(thisYear, year + random.int(1, 5));
    const abroad = i > 0 && random.chance(0.4);
    experience.push({
      user_id: userId,
      title,
      esco_occupation_id: occupation.occupationId,
      isco_code: spec.isco,
      employer: abroad ? 'Al Noor Services LLC' : random.pick(country.employers),
      country: abroad ? random.pick(['AE', 'SA', 'QA']) : country.code,
      date_from: `${year}-${pad(random.int(1, 12))}`,
      date_to: end >= thisYear && random.chance(0.5) ? null : `${end}-${pad(random.int(1, 12))}`,
    });
    year = end + random.int(0, 1);
  }

  const occupations: SeekerOccupationRow[] = [
    { user_id: userId, title, esco_occupation_id: occupation.occupationId, isco_code: spec.isco },
  ];
  if (random.chance(0.3)) {
    const other = random.pick(context.occupations);
    if (other !== occupation) {
      occupations.push({
        user_id: userId,
        title: random.pick(other.spec.titles.en),
        esco_occupation_id: other.occupationId,
        isco_code: other.spec.isco,
      });
    }
  }

  // Essential skills of the occupation, and for many people one or two of its optional ones.
  const skills = [
    ...random.sample(occupation.essentialSkills, random.int(2, 6)),
    ...random.sample(occupation.optionalSkills, random.chance(0.5) ? random.int(1, 2) : 0),
  ].map((skill_id) => ({ user_id: userId, skill_id }));

  const languages: SeekerLanguageRow[] = [
    { user_id: userId, language_code: country.language, cefr_level: 'C2' },
  ];
  if (country.language !== 'en' && random.chance(0.75)) {
    languages.push({
      user_id: userId,
      language_code: 'en',
      cefr_level: random.weighted(
        LEVELS.slice(0, 5).map((level, i) => [level, [3, 5, 4, 2, 1][i] ?? 1]),
      ),
    });
  }
  if (country.language !== 'ar' && random.chance(0.25)) {
    languages.push({
      user_id: userId,
      language_code: 'ar',
      cefr_level: random.pick(['A1', 'A2', 'B1']),
    });
  }

  const destinations = [...new Set([random.weighted(DESTINATIONS), random.weighted(DESTINATIONS)])]
    .slice(0, random.int(1, 2))
    .map((country_code) => ({ user_id: userId, country_code }));
  // People bound for a country whose employers ask for its language often learn some of it
  // before they go (language tests are part of several schemes).
  for (const { country_code } of destinations) {
    const local = DESTINATION_LANGUAGES[country_code];
    if (!local || languages.some((row) => row.language_code === local)) continue;
    if (!random.chance(0.6)) continue;
    languages.push({
      user_id: userId,
      language_code: local,
      cefr_level: random.weighted(
        LEVELS.slice(0, 4).map((level, i) => [level, [2, 4, 3, 1][i] ?? 1]),
      ),
    });
  }

  // Most profiles are complete; some people stopped after a step or two.
  const complete = random.chance(0.8);
  const steps: Step[] = complete
    ? [
        'bio',
        'education',
        'experience',
        'occupations',
        'skills',
        'languages',
        'destinations',
        'visibility',
      ]
    : (['bio', 'education', 'experience'] as Step[]).slice(0, random.int(1, 3));
  const visible = complete && random.chance(0.6);
  const created = new Date(context.now.getTime() - random.int(1, 400) * 86_400_000);
  const localPart = [asciiWord(given.latin), family ? asciiWord(family.latin) : null]
    .filter(Boolean)
    .join('.');
  const email = `${localPart}.${plan.index + 1}@${plan.emailDomain}`;
  const phone = `${country.phone.prefix}${random.pick(country.phone.first)}${String(
    random.int(0, 10 ** country.phone.digits - 1),
  ).padStart(country.phone.digits, '0')}`;

  const keep = (name: Step) => steps.includes(name);
  // Home region and intended stay come from a stream of their own, seeded by what was drawn
  // for this person, so that the main stream (and every person drawn after) is what it was
  // before these fields: the demo's people keep their names and addresses.
  const own = new Random(`${plan.index}/${given.latin}/${family?.latin ?? ''}/${birthDate ?? ''}`);
  // Most people say where they come from; a few leave it, as the form allows.
  const regions = context.homeRegions?.get(country.code) ?? [];
  const homeRegion = regions.length > 0 && own.chance(0.85) ? own.pick(regions) : null;
  const intendedStay: IntendedStay | null =
    keep('destinations') && own.chance(0.8) ? own.pick(INTENDED_STAYS) : null;
  return {
    account: {
      email,
      fullName: [given.own, family?.own].filter(Boolean).join(' ').normalize('NFC'),
      preferredLanguage: country.siteLanguage,
    },
    rows: {
      job_seeker: {
        user_id: userId,
        given_names: given.own.normalize('NFC'),
        family_name: family ? family.own.normalize('NFC') : '',
        given_names_latin: given.latin.normalize('NFC'),
        family_name_latin: family ? family.latin.normalize('NFC') : '',
        birth_date: birthDate,
        sex: given.sex,
        nationality: country.code,
        home_subdivision: homeRegion,
        birth_place: '',
        birth_country: country.code,
        phone,
        email,
        availability_date: complete
          ? `${thisYear + (random.chance(0.5) ? 0 : 1)}-${pad(random.int(1, 12))}`
          : null,
        visibility: visible ? 'destinations' : 'private',
        steps_saved: steps,
        intended_stay: intendedStay,
        created_at: created,
        updated_at: created,
      },
      job_seeker_education: keep('education') ? education : [],
      job_seeker_experience: keep('experience') ? experience : [],
      job_seeker_occupation: keep('occupations') ? occupations : [],
      job_seeker_skill: keep('skills') ? skills : [],
      job_seeker_language: keep('languages') ? languages : [],
      job_seeker_destination: keep('destinations') || visible ? destinations : [],
    },
  };
}
