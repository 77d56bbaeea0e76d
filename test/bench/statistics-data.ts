import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CellKeySecret } from '../../src/modules/statistics/disclosure/record-key.js';
import {
  applicationFacts,
  decisionFacts,
  jobSeekerFacts,
  vacancyFacts,
  type Fact,
} from '../../src/modules/statistics/facts.js';
import type { FactSource } from '../../src/modules/statistics/statistics.tables.js';
import type {
  ApplicationStatRecord,
  DecisionStatRecord,
  DurationBand,
  JobSeekerStatRecord,
  VacancyStatRecord,
} from '../../src/modules/statistics/statistics.types.js';
import type { CopyRow } from '../../src/platform/db/copy.js';

/**
 * Synthetic records for the statistics benchmark (issue 16, part 6): what the owning modules
 * would hand the statistics module (VacancyStatRecord, JobSeekerStatRecord…), turned into facts
 * by the engine's own functions (src/modules/statistics/facts.ts), so that the rows loaded are
 * exactly those the engine writes, key sums included (an HMAC per record key).
 *
 * The mix: 80 % applications (15 % of them placed), 12 % job seekers (one to three occupations,
 * one to three languages, one or two preferred destinations), 5 % job orders (one to fifty
 * positions, about half filled, with days from approval and from publication), 3 % licence and
 * vetting decisions. Skewed as the corridors are: a few big origins (NP BD PH IN PK KE) and
 * destinations (QA AE SA MY KW) with a tail, ISCO unit groups from data/reference by a Zipf law
 * with the occupations migrants take first, 36 months (2024-01 … 2026-12) growing over time.
 * Deterministic: the same seed gives the same records.
 */

export const FIRST_MONTH = Date.UTC(2024, 0, 1);
export const MONTHS = 36;
const END = Date.UTC(2024 + MONTHS / 12, 0, 1);
const DAY = 86_400_000;

/** mulberry32: small, fast and good enough for synthetic data. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Draws from weighted values by a cumulative table (binary search). */
class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly values: T[] = [];
  constructor(entries: readonly (readonly [T, number])[]) {
    let total = 0;
    for (const [value, weight] of entries) {
      total += weight;
      this.values.push(value);
      this.cumulative.push(total);
    }
    for (let i = 0; i < this.cumulative.length; i += 1) this.cumulative[i]! /= total;
  }
  draw(random: Prng): T {
    const x = random.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.values[lo]!;
  }
}

const ORIGINS = new Weighted<string>([
  ['NP', 22],
  ['BD', 20],
  ['IN', 18],
  ['PH', 15],
  ['PK', 12],
  ['KE', 6],
  ['LK', 2],
  ['ID', 2],
  ['VN', 1.2],
  ['ET', 0.8],
  ['UG', 0.6],
  ['MM', 0.3],
  ['GH', 0.1],
]);
const DESTINATIONS = new Weighted<string>([
  ['SA', 25],
  ['AE', 25],
  ['QA', 22],
  ['MY', 12],
  ['KW', 8],
  ['OM', 3],
  ['BH', 2],
  ['JO', 1.5],
  ['JP', 1],
  ['LB', 0.4],
  ['KR', 0.1],
]);
const SUBDIVISIONS: Record<string, string[]> = {
  NP: ['NP-P1', 'NP-P2', 'NP-P3', 'NP-P4', 'NP-P5', 'NP-P6', 'NP-P7'],
  BD: ['BD-A', 'BD-B', 'BD-C', 'BD-D', 'BD-E', 'BD-F', 'BD-G', 'BD-H'],
  IN: 'AP AS BR GJ HR JH KA KL MH MP OR PB RJ TN TG UP UT WB DL JK'
    .split(' ')
    .map((s) => `IN-${s}`),
  PH: Array.from({ length: 17 }, (_, i) => `PH-${String(i + 1).padStart(2, '0')}`),
  PK: ['PK-BA', 'PK-GB', 'PK-IS', 'PK-JK', 'PK-KP', 'PK-PB', 'PK-SD'],
  KE: Array.from({ length: 47 }, (_, i) => `KE-${String(i + 1).padStart(2, '0')}`),
};
/** Subdivisions by size: the first of each list weighs most (Zipf 1). */
const SUBDIVISION_DRAW = Object.fromEntries(
  Object.entries(SUBDIVISIONS).map(([origin, codes]) => [
    origin,
    new Weighted(codes.map((code, i) => [code, 1 / (i + 1)] as const)),
  ]),
);
const LANGUAGE_OF: Record<string, string> = {
  NP: 'ne',
  BD: 'bn',
  IN: 'hi',
  PH: 'fil',
  PK: 'ur',
  KE: 'sw',
  LK: 'si',
  ID: 'id',
  VN: 'vi',
  ET: 'am',
  UG: 'lg',
  MM: 'my',
  GH: 'ak',
};
const STAYS: readonly DurationBand[] = ['0-6', '7-12', '13-24', '25-36', '37+'];
const STAY_DRAW = new Weighted<DurationBand | null>([
  ['0-6', 5],
  ['7-12', 15],
  ['13-24', 45],
  ['25-36', 25],
  ['37+', 8],
  [null, 2],
]);
const EDUCATION = new Weighted<string | null>([
  ['0', 3],
  ['1', 12],
  ['2', 25],
  ['3', 30],
  ['4', 8],
  ['5', 6],
  ['6', 10],
  ['7', 3],
  ['8', 0.5],
  [null, 3],
]);
const SEX = new Weighted<'F' | 'M' | 'X' | null>([
  ['M', 65],
  ['F', 34],
  ['X', 0.5],
  [null, 0.5],
]);
/** The occupations migrants take first, at the head of the Zipf law. */
const FIRST_OCCUPATIONS = [
  '9112',
  '9313',
  '5120',
  '8322',
  '5131',
  '7112',
  '9111',
  '5322',
  '7411',
  '7126',
  '9333',
  '7212',
  '8332',
  '9312',
  '5153',
  '7115',
  '9211',
  '5414',
  '7231',
  '3221',
];
const CONTRACT_MONTHS = new Weighted<number>([
  [6, 5],
  [12, 20],
  [24, 50],
  [36, 20],
  [48, 5],
]);
const INSTITUTIONS = Array.from({ length: 40 }, (_, i) => `org-${String(i + 1).padStart(3, '0')}`);

