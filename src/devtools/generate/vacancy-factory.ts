import type { VacancyState } from '../../modules/vacancies/vacancy.states.js';
import { destinationOf, ORIGIN_TEXT_LANGUAGE, type Destination } from './destinations.js';
import type { OccupationSpec, Sector, TextLanguage } from './occupations.js';
import type { Random } from './prng.js';
import type { GeneratedVacancy, VacancyLanguageRow } from './rows.js';
import {
  drawTextChoices,
  writeBenefitsNote,
  writeDescription,
  writeTitle,
  type VacancyFacts,
} from './texts.js';
import { drawTimeline, GENERATED_STATES } from './timeline.js';
import { applicableFloor, drawWage, type MinimumWageRule } from './wages.js';

/** An occupation of the catalogue with what the database knows of it. */
export interface ResolvedOccupation {
  spec: OccupationSpec;
  occupationId: string | null;
  essentialSkills: readonly string[];
  optionalSkills: readonly string[];
}

export interface EmployerRef {
  id: string;
  name: string;
  countryCode: string;
  /** Null: any sector (an existing organisation the generator knows nothing about). */
  sector: Sector | null;
  /** Only vetted employers may recruit through an agency. */
  vetted: boolean;
  userId?: string | null;
}

export interface AgencyRef {
  id: string;
  name: string;
  countryCode: string;
  userId?: string | null;
}

/** Everything the generator reads from the database, read once per run. */
export interface GenerationContext {
  occupations: readonly ResolvedOccupation[];
  employers: readonly EmployerRef[];
  /** Agencies with an active, in-date licence, by country. */
  agenciesByCountry: ReadonlyMap<string, readonly AgencyRef[]>;
  /** The origin authority of each origin country, and the officer who acts for it (if any). */
  authorities: ReadonlyMap<string, { organisationId: string; userId: string | null }>;
  usdPerUnit: ReadonlyMap<string, number>;
  minimumWages: readonly MinimumWageRule[];
  now: Date;
}

/** What a caller may fix for one vacancy; the rest is drawn. */
export interface VacancyPlan {
  id: string;
  employer?: EmployerRef;
  /** null: recruited directly; undefined: drawn. */
  agency?: AgencyRef | null;
  originCountry?: string;
  state?: VacancyState;
  occupationKey?: string;
}

const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
/** Experience is asked for in steps employers use: months at first, then whole years. */
const EXPERIENCE_STEPS = [0, 6, 12, 18, 24, 36, 48, 60, 72, 84, 96, 120];

function pickOccupation(
  random: Random,
  context: GenerationContext,
  destination: Destination,
  sector: Sector | null,
): ResolvedOccupation {
  const weightOf = (occupation: ResolvedOccupation) =>
    occupation.spec.regions[destination.region] ?? 0;
  const fitting = context.occupations.filter(
    (occupation) =>
      weightOf(occupation) > 0 && (sector === null || occupation.spec.sectors.includes(sector)),
  );
  const pool = fitting.length > 0 ? fitting : context.occupations;
  return random.weighted(pool.map((occupation) => [occupation, weightOf(occupation) || 1]));
}

function drawPositions(random: Random, scale: OccupationSpec['scale']): number {
  const [low, high] = random.weighted<readonly [number, number]>(
    scale === 'few'
      ? [
          [[1, 1], 55],
          [[2, 3], 30],
          [[4, 8], 15],
        ]
      : scale === 'some'
        ? [
            [[1, 3], 50],
            [[4, 10], 35],
            [[11, 30], 13],
            [[31, 60], 2],
          ]
        : [
            [[2, 10], 45],
            [[11, 30], 35],
            [[31, 80], 15],
            [[81, 200], 5],
          ],
  );
  return random.int(low, high);
}

function drawLanguages(
  random: Random,
  vacancyId: string,
  destination: Destination,
  professional: boolean,
): VacancyLanguageRow[] {
  const rows: VacancyLanguageRow[] = [];
  for (const demand of destination.languages) {
    if (!random.chance(demand.probability)) continue;
    let level = random.weighted(demand.levels);
    if (professional) level = CEFR[Math.min(4, CEFR.indexOf(level) + 1)] ?? level;
    rows.push({ vacancy_id: vacancyId, language: demand.language, cefr_level: level });
  }
  return rows;
}

function textLanguage(
  random: Random,
  destination: Destination,
  origin: string,
  subdivision: string,
): TextLanguage {
  if (destination.country === 'ES' && random.chance(0.8)) return 'es';
  const originLanguage = ORIGIN_TEXT_LANGUAGE[origin];
  if (originLanguage && random.chance(0.7)) return originLanguage;
  if (subdivision === 'CA-QC' && random.chance(0.7)) return 'fr';
  if ((destination.region === 'gulf' || destination.region === 'levant') && random.chance(0.08)) {
    return 'ar';
  }
  return 'en';
}

function translationLanguage(language: TextLanguage, destination: Destination): TextLanguage {
  if (language !== 'en') return 'en';
  if (destination.region === 'gulf' || destination.region === 'levant') return 'ar';
  if (destination.country === 'ES') return 'es';
  return 'fr';
}

