import { type RowFilter } from './search-browse.js';
import type { SearchIndex } from './search-index.js';
import { forEachBit } from './search-postings.js';
import type { NamedOccupation } from './search-occupations.js';
import { queryTokens, tokenise } from './search-text.js';
import { TopK } from './search-topk.js';
import {
  DURATION_BANDS,
  PAGE_SIZE,
  POSTED_WITHIN,
  WAGE_BANDS,
  type FacetCount,
  type SearchCorrection,
  type VacancyFacets,
  type VacancySearchQuery,
} from './search.types.js';

/**
 * One query against the index: candidates from the text (or every ordinal), then one pass that
 * checks visibility, applies the filters, counts the facets and keeps the best rows of the page.
 *
 * Multi-select facet counts: a row that passes every filter counts in every facet; a row that
 * fails exactly one filter counts only in that filter's facet (it is what ticking one more value
 * there would add); a row failing two or more counts nowhere.
 *
 * Relevance per query token: 4 when it is in the vacancy's own title (or a translated title), 2 in
 * its description; summed over tokens, every token required (AND); ties go to the newest. When
 * the query (or one of its words) names an occupation (search-occupations.ts), that occupation's
 * vacancies match too, in any language, as a title match: every vacancy of its ISCO-08 unit group.
 */

export type IndexQuery = VacancySearchQuery;

export interface IndexResult {
  total: number;
  /** Query words that matched nothing and were searched as a near known word instead. */
  corrections: SearchCorrection[];
  /** The occupations the query (or a word of it) names, whose vacancies match in any language. */
  occupations: NamedOccupation[];
  /** The vacancy numbers of the requested page, in order. */
  numbers: number[];
  facets: VacancyFacets;
}

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;
const TITLE = 4;
const BODY = 2;
const P32 = 2 ** 32;
const MAX_WAGE = 2 ** 21 - 1;

let acc = new Uint16Array(0);
let tok = new Uint8Array(0);

function scratch(size: number): void {
  if (acc.length < size) {
    acc = new Uint16Array(size * 2);
    tok = new Uint8Array(size * 2);
  }
}

interface TokenSources {
  /** Sorted lists, each with the score a row gets from it. */
  lists: { rows: Uint32Array; score: number }[];
  bitmaps: { bits: Uint32Array; score: number }[];
  size: number;
}

/** Where a word is in the vacancies' own texts. */
function sourcesOf(index: SearchIndex, token: string): TokenSources {
  const sources: TokenSources = { lists: [], bitmaps: [], size: 0 };
  const term = index.terms.ids.get(token);
  if (term !== undefined) {
    for (const [postings, score] of [
      [index.titlePostings, TITLE],
      [index.bodyPostings, BODY],
    ] as const) {
      const found = postings.of(term);
      for (const rows of found.lists) sources.lists.push({ rows, score });
      if (found.bitmap) sources.bitmaps.push({ bits: found.bitmap, score });
      sources.size += postings.size(term);
    }
  }
  return sources;
}

/**
 * Adds a named occupation's vacancies to a word's sources (search-occupations.ts): every vacancy
 * of its ISCO-08 unit group, as a title match (coded to one of its ESCO occupations or to the
 * group alone, in whatever language it is written).
 */
function addOccupation(index: SearchIndex, sources: TokenSources, named: NamedOccupation): void {
  const group = index.iscoCodes.ids.get(named.iscoCode);
  const list = group === undefined ? undefined : index.iscoPostings[group];
  if (!list || list.length === 0) return;
  sources.lists.push({ rows: list.view(), score: TITLE });
  sources.size += list.length;
}

/**
 * The named occupation, unless the coder read as a typo a word the vacancy texts have as typed
 * (a word found is never corrected, by either step).
 */
function agreeing(
  named: NamedOccupation | null,
  corrections: readonly SearchCorrection[],
): NamedOccupation | null {
  if (!named?.why.corrected?.length) return named;
  const corrected = new Set(corrections.map((correction) => correction.from));
  const typos = named.why.corrected.flatMap((correction) => tokenise(correction.from));
  return typos.every((typo) => corrected.has(typo)) ? named : null;
}

/** At most this many words of a query are looked up for correction (each scans a word list). */
const MAX_LOOKUPS = 3;

interface QuerySources {
  /** Per distinct word, where it is (every word required). */
  words: TokenSources[];
  corrections: SearchCorrection[];
  /** What the whole query names, when it names one occupation: its vacancies match too. */
  whole: TokenSources | null;
  occupations: NamedOccupation[];
}

