import { Bm25Builder, type Bm25Index, type TermGroup } from './bm25.js';
import { reciprocalRankFusion } from './fusion.js';
import { NgramVocabulary } from './ngrams.js';
import { contentWords, words, type Word } from './normalise.js';
import { LANGUAGES_BY_SCRIPT, stem } from './stemmers.js';

/**
 * The occupation coder (issue 12, docs/adr/0014-occupation-coder.md): a job title in any words
 * and any shipped language → ESCO occupations (and ISCO unit groups), best first, each with why
 * it matched. Two rankers over every label: BM25 over words and their stems, and BM25 over
 * words reached by character n-grams (typos, compound parts); reciprocal rank fusion; then the
 * occupation before its ISCO group unless the query names the group.
 */

export interface CoderLabel {
  /** ESCO UUID, or null for an ISCO group. */
  occupationId: string | null;
  /** The 4-digit ISCO unit group when occupationId is null. */
  iscoCode: string | null;
  language: string;
  /** As written. */
  label: string;
  /** Preferred label (true) or alternative/gendered (false). */
  isTitle: boolean;
}

export interface MatchReason {
  /** The strongest evidence. */
  kind: 'exact' | 'words' | 'stems' | 'partial' | 'spelling';
  /** Query words (as typed) that matched. */
  matchedWords: string[];
  /** Query words that matched nothing in this label. */
  unmatchedWords: string[];
  /** Typo corrections used (n-gram ranker). */
  corrected?: { from: string; to: string }[];
}

export interface CoderHit {
  occupationId: string | null;
  iscoCode: string | null;
  /** Fused, higher is better, comparable within one query. */
  score: number;
  matchedLabel: string;
  matchedLanguage: string;
  why: MatchReason;
}

export interface SearchOptions {
  /** The query's language when known: its labels are preferred a little. */
  language?: string;
  limit?: number;
}

/** Tuned on half of the benchmark's titles by general rules (docs/benchmarks.md). */
export const TUNING = {
  /** Alternative and gendered labels count this much of a preferred label. */
  alternativeLabel: 0.93,
  /** Labels in the query's language, when it is given. */
  sameLanguage: 1.1,
  /** A stem match against the exact word. */
  stemFactor: 0.9,
  /** How many concepts each ranker passes to the fusion. */
  depth: 200,
  /** Fusion weights: words and stems, n-grams. */
  wordsWeight: 1,
  ngramWeight: 0.7,
  rrfK: 20,
  /** An ISCO group that is not named by the query falls behind occupations. */
  groupFactor: 0.6,
  /** Words of a query that are read (a long title still costs little). */
  maxWords: 24,
};
export type Tuning = typeof TUNING;

/**
 * One group of alternative terms per written word (the forms of "Maurer/in" are one word), and
 * a word written twice counts once.
 */
function bySlot(
  queryWords: readonly QueryWord[],
  termsOf: (q: QueryWord) => Array<{ term: number; factor: number }>,
): TermGroup[] {
  const slots = new Map<number, Map<number, number>>();
  for (const q of queryWords) {
    let group = slots.get(q.word.slot);
    if (!group) slots.set(q.word.slot, (group = new Map<number, number>()));
    for (const { term, factor } of termsOf(q)) {
      if (factor > (group.get(term) ?? 0)) group.set(term, factor);
    }
  }
  const seen = new Set<string>();
  const groups: TermGroup[] = [];
  for (const group of slots.values()) {
    if (group.size === 0) continue;
    const key = [...group.keys()].sort((a, b) => a - b).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push([...group].map(([term, factor]) => ({ term, factor })));
  }
  return groups;
}

interface Concept {
  occupationId: string | null;
  iscoCode: string | null;
}

interface QueryWord {
  word: Word;
  exact: number | undefined;
  stems: Map<number, string>;
  neighbours: {
    term: number;
    word: string;
    similarity: number;
    kind: 'spelling' | 'partial' | 'inflection';
  }[];
}

