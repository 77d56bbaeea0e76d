import type {
  CandidateFilters,
  CandidateMatch,
  OrganisationKind,
  Ranked,
  SeekerRecord,
  VacancyFilters,
  VacancyMatch,
  VacancyRecord,
} from '../../src/modules/matching/matching.types.js';
import { mean, ndcgAt, recallAt } from './matching-metrics.js';
import {
  baselineCandidates,
  baselineVacancies,
  candidateRelevanceSet,
  loadEscoCatalogue,
  vacancyRelevanceSet,
  type RelevanceSet,
} from './matching-relevance.js';

/**
 * Matching quality (test/bench/matching-relevance.ts builds the relevance set): nDCG@10 and
 * recall@10 (relevant = grade ≥ 2) of the index in both directions, beside a trivial baseline
 * (the same ISCO unit group only, newest first) so that the figures mean something.
 */

/** What the quality measure needs of the index (src/modules/matching/match-index.ts). */
export interface QualityIndex {
  upsertSeeker(record: SeekerRecord): void;
  upsertVacancy(record: VacancyRecord): void;
  candidates(
    vacancyId: string,
    query: CandidateFilters & { viewerKind: OrganisationKind },
  ): Ranked<CandidateMatch>;
  vacancies(userId: string, filters: VacancyFilters): Ranked<VacancyMatch>;
}

export interface QualityOptions {
  seed: number;
  /** Target vacancies and target people per round (one per ISCO minor group, at most ~95). */
  targets: number;
  rounds: number;
  distractors: number;
  today: string;
}

export interface QualityFigures {
  queries: number;
  ndcg: number;
  recall: number;
}

export interface QualityReport {
  candidates: { index: QualityFigures; baseline: QualityFigures };
  vacancies: { index: QualityFigures; baseline: QualityFigures };
  grades: { candidates: Record<number, number>; vacancies: Record<number, number> };
  ms: number;
}

const K = 10;

function figures(set: RelevanceSet, rank: (id: string) => string[]): QualityFigures {
  const ndcg: number[] = [];
  const recall: number[] = [];
  for (const query of set.queries) {
    const ranked = rank(query.id);
    ndcg.push(ndcgAt(ranked, query.judgements, K));
    recall.push(recallAt(ranked, query.judgements, K));
  }
  const n = mean(ndcg);
  return { queries: n.n, ndcg: n.mean, recall: mean(recall).mean };
}

function pooled(parts: QualityFigures[]): QualityFigures {
  const queries = parts.reduce((sum, p) => sum + p.queries, 0);
  const weighted = (pick: (p: QualityFigures) => number) =>
    parts.reduce((sum, p) => sum + pick(p) * p.queries, 0) / Math.max(1, queries);
  return { queries, ndcg: weighted((p) => p.ndcg), recall: weighted((p) => p.recall) };
}

const addGrades = (into: Record<number, number>, from: Record<number, number>) => {
  for (const [grade, n] of Object.entries(from)) into[+grade] = (into[+grade] ?? 0) + n;
};

export async function measureQuality(
  makeIndex: () => QualityIndex,
  o: QualityOptions,
): Promise<QualityReport> {
  const started = performance.now();
  const catalogue = await loadEscoCatalogue();
  const parts = { ci: [] as QualityFigures[], cb: [] as QualityFigures[] };
  const vparts = { vi: [] as QualityFigures[], vb: [] as QualityFigures[] };
  const grades = { candidates: {}, vacancies: {} };
  for (let round = 0; round < o.rounds; round += 1) {
    const options = {
      seed: `${o.seed}/${round}`,
      targets: o.targets,
      distractors: o.distractors,
      today: o.today,
    };
    const forVacancies = candidateRelevanceSet(catalogue, options);
    const index = makeIndex();
    for (const seeker of forVacancies.seekers) index.upsertSeeker(seeker);
    for (const vacancy of forVacancies.vacancies) index.upsertVacancy(vacancy);
    parts.ci.push(
      figures(forVacancies, (id) =>
        index
          .candidates(id, { viewerKind: 'employer', limit: K })
          .results.map((result) => result.userId),
      ),
    );
    parts.cb.push(figures(forVacancies, (id) => baselineCandidates(forVacancies, id, K)));
    addGrades(grades.candidates, forVacancies.grades);

    const forSeekers = vacancyRelevanceSet(catalogue, options);
    const other = makeIndex();
    for (const seeker of forSeekers.seekers) other.upsertSeeker(seeker);
    for (const vacancy of forSeekers.vacancies) other.upsertVacancy(vacancy);
    vparts.vi.push(
      figures(forSeekers, (id) =>
        other.vacancies(id, { limit: K }).results.map((result) => result.vacancyId),
      ),
    );
    vparts.vb.push(figures(forSeekers, (id) => baselineVacancies(forSeekers, id, K, o.today)));
    addGrades(grades.vacancies, forSeekers.grades);
  }
  return {
    candidates: { index: pooled(parts.ci), baseline: pooled(parts.cb) },
    vacancies: { index: pooled(vparts.vi), baseline: pooled(vparts.vb) },
    grades,
    ms: performance.now() - started,
  };
}

export function printQuality(report: QualityReport): void {
  const f = (x: number) => x.toFixed(3);
  const row = (label: string, q: QualityFigures) =>
    console.log(
      `${label.padEnd(52)} ${String(q.queries).padStart(4)} queries  nDCG@10 ${f(q.ndcg)}  recall@10 ${f(q.recall)}`,
    );
  console.log(
    `\nQuality on a generated relevance set (grades known by construction; relevant = grade ≥ 2): candidates graded ${JSON.stringify(report.grades.candidates)}, vacancies graded ${JSON.stringify(report.grades.vacancies)}`,
  );
  row('candidates for a vacancy: index', report.candidates.index);
  row('candidates for a vacancy: same unit group, newest', report.candidates.baseline);
  row('vacancies for a seeker: index', report.vacancies.index);
  row('vacancies for a seeker: same unit group, newest', report.vacancies.baseline);
}
