import type { Span } from '../types.js';

/**
 * Spans sorted by start, with the running maximum of their ends, for the
 * questions a stage asks once per item ("which statements hold this
 * event?"). Scanning every span for every item grows with the square of the
 * document; here a query reads only the spans that can still reach it.
 * Results keep the order of the input.
 *
 * @example
 * const index = new SpanIndex([{start: 0, end: 50}, {start: 10, end: 20}]);
 * index.containing(12, 18) // => both spans
 * index.overlapping(30, 60) // => [{start: 0, end: 50}]
 */
export class SpanIndex<T extends Span> {
  private readonly order: number[];
  private readonly maxEnd: number[];

  constructor(private readonly spans: readonly T[]) {
    this.order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || a - b);
    let max = -Infinity;
    this.maxEnd = this.order.map((i) => (max = Math.max(max, spans[i]!.end)));
  }

  /** Spans sharing at least one character with [start, end). */
  overlapping(start: number, end: number): T[] {
    return this.collect(this.lastStartingBefore(end), start + 1, (s) => s.end > start);
  }

  /** Spans that hold all of [start, end). */
  containing(start: number, end: number): T[] {
    return this.collect(this.lastStartingBefore(start + 1), end, (s) => s.end >= end);
  }

  /** Index in `order` of the last span whose start is below `limit`, -1 if none. */
  private lastStartingBefore(limit: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[this.order[mid]!]!.start < limit) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Walks back from `from` while some earlier span still ends at or past `reach`. */
  private collect(from: number, reach: number, keep: (s: T) => boolean): T[] {
    const found: number[] = [];
    for (let k = from; k >= 0 && this.maxEnd[k]! >= reach; k--) {
      if (keep(this.spans[this.order[k]!]!)) found.push(this.order[k]!);
    }
    return found.sort((a, b) => a - b).map((i) => this.spans[i]!);
  }
}
