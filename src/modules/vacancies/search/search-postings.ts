/**
 * Posting lists (term → the sorted ordinals of the vacancies that hold it), built for a million
 * vacancies without a million small arrays, and without 4 bytes a posting for common words.
 *
 * - Rare terms: while the index is first loaded, every (term, ordinal) pair goes into large
 *   chunked typed arrays; `freeze()` then lays them out with a counting sort as one
 *   compressed-sparse-row block (an offsets array and one data array). Ordinals arrive in
 *   increasing order, so each list comes out sorted. Vacancies added later go to small per-term
 *   arrays after the block: their ordinals are higher, so block + appended stays sorted.
 * - Common terms (in more than 1 vacancy in 32, once 64k vacancies are in): a bitmap, one bit
 *   per ordinal, smaller than a list from that density on. Most postings of real vacancy texts
 *   are common words ("contract", "employer", "month"), so this cuts the index by more than half.
 *   A term that looked common early but ends rare (under 1 in 64) goes back to the block.
 */

const CHUNK = 1 << 20;
/** Below this many ordinals, a term's frequency says too little to choose a bitmap. */
const BITMAP_AFTER = 1 << 16;

/** A growable Uint32Array. */
export class U32List {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 4) {
    this.data = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** A term's postings: sorted lists and at most one bitmap (bit o of word o >> 5 = ordinal o). */
export interface TermPostings {
  lists: Uint32Array[];
  bitmap: Uint32Array | null;
}

export class Postings {
  // Build phase: pairs in chunks.
  private termChunks: Uint32Array[] = [];
  private ordinalChunks: Uint32Array[] = [];
  private pairCount = 0;
  // Frozen block.
  private offsets = new Uint32Array(1);
  private data = new Uint32Array(0);
  private frozen = false;
  // Added after the block.
  private readonly appended = new Map<number, U32List>();
  private appendedCount = 0;
  // Every term's count, and the bitmaps of common terms.
  private counts = new Uint32Array(1024);
  private readonly bitmaps = new Map<number, Uint32Array>();
  private isBitmap = new Uint8Array(1024);

  add(term: number, ordinal: number): void {
    if (term >= this.counts.length) this.growTerms(term + 1);
    const count = ++this.counts[term]!;
    if (this.isBitmap[term] === 1) {
      this.setBit(term, ordinal);
      return;
    }
    if (this.frozen) {
      let list = this.appended.get(term);
      if (!list) this.appended.set(term, (list = new U32List(2)));
      list.push(ordinal);
      this.appendedCount += 1;
      return;
    }
    const chunk = this.pairCount >>> 20;
    const offset = this.pairCount & (CHUNK - 1);
    if (offset === 0 && chunk === this.termChunks.length) {
      this.termChunks.push(new Uint32Array(CHUNK));
      this.ordinalChunks.push(new Uint32Array(CHUNK));
    }
    this.termChunks[chunk]![offset] = term;
    this.ordinalChunks[chunk]![offset] = ordinal;
    this.pairCount += 1;
    // From here on this term's postings go to a bitmap; its pairs so far join it at freeze.
    if (ordinal >= BITMAP_AFTER && count * 32 > ordinal) {
      this.isBitmap[term] = 1;
      this.bitmaps.set(term, new Uint32Array((ordinal >>> 5) + 1));
    }
  }