/**
 * Where each query word is found. A word that matches nothing is replaced by a near word: an
 * occupation word first (the coder's vocabulary: "bakr" is "baker", not "bar"), else a word of
 * the vacancy texts (search-spelling.ts); a word that is in an occupation label is spelt right
 * and kept. Then the cross-language step: the occupation the whole query names, else the one
 * each word names, adds its vacancies (search-occupations.ts).
 */
function querySources(index: SearchIndex, query: string, tokens: string[]): QuerySources {
  const namer = index.namer;
  const corrections: SearchCorrection[] = [];
  const byWord = new Map<string, TokenSources>();
  const weight = (word: string) => sourcesOf(index, word).size;
  let lookups = 0;
  for (const token of tokens) {
    let sources = sourcesOf(index, token);
    let word = token;
    if (sources.size === 0 && lookups < MAX_LOOKUPS && !namer.hasWord(token)) {
      lookups += 1;
      const suggested = namer.suggestWord(token);
      const occupationWord = suggested === null ? undefined : tokenise(suggested)[0];
      const nearest =
        occupationWord && occupationWord !== token
          ? occupationWord
          : index.spelling().closest(token, weight);
      if (nearest !== null) {
        corrections.push({ from: token, to: nearest });
        word = nearest;
        sources = sourcesOf(index, nearest);
      }
    }
    byWord.set(word, sources);
  }
  const occupations: NamedOccupation[] = [];
  const words = [...byWord.values()];
  if (words.length === 0) return { words, corrections, whole: null, occupations };
  // Named as corrected ("bakr" as "baker"): the words the text step searched.
  const named = agreeing(
    namer.name(corrections.length ? [...byWord.keys()].join(' ') : query),
    corrections,
  );
  if (named) {
    occupations.push(named);
    if (words.length === 1) {
      addOccupation(index, words[0]!, named);
      return { words, corrections, whole: null, occupations };
    }
    const whole: TokenSources = { lists: [], bitmaps: [], size: 0 };
    addOccupation(index, whole, named);
    return { words, corrections, whole, occupations };
  }
  if (words.length > 1) {
    for (const [word, sources] of byWord) {
      const ofWord = agreeing(namer.name(word), corrections);
      if (!ofWord) continue;
      occupations.push(ofWord);
      addOccupation(index, sources, ofWord);
    }
  }
  return { words, corrections, whole: null, occupations };
}

/** Writes a token's best score for each row into `target` (zeroed beforehand). */
function mark(sources: TokenSources, target: Uint16Array | Uint8Array): void {
  for (const { rows, score } of sources.lists) {
    for (let j = 0; j < rows.length; j += 1) {
      const row = rows[j]!;
      if (target[row]! < score) target[row] = score;
    }
  }
  for (const { bits, score } of sources.bitmaps) {
    for (let w = 0; w < bits.length; w += 1) {
      let m = bits[w]!;
      while (m !== 0) {
        const row = w * 32 + (31 - Math.clz32(m & -m));
        if (target[row]! < score) target[row] = score;
        m &= m - 1;
      }
    }
  }
}

/** The sorted ordinals matching every word, their scores summed in `acc`; null: no text. */
function textCandidates(index: SearchIndex, words: TokenSources[]): Uint32Array | null {
  if (words.length === 0) return null;
  const sources = [...words].sort((a, b) => a.size - b.size);
  const rarest = sources[0]!;
  if (rarest.size === 0) return new Uint32Array(0);
  const size = index.size;
  scratch(size);
  acc.fill(0, 0, size);
  mark(rarest, acc);
  let rows: Uint32Array;
  if (rarest.size < size / 64) {
    // Few rows: gather, sort, deduplicate.
    const all: number[] = [];
    for (const list of rarest.lists) for (const row of list.rows) all.push(row);
    for (const { bits } of rarest.bitmaps) forEachBit(bits, (row) => all.push(row));
    const sorted = Uint32Array.from(all).sort();
    let unique = 0;
    for (let j = 0; j < sorted.length; j += 1) {
      if (j === 0 || sorted[j] !== sorted[j - 1]) sorted[unique++] = sorted[j]!;
    }
    rows = sorted.subarray(0, unique);
  } else {
    rows = new Uint32Array(Math.min(rarest.size, size));
    let n = 0;
    for (let i = 0; i < size; i += 1) if (acc[i] !== 0) rows[n++] = i;
    rows = rows.subarray(0, n);
  }
  for (const next of sources.slice(1)) {
    if (rows.length === 0) break;
    tok.fill(0, 0, size);
    mark(next, tok);
    let kept = 0;
    for (let j = 0; j < rows.length; j += 1) {
      const row = rows[j]!;
      const score = tok[row]!;
      if (score !== 0) {
        acc[row] = acc[row]! + score;
        rows[kept++] = row;
      }
    }
    rows = rows.subarray(0, kept);
  }
  return rows;
}

