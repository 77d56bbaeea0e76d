import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { Random } from '../../src/devtools/generate/prng.js';
import type {
  LanguageLevel,
  SeekerRecord,
  VacancyRecord,
} from '../../src/modules/matching/matching.types.js';
import { readCsv } from '../../src/modules/reference/reference.csv.js';
import {
  ESCO_OCCUPATION_PREFIX,
  idFromUri,
  parseEscoSkills,
  parseOccupationSkills,
} from '../../src/modules/reference/reference.esco.js';

/**
 * A relevance set for matching whose ground truth is known by construction, from the ESCO data
 * in data/reference/esco (occupations with their ISCO-08 unit group and ESCO code, and their
 * essential and optional skills).
 *
 * For the "candidates for a vacancy" direction, target vacancies are drawn (one per ISCO minor
 * group, so that the people made for one target are no fit for another), and for each target,
 * people who fit it to a known degree:
 *
 * - 3, a close fit: the same ESCO occupation, 70–100 % of the vacancy's essential skills, every
 *   required language at or above its level, the education and (when given) the experience.
 * - 2, a good fit: another occupation of the same ISCO unit group (an ESCO broader, narrower or
 *   sibling occupation when there is one), 35–65 % of the essential skills, the languages met.
 * - 1, a weak fit: an occupation of the same ISCO minor group but another unit group with at
 *   most 30 % of the skills; or the same unit group with at most 30 % of the skills and one
 *   required language below its level.
 * - 0: everyone else, people of occupations of other minor groups (the distractors).
 *
 * Noise on everyone, as real profiles have it: missing experience or education, an occupation
 * coded to ISCO only, extra unrelated skills, skills from the occupation's optional list, a
 * second occupation wanted, destinations beside the vacancy's. The "vacancies for a seeker"
 * direction is built the same way the other way round: target people, and vacancies graded by
 * the same rules. Every graded item can take part (nationality among the vacancy's origin,
 * visible in its destination to both kinds of organisation, open vacancy), so that only the
 * ranking is measured. The rules are general; nothing is tuned to an example. Seeded.
 */

export interface EscoOccupation {
  id: string;
  code: string;
  isco: string;
  essential: string[];
  optional: string[];
}

export interface EscoCatalogue {
  occupations: EscoOccupation[];
  byUnit: Map<string, EscoOccupation[]>;
  /** Unit groups of each minor group (3 digits). */
  unitsOfMinor: Map<string, string[]>;
  /** Every skill that some occupation needs, to draw unrelated noise from. */
  skills: string[];
}

const ESCO_DIR = new URL('../../data/reference/esco/', import.meta.url);

async function gunzipText(name: string): Promise<string> {
  return zlib.gunzipSync(await fs.readFile(new URL(name, ESCO_DIR))).toString('utf8');
}

export async function loadEscoCatalogue(): Promise<EscoCatalogue> {
  const [occupationText, skillText, relationText, labelText] = await Promise.all([
    gunzipText('esco1.2.0_occupations_en.csv.gz'),
    gunzipText('esco1.0.x_skills_en-us.csv.gz'),
    gunzipText('esco1.2.0_occupation_skill_relations.derived.csv.gz'),
    gunzipText('esco1.2.0_skill_label_to_id.derived.csv.gz'),
  ]);
  const byId = new Map<string, EscoOccupation>();
  for (const row of readCsv(occupationText, ['conceptUri', 'iscoGroup', 'code'])) {
    const id = idFromUri(row.conceptUri, ESCO_OCCUPATION_PREFIX);
    if (!id || !/^\d{4}$/.test(row.iscoGroup)) continue;
    byId.set(id, { id, code: row.code, isco: row.iscoGroup, essential: [], optional: [] });
  }
  const { skills } = parseEscoSkills(skillText);
  const { rows } = parseOccupationSkills({
    relations: relationText,
    skillLabelToId: labelText,
    skills,
    occupationIds: new Set(byId.keys()),
  });
  const used = new Set<string>();
  for (const row of rows) {
    const occupation = byId.get(row.occupationId);
    if (!occupation) continue;
    (row.relation === 'essential' ? occupation.essential : occupation.optional).push(row.skillId);
    used.add(row.skillId);
  }
  const occupations = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const occupation of occupations) {
    occupation.essential.sort();
    occupation.optional.sort();
  }
  const byUnit = new Map<string, EscoOccupation[]>();
  for (const occupation of occupations) {
    byUnit.set(occupation.isco, [...(byUnit.get(occupation.isco) ?? []), occupation]);
  }
  const unitsOfMinor = new Map<string, string[]>();
  for (const unit of [...byUnit.keys()].sort()) {
    const minor = unit.slice(0, 3);
    unitsOfMinor.set(minor, [...(unitsOfMinor.get(minor) ?? []), unit]);
  }
  return { occupations, byUnit, unitsOfMinor, skills: [...used].sort() };
}

