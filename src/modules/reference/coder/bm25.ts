/**
 * BM25 over short documents (one occupation label each), built once, searched by groups of
 * alternative terms: a query word is matched by its exact form, its stem in each language, or
 * (for the n-gram ranker) a close vocabulary word, and only its best term counts per document.
 * Postings are typed arrays; the weight of each posting (the term-frequency and length part of
 * BM25) is computed at build time, the IDF once per term.
 */

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/** One query word: its alternative terms, each with a factor (1 for the word itself). */
export type TermGroup = ReadonlyArray<{ term: number; factor: number }>;

export class Bm25Builder {
  private readonly termIds = new Map<string, number>();
  private readonly docs: number[][] = [];
  private readonly lengths: number[] = [];

  /** The id of a term, created on first use. */
  termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) this.termIds.set(term, (id = this.termIds.size));
    return id;
  }

  /**
   * Adds a document as its terms (ids, repeated for frequency) and its length for the length
   * normalisation (the number of terms unless given); returns its number.
   */
  add(terms: number[], length = terms.length): number {
    this.docs.push(terms);
    this.lengths.push(length);
    return this.docs.length - 1;
  }

  build(options: Bm25Options = {}): Bm25Index {
    return new Bm25Index(this.termIds, this.docs, options, this.lengths);
  }
}

export class Bm25Index {
  readonly documents: number;
  /** Start of each term's postings in `postingDocs` (length terms + 1). */
  private readonly starts: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float32Array;
  readonly idf: Float32Array;
  /** Scratch space for one search at a time (JS runs one at a time). */
  private readonly scores: Float64Array;
  private readonly wordBest: Float64Array;
  private readonly wordSeen: Int32Array;
  private readonly docTouched: Uint8Array;
  private searchNumber = 0;

  constructor(
    readonly terms: ReadonlyMap<string, number>,
    docs: readonly number[][],
    { k1 = 1.2, b = 0.5 }: Bm25Options,
    lengths: readonly number[] = docs.map((doc) => doc.length),
  ) {
    this.documents = docs.length;
    const termCount = terms.size;
    const df = new Int32Array(termCount);
    let total = 0;
    let postings = 0;
    const uniques: Array<Map<number, number>> = [];
    for (const [index, doc] of docs.entries()) {
      total += lengths[index]!;
      const counts = new Map<number, number>();
      for (const term of doc) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) df[term]! += 1;
      postings += counts.size;
      uniques.push(counts);
    }
    const average = total / Math.max(docs.length, 1);
    this.starts = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t += 1) this.starts[t + 1] = this.starts[t]! + df[t]!;
    this.postingDocs = new Int32Array(postings);
    this.postingWeights = new Float32Array(postings);
    const fill = this.starts.slice(0, termCount);
    uniques.forEach((counts, doc) => {
      const length = lengths[doc]!;
      const norm = k1 * (1 - b + (b * length) / average);
      for (const [term, tf] of counts) {
        const at = fill[term]!;
        fill[term] = at + 1;
        this.postingDocs[at] = doc;
        this.postingWeights[at] = (tf * (k1 + 1)) / (tf + norm);
      }
    });
    this.idf = new Float32Array(termCount);
    for (let t = 0; t < termCount; t += 1) {
      this.idf[t] = Math.log(1 + (docs.length - df[t]! + 0.5) / (df[t]! + 0.5));
    }
    this.scores = new Float64Array(docs.length);
    this.wordBest = new Float64Array(docs.length);
    this.wordSeen = new Int32Array(docs.length).fill(-1);
    this.docTouched = new Uint8Array(docs.length);
  }

  term(text: string): number | undefined {
    return this.terms.get(text);
  }

  documentFrequency(term: number): number {
    return this.starts[term + 1]! - this.starts[term]!;
  }

  /**
   * Scores every document that holds a term of any group: the sum over groups of the group's
   * best term in that document (IDF × BM25 weight × factor). Calls `visit(doc, score)` for each.
   */
  search(groups: readonly TermGroup[], visit: (doc: number, score: number) => void): void {
    const touched: number[] = [];
    const { scores, wordBest, wordSeen, docTouched } = this;
    groups.forEach((group, index) => {
      const mark = this.searchNumber * 64 + index;
      for (const { term, factor } of group) {
        const weight = this.idf[term]! * factor;
        for (let at = this.starts[term]!, end = this.starts[term + 1]!; at < end; at += 1) {
          const doc = this.postingDocs[at]!;
          const value = weight * this.postingWeights[at]!;
          if (docTouched[doc] === 0) {
            docTouched[doc] = 1;
            touched.push(doc);
            scores[doc] = 0;
          }
          if (wordSeen[doc] !== mark) {
            wordSeen[doc] = mark;
            wordBest[doc] = value;
            scores[doc]! += value;
          } else if (value > wordBest[doc]!) {
            scores[doc]! += value - wordBest[doc]!;
            wordBest[doc] = value;
          }
        }
      }
    });
    this.searchNumber = (this.searchNumber + 1) % 30_000_000;
    for (const doc of touched) {
      visit(doc, scores[doc]!);
      docTouched[doc] = 0;
    }
  }
}
