import { Arena, Interner, Postings } from './int-list.js';
import { improvementsOf, reasonsOf } from './explain.js';
import type {
  CandidateFilters,
  CandidateMatch,
  ComparisonResult,
  Likelihood,
  OrganisationKind,
  Ranked,
  SeekerRecord,
  VacancyFilters,
  VacancyMatch,
  VacancyRecord,
} from './matching.types.js';
import { DEFAULT_WEIGHTS, type MatchWeights } from './matching.weights.js';
import type { OccupationGraph } from './occupation-graph.js';
import {
  dayOf,
  KIND_BIT,
  minorOf,
  NONE,
  packSeeker,
  packVacancy,
  S,
  seekerLayout,
  seekerLength,
  V,
  vacancyLength,
  type Interners,
} from './packed.js';
import { PairFacts, Scorer, visibleTo } from './score.js';
import { TopK } from './top-k.js';

export const DEFAULT_LIMIT = 20;
export const MAX_RANKED = 1000;

/** `only`: this person alone (whether they are a candidate at all). */
export type CandidateQuery = CandidateFilters & { viewerKind: OrganisationKind; only?: string };

/**
 * The matching index (docs/matching.md): every job seeker and every published vacancy, packed
 * in typed arrays, with posting lists by ESCO occupation, ISCO unit group and ISCO minor group
 * on both sides. A query gathers the candidates of the fixed side's occupation ladder (same,
 * related, same unit, same minor group), skips the ones the rules exclude (consent, origin,
 * deadline, licence), scores each pair (score.ts) and keeps the best in a heap; only the page
 * returned is explained. Synchronous and pure: the worker thread runs it (match-worker.ts).
 */
export class MatchIndex {
  private readonly names: Interners = {
    countries: new Interner(),
    occupations: new Interner(),
    skills: new Interner(),
    languages: new Interner(),
    organisations: new Interner(),
  };
  private readonly scorer: Scorer;
  private readonly facts = new PairFacts();
  private readonly today: () => string;

  private readonly seekerIds: string[] = [];
  private readonly seekerOrdinal = new Map<string, number>();
  private seekerAt: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  private readonly seekerArena = new Arena();
  private readonly seekerByEsco = new Postings();
  private readonly seekerByUnit = new Postings();
  private readonly seekerByMinor = new Postings();
  private liveSeekers = 0;

  private readonly vacancyRecords: (VacancyRecord | null)[] = [];
  private readonly vacancyOrdinal = new Map<string, number>();
  private readonly vacancyByNumber = new Map<number, number>();
  private vacancyAt: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  private readonly vacancyArena = new Arena();
  private readonly vacancyByEsco = new Postings();
  private readonly vacancyByUnit = new Postings();
  private readonly vacancyByMinor = new Postings();
  private readonly vacancyBySkill = new Postings();
  private liveVacancies = 0;

  /** Organisation ints of the agencies licensed today; null: not told yet (all count). */
  private licensed: Set<number> | null = null;
  private seen = new Uint32Array(1024);
  private stamp = 0;

  constructor(options: { graph: OccupationGraph; weights?: MatchWeights; today: () => string }) {
    this.scorer = new Scorer(options.weights ?? DEFAULT_WEIGHTS);
    this.today = options.today;
    const { occupations, skills } = this.names;
    for (const [id, related] of options.graph.related) {
      const at = occupations.intern(id);
      this.setRelated(
        at,
        Int32Array.from(related, (other) => occupations.intern(other)),
      );
    }
    const groups = new Interner();
    const pairs = [...options.graph.transversalGroup].map(
      ([skill, group]) => [skills.intern(skill), groups.intern(group)] as const,
    );
    const group = new Int32Array(skills.size).fill(NONE);
    for (const [skill, at] of pairs) group[skill] = at;
    this.scorer.group = group;
  }

  private setRelated(at: number, related: Int32Array): void {
    while (this.scorer.related.length <= at) this.scorer.related.push(new Int32Array(0));
    this.scorer.related[at] = related;
  }

  // ---- Seekers