export class OccupationCoder {
  private constructor(
    private readonly labels: readonly CoderLabel[],
    private readonly labelConcept: Int32Array,
    private readonly labelWeight: Float32Array,
    private readonly labelLanguage: readonly string[],
    private readonly concepts: readonly Concept[],
    private readonly exactLabels: ReadonlyMap<string, number[]>,
    private readonly index: Bm25Index,
    private readonly vocabulary: NgramVocabulary,
    private readonly vocabularyByLanguage: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly tuning: Tuning,
  ) {}

  /** `overrides` is for the benchmark's tuning runs; production uses TUNING. */
  static build(input: Iterable<CoderLabel>, overrides: Partial<Tuning> = {}): OccupationCoder {
    const tuning = { ...TUNING, ...overrides };
    const labels: CoderLabel[] = [];
    const conceptIds = new Map<string, number>();
    const concepts: Concept[] = [];
    const builder = new Bm25Builder();
    const exactLabels = new Map<string, number[]>();
    const vocabulary = new Set<string>();
    const vocabularyByLanguage = new Map<string, Set<string>>();
    const conceptOf: number[] = [];
    const weights: number[] = [];
    const languages: string[] = [];
    for (const label of input) {
      const all = words(label.label);
      const content = contentWords(all);
      if (content.length === 0) continue;
      const key = label.occupationId ?? `isco:${label.iscoCode}`;
      let concept = conceptIds.get(key);
      if (concept === undefined) {
        conceptIds.set(key, (concept = concepts.length));
        concepts.push({ occupationId: label.occupationId, iscoCode: label.iscoCode });
      }
      // Each distinct word once (a label that spells out "X/Xin" says X once), by its exact
      // form and its stem in the label's language; length counts the distinct stems.
      const terms = new Set<number>();
      const stems = new Set<string>();
      let own = vocabularyByLanguage.get(label.language);
      if (!own) vocabularyByLanguage.set(label.language, (own = new Set()));
      for (const word of content) {
        const stemmed = stem(word.lower, label.language);
        terms.add(builder.termId(`=${word.folded}`));
        terms.add(builder.termId(`${label.language}:${stemmed}`));
        stems.add(stemmed);
        vocabulary.add(word.folded);
        own.add(word.folded);
      }
      const doc = builder.add([...terms], stems.size);
      labels.push(label);
      conceptOf.push(concept);
      weights.push(label.isTitle ? 1 : tuning.alternativeLabel);
      languages.push(label.language);
      // The whole label, and each side of a slash between two spelled-out forms
      // ("infirmier/infirmière", "Facharbeiter in X/Facharbeiterin in X"), equal a query.
      const keys = new Set([content.map((w) => w.folded).join(' ')]);
      const sides = label.label.split('/');
      if (sides.length > 1) {
        for (const side of sides) {
          const sideWords = contentWords(words(side));
          if (sideWords.length > 0 && sideWords.every((w) => w.folded.length >= 3)) {
            keys.add(sideWords.map((w) => w.folded).join(' '));
          }
        }
      }
      for (const key of keys) {
        const list = exactLabels.get(key);
        if (list) list.push(doc);
        else exactLabels.set(key, [doc]);
      }
    }
    // Each word is indexed twice (exact and stem), so length normalisation sees 2× the words;
    // BM25 only uses the ratio to the average, which is unchanged.
    return new OccupationCoder(
      labels,
      Int32Array.from(conceptOf),
      Float32Array.from(weights),
      languages,
      concepts,
      exactLabels,
      builder.build(),
      new NgramVocabulary(vocabulary),
      vocabularyByLanguage,
      tuning,
    );
  }

  get size(): { labels: number; concepts: number; words: number } {
    return {
      labels: this.labels.length,
      concepts: this.concepts.length,
      words: this.vocabulary.size,
    };
  }

