import { BrowseCache } from './search-browse.js';
import { DURATION_INDEX, WAGE_INDEX, durationBand, wageBand } from './search-bands.js';
import { evaluate, type IndexQuery, type IndexResult } from './search-evaluate.js';
import { Postings, U32List } from './search-postings.js';
import { OccupationNamer } from './search-occupations.js';
import { SpellingVocabulary } from './search-spelling.js';
import { TermReader } from './search-words.js';

/**
 * The in-memory index of public vacancy search (docs/adr/0008): pure, no I/O. The repository
 * feeds it, the service keeps it in step with the database, `search()` answers a query with its
 * facet counts in one pass.
 *
 * Each vacancy gets an ordinal; its facet values live in typed-array columns at that ordinal. A
 * changed vacancy is tombstoned and added again under a new ordinal (the service rebuilds the
 * whole index when tombstones pile up). The index holds every published vacancy whose deadline had
 * not passed when it was read; whether it is public *now* is decided in the pass: alive, deadline
 * not passed today, and its agency (if any) flagged active — so that a licence change flips all of
 * an agency's vacancies by writing one byte.
 */

export interface IndexedVacancy {
  number: number;
  destination: string;
  /** ISCO-08 unit group, four digits. */
  iscoCode: string;
  occupationId: string | null;
  agencyId: string | null;
  contractMonths: number;
  /** Monthly wage in US dollars; null when the currency has no rate. */
  monthlyUsd: number | null;
  publishedAt: Date;
  /** 'YYYY-MM-DD'. */
  applicationDeadline: string;
  languages: readonly string[];
  /** The vacancy's own title and description, then its translations. */
  texts: readonly { title: string; description: string }[];
}

export interface IndexStats {
  vacancies: number;
  ordinals: number;
  tombstones: number;
  terms: number;
  postings: number;
  bytes: number;
}

export const NONE = 0xffffffff;
const DAY_MS = 86_400_000;

export function dayNumber(value: Date | string): number {
  const ms = typeof value === 'string' ? Date.parse(`${value}T00:00:00Z`) : value.getTime();
  return Math.floor(ms / DAY_MS);
}