/**
 * The text's rows (sorted, scores in `acc`) and the rows of the occupation the whole query names,
 * merged: an occupation row scores as if every word had matched it that way.
 */
function withOccupation(
  index: SearchIndex,
  rows: Uint32Array,
  whole: TokenSources,
  words: number,
): Uint32Array {
  if (whole.size === 0) return rows;
  const size = index.size;
  scratch(size);
  tok.fill(0, 0, size);
  mark(whole, tok);
  const named: number[] = [];
  for (const list of whole.lists) for (const row of list.rows) named.push(row);
  const sorted = Uint32Array.from(named).sort();
  const merged = new Uint32Array(rows.length + sorted.length);
  let n = 0;
  let t = 0;
  let o = 0;
  while (t < rows.length || o < sorted.length) {
    const fromText = t < rows.length ? rows[t]! : Number.POSITIVE_INFINITY;
    const fromOccupation = o < sorted.length ? sorted[o]! : Number.POSITIVE_INFINITY;
    if (fromOccupation < fromText) {
      // Not a text match: whatever `acc` held for this row was left by a word it lacked.
      if (n === 0 || merged[n - 1] !== fromOccupation) {
        acc[fromOccupation] = tok[fromOccupation]! * words;
        merged[n++] = fromOccupation;
      }
      o += 1;
    } else {
      acc[fromText] = Math.max(acc[fromText]!, tok[fromText]! * words);
      merged[n++] = fromText;
      t += 1;
      while (o < sorted.length && sorted[o] === fromText) o += 1;
    }
  }
  return merged.subarray(0, n);
}

function position(values: readonly string[], value: string): number | undefined {
  const found = values.indexOf(value);
  return found < 0 ? undefined : found;
}

/** 1 for each selected value (unknown values select nothing); all 1 when the facet is unfiltered. */
function selection(size: number, selected: readonly number[] | null): Uint8Array {
  const flags = new Uint8Array(Math.max(size, 1));
  if (selected === null) flags.fill(1);
  else for (const id of selected) flags[id] = 1;
  return flags;
}

function ids(values: readonly string[], lookup: (value: string) => number | undefined) {
  if (values.length === 0) return null;
  return values.flatMap((value) => {
    const id = lookup(value);
    return id === undefined ? [] : [id];
  });
}

const FACET_COUNT = 6;
const POSTED = 5;

/** Per cell, a bit per facet whose filter the cell fails (the posted facet is per row). */
function cellFailures(index: SearchIndex, query: IndexQuery): Uint8Array {
  const destinationIds = ids(query.destinations, (v) => index.destinations.ids.get(v));
  const destSel = selection(index.destinations.values.length, destinationIds);
  const groupSel = selection(
    10,
    ids(query.occupationGroups, (v) => (/^\d$/.test(v) ? Number(v) : undefined)),
  );
  const durSel = selection(
    4,
    ids(query.durations, (v) => position(DURATION_BANDS, v)),
  );
  const wageSel = selection(
    6,
    ids(query.wageBands, (v) => position(WAGE_BANDS, v)),
  );
  const languageIds = ids(query.languages, (v) => index.languages.ids.get(v));
  const langSel = languageIds === null ? null : new Set(languageIds);
  const cells = index.cellDestination.length;
  const failures = new Uint8Array(cells);
  failures[0] = 0xff;
  for (let c = 1; c < cells; c += 1) {
    let mask = 0;
    if (destSel[index.cellDestination[c]!] === 0) mask |= 1;
    if (groupSel[index.cellGroup[c]!] === 0) mask |= 2;
    if (durSel[index.cellDuration[c]!] === 0) mask |= 4;
    if (wageSel[index.cellWage[c]!] === 0) mask |= 8;
    if (langSel && !index.cellLanguages[c]!.some((id) => langSel.has(id))) mask |= 16;
    failures[c] = mask;
  }
  return failures;
}

