/**
 * The best k rows of a pass without sorting them all: a bounded min-heap on (key, tie), where the
 * root is the worst row kept. Offering a row that does not beat the root costs one comparison,
 * which is what almost every row of a large pass does.
 */
export class TopK {
  private readonly keys: Float64Array;
  private readonly ties: Float64Array;
  private readonly rows: Uint32Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.keys = new Float64Array(capacity);
    this.ties = new Float64Array(capacity);
    this.rows = new Uint32Array(capacity);
  }

  /** Once full, the worst kept (key, tie): a row must beat it to get in. */
  get full(): boolean {
    return this.size === this.capacity;
  }
  get worstKey(): number {
    return this.keys[0] ?? Number.NEGATIVE_INFINITY;
  }
  get worstTie(): number {
    return this.ties[0] ?? Number.NEGATIVE_INFINITY;
  }

  /** True when (key, tie) would be kept; the caller may skip work for rows that would not. */
  accepts(key: number, tie: number): boolean {
    if (this.size < this.capacity) return true;
    const rootKey = this.keys[0]!;
    return key > rootKey || (key === rootKey && tie > this.ties[0]!);
  }

  offer(key: number, tie: number, row: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      // Sift up.
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.less(key, tie, this.keys[parent]!, this.ties[parent]!)) break;
        this.move(parent, i);
        i = parent;
      }
      this.put(i, key, tie, row);
      return;
    }
    if (!this.accepts(key, tie)) return;
    // Replace the root and sift down.
    let i = 0;
    const n = this.size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (
        right < n &&
        this.less(this.keys[right]!, this.ties[right]!, this.keys[left]!, this.ties[left]!)
      ) {
        child = right;
      }
      if (!this.less(this.keys[child]!, this.ties[child]!, key, tie)) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, key, tie, row);
  }

  /** The kept rows, best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) =>
      this.keys[a] === this.keys[b] ? this.ties[b]! - this.ties[a]! : this.keys[b]! - this.keys[a]!,
    );
    return order.map((i) => this.rows[i]!);
  }

  private less(keyA: number, tieA: number, keyB: number, tieB: number): boolean {
    return keyA < keyB || (keyA === keyB && tieA < tieB);
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from]!;
    this.ties[to] = this.ties[from]!;
    this.rows[to] = this.rows[from]!;
  }

  private put(i: number, key: number, tie: number, row: number): void {
    this.keys[i] = key;
    this.ties[i] = tie;
    this.rows[i] = row;
  }
}