/** The graded items of one query: id → grade (0–3); ungraded items are 0. */
export interface RelevanceQuery {
  id: string;
  judgements: Map<string, number>;
}

export interface RelevanceSet {
  seekers: SeekerRecord[];
  vacancies: VacancyRecord[];
  /** Newest first order for the trivial baseline: a seeker's registration rank (higher newer). */
  seekerAge: Map<string, number>;
  queries: RelevanceQuery[];
  grades: Record<0 | 1 | 2 | 3, number>;
}

export interface RelevanceOptions {
  seed: number | string;
  /** Target vacancies (or people), one per ISCO minor group. */
  targets: number;
  /** Ungraded items of other minor groups. */
  distractors: number;
  today: string;
}

/** The corridor every item of the set lives in: a few origins and destinations. */
const ORIGINS = [
  { country: 'NP', language: 'ne' },
  { country: 'PH', language: 'fil' },
  { country: 'KE', language: 'sw' },
  { country: 'BD', language: 'bn' },
] as const;
const DESTINATIONS = [
  { country: 'AE', language: null },
  { country: 'SA', language: 'ar' },
  { country: 'QA', language: null },
  { country: 'DE', language: 'de' },
] as const;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The ISCED level a job of this ISCO major group usually asks for (ISCO-08 skill levels). */
function educationFor(random: Random, isco: string): number | null {
  const major = Number(isco[0]);
  if (major === 1 || major === 2) return random.pick([5, 6, 6, 7]);
  if (major === 3) return random.pick([4, 5]);
  if (major === 9) return random.chance(0.5) ? null : 1;
  return random.chance(0.3) ? null : random.pick([2, 3]);
}

function roundShare(random: Random, count: number, [lo, hi]: readonly [number, number]) {
  const share = lo + random.next() * (hi - lo);
  return Math.max(0, Math.min(count, Math.round(share * count)));
}

const unique = <T>(items: Iterable<T>) => [...new Set(items)];

/** Occupations of minor groups that hold at least two unit groups, one with two occupations. */
function targetableMinors(catalogue: EscoCatalogue): string[] {
  return [...catalogue.unitsOfMinor]
    .filter(
      ([, units]) =>
        units.length >= 2 &&
        units.some(
          (unit) =>
            (catalogue.byUnit.get(unit) ?? []).filter((o) => o.essential.length >= 4).length >= 2,
        ),
    )
    .map(([minor]) => minor);
}

/** The occupations the plan may use for each grade, relative to a target occupation. */
function relatives(catalogue: EscoCatalogue, target: EscoOccupation) {
  const inUnit = (catalogue.byUnit.get(target.isco) ?? []).filter((o) => o.id !== target.id);
  // ESCO's own hierarchy: the codes 2654.1 ⊃ 2654.1.7 ⊃ 2654.1.7.2.
  const parent = (code: string) => code.slice(0, code.lastIndexOf('.'));
  const related = inUnit.filter(
    (o) =>
      o.code.startsWith(`${target.code}.`) ||
      target.code.startsWith(`${o.code}.`) ||
      (parent(o.code).includes('.') && parent(o.code) === parent(target.code)),
  );
  const minor = target.isco.slice(0, 3);
  const inMinor = (catalogue.unitsOfMinor.get(minor) ?? [])
    .filter((unit) => unit !== target.isco)
    .flatMap((unit) => catalogue.byUnit.get(unit) ?? []);
  return { inUnit, related, inMinor };
}

function pickTargets(catalogue: EscoCatalogue, random: Random, count: number) {
  const minors = random.sample(targetableMinors(catalogue), count);
  return minors.map((minor) => {
    const candidates = (catalogue.unitsOfMinor.get(minor) ?? [])
      .flatMap((unit) => catalogue.byUnit.get(unit) ?? [])
      .filter((o) => o.essential.length >= 4 && (catalogue.byUnit.get(o.isco) ?? []).length >= 2);
    return random.pick(candidates);
  });
}