  /**
   * What a label equal to the whole query adds: 1 when the query's language is unknown or the
   * label is in it; nothing for a label in another language (the same word is often a label in
   * several: "infirmier" is a Romanian label for nursing assistants, and a French reader means
   * a nurse), nor without such a label.
   */
  private exactBonus(doc: number | undefined, language: string | undefined): number {
    if (doc === undefined) return 0;
    return language === undefined || this.labelLanguage[doc] === language ? 1 : 0;
  }

  /** Is this (normalised) word in an occupation label, in `language` if given? */
  hasWord(word: string, language?: string): boolean {
    const folded = words(word)[0]?.folded;
    if (!folded) return false;
    if (language) return this.vocabularyByLanguage.get(language)?.has(folded) ?? false;
    return this.vocabulary.has(folded);
  }

  /** The closest occupation word to a misspelt word; null when the word is known or none is close. */
  suggestWord(word: string, language?: string): string | null {
    const folded = words(word)[0]?.folded;
    if (!folded || this.vocabulary.has(folded)) return null;
    const own = language ? this.vocabularyByLanguage.get(language) : undefined;
    const neighbours = this.vocabulary.neighbours(folded).filter((n) => n.kind === 'spelling');
    return (neighbours.find((n) => own?.has(n.word)) ?? neighbours[0])?.word ?? null;
  }

  search(query: string, options: SearchOptions = {}): CoderHit[] {
    const limit = Math.max(1, Math.trunc(options.limit ?? 10));
    const all = words(query);
    const content = contentWords(all).slice(0, this.tuning.maxWords);
    if (content.length === 0) return [];
    const queryWords = content.map((word) => this.readWord(word));

    const wordGroups = bySlot(queryWords, (q) => [
      ...(q.exact !== undefined ? [{ term: q.exact, factor: 1 }] : []),
      ...[...q.stems.keys()].map((term) => ({ term, factor: this.tuning.stemFactor })),
    ]);
    const ngramGroups = bySlot(queryWords, (q) => [
      ...(q.exact !== undefined ? [{ term: q.exact, factor: 1 }] : []),
      ...q.neighbours.map((n) => ({ term: n.term, factor: n.similarity })),
    ]);
    const byWords = this.rankConcepts(wordGroups, options.language);
    const byNgrams = this.rankConcepts(ngramGroups, options.language);

    const fused = reciprocalRankFusion(
      [
        { items: byWords.order, weight: this.tuning.wordsWeight },
        { items: byNgrams.order, weight: this.tuning.ngramWeight },
      ],
      this.tuning.rrfK,
    );
    // Labels equal to the whole query come first.
    const exactKey = content.map((w) => w.folded).join(' ');
    const exactDocs = this.exactLabels.get(exactKey) ?? [];
    const exactConcepts = new Map<number, number>();
    const typed = query.normalize('NFKC').trim().toLowerCase();
    const preference = (doc: number) =>
      (this.labelLanguage[doc] === options.language ? 4 : 0) +
      (this.labels[doc]!.label.toLowerCase() === typed ? 2 : 0) +
      (this.labelWeight[doc] === 1 ? 1 : 0);
    for (const doc of exactDocs) {
      const concept = this.labelConcept[doc]!;
      const chosen = exactConcepts.get(concept);
      if (chosen === undefined || preference(doc) > preference(chosen)) {
        exactConcepts.set(concept, doc);
      }
    }
    const scored: { concept: number; score: number }[] = [];
    for (const [concept, value] of fused) {
      // An exact label outranks everything, one in the query's language most; among equals,
      // the occupation outranks its group.
      let score = value + this.exactBonus(exactConcepts.get(concept), options.language);
      if (this.concepts[concept]!.occupationId === null) score *= this.tuning.groupFactor;
      scored.push({ concept, score });
    }
    for (const concept of exactConcepts.keys()) {
      if (fused.has(concept)) continue;
      const group = this.concepts[concept]!.occupationId === null;
      const bonus = this.exactBonus(exactConcepts.get(concept), options.language);
      scored.push({ concept, score: group ? bonus * this.tuning.groupFactor : bonus });
    }
    scored.sort((a, b) => b.score - a.score || a.concept - b.concept);

    return scored.slice(0, limit).map(({ concept, score }) => {
      const doc =
        exactConcepts.get(concept) ??
        byWords.bestDoc.get(concept) ??
        byNgrams.bestDoc.get(concept)!;
      const label = this.labels[doc]!;
      const { occupationId, iscoCode } = this.concepts[concept]!;
      return {
        occupationId,
        iscoCode,
        score: Math.round(score * 10000) / 10000,
        matchedLabel: label.label,
        matchedLanguage: label.language,
        why: this.explain(queryWords, doc, exactConcepts.has(concept)),
      };
    });
  }

