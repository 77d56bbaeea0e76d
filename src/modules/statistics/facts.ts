import { CUBES, DIM_COLUMNS, UNKNOWN, type CubeId } from './cubes.js';
import { addKeys, recordKey, type CellKeySecret } from './disclosure/record-key.js';
import type {
  ApplicationStatRecord,
  DecisionStatRecord,
  DimensionId,
  DurationBand,
  HistoryStep,
  JobSeekerStatRecord,
  VacancyStatRecord,
} from './statistics.types.js';
import type { CellCoordinates, FactSource } from './statistics.tables.js';

/**
 * What each record contributes to the cubes (docs/statistics.md): pure functions from the
 * owning modules' records to facts. A fact is a cell's coordinates, a count and the sum of the
 * record keys counted. Record keys (ADR 15): a job seeker, a job order, an application by its id;
 * a position by `<job order id>/position/<n>`; a decision by `<record id>/decision/<i>`.
 */
export interface Fact extends CellCoordinates {
  count: number;
  keySum: number;
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM' of a date, in UTC. */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** Whole days from one time to another (never negative: clocks of two steps may disagree). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

export function durationBand(months: number): DurationBand {
  if (months <= 6) return '0-6';
  if (months <= 12) return '7-12';
  if (months <= 24) return '13-24';
  if (months <= 36) return '25-36';
  return '37+';
}

export const WAGE_BANDS = [
  'lt300',
  '300-499',
  '500-799',
  '800-1199',
  '1200-1999',
  '2000+',
] as const;

/** The wage band of a monthly wage in US dollars. */
export function wageBand(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return UNKNOWN;
  if (usd < 300) return 'lt300';
  if (usd < 500) return '300-499';
  if (usd < 800) return '500-799';
  if (usd < 1200) return '800-1199';
  if (usd < 2000) return '1200-1999';
  return '2000+';
}

export const AGE_BANDS = ['15-24', '25-34', '35-44', '45-54', '55+'] as const;

/** The authority steps timed under processing (docs/statistics.md), in order. */
export const STEPS = ['job_order_verification', 'licence_decision', 'employer_vetting'] as const;

/**
 * Completed years at `on` from a partial birth date ('YYYY' counts as 1 July, 'YYYY-MM' as the
 * 15th), as a band; unknown without a date, under 15 or over 100 (a typing error).
 */
export function ageBand(birthDate: string | null, on: Date): string {
  if (!birthDate) return UNKNOWN;
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!y) return UNKNOWN;
  const month = m ?? 7;
  const day = d ?? (m ? 15 : 1);
  let age = on.getUTCFullYear() - y;
  const before =
    on.getUTCMonth() + 1 < month || (on.getUTCMonth() + 1 === month && on.getUTCDate() < day);
  if (before) age -= 1;
  if (age < 15 || age > 100) return UNKNOWN;
  if (age < 25) return '15-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/** Builds facts for one record: the key function and coordinates in the cube's order. */
class FactBuilder {
  readonly facts: Fact[] = [];
  constructor(private readonly secret: CellKeySecret) {}

  key(id: string): number {
    return recordKey(this.secret, id);
  }