function distractorOccupations(catalogue: EscoCatalogue, excludedMinors: ReadonlySet<string>) {
  return catalogue.occupations.filter(
    (o) => !excludedMinors.has(o.isco.slice(0, 3)) && o.essential.length >= 2,
  );
}

// ---- people -------------------------------------------------------------------------------

interface PersonPlan {
  userId: string;
  occupation: EscoOccupation;
  /** Skills the person holds on purpose (the plan's coverage of the other side). */
  skills: string[];
  origin: (typeof ORIGINS)[number];
  /** Languages the person has beside their own (C2). */
  languages: LanguageLevel[];
  iscedLevel: number | null;
  experienceMonths: number | null;
  visibleIn: string[];
  destinations: string[];
  availableFrom: string | null;
}

function noisySkills(
  random: Random,
  catalogue: EscoCatalogue,
  occupation: EscoOccupation,
  planned: string[],
) {
  const extra = [
    ...random.sample(occupation.optional, random.int(0, 3)),
    ...random.sample(catalogue.skills, random.chance(0.6) ? random.int(1, 4) : 0),
  ];
  return unique([...planned, ...extra]);
}

function person(random: Random, catalogue: EscoCatalogue, plan: PersonPlan): SeekerRecord {
  const coded = { escoId: plan.occupation.id, iscoCode: plan.occupation.isco };
  // Noise: some people's occupation is coded to ISCO only; some want a second, unrelated one.
  const wanted = [random.chance(0.05) ? { escoId: null, iscoCode: plan.occupation.isco } : coded];
  if (random.chance(0.15)) {
    const other = random.pick(catalogue.occupations);
    wanted.push({ escoId: other.id, iscoCode: other.isco });
  }
  return {
    userId: plan.userId,
    nationality: plan.origin.country,
    visibleIn: plan.visibleIn,
    visibleTo: ['employer', 'recruitment_agency'],
    destinations: plan.destinations,
    availableFrom: plan.availableFrom,
    occupations: wanted,
    experience: plan.experienceMonths === null ? [] : [{ ...coded, months: plan.experienceMonths }],
    skills: noisySkills(random, catalogue, plan.occupation, plan.skills),
    languages: [{ code: plan.origin.language, level: 6 }, ...plan.languages].filter(
      (entry, i, all) => all.findIndex((other) => other.code === entry.code) === i,
    ),
    iscedLevel: plan.iscedLevel,
  };
}

/** Levels at or above each requirement (met), or one of them below (not met). */
function languagesFor(random: Random, required: readonly LanguageLevel[], met: boolean) {
  const levels = required.map(({ code, level }) => ({
    code,
    level: Math.min(
      6,
      level +
        random.weighted([
          [0, 5],
          [1, 3],
          [2, 1],
        ] as const),
    ),
  }));
  if (!met && levels.length > 0) {
    const at = random.int(0, levels.length - 1);
    const below = required[at]!.level - random.int(1, 2);
    if (below < 1) levels.splice(at, 1);
    else levels[at] = { code: required[at]!.code, level: below };
  }
  if (random.chance(0.3)) levels.push({ code: 'en', level: random.int(1, 5) });
  return levels;
}

// ---- vacancies ----------------------------------------------------------------------------

let vacancyNumber = 0;

function vacancy(
  random: Random,
  today: string,
  input: {
    id: string;
    occupation: EscoOccupation;
    essential: string[];
    origin: string;
    destination: (typeof DESTINATIONS)[number];
    languages?: LanguageLevel[];
    minIscedLevel?: number | null;
    experienceMonths?: number;
  },
): VacancyRecord {
  vacancyNumber += 1;
  const languages: LanguageLevel[] =
    input.languages ??
    [
      random.chance(0.75) ? { code: 'en', level: random.int(2, 4) } : null,
      input.destination.language && random.chance(0.4)
        ? { code: input.destination.language, level: random.int(1, 3) }
        : null,
    ].filter((entry) => entry !== null);
  return {
    id: input.id,
    number: vacancyNumber,
    employerId: `employer-${random.int(1, 50)}`,
    agencyId: null,
    originCountry: input.origin,
    destinationCountry: input.destination.country,
    occupation: { escoId: input.occupation.id, iscoCode: input.occupation.isco },
    essentialSkills: input.essential,
    optionalSkills: random.sample(input.occupation.optional, random.int(0, 3)),
    languages,
    minIscedLevel:
      input.minIscedLevel === undefined
        ? educationFor(random, input.occupation.isco)
        : input.minIscedLevel,
    experienceMonths: input.experienceMonths ?? random.pick([0, 0, 12, 24, 36]),
    deadline: addDays(today, random.int(7, 90)),
    publishedAt: `${addDays(today, -random.int(0, 60))}T${String(random.int(0, 23)).padStart(2, '0')}:00:00.000Z`,
  };
}

