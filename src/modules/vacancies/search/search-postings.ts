/**
 * Posting lists (term → the sorted ordinals of the vacancies that hold it), built for a million
 * vacancies without a million small arrays.
 *
 * While the index is first loaded, every (term, ordinal) pair goes into large chunked typed
 * arrays; `freeze()` then lays them out with a counting sort as one compressed-sparse-row block
 * (an offsets array and one data array). Ordinals arrive in increasing order, so each list comes
 * out sorted. Vacancies added later (changes since the load) go to small per-term arrays
 * appended after the block: their ordinals are higher than any in the block, so block + appended
 * is still sorted.
 */

const CHUNK = 1 << 20;

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

  get isFrozen(): boolean {
    return this.frozen;
  }

  add(term: number, ordinal: number): void {
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
  }

  /** Lays the pairs out as sorted lists; later additions are appended per term. */
  freeze(termCount: number): void {
    if (this.frozen) return;
    const offsets = new Uint32Array(termCount + 1);
    this.forEachPair((term) => (offsets[term + 1]! += 1));
    for (let term = 0; term < termCount; term += 1) offsets[term + 1]! += offsets[term]!;
    const cursor = offsets.slice(0, termCount);
    const data = new Uint32Array(this.pairCount);
    this.forEachPair((term, ordinal) => (data[cursor[term]!++] = ordinal));
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

  /** The sorted ordinals of a term: the block's part, then the appended part. */
  lists(term: number): Uint32Array[] {
    const lists: Uint32Array[] = [];
    if (term + 1 < this.offsets.length) {
      const start = this.offsets[term]!;
      const end = this.offsets[term + 1]!;
      if (end > start) lists.push(this.data.subarray(start, end));
    }
    const more = this.appended.get(term);
    if (more && more.length > 0) lists.push(more.view());
    return lists;
  }

  size(term: number): number {
    let size = this.appended.get(term)?.length ?? 0;
    if (term + 1 < this.offsets.length) size += this.offsets[term + 1]! - this.offsets[term]!;
    return size;
  }

  get postingCount(): number {
    return this.data.length + this.pairCount + this.appendedCount;
  }

  get bytes(): number {
    return (
      this.offsets.byteLength +
      this.data.byteLength +
      this.termChunks.length * CHUNK * 8 +
      this.appended.size * 64 +
      this.appendedCount * 8
    );
  }
}
