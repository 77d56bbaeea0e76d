import { Worker } from 'node:worker_threads';
import { MatchIndex, type CandidateQuery } from './match-index.js';
import type {
  CandidateMatch,
  ComparisonResult,
  Ranked,
  SeekerRecord,
  VacancyFilters,
  VacancyMatch,
  VacancyRecord,
} from './matching.types.js';
import type { MatchWeights } from './matching.weights.js';
import { loadOccupationGraph } from './occupation-graph.js';

/** Changes for the index, applied in this order. */
export interface IndexChanges {
  today?: string;
  seekers?: SeekerRecord[];
  removeSeekers?: string[];
  vacancies?: VacancyRecord[];
  removeVacancies?: string[];
  licensedAgencies?: string[];
}

/** The index behind a port: in a worker thread, or in this thread (tests, small tools). */
export interface IndexPort {
  apply(changes: IndexChanges): Promise<void>;
  candidates(vacancyId: string, query: CandidateQuery): Promise<Ranked<CandidateMatch>>;
  vacancies(userId: string, filters: VacancyFilters): Promise<Ranked<VacancyMatch>>;
  compare(userId: string, vacancyId: string): Promise<ComparisonResult | null>;
  vacancy(number: number): Promise<VacancyRecord | null>;
  stats(): Promise<{ seekers: number; vacancies: number; bytes: number; heapBytes: number }>;
  close(): Promise<void>;
}

/** What the worker is asked: an operation of IndexHandler and its arguments. */
export interface IndexRequest {
  id: number;
  op: keyof IndexHandler;
  args: unknown[];
}

/** The operations, run synchronously on one MatchIndex (here or in the worker). */
export class IndexHandler {
  private day: string;

  constructor(
    private readonly index: MatchIndex,
    today: string,
  ) {
    this.day = today;
  }

  static async create(weights: MatchWeights | undefined, today: string): Promise<IndexHandler> {
    const graph = await loadOccupationGraph();
    let handler: IndexHandler | null = null;
    const index = new MatchIndex({ graph, weights, today: () => handler!.day });
    handler = new IndexHandler(index, today);
    return handler;
  }

  apply(changes: IndexChanges): void {
    if (changes.today) this.day = changes.today;
    for (const record of changes.seekers ?? []) this.index.upsertSeeker(record);
    for (const id of changes.removeSeekers ?? []) this.index.removeSeeker(id);
    for (const record of changes.vacancies ?? []) this.index.upsertVacancy(record);
    for (const id of changes.removeVacancies ?? []) this.index.removeVacancy(id);
    if (changes.licensedAgencies) this.index.setLicensedAgencies(changes.licensedAgencies);
  }

  candidates(vacancyId: string, query: CandidateQuery) {
    return this.index.candidates(vacancyId, query);
  }

  vacancies(userId: string, filters: VacancyFilters) {
    return this.index.vacancies(userId, filters);
  }

  compare(userId: string, vacancyId: string) {
    return this.index.compare(userId, vacancyId);
  }

  vacancy(number: number) {
    return this.index.vacancyByNumberOf(number);
  }

  stats() {
    return { ...this.index.stats(), heapBytes: process.memoryUsage().heapUsed };
  }
}

/** The index in this thread: the same handler, called directly (made on the first call). */
export function inlinePortLazy(weights: MatchWeights | undefined, today: string): IndexPort {
  const ready = IndexHandler.create(weights, today);
  const run =
    <A extends unknown[], T>(call: (handler: IndexHandler, ...args: A) => T) =>
    async (...args: A): Promise<Awaited<T>> =>
      await call(await ready, ...args);
  return {
    apply: run((h, changes: IndexChanges) => h.apply(changes)),
    candidates: run((h, id: string, query: CandidateQuery) => h.candidates(id, query)),
    vacancies: run((h, id: string, filters: VacancyFilters) => h.vacancies(id, filters)),
    compare: run((h, userId: string, vacancyId: string) => h.compare(userId, vacancyId)),
    vacancy: run((h, number: number) => h.vacancy(number)),
    stats: run((h) => h.stats()),
    close: async () => undefined,
  };
}

/**
 * The index in a worker thread (matching.worker.mjs → match-worker.ts): queries and changes go
 * by message, in order, so the event loop of the web process only waits for the answer. The
 * worker is unref'd: it never keeps the process alive.
 */
export function workerPort(weights: MatchWeights | undefined, today: string): IndexPort {
  const worker = new Worker(new URL('./matching.worker.mjs', import.meta.url), {
    workerData: { weights, today },
  });
  worker.unref();
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let failed: Error | null = null;
  const failAll = (error: Error) => {
    failed = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error !== undefined) waiting.reject(new Error(message.error));
    else waiting.resolve(message.result);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`matching worker exited (${code})`)));
  const call = <T>(op: keyof IndexHandler, ...args: unknown[]): Promise<T> => {
    if (failed) return Promise.reject(failed);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, args } satisfies IndexRequest);
    });
  };
  return {
    apply: (changes) => call('apply', changes),
    candidates: (id, query) => call('candidates', id, query),
    vacancies: (id, filters) => call('vacancies', id, filters),
    compare: (userId, vacancyId) => call('compare', userId, vacancyId),
    vacancy: (number) => call('vacancy', number),
    stats: () => call('stats'),
    close: async () => {
      failed = new Error('matching worker closed');
      await worker.terminate();
    },
  };
}

/**
 * Several workers, each with the whole index (ADR 17): a change goes to every one, in the same
 * order as the questions (each worker answers its messages in order, so a question asked after
 * a change sees it), and a question goes to the worker with the fewest questions in hand. Two
 * workers on two cores answer both directions at once without one queueing behind the other.
 */
export function workerPool(
  weights: MatchWeights | undefined,
  today: string,
  size: number,
): IndexPort {
  if (size <= 1) return workerPort(weights, today);
  const workers = Array.from({ length: size }, () => ({
    port: workerPort(weights, today),
    busy: 0,
  }));
  const ask = async <T>(question: (port: IndexPort) => Promise<T>): Promise<T> => {
    const least = workers.reduce((best, worker) => (worker.busy < best.busy ? worker : best));
    least.busy++;
    try {
      return await question(least.port);
    } finally {
      least.busy--;
    }
  };
  return {
    apply: async (changes) => {
      await Promise.all(workers.map((worker) => worker.port.apply(changes)));
    },
    candidates: (id, query) => ask((port) => port.candidates(id, query)),
    vacancies: (id, filters) => ask((port) => port.vacancies(id, filters)),
    compare: (userId, vacancyId) => ask((port) => port.compare(userId, vacancyId)),
    vacancy: (number) => ask((port) => port.vacancy(number)),
    stats: () => workers[0]!.port.stats(),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.port.close()));
    },
  };
}