// ---- the two directions -------------------------------------------------------------------

type Grade = 0 | 1 | 2 | 3;

/** Plans the occupation, coverage and languages of an item graded `grade` against a target. */
function gradePlan(random: Random, catalogue: EscoCatalogue, target: EscoOccupation, grade: Grade) {
  const { inUnit, related, inMinor } = relatives(catalogue, target);
  if (grade === 3) {
    return { occupation: target, coverage: [0.7, 1] as const, languagesMet: true, education: 1 };
  }
  if (grade === 2) {
    const pool = related.length > 0 && random.chance(0.5) ? related : inUnit;
    return {
      occupation: random.pick(pool),
      coverage: [0.35, 0.65] as const,
      languagesMet: true,
      education: 0.85,
    };
  }
  // Weak: another unit group of the minor group, or this unit group with a language below.
  if (inMinor.length > 0 && random.chance(0.4)) {
    return {
      occupation: random.pick(inMinor),
      coverage: [0, 0.3] as const,
      languagesMet: random.chance(0.5),
      education: 0.5,
    };
  }
  return {
    occupation: random.pick([target, ...inUnit]),
    coverage: [0, 0.3] as const,
    languagesMet: false,
    education: 0.5,
  };
}

const GRADED: readonly (readonly [Grade, number, number])[] = [
  [3, 2, 3],
  [2, 2, 5],
  // Most people of a unit group are no close fit for a given vacancy: weak ones outnumber.
  [1, 6, 14],
];

/** "Candidates for a vacancy": target vacancies, people graded against each, distractors. */
export function candidateRelevanceSet(
  catalogue: EscoCatalogue,
  options: RelevanceOptions,
): RelevanceSet {
  const random = Random.derive(options.seed, 'matching-quality/candidates');
  const ids = Random.derive(options.seed, 'matching-quality/candidates/ids');
  const targets = pickTargets(catalogue, random, options.targets);
  const seekers: SeekerRecord[] = [];
  const vacancies: VacancyRecord[] = [];
  const queries: RelevanceQuery[] = [];
  const grades: Record<Grade, number> = { 0: 0, 1: 0, 2: 0, 3: 0 };

  for (const occupation of targets) {
    const origin = random.pick(ORIGINS);
    const destination = random.pick(DESTINATIONS);
    const essential = random.sample(occupation.essential, random.int(4, 8));
    const target = vacancy(random, options.today, {
      id: ids.uuid(),
      occupation,
      essential,
      origin: origin.country,
      destination,
    });
    vacancies.push(target);
    const judgements = new Map<string, number>();
    for (const [grade, min, max] of GRADED) {
      for (let n = random.int(min, max); n > 0; n -= 1) {
        const plan = gradePlan(random, catalogue, occupation, grade);
        const held = random.sample(essential, roundShare(random, essential.length, plan.coverage));
        // Their own occupation's skills, but not more of the vacancy's than planned.
        const own = random
          .sample(plan.occupation.essential, random.int(2, 6))
          .filter((skill) => !essential.includes(skill));
        const educated = random.chance(plan.education);
        const required = target.minIscedLevel;
        const userId = ids.uuid();
        seekers.push(
          person(random, catalogue, {
            userId,
            occupation: plan.occupation,
            skills: [...held, ...(grade === 3 ? [] : own)],
            origin,
            languages: languagesFor(random, target.languages, plan.languagesMet),
            iscedLevel: educated
              ? Math.min(8, (required ?? random.int(1, 3)) + random.int(0, 1))
              : grade === 3
                ? required
                : random.chance(0.5)
                  ? null
                  : Math.max(0, (required ?? 3) - random.int(1, 2)),
            experienceMonths:
              grade === 3
                ? random.chance(0.8)
                  ? target.experienceMonths + random.int(0, 48)
                  : null
                : random.chance(0.6)
                  ? random.int(0, 60)
                  : null,
            visibleIn: unique([
              destination.country,
              ...random.sample(
                DESTINATIONS.map((d) => d.country),
                random.int(0, 2),
              ),
            ]),
            destinations: random.chance(0.8)
              ? [destination.country]
              : [random.pick(DESTINATIONS).country],
            availableFrom: random.chance(0.6) ? null : addDays(options.today, random.int(0, 60)),
          }),
        );
        judgements.set(userId, grade);
        grades[grade] += 1;
      }
    }
    // Close fits who may not take part: another nationality, not visible in the destination,
    // or visible to agencies only (the queries ask as an employer). Never to be listed.
    for (let n = random.int(1, 3); n > 0; n -= 1) {
      const why = random.pick(['origin', 'destination', 'kind'] as const);
      const userId = ids.uuid();
      const elsewhere = DESTINATIONS.filter((d) => d !== destination).map((d) => d.country);
      const record = person(random, catalogue, {
        userId,
        occupation,
        skills: [...essential],
        origin: why === 'origin' ? random.pick(ORIGINS.filter((o) => o !== origin)) : origin,
        languages: languagesFor(random, target.languages, true),
        iscedLevel: target.minIscedLevel,
        experienceMonths: target.experienceMonths + 12,
        visibleIn: why === 'destination' ? [random.pick(elsewhere)] : [destination.country],
        destinations: [destination.country],
        availableFrom: null,
      });
      if (why === 'kind') record.visibleTo = ['recruitment_agency'];
      seekers.push(record);
      judgements.set(userId, 0);
      grades[0] += 1;
    }
    queries.push({ id: target.id, judgements });
  }

  const excluded = new Set(targets.map((o) => o.isco.slice(0, 3)));
  const others = distractorOccupations(catalogue, excluded);
  for (let n = 0; n < options.distractors; n += 1) {
    const occupation = random.pick(others);
    const visibleIn = random.sample(
      DESTINATIONS.map((d) => d.country),
      random.int(1, 3),
    );
    seekers.push(
      person(random, catalogue, {
        userId: ids.uuid(),
        occupation,
        skills: random.sample(occupation.essential, random.int(2, 8)),
        origin: random.pick(ORIGINS),
        languages: random.chance(0.8) ? [{ code: 'en', level: random.int(1, 5) }] : [],
        iscedLevel: random.chance(0.15) ? null : random.int(1, 7),
        experienceMonths: random.chance(0.5) ? random.int(0, 120) : null,
        visibleIn,
        destinations: visibleIn.slice(0, random.int(1, visibleIn.length)),
        availableFrom: random.chance(0.6) ? null : addDays(options.today, random.int(0, 120)),
      }),
    );
    grades[0] += 1;
  }
  // Registration order for the baseline's "newest first": a shuffle, unrelated to the grades.
  const order = random.sample(
    seekers.map((s) => s.userId),
    seekers.length,
  );
  const seekerAge = new Map(order.map((id, rank) => [id, rank]));
  return { seekers: random.sample(seekers, seekers.length), vacancies, seekerAge, queries, grades };
}