  add(
    cube: CubeId,
    month: string,
    values: Partial<Record<DimensionId, string | null>>,
    count: number,
    keySum: number,
    days = -1,
  ): void {
    if (count <= 0) return;
    const coordinates: CellCoordinates = {
      cube,
      month,
      d1: '',
      d2: '',
      d3: '',
      d4: '',
      d5: '',
      d6: '',
      days,
    };
    CUBES[cube].dimensions.forEach((dimension, i) => {
      const value = values[dimension];
      coordinates[DIM_COLUMNS[i]!] = value === null || value === undefined ? UNKNOWN : value;
    });
    this.facts.push({ ...coordinates, count, keySum });
  }
}

export function vacancyFacts(secret: CellKeySecret, record: VacancyStatRecord): Fact[] {
  const b = new FactBuilder(secret);
  decisionsOf(b, record.id, 'job_order_verification', record.history, {
    start: ['submit'],
    decided: ['approve', 'reject'],
  });
  if (!record.approvedAt) return b.facts;
  const where = { origin: record.origin, destination: record.destination, occupation: record.isco };
  const approved = monthOf(record.approvedAt);
  const positionKey = (n: number) => b.key(`${record.id}/position/${n}`);
  let positionsKeySum = 0;
  for (let n = 1; n <= record.positions; n += 1)
    positionsKeySum = addKeys(positionsKeySum, positionKey(n));
  const terms = {
    ...where,
    contract: durationBand(record.contractMonths),
    wage: wageBand(record.wageUsdMonthly),
  };
  b.add('job_orders', approved, terms, 1, b.key(record.id));
  b.add('positions', approved, terms, record.positions, positionsKeySum);
  let filledKeySum = 0;
  for (const fill of record.fills) {
    const key = positionKey(fill.n);
    filledKeySum = addKeys(filledKeySum, key);
    const month = monthOf(fill.filledAt);
    b.add(
      'fill_from_approval',
      month,
      where,
      1,
      key,
      daysBetween(record.approvedAt, fill.filledAt),
    );
    if (record.publishedAt) {
      const days = daysBetween(record.publishedAt, fill.filledAt);
      b.add('fill_from_publication', month, where, 1, key, days);
    }
  }
  b.add('positions_filled_cohort', approved, where, record.fills.length, filledKeySum);
  return b.facts;
}

export function jobSeekerFacts(secret: CellKeySecret, record: JobSeekerStatRecord): Fact[] {
  const b = new FactBuilder(secret);
  if (!record.registeredAt) return b.facts;
  const month = monthOf(record.registeredAt);
  const key = b.key(record.id);
  const origin = record.origin;
  b.add(
    'job_seekers',
    month,
    {
      origin,
      'origin-subdivision': record.originSubdivision,
      sex: record.sex,
      age: ageBand(record.birthDate, record.registeredAt),
      education: record.iscedLevel,
      'intended-stay': record.intendedStay,
    },
    1,
    key,
  );
  const occupations = unique(record.occupations);
  for (const occupation of occupations.length > 0 ? occupations : [null]) {
    b.add('job_seekers_occupation', month, { origin, occupation, sex: record.sex }, 1, key);
  }
  for (const language of unique(record.languages)) {
    b.add('job_seekers_language', month, { origin, language }, 1, key);
  }
  for (const destination of unique(record.destinations)) {
    const preference = { origin, 'preferred-destination': destination };
    b.add('job_seekers_preference', month, preference, 1, key);
    for (const occupation of occupations.length > 0 ? occupations : [null]) {
      const values = { origin, 'preferred-destination': destination, occupation };
      b.add('job_seekers_destination', month, values, 1, key);
    }
  }
  return b.facts;
}

export function applicationFacts(secret: CellKeySecret, record: ApplicationStatRecord): Fact[] {
  const b = new FactBuilder(secret);
  if (!record.vacancyApprovedAt) return b.facts;
  const month = monthOf(record.vacancyApprovedAt);
  const where = { origin: record.origin, destination: record.destination, occupation: record.isco };
  const key = b.key(record.id);
  b.add('applications_cohort', month, where, 1, key);
  if (record.acceptedAt) b.add('placements_cohort', month, where, 1, key);
  return b.facts;
}

const DECISION_STEPS = {
  licence: { step: 'licence_decision', start: ['apply'], decided: ['grant', 'refuse'] },
  employer_vetting: { step: 'employer_vetting', start: ['submit'], decided: ['vet', 'reject'] },
} as const;

export function decisionFacts(secret: CellKeySecret, record: DecisionStatRecord): Fact[] {
  const b = new FactBuilder(secret);
  const { step, ...events } = DECISION_STEPS[record.kind];
  decisionsOf(b, record.id, step, record.history, events);
  return b.facts;
}

/**
 * Each start of a step followed by a decision: one fact in `decisions`, by the month of the
 * decision and the deciding organisation, with the days it took. A withdrawal ends a start
 * without a decision (not timed); a start still open is pending (not timed).
 */
function decisionsOf(
  b: FactBuilder,
  recordId: string,
  step: string,
  history: readonly HistoryStep[],
  events: { start: readonly string[]; decided: readonly string[] },
): void {
  let started: Date | null = null;
  let index = 0;
  for (const entry of history) {
    if (events.start.includes(entry.event)) {
      started ??= entry.at;
    } else if (events.decided.includes(entry.event) && started) {
      index += 1;
      const key = b.key(`${recordId}/decision/${index}`);
      const values = { step, institution: entry.actorOrganisationId };
      b.add('decisions', monthOf(entry.at), values, 1, key, daysBetween(started, entry.at));
      started = null;
    } else if (entry.event === 'withdraw') {
      started = null;
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}

/** The facts of one record of a source. */
export type FactsOf<R> = (secret: CellKeySecret, record: R) => Fact[];

export const FACTS_BY_SOURCE: {
  vacancy: FactsOf<VacancyStatRecord>;
  job_seeker: FactsOf<JobSeekerStatRecord>;
  application: FactsOf<ApplicationStatRecord>;
  decision: FactsOf<DecisionStatRecord>;
} = {
  vacancy: vacancyFacts,
  job_seeker: jobSeekerFacts,
  application: applicationFacts,
  decision: decisionFacts,
};

export type { FactSource };