  /** Lays the pairs out as sorted lists or bitmaps; later additions are appended per term. */
  freeze(termCount: number, ordinals: number): void {
    if (this.frozen) return;
    if (termCount > this.counts.length) this.growTerms(termCount);
    // Bitmaps of terms that ended rare go back to lists.
    const demoted = [...this.bitmaps.keys()].filter((term) => this.counts[term]! * 64 < ordinals);
    for (const term of demoted) this.isBitmap[term] = 0;

    const offsets = new Uint32Array(termCount + 1);
    this.forEachPair((term) => {
      if (this.isBitmap[term] === 0) offsets[term + 1]! += 1;
    });
    for (const term of demoted) offsets[term + 1]! += popcount(this.bitmaps.get(term)!);
    for (let term = 0; term < termCount; term += 1) offsets[term + 1]! += offsets[term]!;
    const cursor = offsets.slice(0, termCount);
    const data = new Uint32Array(offsets[termCount]!);
    // Pairs first: a demoted term's pairs are older (smaller ordinals) than its bitmap's bits.
    this.forEachPair((term, ordinal) => {
      if (this.isBitmap[term] === 1) this.setBit(term, ordinal);
      else data[cursor[term]!++] = ordinal;
    });
    for (const term of demoted) {
      forEachBit(this.bitmaps.get(term)!, (ordinal) => (data[cursor[term]!++] = ordinal));
      this.bitmaps.delete(term);
    }
    // Bitmaps grew by doubling: keep what the ordinals need (they grow again with additions).
    const words = (ordinals >>> 5) + 1;
    for (const [term, bits] of this.bitmaps) {
      if (bits.length > words) this.bitmaps.set(term, bits.slice(0, words));
    }
    this.offsets = offsets;
    this.data = data;
    this.termChunks = [];
    this.ordinalChunks = [];
    this.pairCount = 0;
    this.frozen = true;
  }

  private forEachPair(visit: (term: number, ordinal: number) => void): void {
    for (let chunk = 0; chunk < this.termChunks.length; chunk += 1) {
      const terms = this.termChunks[chunk]!;
      const ordinals = this.ordinalChunks[chunk]!;
      const end = Math.min(CHUNK, this.pairCount - chunk * CHUNK);
      for (let i = 0; i < end; i += 1) visit(terms[i]!, ordinals[i]!);
    }
  }

  private setBit(term: number, ordinal: number): void {
    let bits = this.bitmaps.get(term)!;
    const word = ordinal >>> 5;
    if (word >= bits.length) {
      const next = new Uint32Array(Math.max(word + 1, bits.length * 2));
      next.set(bits);
      this.bitmaps.set(term, (bits = next));
    }
    bits[word]! |= 1 << (ordinal & 31);
  }

  private growTerms(needed: number): void {
    const size = Math.max(needed, this.counts.length * 2);
    const counts = new Uint32Array(size);
    counts.set(this.counts);
    this.counts = counts;
    const flags = new Uint8Array(size);
    flags.set(this.isBitmap);
    this.isBitmap = flags;
  }

  /** A term's postings (a frozen term with a bitmap has no list, except pairs not yet frozen). */
  of(term: number): TermPostings {
    const lists: Uint32Array[] = [];
    if (term + 1 < this.offsets.length) {
      const start = this.offsets[term]!;
      const end = this.offsets[term + 1]!;
      if (end > start) lists.push(this.data.subarray(start, end));
    }
    const more = this.appended.get(term);
    if (more && more.length > 0) lists.push(more.view());
    return { lists, bitmap: this.isBitmap[term] === 1 ? this.bitmaps.get(term)! : null };
  }

  size(term: number): number {
    return term < this.counts.length ? this.counts[term]! : 0;
  }

  get postingCount(): number {
    let total = 0;
    for (const count of this.counts) total += count;
    return total;
  }

  get bitmapCount(): number {
    return this.bitmaps.size;
  }

  get bytes(): number {
    let bitmaps = 0;
    for (const bits of this.bitmaps.values()) bitmaps += bits.byteLength;
    return (
      this.offsets.byteLength +
      this.data.byteLength +
      this.termChunks.length * CHUNK * 8 +
      this.appended.size * 64 +
      this.appendedCount * 8 +
      this.counts.byteLength +
      bitmaps
    );
  }
}

export function popcount(bits: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < bits.length; w += 1) {
    let v = bits[w]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}

export function forEachBit(bits: Uint32Array, visit: (ordinal: number) => void): void {
  for (let w = 0; w < bits.length; w += 1) {
    let m = bits[w]!;
    while (m !== 0) {
      visit(w * 32 + (31 - Math.clz32(m & -m)));
      m &= m - 1;
    }
  }
}