  private readWord(word: Word): QueryWord {
    const exact = this.index.term(`=${word.folded}`);
    const stems = new Map<number, string>();
    for (const language of LANGUAGES_BY_SCRIPT[word.script]) {
      const term = this.index.term(`${language}:${stem(word.lower, language)}`);
      if (term !== undefined) stems.set(term, language);
    }
    const neighbours = this.vocabulary.neighbours(word.folded).flatMap((n) => {
      const term = this.index.term(`=${n.word}`);
      return term === undefined ? [] : [{ ...n, term }];
    });
    return { word, exact, stems, neighbours };
  }

  /** Concepts by their best label, best first (at most tuning.depth). */
  private rankConcepts(
    groups: readonly TermGroup[],
    language: string | undefined,
  ): { order: number[]; bestDoc: Map<number, number> } {
    const best = new Map<number, { score: number; doc: number }>();
    this.index.search(groups, (doc, raw) => {
      let score = raw * this.labelWeight[doc]!;
      if (language && this.labelLanguage[doc] === language) score *= this.tuning.sameLanguage;
      const concept = this.labelConcept[doc]!;
      const current = best.get(concept);
      if (!current || score > current.score) best.set(concept, { score, doc });
    });
    const order = [...best.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, this.tuning.depth);
    return {
      order: order.map(([concept]) => concept),
      bestDoc: new Map(order.map(([concept, { doc }]) => [concept, doc])),
    };
  }

  private explain(queryWords: readonly QueryWord[], doc: number, exact: boolean): MatchReason {
    const label = this.labels[doc]!;
    const labelWords = contentWords(words(label.label));
    const folded = new Set(labelWords.map((w) => w.folded));
    const stems = new Set(labelWords.map((w) => stem(w.lower, label.language)));
    const matchedWords: string[] = [];
    const unmatchedWords: string[] = [];
    const corrected: { from: string; to: string }[] = [];
    let kind: MatchReason['kind'] = exact ? 'exact' : 'words';
    const weaker = (next: MatchReason['kind']) => {
      const order = ['exact', 'words', 'stems', 'partial', 'spelling'];
      if (order.indexOf(next) > order.indexOf(kind)) kind = next;
    };
    for (const q of queryWords) {
      if (folded.has(q.word.folded)) {
        matchedWords.push(q.word.typed);
      } else if (stems.has(stem(q.word.lower, label.language))) {
        matchedWords.push(q.word.typed);
        weaker('stems');
      } else {
        const neighbour = q.neighbours.find((n) => folded.has(n.word));
        if (neighbour) {
          matchedWords.push(q.word.typed);
          weaker(neighbour.kind === 'inflection' ? 'stems' : neighbour.kind);
          if (neighbour.kind === 'spelling') {
            corrected.push({ from: q.word.typed, to: neighbour.word });
          }
        } else {
          unmatchedWords.push(q.word.typed);
        }
      }
    }
    return corrected.length > 0
      ? { kind, matchedWords, unmatchedWords, corrected }
      : { kind, matchedWords, unmatchedWords };
  }
}
