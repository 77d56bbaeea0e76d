import { normaliseSearchText } from '../../reference/reference.normalise.js';
import { tokensOfNormalised } from './search-text.js';

/**
 * Reads the term ids of vacancy texts fast enough to index a million of them: the costly part of
 * a build is turning text into tokens, and texts repeat the same words.
 *
 * A word is a run of characters between ASCII separators (anything ASCII but a letter or a
 * digit; the normaliser turns those into spaces, so no token ever spans one). A run of ASCII
 * letters and digits is looked up letter by letter in a trie, without making a string, and its
 * term is decided once, the first time the word is seen, by the one tokeniser (search-text.ts):
 * so the result is exactly that of tokenising the whole text. A run with other characters
 * (accents, Arabic, Chinese…) is normalised as a string, remembered in a map.
 */

const NO_TERM = -1;
const UNKNOWN = -2;
const LETTERS = 36;
/** Trie nodes at most (36 × 4 bytes each): past that, new words take the string path. */
const MAX_NODES = 400_000;
const MAX_CACHED_RUNS = 100_000;

/** 0–25 for a letter (either case), 26–35 for a digit, -1 for an ASCII separator. */
const CLASS = new Int8Array(128).fill(-1);
for (let c = 0; c < 26; c += 1) {
  CLASS[97 + c] = c;
  CLASS[65 + c] = c;
}
for (let d = 0; d < 10; d += 1) CLASS[48 + d] = 26 + d;

export class TermReader {
  private next = new Int32Array(LETTERS * 1024);
  private term = new Int32Array(1024).fill(UNKNOWN);
  private nodes = 1;
  private readonly runs = new Map<string, number[]>();

  /** `termOf` gives the id of a token, creating it when new. */
  constructor(private readonly termOf: (token: string) => number) {}

  /** Calls `visit` with the term id of each token of the text, in order, repeats included. */
  read(text: string, visit: (term: number) => void): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c < 128 && CLASS[c]! < 0) {
        i += 1;
        continue;
      }
      const start = i;
      let node = 0;
      for (; i < n; i += 1) {
        c = text.charCodeAt(i);
        if (c >= 128) node = -1;
        else {
          const letter = CLASS[c]!;
          if (letter < 0) break;
          if (node >= 0) node = this.child(node, letter);
        }
      }
      if (node > 0) {
        let term = this.term[node]!;
        if (term === UNKNOWN) {
          const tokens = tokensOfNormalised(text.slice(start, i).toLowerCase());
          term = tokens[0] === undefined ? NO_TERM : this.termOf(tokens[0]);
          this.term[node] = term;
        }
        if (term >= 0) visit(term);
      } else {
        for (const term of this.runTerms(text.slice(start, i))) visit(term);
      }
    }
  }

  /** Frees the memory once a build is over. */
  clear(): void {
    this.next = new Int32Array(LETTERS * 1024);
    this.term = new Int32Array(1024).fill(UNKNOWN);
    this.nodes = 1;
    this.runs.clear();
  }

  private runTerms(run: string): number[] {
    let terms = this.runs.get(run);
    if (terms === undefined) {
      terms = tokensOfNormalised(normaliseSearchText(run)).map((token) => this.termOf(token));
      if (this.runs.size >= MAX_CACHED_RUNS) this.runs.clear();
      this.runs.set(run, terms);
    }
    return terms;
  }

  /** The child node for a letter, made if missing; -1 when the trie is full. */
  private child(node: number, letter: number): number {
    const slot = node * LETTERS + letter;
    let child = this.next[slot]!;
    if (child === 0) {
      if (this.nodes >= MAX_NODES) return -1;
      child = this.nodes++;
      if (child >= this.term.length) {
        const term = new Int32Array(this.term.length * 2).fill(UNKNOWN);
        term.set(this.term);
        this.term = term;
        const next = new Int32Array(this.next.length * 2);
        next.set(this.next);
        this.next = next;
      }
      this.next[slot] = child;
    }
    return child;
  }
}