/** Strings to small integers and back. */
export class Dictionary {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
function grown<T extends Typed>(array: T, length: number, fill?: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

export class SearchIndex {
  capacity = 1024;
  size = 0;
  /** Moves with every change that can alter a result (rows, agency flags). */
  version = 0;
  /** What searches without text keep between queries (search-browse.ts). */
  readonly browse = new BrowseCache();
  aliveCount = 0;
  number = new Uint32Array(this.capacity);
  alive = new Uint8Array(this.capacity);
  /** The row's facet cell (see `cells`); 0 once the row is a tombstone. */
  cell = new Uint32Array(this.capacity);
  isco = new Uint16Array(this.capacity);
  occupation = new Uint32Array(this.capacity);
  usd = new Float32Array(this.capacity);
  /** Seconds since 1970 (the pass reads 4 bytes a row, not 8). */
  published = new Uint32Array(this.capacity);
  /** Days since 1970. */
  deadline = new Uint16Array(this.capacity);
  agency = new Int32Array(this.capacity);

  /**
   * A cell is one combination of facet values (destination, major group, duration band, wage band,
   * required languages). Rows point to their cell, so that the pass counts one cell per row and
   * the facets are summed over the cells a query touched: far fewer cells than rows. Cell 0 is
   * the tombstone cell, which no query passes.
   */
  readonly cells = new Map<string, number>([['', 0]]);
  readonly cellDestination: number[] = [0];
  readonly cellGroup: number[] = [0];
  readonly cellDuration: number[] = [0];
  readonly cellWage: number[] = [0];
  readonly cellLanguages: number[][] = [[]];

  readonly destinations = new Dictionary();
  readonly iscoCodes = new Dictionary();
  readonly occupations = new Dictionary();
  readonly agencies = new Dictionary();
  readonly languages = new Dictionary();
  readonly terms = new Dictionary();
  agencyActive = new Uint8Array(16);
  private activeAgencies: ReadonlySet<string> = new Set();

  readonly titlePostings = new Postings();
  readonly bodyPostings = new Postings();
  readonly occupationPostings: U32List[] = [];
  readonly iscoPostings: U32List[] = [];

  private readonly vocabulary = new SpellingVocabulary();
  /** How many of `terms` are in the vocabulary yet. */
  private vocabularyTerms = 0;
  private ordinalOfNumber = new Int32Array(1024).fill(-1);
  private readonly reader = new TermReader((token) => this.termOf(token));
  private built = false;
  private titleMark = new Int32Array(1024);
  private bodyMark = new Int32Array(1024);

  /**
   * `namer`: what a query names (the reference module's occupation coder behind the rule of
   * search-occupations.ts), for the cross-language step; without it, words only.
   */
  constructor(readonly namer: OccupationNamer = new OccupationNamer()) {}

  get tombstones(): number {
    return this.size - this.aliveCount;
  }

  has(number: number): boolean {
    return number < this.ordinalOfNumber.length && this.ordinalOfNumber[number]! >= 0;
  }

  /** Adds or replaces a vacancy (the old version, if any, becomes a tombstone). */
  upsert(vacancy: IndexedVacancy): void {
    this.remove(vacancy.number);
    this.add(vacancy);
  }

  remove(number: number): void {
    if (!this.has(number)) return;
    const ordinal = this.ordinalOfNumber[number]!;
    this.version += 1;
    this.alive[ordinal] = 0;
    this.cell[ordinal] = 0;
    this.aliveCount -= 1;
    this.ordinalOfNumber[number] = -1;
  }

  /** Presizes the columns for a bulk load of about `count` vacancies. */
  reserve(count: number): void {
    if (count > this.capacity) this.grow(count);
  }

  /** Ends the bulk load: posting lists become compact blocks. Safe to call more than once. */
  finishBuild(): void {
    this.titlePostings.freeze(this.terms.values.length, this.size);
    this.bodyPostings.freeze(this.terms.values.length, this.size);
    if (!this.built) {
      this.reader.clear();
      this.browse.prepare(this);
    }
    this.built = true;
  }

  /** Agencies whose licence is active and in date; every other agency's vacancies are hidden. */
  setActiveAgencies(active: ReadonlySet<string>): void {
    this.activeAgencies = active;
    this.version += 1;
    this.agencyActive.fill(0);
    for (const agencyId of active) {
      const id = this.agencies.ids.get(agencyId);
      if (id !== undefined) this.agencyActive[id] = 1;
    }
  }

  /**
   * Every word of the vacancy texts, for spelling correction (occupation words are the coder's):
   * made on first use (most searches never need it), then topped up with the words of vacancies
   * added since.
   */
  spelling(): SpellingVocabulary {
    const words = this.terms.values;
    for (; this.vocabularyTerms < words.length; this.vocabularyTerms += 1) {
      this.vocabulary.add(words[this.vocabularyTerms]!);
    }
    return this.vocabulary;
  }

  /** One page of `pageSize` (20 unless given) and the facet counts. */
  search(query: IndexQuery, now: Date, pageSize?: number): IndexResult {
    this.finishBuild();
    return evaluate(this, query, now, pageSize);
  }

  stats(): IndexStats {
    const columns = [
      this.number,
      this.alive,
      this.cell,
      this.isco,
      this.occupation,
      this.usd,
      this.published,
      this.deadline,
      this.agency,
      this.ordinalOfNumber,
    ].reduce((sum, column) => sum + column.byteLength, 0);
    const lists = [...this.occupationPostings, ...this.iscoPostings].reduce(
      (sum, list) => sum + list.data.byteLength,
      0,
    );
    // Map entries and short strings: roughly 80 bytes a term.
    const dictionaries = this.terms.values.length * 80;
    return {
      vacancies: this.aliveCount,
      ordinals: this.size,
      tombstones: this.tombstones,
      terms: this.terms.values.length,
      postings: this.titlePostings.postingCount + this.bodyPostings.postingCount,
      bytes: columns + lists + dictionaries + this.titlePostings.bytes + this.bodyPostings.bytes,
    };
  }

  private agencyId(agencyId: string): number {
    const known = this.agencies.ids.get(agencyId);
    if (known !== undefined) return known;
    const id = this.agencies.id(agencyId);
    if (id >= this.agencyActive.length) {
      this.agencyActive = grown(this.agencyActive, Math.max(16, (id + 1) * 2));
    }
    this.agencyActive[id] = this.activeAgencies.has(agencyId) ? 1 : 0;
    return id;
  }

  private add(vacancy: IndexedVacancy): void {
    if (this.size === this.capacity) this.grow(this.capacity * 2);
    const ordinal = this.size++;
    this.version += 1;
    this.number[ordinal] = vacancy.number;
    this.alive[ordinal] = 1;
    this.aliveCount += 1;
    this.cell[ordinal] = this.cellOf(vacancy);
    const isco = this.iscoCodes.id(vacancy.iscoCode);
    this.isco[ordinal] = isco;
    const occupation = vacancy.occupationId ? this.occupations.id(vacancy.occupationId) : NONE;
    this.occupation[ordinal] = occupation;
    this.usd[ordinal] = vacancy.monthlyUsd ?? Number.NaN;
    this.published[ordinal] = Math.floor(vacancy.publishedAt.getTime() / 1000);
    this.deadline[ordinal] = Math.min(Math.max(dayNumber(vacancy.applicationDeadline), 0), 0xffff);
    this.agency[ordinal] = vacancy.agencyId ? this.agencyId(vacancy.agencyId) : -1;
    this.listAt(this.iscoPostings, isco).push(ordinal);
    if (occupation !== NONE) this.listAt(this.occupationPostings, occupation).push(ordinal);
    this.indexTexts(ordinal, vacancy.texts);

    if (vacancy.number >= this.ordinalOfNumber.length) {
      this.ordinalOfNumber = grown(
        this.ordinalOfNumber,
        Math.max(vacancy.number + 1, this.ordinalOfNumber.length * 2),
        -1,
      );
    }
    this.ordinalOfNumber[vacancy.number] = ordinal;
  }

  private indexTexts(ordinal: number, texts: IndexedVacancy['texts']): void {
    // Each term once per vacancy: in the title list if any title has it, else in the body list.
    // Marks (ordinal + 1 per term) deduplicate without a Set per vacancy.
    const mark = ordinal + 1;
    for (const text of texts) {
      this.eachTerm(text.title, (term) => {
        if (this.titleMark[term] !== mark) {
          this.titleMark[term] = mark;
          this.titlePostings.add(term, ordinal);
        }
      });
    }
    for (const text of texts) {
      this.eachTerm(text.description, (term) => {
        if (this.titleMark[term] !== mark && this.bodyMark[term] !== mark) {
          this.bodyMark[term] = mark;
          this.bodyPostings.add(term, ordinal);
        }
      });
    }
  }

  /** The term ids of a text (search-words.ts reads them without re-normalising known words). */
  private eachTerm(text: string, visit: (term: number) => void): void {
    this.reader.read(text, visit);
  }

  private termOf(token: string): number {
    const term = this.terms.id(token);
    if (term >= this.titleMark.length) {
      this.titleMark = grown(this.titleMark, (term + 1) * 2);
      this.bodyMark = grown(this.bodyMark, (term + 1) * 2);
    }
    return term;
  }

  private cellOf(vacancy: IndexedVacancy): number {
    const destination = this.destinations.id(vacancy.destination);
    const group = Number(vacancy.iscoCode.charAt(0)) || 0;
    const duration = DURATION_INDEX.get(durationBand(vacancy.contractMonths))!;
    const wage = WAGE_INDEX.get(wageBand(vacancy.monthlyUsd))!;
    const languages = [...new Set(vacancy.languages.map((code) => this.languages.id(code)))].sort(
      (a, b) => a - b,
    );
    const key = `${destination},${group},${duration},${wage},${languages.join(' ')}`;
    let cell = this.cells.get(key);
    if (cell === undefined) {
      cell = this.cellDestination.length;
      this.cells.set(key, cell);
      this.cellDestination.push(destination);
      this.cellGroup.push(group);
      this.cellDuration.push(duration);
      this.cellWage.push(wage);
      this.cellLanguages.push(languages);
    }
    return cell;
  }

  private listAt(lists: U32List[], id: number): U32List {
    while (lists.length <= id) lists.push(new U32List(4));
    return lists[id]!;
  }

  private grow(capacity: number): void {
    this.capacity = capacity;
    this.number = grown(this.number, capacity);
    this.alive = grown(this.alive, capacity);
    this.cell = grown(this.cell, capacity);
    this.isco = grown(this.isco, capacity);
    this.occupation = grown(this.occupation, capacity);
    this.usd = grown(this.usd, capacity);
    this.published = grown(this.published, capacity);
    this.deadline = grown(this.deadline, capacity);
    this.agency = grown(this.agency, capacity);
  }
}