interface ScanInput {
  rows: Uint32Array | null;
  today: number;
  since: [number, number, number];
  passCell: Uint8Array;
  postedOk: Uint8Array;
  counts: Uint32Array;
  touched: Uint32Array;
  top: TopK;
  /** 0 newest, 1 relevance, 2 wage. */
  mode: number;
}

/**
 * The hot loop, in a function of its own so that V8 optimises it as a whole (inside a larger
 * function it was compiled on-stack and thrown away after every query).
 */
function scan(index: SearchIndex, input: ScanInput): { total: number; touchedCount: number } {
  const { rows, today, passCell, postedOk, counts, touched, top, mode } = input;
  const [since1, since7, since30] = input.since;
  const { deadline, agency, agencyActive, cell, published, number, usd } = index;
  const count = rows === null ? index.size : rows.length;
  let total = 0;
  let touchedCount = 0;
  let worstKey = top.capacity === 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  let worstTie = Number.POSITIVE_INFINITY;

  for (let j = 0; j < count; j += 1) {
    const i = rows === null ? j : rows[j]!;
    if (deadline[i]! < today) continue;
    const a = agency[i]!;
    if (a >= 0 && agencyActive[a] === 0) continue;
    const c = cell[i]!;
    if (c === 0) continue;
    const posted = published[i]!;
    // Without branches: the order of publication dates is random, so branches mispredict.
    const bucket = +(posted < since1) + +(posted < since7) + +(posted < since30);
    const slot = c * 4 + bucket;
    const seen = counts[slot]!;
    counts[slot] = seen + 1;
    if (seen === 0) touched[touchedCount++] = slot;
    if (passCell[c] === 0 || postedOk[bucket] === 0) continue;
    total += 1;
    let key: number;
    if (mode === 0) key = posted;
    else if (mode === 1) key = acc[i]! * P32 + posted;
    else {
      const dollars = usd[i]!;
      key = Number.isNaN(dollars)
        ? posted - P32
        : Math.min(Math.floor(dollars), MAX_WAGE) * P32 + posted;
    }
    // Most rows do not beat the worst row kept: compare here, call the heap only when they do.
    if (key > worstKey || (key === worstKey && number[i]! > worstTie)) {
      top.offer(key, number[i]!, i);
      if (top.full) {
        worstKey = top.worstKey;
        worstTie = top.worstTie;
      }
    }
  }
  return { total, touchedCount };
}

export function evaluate(
  index: SearchIndex,
  query: IndexQuery,
  now: Date,
  pageSize = PAGE_SIZE,
): IndexResult {
  const { words, corrections, whole, occupations } = querySources(
    index,
    query.q,
    queryTokens(query.q),
  );
  const text = textCandidates(index, words);
  const rows = text && whole ? withOccupation(index, text, whole, words.length) : text;
  const scored = rows !== null;

  // To the minute: "posted within" moves by the minute, so browse counts can be kept a minute.
  const nowMs = Math.floor(now.getTime() / 60_000) * 60_000;
  const today = Math.floor(nowMs / DAY_MS);
  const nowSeconds = Math.floor(nowMs / 1000);
  const since1 = nowSeconds - DAY_SECONDS;
  const since7 = nowSeconds - 7 * DAY_SECONDS;
  const since30 = nowSeconds - 30 * DAY_SECONDS;
  // Posted buckets: 0 within a day, 1 within a week, 2 within 30 days, 3 older.
  const postedOk = new Uint8Array(4).fill(1);
  if (query.postedWithin) {
    const last = POSTED_WITHIN.indexOf(query.postedWithin);
    for (let b = last + 1; b < 4; b += 1) postedOk[b] = 0;
  }
  const failures = cellFailures(index, query);
  const passCell = failures.map((mask) => (mask === 0 ? 1 : 0));

  const k = Math.max(0, query.page) * pageSize;
  const mode = query.sort === 'wage' ? 2 : query.sort === 'relevance' && scored ? 1 : 0;
  let total: number;
  let facetCounts: FacetSums;
  let ranked: number[];
  if (rows === null) {
    // Browse: counts from the kept slot table, the page from the kept orders (search-browse.ts).
    const filter: RowFilter = { today, since: [since1, since7, since30], passCell, postedOk };
    const table = index.browse.slotTable(index, filter);
    facetCounts = sumFacets(index, { ...table, failures, postedOk, reset: false });
    total = facetCounts.total;
    ranked = index.browse.top(index, filter, k, mode === 2 ? 2 : 0);
  } else {
    // Rows counted per (cell, posted bucket); `touched` lists the slots used, to sum and reset.
    const slots = index.cellDestination.length * 4;
    const counts = slotCounts(slots);
    const touched = new Uint32Array(Math.min(slots, rows.length + 1));
    const top = new TopK(k);
    const pass = scan(index, {
      rows,
      today,
      since: [since1, since7, since30],
      passCell,
      postedOk,
      counts,
      touched,
      top,
      mode,
    });
    total = pass.total;
    facetCounts = sumFacets(index, {
      counts,
      touched,
      touchedCount: pass.touchedCount,
      failures,
      postedOk,
      reset: true,
    });
    ranked = top.sorted();
  }
  const start = (query.page - 1) * pageSize;
  return {
    total,
    corrections,
    occupations,
    numbers: ranked.slice(start, start + pageSize).map((i) => index.number[i]!),
    facets: {
      destination: open(index.destinations.values, facetCounts.destination, query.destinations),
      occupationGroup: fixed(
        ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
        facetCounts.group,
      ).filter((facet) => facet.count > 0 || query.occupationGroups.includes(facet.value)),
      duration: fixed(DURATION_BANDS, facetCounts.duration),
      wageBand: fixed(WAGE_BANDS, facetCounts.wage),
      language: open(index.languages.values, facetCounts.language, query.languages),
      posted: fixed(POSTED_WITHIN, facetCounts.posted),
    },
  };
}