  upsertSeeker(record: SeekerRecord): void {
    let ordinal = this.seekerOrdinal.get(record.userId);
    if (ordinal === undefined) {
      ordinal = this.seekerIds.length;
      this.seekerIds.push(record.userId);
      this.seekerOrdinal.set(record.userId, ordinal);
      if (ordinal >= this.seekerAt.length) this.seekerAt = grow(this.seekerAt);
      this.seekerAt[ordinal] = NONE;
    }
    const previous = this.seekerAt[ordinal]!;
    if (previous === NONE) this.liveSeekers++;
    else this.seekerArena.waste += seekerLength(this.seekerArena.data, previous);
    const packed = packSeeker(record, this.names);
    const at = this.seekerArena.append(packed, packed.length);
    this.seekerAt[ordinal] = at;
    // Postings: a repeated entry is skipped at query time, a stale one scores no fit.
    const posted = new Map<Postings, Set<number>>();
    const once = (postings: Postings, key: number) => {
      let keys = posted.get(postings);
      if (!keys) posted.set(postings, (keys = new Set()));
      if (key === NONE || keys.has(key)) return;
      keys.add(key);
      postings.add(key, ordinal);
    };
    const post = (esco: number, isco: number) => {
      once(this.seekerByEsco, esco);
      if (isco >= 1000) once(this.seekerByUnit, isco);
      once(this.seekerByMinor, minorOf(isco));
    };
    const data = this.seekerArena.data;
    const layout = seekerLayout(data, at);
    for (let i = 0; i < data[at + S.nOcc]!; i++) {
      post(data[layout.occ + i * 2]!, data[layout.occ + i * 2 + 1]!);
    }
    for (let i = 0; i < data[at + S.nExp]!; i++) {
      post(data[layout.exp + i * 3]!, data[layout.exp + i * 3 + 1]!);
    }
    this.compactIfWorn();
  }

  removeSeeker(userId: string): void {
    const ordinal = this.seekerOrdinal.get(userId);
    if (ordinal === undefined) return;
    const at = this.seekerAt[ordinal]!;
    if (at === NONE) return;
    this.seekerArena.waste += seekerLength(this.seekerArena.data, at);
    this.seekerAt[ordinal] = NONE;
    this.liveSeekers--;
  }

  // ---- Vacancies

  upsertVacancy(record: VacancyRecord): void {
    let ordinal = this.vacancyOrdinal.get(record.id);
    if (ordinal === undefined) {
      ordinal = this.vacancyRecords.length;
      this.vacancyRecords.push(null);
      this.vacancyOrdinal.set(record.id, ordinal);
      if (ordinal >= this.vacancyAt.length) this.vacancyAt = grow(this.vacancyAt);
      this.vacancyAt[ordinal] = NONE;
    }
    const previous = this.vacancyAt[ordinal]!;
    if (previous === NONE) this.liveVacancies++;
    else this.vacancyArena.waste += vacancyLength(this.vacancyArena.data, previous);
    this.vacancyRecords[ordinal] = record;
    this.vacancyByNumber.set(record.number, ordinal);
    const packed = packVacancy(record, this.names);
    const at = this.vacancyArena.append(packed, packed.length);
    this.vacancyAt[ordinal] = at;
    const data = this.vacancyArena.data;
    const esco = data[at + V.esco]!;
    const isco = data[at + V.isco]!;
    if (esco !== NONE) this.vacancyByEsco.add(esco, ordinal);
    if (isco >= 1000) this.vacancyByUnit.add(isco, ordinal);
    if (minorOf(isco) !== NONE) this.vacancyByMinor.add(minorOf(isco), ordinal);
    for (let i = 0; i < data[at + V.nEss]!; i++) {
      this.vacancyBySkill.add(data[at + V.header + i]!, ordinal);
    }
    this.compactIfWorn();
  }

