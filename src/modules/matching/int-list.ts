/** A growable list of int32 (a posting list): a typed array, doubled when full. */
export class IntList {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  /** The values (a view: valid until the next push). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}

/** Lists by key, made on first use. */
export class Postings {
  private readonly lists = new Map<number, IntList>();

  add(key: number, value: number): void {
    let list = this.lists.get(key);
    if (!list) {
      list = new IntList();
      this.lists.set(key, list);
    }
    list.push(value);
  }

  get(key: number): Int32Array | null {
    return this.lists.get(key)?.view() ?? null;
  }

  clear(): void {
    this.lists.clear();
  }

  get entries(): number {
    let total = 0;
    for (const list of this.lists.values()) total += list.length;
    return total;
  }

  get bytes(): number {
    let total = 0;
    for (const list of this.lists.values()) total += list.bytes + 64;
    return total;
  }
}

/** Strings to small ints and back (ids of skills, occupations, countries, languages). */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The int of a value seen before, or -1. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}

/**
 * Records packed one after another in one Int32Array. A changed record is appended again and
 * the old space counted as waste; `compact` copies the live records when waste passes half.
 */
export class Arena {
  data = new Int32Array(1 << 16);
  used = 0;
  waste = 0;

  append(record: ArrayLike<number>, length: number): number {
    if (this.used + length > this.data.length) {
      let size = this.data.length * 2;
      while (size < this.used + length) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    const at = this.used;
    for (let i = 0; i < length; i++) this.data[at + i] = record[i]!;
    this.used += length;
    return at;
  }

  /** Moves the live records (offsets < 0 are absent) to the front; returns the new offsets. */
  compact(offsets: Int32Array, count: number, lengthAt: (data: Int32Array, at: number) => number) {
    const fresh = new Int32Array(Math.max(1 << 16, Math.ceil((this.used - this.waste) * 1.25)));
    let used = 0;
    for (let i = 0; i < count; i++) {
      const at = offsets[i]!;
      if (at < 0) continue;
      const length = lengthAt(this.data, at);
      fresh.set(this.data.subarray(at, at + length), used);
      offsets[i] = used;
      used += length;
    }
    this.data = fresh;
    this.used = used;
    this.waste = 0;
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}