/** One vacancy with its skills, languages, translation, history and filled positions. */
export function generateVacancy(
  random: Random,
  context: GenerationContext,
  plan: VacancyPlan,
): GeneratedVacancy {
  const employer = plan.employer ?? random.pick(context.employers);
  const destination = destinationOf(employer.countryCode);
  if (!destination) throw new Error(`No destination profile for ${employer.countryCode}`);
  const occupation = plan.occupationKey
    ? context.occupations.find((o) => o.spec.key === plan.occupationKey)
    : pickOccupation(random, context, destination, employer.sector);
  if (!occupation) throw new Error(`Unknown occupation ${plan.occupationKey ?? ''}`);
  const spec = occupation.spec;

  let agency: AgencyRef | null = null;
  let origin: string;
  if (plan.agency !== undefined) {
    agency = plan.agency;
    origin = plan.originCountry ?? agency?.countryCode ?? random.weighted(destination.origins);
  } else {
    origin = plan.originCountry ?? random.weighted(destination.origins);
    const agencies = context.agenciesByCountry.get(origin) ?? [];
    if (employer.vetted && agencies.length > 0 && random.chance(destination.viaAgency)) {
      agency = random.pick(agencies);
    }
  }

  const city = random.weighted(destination.cities.map((c) => [c, c.weight]));
  const positions = drawPositions(random, spec.scale);
  const [minExperience, maxExperience] = spec.experienceMonths;
  const experienceChoices = EXPERIENCE_STEPS.filter(
    (m) => m >= minExperience && m <= maxExperience,
  );
  const experienceMonths =
    minExperience === 0 && random.chance(0.5) ? 0 : random.pick(experienceChoices);
  const minIscedLevel =
    spec.isced && (spec.professional || random.chance(0.75)) ? spec.isced : null;
  const hoursPerWeek = random.pick(destination.hours);
  const seasonal = spec.sectors.includes('agriculture') && destination.region !== 'gulf';
  const contractMonths = seasonal
    ? random.pick([6, 6, 8, 9])
    : random.pick(destination.contractMonths);
  const household = spec.sectors[0] === 'household';
  const floor = applicableFloor(context.minimumWages, origin, destination.country, spec.isco);
  const wage = drawWage(random, {
    occupation: spec,
    destination,
    hoursPerWeek,
    usdPerUnit: context.usdPerUnit,
    floor,
    monthlyOnly: household,
  });
  const odds = destination.benefits;
  const benefits = {
    housing: random.chance(household || seasonal ? 0.95 : odds.housing),
    food: random.chance(household ? 0.95 : odds.food),
    transport: random.chance(odds.transport),
    insurance: random.chance(odds.insurance),
  };
  const languages = drawLanguages(random, plan.id, destination, spec.professional);
  const essential = random.sample(occupation.essentialSkills, random.int(3, 6));
  const optional = random.sample(occupation.optionalSkills, random.int(0, 3));

  const language = textLanguage(random, destination, origin, city.subdivision);
  const choices = drawTextChoices(random);
  const facts: VacancyFacts = {
    employerName: employer.name,
    city,
    occupation: spec,
    titleIndex: random.int(0, 5),
    positions,
    experienceMonths,
    minIscedLevel,
    languages: languages.map((row) => ({ language: row.language, level: row.cefr_level })),
    contractMonths,
    hoursPerWeek,
    wage,
    benefits,
    flightPaid: destination.region === 'gulf' ? random.chance(0.8) : random.chance(0.3),
    passportNote: random.chance(0.4),
  };
  const translated = random.chance(0.12) ? translationLanguage(language, destination) : null;

  const state = plan.state ?? random.weighted(GENERATED_STATES);
  const authority = context.authorities.get(origin) ?? null;
  const owner = agency ?? employer;
  const timeline = drawTimeline(random, {
    state,
    now: context.now,
    positions,
    actors: {
      ownerOrganisationId: owner.id,
      ownerUserId: owner.userId ?? null,
      authorityOrganisationId: authority?.organisationId ?? null,
      authorityUserId: authority?.userId ?? null,
    },
  });

  const id = plan.id;
  return {
    vacancy: {
      id,
      state,
      employer_organisation_id: employer.id,
      agency_organisation_id: agency?.id ?? null,
      origin_country: origin,
      destination_country: destination.country,
      destination_subdivision: city.subdivision,
      occupation_id: occupation.occupationId,
      isco_code: spec.isco,
      language,
      title: writeTitle(facts, choices, language),
      description: writeDescription(facts, choices, language),
      min_isced_level: minIscedLevel,
      experience_months: experienceMonths,
      positions,
      positions_filled: timeline.positionsFilled,
      contract_months: contractMonths,
      wage_amount: wage.amount,
      wage_currency: wage.currency,
      wage_period: wage.period,
      hours_per_week: String(hoursPerWeek),
      benefit_housing: benefits.housing,
      benefit_food: benefits.food,
      benefit_transport: benefits.transport,
      benefit_insurance: benefits.insurance,
      benefits_note: writeBenefitsNote(choices, language),
      application_deadline: timeline.applicationDeadline,
      created_by_user_id: owner.userId ?? null,
      created_at: timeline.createdAt,
      updated_at: timeline.updatedAt,
      submitted_at: timeline.submittedAt,
      approved_at: timeline.approvedAt,
      rejected_at: timeline.rejectedAt,
      published_at: timeline.publishedAt,
      ended_at: timeline.endedAt,
    },
    skills: [
      ...essential.map((skill_id) => ({ vacancy_id: id, skill_id, essential: true })),
      ...optional.map((skill_id) => ({ vacancy_id: id, skill_id, essential: false })),
    ],
    languages,
    translations: translated
      ? [
          {
            vacancy_id: id,
            language: translated,
            title: writeTitle(facts, choices, translated),
            description: writeDescription(facts, choices, translated),
          },
        ]
      : [],
    events: timeline.events.map((event) => ({
      vacancy_id: id,
      event: event.event,
      from_state: event.from,
      to_state: event.to,
      reason: event.reason,
      actor_user_id: event.userId,
      actor_organisation_id: event.organisationId,
      occurred_at: event.at,
    })),
    fills: timeline.fills.map((filled_at) => ({
      vacancy_id: id,
      filled_at,
      actor_user_id: owner.userId ?? null,
    })),
  };
}