  removeVacancy(id: string): void {
    const ordinal = this.vacancyOrdinal.get(id);
    if (ordinal === undefined) return;
    const at = this.vacancyAt[ordinal]!;
    if (at === NONE) return;
    this.vacancyArena.waste += vacancyLength(this.vacancyArena.data, at);
    this.vacancyAt[ordinal] = NONE;
    const record = this.vacancyRecords[ordinal];
    if (record && this.vacancyByNumber.get(record.number) === ordinal) {
      this.vacancyByNumber.delete(record.number);
    }
    this.vacancyRecords[ordinal] = null;
    this.liveVacancies--;
  }

  setLicensedAgencies(ids: Iterable<string>): void {
    this.licensed = new Set([...ids].map((id) => this.names.organisations.intern(id)));
  }

  /** The published vacancy with this number, as given to the index, or null. */
  vacancyByNumberOf(number: number): VacancyRecord | null {
    const ordinal = this.vacancyByNumber.get(number);
    return ordinal === undefined ? null : (this.vacancyRecords[ordinal] ?? null);
  }

  hasSeeker(userId: string): boolean {
    const ordinal = this.seekerOrdinal.get(userId);
    return ordinal !== undefined && this.seekerAt[ordinal] !== NONE;
  }

  // ---- Queries

  /** Open today: the deadline not passed and its agency (if any) licensed. */
  private open(vAt: number, today: number): boolean {
    const v = this.vacancyArena.data;
    if (v[vAt + V.deadline]! < today) return false;
    const agency = v[vAt + V.agency]!;
    return agency === NONE || this.licensed === null || this.licensed.has(agency);
  }

  private nextStamp(size: number): number {
    if (this.seen.length < size) this.seen = new Uint32Array(Math.max(size, this.seen.length * 2));
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  /** The consenting candidates for a vacancy, best first. */
  candidates(vacancyId: string, query: CandidateQuery): Ranked<CandidateMatch> {
    const ordinal = this.vacancyOrdinal.get(vacancyId);
    const vAt = ordinal === undefined ? NONE : this.vacancyAt[ordinal]!;
    const today = dayOf(this.today());
    if (vAt === NONE || !this.open(vAt, today)) return { total: 0, results: [] };
    const v = this.vacancyArena.data;
    const s = this.seekerArena.data;
    const esco = v[vAt + V.esco]!;
    const isco = v[vAt + V.isco]!;
    const origin = v[vAt + V.origin]!;
    const destination = v[vAt + V.destination]!;
    const kindBit = KIND_BIT[query.viewerKind];
    const { limit, offset, wanted } = paging(query);
    const top = new TopK(offset + limit);
    const stamp = this.nextStamp(this.seekerIds.length);
    this.scorer.markRelated([esco], 'vacancy');
    const only = query.only === undefined ? null : (this.seekerOrdinal.get(query.only) ?? NONE);
    const lists: (Int32Array | null)[] =
      only !== null
        ? [only === NONE ? null : Int32Array.of(only)]
        : [
            esco === NONE ? null : this.seekerByEsco.get(esco),
            ...(esco === NONE
              ? []
              : [...(this.scorer.related[esco] ?? [])].map((r) => this.seekerByEsco.get(r))),
            isco >= 1000 ? this.seekerByUnit.get(isco) : null,
            minorOf(isco) === NONE ? null : this.seekerByMinor.get(minorOf(isco)),
          ];
    let total = 0;
    for (const list of lists) {
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const seeker = list[i]!;
        if (this.seen[seeker] === stamp) continue;
        this.seen[seeker] = stamp;
        const sAt = this.seekerAt[seeker]!;
        if (sAt === NONE) continue;
        if (s[sAt + S.nationality] !== origin) continue;
        if (!visibleTo(s, sAt, destination, kindBit)) continue;
        const score = this.scorer.evaluate(s, sAt, v, vAt, today, this.facts);
        if (this.facts.fit === 4) continue;
        if (query.languagesMet && !this.facts.languagesMet) continue;
        if (wanted && !wanted.has(this.scorer.likelihood(this.facts))) continue;
        total++;
        top.push(round(score), -seeker, seeker);
      }
    }
    const results = top
      .sorted()
      .slice(offset)
      .map(({ ordinal: seeker }) => {
        const sAt = this.seekerAt[seeker]!;
        this.scorer.evaluate(s, sAt, v, vAt, today, this.facts);
        return { userId: this.seekerIds[seeker]!, ...this.explained(sAt, vAt) };
      });
    return { total, results };
  }

