import { allowedTypos, editDistance } from '../reference.typos.js';

/**
 * Character n-grams (3 and 4, with word-boundary marks) over the vocabulary of occupation words:
 * the second ranker's way to reach a label word that the query does not spell the same way,
 * either a typo ("electricain") or one part of a compound ("Fahrzeuglackierer" holds
 * "lackierer"; "pfleger" is the head of "krankenpfleger"). A word that is in the vocabulary is
 * never corrected: it only reaches the compounds it is part of.
 */

export interface Neighbour {
  word: string;
  /** 0..1, how much of the match to count. */
  similarity: number;
  kind: 'spelling' | 'partial' | 'inflection';
}

/** The smallest compound part that counts: shorter parts ("bau", "tech") say too little. */
const MIN_PART = 5;

export function grams(word: string): string[] {
  const padded = `^${word}$`;
  const out = new Set<string>();
  for (const n of [3, 4]) {
    for (let i = 0; i + n <= padded.length; i += 1) out.add(padded.slice(i, i + n));
  }
  return [...out];
}

function commonPrefix(a: string, b: string): number {
  const end = Math.min(a.length, b.length);
  let i = 0;
  while (i < end && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  return i;
}

export class NgramVocabulary {
  private readonly words: string[];
  private readonly known: Map<string, number>;
  private readonly gramIds = new Map<string, number>();
  private readonly starts: Int32Array;
  private readonly postings: Int32Array;
  private readonly gramCounts: Uint16Array;
  private readonly shared: Uint16Array;

  constructor(vocabulary: Iterable<string>) {
    this.words = [...new Set(vocabulary)];
    this.known = new Map(this.words.map((word, index) => [word, index]));
    const lists: number[][] = [];
    this.gramCounts = new Uint16Array(this.words.length);
    this.words.forEach((word, index) => {
      const own = grams(word);
      this.gramCounts[index] = own.length;
      for (const gram of own) {
        let id = this.gramIds.get(gram);
        if (id === undefined) {
          this.gramIds.set(gram, (id = lists.length));
          lists.push([]);
        }
        lists[id]!.push(index);
      }
    });
    this.starts = new Int32Array(lists.length + 1);
    lists.forEach((list, id) => (this.starts[id + 1] = this.starts[id]! + list.length));
    this.postings = new Int32Array(this.starts[lists.length]!);
    lists.forEach((list, id) => this.postings.set(list, this.starts[id]));
    this.shared = new Uint16Array(this.words.length);
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  get size(): number {
    return this.words.length;
  }

  /**
   * Vocabulary words close to `word`, best first, at most `limit`. For a known word: only the
   * compounds it ends or starts (never another spelling). For an unknown word: words within the
   * typo allowance (reference.typos.ts), and the compound parts it holds.
   */
  neighbours(word: string, limit = 12): Neighbour[] {
    const own = grams(word);
    const known = this.known.has(word);
    const touched: number[] = [];
    for (const gram of own) {
      const id = this.gramIds.get(gram);
      if (id === undefined) continue;
      for (let at = this.starts[id]!, end = this.starts[id + 1]!; at < end; at += 1) {
        const other = this.postings[at]!;
        if (this.shared[other] === 0) touched.push(other);
        this.shared[other]! += 1;
      }
    }
    const found: Neighbour[] = [];
    const allowed = allowedTypos(word.length);
    for (const other of touched) {
      const count = this.shared[other]!;
      this.shared[other] = 0;
      const candidate = this.words[other]!;
      if (candidate === word) continue;
      const dice = (2 * count) / (own.length + this.gramCounts[other]!);
      // A compound part: the shorter word inside the longer one, as its head or its start.
      const [short, long] = candidate.length < word.length ? [candidate, word] : [word, candidate];
      if (short.length >= MIN_PART && long.length > short.length + 2) {
        if (long.endsWith(short) || long.startsWith(short)) {
          // The head (the end, in German and Dutch) says more than the first part.
          const head = long.endsWith(short) ? 1 : 0.8;
          found.push({
            word: candidate,
            similarity: head * (0.55 + 0.35 * (short.length / long.length)),
            kind: 'partial',
          });
          continue;
        }
      }
      // An unknown word within the typo allowance: a spelling (electricain → electrician).
      if (!known && allowed > 0 && dice >= 0.2) {
        const distance = editDistance(word, candidate, allowed);
        if (distance <= allowed) {
          found.push({
            word: candidate,
            similarity: distance === 1 ? 0.8 : 0.6,
            kind: 'spelling',
          });
          continue;
        }
      }
      // Another ending of the same word (plural, gender, case): a long common beginning.
      const common = commonPrefix(word, candidate);
      if (common >= 4 && common >= Math.max(word.length, candidate.length) - 4) {
        found.push({
          word: candidate,
          similarity: 0.85 * (common / Math.max(word.length, candidate.length)),
          kind: 'inflection',
        });
      }
    }
    found.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
    return found.slice(0, limit);
  }

  /** The closest spelling of an unknown word (null for a known word or none close enough). */
  suggest(word: string): string | null {
    if (this.known.has(word)) return null;
    return this.neighbours(word).find((n) => n.kind === 'spelling')?.word ?? null;
  }
}