/** The ISCO-08 unit groups (level 4) of data/reference. */
export function iscoUnitGroups(): string[] {
  const file = path.resolve('data/reference/isco08/isco08_structure.csv.gz');
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const codes = new Set<string>();
  for (const match of text.matchAll(/^"?(\d{4})"?,"?4"?,/gm)) codes.add(match[1]!);
  if (codes.size < 400) throw new Error(`Only ${codes.size} ISCO unit groups in ${file}`);
  return [...codes];
}

function occupationDraw(random: Prng): Weighted<string> {
  const rest = iscoUnitGroups().filter((code) => !FIRST_OCCUPATIONS.includes(code));
  for (let i = rest.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  const ordered = [...FIRST_OCCUPATIONS, ...rest];
  return new Weighted(ordered.map((code, i) => [code, 1 / Math.pow(i + 1, 1.1)] as const));
}

/** Months growing over time: the last month has twice the records of the first. */
const MONTH_DRAW = new Weighted(
  Array.from({ length: MONTHS }, (_, i) => [i, 1 + i / (MONTHS - 1)] as const),
);

export type RecordKind = 'application' | 'job_seeker' | 'vacancy' | 'decision';

/** Counts of each kind for N records. */
export function mixOf(records: number): Record<RecordKind, number> {
  const vacancy = Math.round(records * 0.05);
  const job_seeker = Math.round(records * 0.12);
  const decision = Math.round(records * 0.03);
  return { application: records - vacancy - job_seeker - decision, job_seeker, vacancy, decision };
}

/** Ids sort in the order they are made: the fact table's index grows at its end. */
export const recordId = (prefix: string, n: number) => `${prefix}-${String(n).padStart(9, '0')}`;

export class SyntheticRecords {
  private readonly occupations: Weighted<string>;
  constructor(private readonly random: Prng) {
    this.occupations = occupationDraw(random);
  }

  /** A time in a month drawn by the growth law (or the given month). */
  private timeIn(month = MONTH_DRAW.draw(this.random)): number {
    const start = Date.UTC(2024, month, 1);
    const end = Date.UTC(2024, month + 1, 1);
    return start + Math.floor(this.random.next() * (end - start));
  }

  private corridor() {
    return {
      origin: ORIGINS.draw(this.random),
      destination: DESTINATIONS.draw(this.random),
      isco: this.occupations.draw(this.random),
    };
  }

  application(id: string): ApplicationStatRecord {
    const r = this.random;
    const approved = this.timeIn();
    const submitted = approved + r.int(1, 60) * DAY;
    const placed = r.chance(0.15);
    return {
      id,
      vacancyId: recordId('jo', r.int(1, 1_000_000)),
      ...this.corridor(),
      vacancyApprovedAt: new Date(approved),
      submittedAt: new Date(submitted),
      acceptedAt: placed ? new Date(submitted + r.int(5, 90) * DAY) : null,
      state: placed ? 'accepted' : 'submitted',
    };
  }

  jobSeeker(id: string): JobSeekerStatRecord {
    const r = this.random;
    const origin = ORIGINS.draw(r);
    const registered = this.timeIn();
    const occupations = Array.from({ length: r.int(0, 9) === 0 ? 0 : r.int(1, 3) }, () =>
      this.occupations.draw(r),
    );
    const languages = [LANGUAGE_OF[origin]!];
    if (r.chance(0.6)) languages.push('en');
    if (r.chance(0.15)) languages.push('ar');
    if (r.chance(0.05)) languages.push('hi');
    const destinations = [DESTINATIONS.draw(r)];
    if (r.chance(0.35)) destinations.push(DESTINATIONS.draw(r));
    const year = 2026 - r.int(18, 58);
    return {
      id,
      registeredAt: new Date(registered),
      origin,
      originSubdivision: SUBDIVISION_DRAW[origin]?.draw(r) ?? null,
      sex: SEX.draw(r),
      birthDate: r.chance(0.97) ? `${year}-${String(r.int(1, 12)).padStart(2, '0')}` : null,
      iscedLevel: EDUCATION.draw(r),
      occupations,
      languages,
      destinations,
      intendedStay: STAY_DRAW.draw(r),
    };
  }

  vacancy(id: string): VacancyStatRecord {
    const r = this.random;
    const { origin, destination, isco } = this.corridor();
    const approved = this.timeIn();
    const submitted = approved - r.int(1, 30) * DAY;
    const employer = INSTITUTIONS[r.int(20, 39)]!;
    const ministry = INSTITUTIONS[r.int(0, 5)]!;
    const rejected = r.chance(0.05);
    const history = [
      { event: 'submit', at: new Date(submitted), actorOrganisationId: employer },
      {
        event: rejected ? 'reject' : 'approve',
        at: new Date(approved),
        actorOrganisationId: ministry,
      },
    ];
    // Positions: 1 most often, a long tail to 50.
    const positions = Math.min(50, 1 + Math.floor(-Math.log(1 - r.next()) * 3));
    const published = approved + r.int(0, 5) * DAY;
    const fills: { n: number; filledAt: Date }[] = [];
    if (!rejected) {
      const share = r.chance(0.7) ? r.next() : 0;
      for (let n = 1; n <= positions; n += 1) {
        if (!r.chance(share)) continue;
        // Days to fill: 20 … 300, most near 60.
        const filled = published + Math.floor(20 + -Math.log(1 - r.next()) * 45) * DAY;
        if (filled < END) fills.push({ n, filledAt: new Date(filled) });
      }
    }
    return {
      id,
      origin,
      destination,
      destinationSubdivision: null,
      isco,
      contractMonths: CONTRACT_MONTHS.draw(r),
      wageUsdMonthly: r.chance(0.97) ? Math.round(250 + -Math.log(1 - r.next()) * 400) : null,
      positions,
      approvedAt: rejected ? null : new Date(approved),
      publishedAt: rejected ? null : new Date(published),
      fills,
      history,
    };
  }

  decision(id: string): DecisionStatRecord {
    const r = this.random;
    const licence = r.chance(0.6);
    const decided = this.timeIn();
    const started = decided - Math.floor(3 + -Math.log(1 - r.next()) * (licence ? 40 : 15)) * DAY;
    const applicant = INSTITUTIONS[r.int(20, 39)]!;
    const authority = INSTITUTIONS[r.int(0, 19)]!;
    const refused = r.chance(0.1);
    return licence
      ? {
          id,
          kind: 'licence',
          history: [
            { event: 'apply', at: new Date(started), actorOrganisationId: applicant },
            {
              event: refused ? 'refuse' : 'grant',
              at: new Date(decided),
              actorOrganisationId: authority,
            },
          ],
        }
      : {
          id,
          kind: 'employer_vetting',
          history: [
            { event: 'submit', at: new Date(started), actorOrganisationId: applicant },
            {
              event: refused ? 'reject' : 'vet',
              at: new Date(decided),
              actorOrganisationId: authority,
            },
          ],
        };
  }
}

export const SOURCE_OF: Record<RecordKind, FactSource> = {
  application: 'application',
  job_seeker: 'job_seeker',
  vacancy: 'vacancy',
  decision: 'decision',
};
export const PREFIX_OF: Record<RecordKind, string> = {
  application: 'ap',
  job_seeker: 'js',
  vacancy: 'jo',
  decision: 'de',
};

/** The facts of one synthetic record of a kind, by the engine's functions. */
export function factsOf(
  secret: CellKeySecret,
  records: SyntheticRecords,
  kind: RecordKind,
  id: string,
): Fact[] {
  switch (kind) {
    case 'application':
      return applicationFacts(secret, records.application(id));
    case 'job_seeker':
      return jobSeekerFacts(secret, records.jobSeeker(id));
    case 'vacancy':
      return vacancyFacts(secret, records.vacancy(id));
    case 'decision':
      return decisionFacts(secret, records.decision(id));
  }
}

export const FACT_COLUMNS = [
  'source',
  'record_id',
  'cube',
  'month',
  'd1',
  'd2',
  'd3',
  'd4',
  'd5',
  'd6',
  'days',
  'count',
  'key_sum',
] as const;

export function copyRowOf(source: FactSource, recordId: string, fact: Fact): CopyRow {
  return [
    source,
    recordId,
    fact.cube,
    fact.month,
    fact.d1,
    fact.d2,
    fact.d3,
    fact.d4,
    fact.d5,
    fact.d6,
    fact.days,
    fact.count,
    fact.keySum,
  ];
}

export { STAYS };