  /** The open vacancies for a seeker, best first (newer first among equals). */
  vacancies(userId: string, filters: VacancyFilters): Ranked<VacancyMatch> {
    const ordinal = this.seekerOrdinal.get(userId);
    const sAt = ordinal === undefined ? NONE : this.seekerAt[ordinal]!;
    if (sAt === NONE) return { total: 0, results: [] };
    const today = dayOf(this.today());
    const s = this.seekerArena.data;
    const v = this.vacancyArena.data;
    const nationality = s[sAt + S.nationality]!;
    const destinations = filters.destinations?.length
      ? new Set(filters.destinations.map((c) => this.names.countries.find(c)))
      : null;
    const { limit, offset, wanted } = paging(filters);
    const top = new TopK(offset + limit);
    const stamp = this.nextStamp(this.vacancyRecords.length);
    const layout = seekerLayout(s, sAt);
    const occupations: [number, number][] = [];
    for (let i = 0; i < s[sAt + S.nOcc]!; i++) {
      occupations.push([s[layout.occ + i * 2]!, s[layout.occ + i * 2 + 1]!]);
    }
    for (let i = 0; i < s[sAt + S.nExp]!; i++) {
      occupations.push([s[layout.exp + i * 3]!, s[layout.exp + i * 3 + 1]!]);
    }
    this.scorer.markRelated(
      occupations.map(([esco]) => esco),
      'seeker',
    );
    const lists: (Int32Array | null)[] = [];
    for (const [esco, isco] of occupations) {
      if (esco !== NONE) {
        lists.push(this.vacancyByEsco.get(esco));
        for (const related of this.scorer.related[esco] ?? []) {
          lists.push(this.vacancyByEsco.get(related));
        }
      }
      if (isco >= 1000) lists.push(this.vacancyByUnit.get(isco));
      if (minorOf(isco) !== NONE) lists.push(this.vacancyByMinor.get(minorOf(isco)));
    }
    // Nothing coded: the vacancies that ask for a skill the person has.
    if (occupations.every(([esco, isco]) => esco === NONE && isco === NONE)) {
      for (let k = 0; k < s[sAt + S.nSkill]!; k++) {
        lists.push(this.vacancyBySkill.get(s[layout.skills + k]!));
      }
    }
    const skillsOnly = lists.length > 0 && occupations.every(([e, i]) => e === NONE && i === NONE);
    let total = 0;
    for (const list of lists) {
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const vacancy = list[i]!;
        if (this.seen[vacancy] === stamp) continue;
        this.seen[vacancy] = stamp;
        const vAt = this.vacancyAt[vacancy]!;
        if (vAt === NONE || !this.open(vAt, today)) continue;
        if (nationality !== NONE && v[vAt + V.origin] !== nationality) continue;
        if (destinations && !destinations.has(v[vAt + V.destination]!)) continue;
        const score = this.scorer.evaluate(s, sAt, v, vAt, today, this.facts);
        if (this.facts.fit === 4 && !skillsOnly) continue;
        if (wanted && !wanted.has(this.scorer.likelihood(this.facts))) continue;
        total++;
        top.push(round(score), v[vAt + V.published]!, vacancy);
      }
    }
    const results = top
      .sorted()
      .slice(offset)
      .map(({ ordinal: vacancy }) => {
        const vAt = this.vacancyAt[vacancy]!;
        const record = this.vacancyRecords[vacancy]!;
        this.scorer.markRelated(
          occupations.map(([esco]) => esco),
          'seeker',
        );
        this.scorer.evaluate(s, sAt, v, vAt, today, this.facts);
        return { vacancyId: record.id, number: record.number, ...this.explained(sAt, vAt) };
      });
    return { total, results };
  }

  /** How a seeker compares for a vacancy (consent plays no part: it is the seeker's own view). */
  compare(userId: string, vacancyId: string): ComparisonResult | null {
    const sOrdinal = this.seekerOrdinal.get(userId);
    const vOrdinal = this.vacancyOrdinal.get(vacancyId);
    if (vOrdinal === undefined || this.vacancyAt[vOrdinal] === NONE) return null;
    const vAt = this.vacancyAt[vOrdinal]!;
    const sAt = sOrdinal === undefined ? NONE : this.seekerAt[sOrdinal]!;
    const today = dayOf(this.today());
    const v = this.vacancyArena.data;
    // No profile yet: compared as an empty one.
    const s = sAt === NONE ? EMPTY_SEEKER : this.seekerArena.data;
    const at = sAt === NONE ? 0 : sAt;
    this.scorer.markRelated([v[vAt + V.esco]!], 'vacancy');
    this.scorer.evaluate(s, at, v, vAt, today, this.facts);
    const nationality = s[at + S.nationality]!;
    const ineligibleReason = !this.open(vAt, today)
      ? ('closed' as const)
      : nationality !== NONE && nationality !== v[vAt + V.origin]
        ? ('origin' as const)
        : null;
    const explained = this.explained(at, vAt, s);
    return {
      ...explained,
      likelihood: ineligibleReason ? 'unlikely' : explained.likelihood,
      eligible: ineligibleReason === null,
      ineligibleReason,
      improvements: improvementsOf(this.facts, s, at, v, vAt, this.names, this.scorer),
    };
  }

  private explained(sAt: number, vAt: number, s = this.seekerArena.data) {
    return {
      score: round(this.facts.score),
      likelihood: this.scorer.likelihood(this.facts),
      reasons: reasonsOf(this.facts, s, sAt, this.vacancyArena.data, vAt, this.names, this.scorer),
    };
  }

  stats(): { seekers: number; vacancies: number; bytes: number } {
    const postings = [
      this.seekerByEsco,
      this.seekerByUnit,
      this.seekerByMinor,
      this.vacancyByEsco,
      this.vacancyByUnit,
      this.vacancyByMinor,
      this.vacancyBySkill,
    ].reduce((sum, p) => sum + p.bytes, 0);
    // Ids: about 90 bytes each as V8 strings and map entries; records: an estimate per field.
    const strings = (this.seekerIds.length + this.vacancyRecords.length) * 90;
    const records = this.liveVacancies * 400;
    return {
      seekers: this.liveSeekers,
      vacancies: this.liveVacancies,
      bytes:
        this.seekerArena.bytes +
        this.vacancyArena.bytes +
        this.seekerAt.byteLength +
        this.vacancyAt.byteLength +
        this.seen.byteLength +
        postings +
        strings +
        records,
    };
  }

  private compactIfWorn(): void {
    const { seekerArena: seekers, vacancyArena: vacancies } = this;
    if (seekers.waste > 1 << 20 && seekers.waste > seekers.used / 2) {
      seekers.compact(this.seekerAt, this.seekerIds.length, seekerLength);
    }
    if (vacancies.waste > 1 << 20 && vacancies.waste > vacancies.used / 2) {
      vacancies.compact(this.vacancyAt, this.vacancyRecords.length, vacancyLength);
    }
  }
}

/** A seeker with nothing in their profile (compared before their first step). */
const EMPTY_SEEKER = Int32Array.from([NONE, NONE, -2147483648, 0, 0, 0, 0, 0, 0, 0]);

function grow(array: Int32Array<ArrayBufferLike>): Int32Array<ArrayBufferLike> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

const round = (score: number) => Math.round(score * 10) / 10;

function paging(filters: { limit?: number; offset?: number; likelihood?: Likelihood[] }) {
  const limit = Math.max(0, Math.min(filters.limit ?? DEFAULT_LIMIT, MAX_RANKED));
  const offset = Math.max(0, Math.min(filters.offset ?? 0, MAX_RANKED - limit));
  const wanted = filters.likelihood?.length ? new Set(filters.likelihood) : null;
  return { limit, offset, wanted };
}