/** "Vacancies for a seeker": target people, vacancies graded against each, distractors. */
export function vacancyRelevanceSet(
  catalogue: EscoCatalogue,
  options: RelevanceOptions,
): RelevanceSet {
  const random = Random.derive(options.seed, 'matching-quality/vacancies');
  const ids = Random.derive(options.seed, 'matching-quality/vacancies/ids');
  const targets = pickTargets(catalogue, random, options.targets);
  const seekers: SeekerRecord[] = [];
  const vacancies: VacancyRecord[] = [];
  const queries: RelevanceQuery[] = [];
  const grades: Record<Grade, number> = { 0: 0, 1: 0, 2: 0, 3: 0 };

  for (const occupation of targets) {
    const origin = random.pick(ORIGINS);
    const preferred = random.sample(DESTINATIONS, random.int(1, 2));
    const skills = random.sample(occupation.essential, random.int(3, 10));
    const iscedLevel = educationFor(random, occupation.isco) ?? random.int(1, 3);
    const english = random.int(2, 5);
    const months = random.int(12, 72);
    const userId = ids.uuid();
    const seeker = person(random, catalogue, {
      userId,
      occupation,
      skills,
      origin,
      languages: [{ code: 'en', level: english }],
      iscedLevel,
      experienceMonths: months,
      visibleIn: preferred.map((d) => d.country),
      destinations: preferred.map((d) => d.country),
      availableFrom: null,
    });
    // The target's wanted occupation is the one graded against: no second one, coded to ESCO.
    seeker.occupations = [{ escoId: occupation.id, iscoCode: occupation.isco }];
    seekers.push(seeker);
    const has = new Set(seeker.skills);
    const judgements = new Map<string, number>();
    for (const [grade, min, max] of GRADED) {
      for (let n = random.int(min, max); n > 0; n -= 1) {
        const plan = gradePlan(random, catalogue, occupation, grade);
        const size = random.int(4, 8);
        const fromSeeker = random.sample(
          skills,
          Math.min(skills.length, roundShare(random, size, plan.coverage)),
        );
        const lacking = random.sample(
          unique([...plan.occupation.essential, ...occupation.essential]).filter(
            (skill) => !has.has(skill),
          ),
          size - fromSeeker.length,
        );
        const destination = random.chance(0.8) ? random.pick(preferred) : random.pick(DESTINATIONS);
        const languages: LanguageLevel[] = plan.languagesMet
          ? random.chance(0.8)
            ? [{ code: 'en', level: random.int(1, english) }]
            : []
          : [{ code: 'en', level: Math.min(6, english + random.int(1, 2)) }];
        const id = ids.uuid();
        vacancies.push(
          vacancy(random, options.today, {
            id,
            occupation: plan.occupation,
            essential: random.sample([...fromSeeker, ...lacking], size),
            origin: origin.country,
            destination,
            languages,
            minIscedLevel:
              grade === 3 || random.chance(plan.education)
                ? random.chance(0.2)
                  ? null
                  : Math.max(0, iscedLevel - random.int(0, 1))
                : Math.min(8, iscedLevel + random.int(1, 2)),
            experienceMonths: grade === 3 ? random.pick([0, 12, Math.min(months, 24)]) : undefined,
          }),
        );
        judgements.set(id, grade);
        grades[grade] += 1;
      }
    }
    // Close fits the person cannot apply to: from another origin, or past their deadline.
    for (let n = random.int(1, 3); n > 0; n -= 1) {
      const closed = random.chance(0.5);
      const id = ids.uuid();
      const record = vacancy(random, options.today, {
        id,
        occupation,
        essential: random.sample(skills, Math.min(skills.length, 6)),
        origin: closed ? origin.country : random.pick(ORIGINS.filter((o) => o !== origin)).country,
        destination: random.pick(preferred),
        languages: [],
        minIscedLevel: null,
        experienceMonths: 0,
      });
      if (closed) record.deadline = addDays(options.today, -random.int(1, 30));
      vacancies.push(record);
      judgements.set(id, 0);
      grades[0] += 1;
    }
    queries.push({ id: userId, judgements });
  }

  const excluded = new Set(targets.map((o) => o.isco.slice(0, 3)));
  const others = distractorOccupations(catalogue, excluded);
  for (let n = 0; n < options.distractors; n += 1) {
    const occupation = random.pick(others);
    vacancies.push(
      vacancy(random, options.today, {
        id: ids.uuid(),
        occupation,
        essential: random.sample(occupation.essential, random.int(2, 8)),
        origin: random.pick(ORIGINS).country,
        destination: random.pick(DESTINATIONS),
      }),
    );
    grades[0] += 1;
  }
  return {
    seekers,
    vacancies: random.sample(vacancies, vacancies.length),
    seekerAge: new Map(),
    queries,
    grades,
  };
}

