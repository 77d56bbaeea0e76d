import type { ActorContext } from '../../platform/authz/context.js';
import type {
  CandidateFilters,
  CandidateMatch,
  ComparisonResult,
  IndexStats,
  Ranked,
  VacancyFilters,
  VacancyMatch,
  VacancyRecord,
} from './matching.types.js';

/** The ranked candidates of one vacancy, with the vacancy they were ranked for. */
export interface CandidatesPage extends Ranked<CandidateMatch> {
  vacancy: VacancyRecord;
}

/** "How you compare" for one vacancy. */
export interface ComparisonPage extends ComparisonResult {
  vacancy: VacancyRecord;
}

/**
 * Matching (docs/matching.md): ranked consenting candidates for a vacancy, ranked open vacancies
 * for a job seeker, and "how you compare", answered from the in-memory index (match-index.ts)
 * in a worker thread, brought up to date from the domain events before every answer.
 */
export class MatchingService {
  /** Builds the index now rather than at the first question (at start, or for a benchmark). */
  async warm(): Promise<void> {
    throw new Error('not built yet');
  }

  /**
   * The ranked candidates for a published vacancy of the caller's organisation (`matching.read`,
   * organisation scope: its employer or its agency; else "not found"). Only people whose profile
   * is visible in the vacancy's destination to the caller's kind of organisation. The listing
   * is audited (`matching.candidates_listed`, the people listed as subjects).
   */
  async candidates(
    ctx: ActorContext,
    vacancyNumber: number,
    filters: CandidateFilters,
  ): Promise<CandidatesPage> {
    void ctx;
    void vacancyNumber;
    void filters;
    throw new Error('not built yet');
  }

  /** The caller's recommended vacancies (`matching.read`, own), best first. */
  async recommended(ctx: ActorContext, filters: VacancyFilters): Promise<Ranked<VacancyMatch>> {
    void ctx;
    void filters;
    throw new Error('not built yet');
  }

  /** How the caller compares for a published vacancy (`matching.read`, own). */
  async compare(ctx: ActorContext, vacancyNumber: number): Promise<ComparisonPage> {
    void ctx;
    void vacancyNumber;
    throw new Error('not built yet');
  }

  /**
   * Whether `userId` is among the vacancy's consenting candidates for the caller's organisation
   * now (an invitation to apply may go only to them). Same scope as `candidates`.
   */
  async isCandidate(ctx: ActorContext, vacancyNumber: number, userId: string): Promise<boolean> {
    void ctx;
    void vacancyNumber;
    void userId;
    throw new Error('not built yet');
  }

  stats(): IndexStats {
    return { seekers: 0, vacancies: 0, bytes: 0, buildMs: 0, builtAt: null };
  }
}
