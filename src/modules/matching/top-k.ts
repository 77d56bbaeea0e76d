/**
 * The k best of a stream of (score, tie, ordinal): a binary min-heap of size k, so a query
 * keeps k entries whatever the number of candidates. Higher score first, then higher tie.
 */
export class TopK {
  private readonly score: Float64Array;
  private readonly tie: Float64Array;
  private readonly ordinal: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.score = new Float64Array(k);
    this.tie = new Float64Array(k);
    this.ordinal = new Int32Array(k);
  }

  /** a is worse than b. */
  private worse(a: number, b: number): boolean {
    return (
      this.score[a]! < this.score[b]! ||
      (this.score[a] === this.score[b] && this.tie[a]! < this.tie[b]!)
    );
  }

  /** Whether (score, tie) would enter now. */
  admits(score: number, tie: number): boolean {
    if (this.size < this.k) return true;
    return score > this.score[0]! || (score === this.score[0] && tie > this.tie[0]!);
  }

  push(score: number, tie: number, ordinal: number): void {
    if (this.k === 0 || !this.admits(score, tie)) return;
    let at: number;
    if (this.size < this.k) {
      at = this.size++;
      this.set(at, score, tie, ordinal);
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.worse(at, parent)) break;
        this.swap(at, parent);
        at = parent;
      }
      return;
    }
    this.set(0, score, tie, ordinal);
    at = 0;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let least = at;
      if (left < this.size && this.worse(left, least)) least = left;
      if (right < this.size && this.worse(right, least)) least = right;
      if (least === at) return;
      this.swap(at, least);
      at = least;
    }
  }

  /** The entries, best first. */
  sorted(): { score: number; ordinal: number }[] {
    const entries = [];
    for (let i = 0; i < this.size; i++) {
      entries.push({ score: this.score[i]!, tie: this.tie[i]!, ordinal: this.ordinal[i]! });
    }
    entries.sort((a, b) => b.score - a.score || b.tie - a.tie);
    return entries.map(({ score, ordinal }) => ({ score, ordinal }));
  }

  private set(at: number, score: number, tie: number, ordinal: number): void {
    this.score[at] = score;
    this.tie[at] = tie;
    this.ordinal[at] = ordinal;
  }

  private swap(a: number, b: number): void {
    const score = this.score[a]!;
    const tie = this.tie[a]!;
    const ordinal = this.ordinal[a]!;
    this.set(a, this.score[b]!, this.tie[b]!, this.ordinal[b]!);
    this.set(b, score, tie, ordinal);
  }
}