// ---- the trivial baseline -------------------------------------------------------------------

/** Same ISCO unit group only, newest first: the people a vacancy's unit group finds. */
export function baselineCandidates(set: RelevanceSet, vacancyId: string, k: number): string[] {
  const target = set.vacancies.find((v) => v.id === vacancyId);
  if (!target) return [];
  return set.seekers
    .filter(
      (s) =>
        s.nationality === target.originCountry &&
        s.visibleIn.includes(target.destinationCountry) &&
        [...s.occupations, ...s.experience].some((o) => o.iscoCode === target.occupation.iscoCode),
    )
    .sort((a, b) => (set.seekerAge.get(b.userId) ?? 0) - (set.seekerAge.get(a.userId) ?? 0))
    .slice(0, k)
    .map((s) => s.userId);
}

/** Same ISCO unit group only, newest first: the open vacancies a person's unit groups find. */
export function baselineVacancies(
  set: RelevanceSet,
  userId: string,
  k: number,
  today: string,
): string[] {
  const seeker = set.seekers.find((s) => s.userId === userId);
  if (!seeker) return [];
  const units = new Set([...seeker.occupations, ...seeker.experience].map((o) => o.iscoCode));
  return set.vacancies
    .filter(
      (v) =>
        v.originCountry === seeker.nationality &&
        v.deadline >= today &&
        units.has(v.occupation.iscoCode),
    )
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0))
    .slice(0, k)
    .map((v) => v.id);
}