let countsScratch = new Uint32Array(0);
/** A zeroed counter per slot, reused between queries (each query resets what it touched). */
function slotCounts(slots: number): Uint32Array {
  if (countsScratch.length < slots) countsScratch = new Uint32Array(slots * 2);
  return countsScratch;
}

interface FacetSums {
  /** Rows passing every filter. */
  total: number;
  destination: Float64Array;
  group: Float64Array;
  duration: Float64Array;
  wage: Float64Array;
  language: Float64Array;
  posted: Float64Array;
}

/** Multi-select counts from the per-slot row counts; with `reset`, zeroes the slots it reads. */
function sumFacets(
  index: SearchIndex,
  pass: {
    counts: Uint32Array;
    touched: Uint32Array;
    touchedCount: number;
    failures: Uint8Array;
    postedOk: Uint8Array;
    reset: boolean;
  },
): FacetSums {
  let total = 0;
  const destination = new Float64Array(index.destinations.values.length);
  const group = new Float64Array(10);
  const duration = new Float64Array(4);
  const wage = new Float64Array(6);
  const language = new Float64Array(index.languages.values.length);
  const posted = new Float64Array(3);
  for (let t = 0; t < pass.touchedCount; t += 1) {
    const slot = pass.touched[t]!;
    const n = pass.counts[slot]!;
    if (pass.reset) pass.counts[slot] = 0;
    const c = slot >>> 2;
    const bucket = slot & 3;
    const mask = pass.failures[c]! | (pass.postedOk[bucket] === 0 ? 1 << POSTED : 0);
    if (mask === 0) total += n;
    // Counted in a facet when it passes every other facet's filter.
    for (let facet = 0; facet < FACET_COUNT; facet += 1) {
      if ((mask & ~(1 << facet)) !== 0) continue;
      switch (facet) {
        case 0:
          destination[index.cellDestination[c]!]! += n;
          break;
        case 1:
          group[index.cellGroup[c]!]! += n;
          break;
        case 2:
          duration[index.cellDuration[c]!]! += n;
          break;
        case 3:
          wage[index.cellWage[c]!]! += n;
          break;
        case 4:
          for (const id of index.cellLanguages[c]!) language[id]! += n;
          break;
        default:
          // Cumulative: within a day is also within a week and within 30 days.
          for (let b = bucket; b < 3; b += 1) posted[b]! += n;
      }
    }
  }
  return { total, destination, group, duration, wage, language, posted };
}

/** Every value of a fixed list, in its order. */
function fixed(values: readonly string[], counts: ArrayLike<number>): FacetCount[] {
  return values.map((value, i) => ({ value, count: counts[i] ?? 0 }));
}

/** Values with a count or selected, most frequent first. */
function open(values: readonly string[], counts: ArrayLike<number>, selected: readonly string[]) {
  const facets: FacetCount[] = [];
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const count = counts[i] ?? 0;
    if (count > 0 || selected.includes(value)) {
      facets.push({ value, count });
      seen.add(value);
    }
  });
  for (const value of selected) if (!seen.has(value)) facets.push({ value, count: 0 });
  return facets.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
