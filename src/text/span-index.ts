import type { Span } from '../types.js';

/**
 * Binary searches over spans in text order (sorted by start and by end, as
 * tokens, words and sentences are). All of them count, in one loop, the
 * leading spans whose `key` is at or before `offset`.
 */
function countAtOrBefore(spans: readonly Span[], key: 'start' | 'end', offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.[key] ?? Infinity) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the first span ending after `offset`: the span that holds the
 * character at `offset`, else the next one; `spans.length` when none.
 *
 * @example
 * firstEndingAfter([{start: 0, end: 4}, {start: 5, end: 9}], 4) // => 1
 */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  return countAtOrBefore(spans, 'end', offset);
}

/**
 * Index of the last span starting at or before `offset`, -1 when none.
 *
 * @example
 * lastStartingAtOrBefore([{start: 0, end: 4}, {start: 5, end: 9}], 4) // => 0
 */
export function lastStartingAtOrBefore(spans: readonly Span[], offset: number): number {
  return countAtOrBefore(spans, 'start', offset) - 1;
}

/**
 * Index of the first span starting at or after `offset`; `spans.length` when
 * none. Offsets are whole numbers, so that is the span after the last one
 * starting at or before `offset - 1`.
 *
 * @example
 * firstStartingAtOrAfter([{start: 0, end: 4}, {start: 5, end: 9}], 1) // => 1
 */
export function firstStartingAtOrAfter(spans: readonly Span[], offset: number): number {
  return countAtOrBefore(spans, 'start', offset - 1);
}

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
  /** The spans in start order, each with its input position and the largest end up to it. */
  private readonly byStart: (Span & { span: T; position: number; maxEnd: number })[];

  constructor(spans: readonly T[]) {
    let max = -Infinity;
    this.byStart = spans.map((span, position) => ({ span, position }))
      .sort((a, b) => a.span.start - b.span.start || a.position - b.position)
      .map(({ span, position }) => ({ start: span.start, end: span.end, span, position, maxEnd: (max = Math.max(max, span.end)) }));
  }

  /** Spans sharing at least one character with [start, end). */
  overlapping(start: number, end: number): T[] {
    return this.collect(lastStartingAtOrBefore(this.byStart, end - 1), start + 1, (s) => s.end > start);
  }

  /** Spans that hold all of [start, end). */
  containing(start: number, end: number): T[] {
    return this.collect(lastStartingAtOrBefore(this.byStart, start), end, (s) => s.end >= end);
  }

  /** Walks back from `from` (a position in start order) while some earlier span still ends at or past `reach`. */
  private collect(from: number, reach: number, keep: (s: T) => boolean): T[] {
    const found: { span: T; position: number }[] = [];
    for (let k = from; k >= 0; k--) {
      const entry = this.byStart[k];
      if (!entry || entry.maxEnd < reach) break;
      if (keep(entry.span)) found.push(entry);
    }
    return found.sort((a, b) => a.position - b.position).map((e) => e.span);
  }
}
