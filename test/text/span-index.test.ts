import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstEndingAfter, firstStartingAtOrAfter, lastStartingAtOrBefore, SpanIndex } from '../../src/text/span-index.js';
import type { Span } from '../../src/types.js';

// Three words as a tokeniser gives them: "Raqqa is far" (gaps at 5 and 8).
const words: Span[] = [{ start: 0, end: 5 }, { start: 6, end: 8 }, { start: 9, end: 12 }];

test('firstEndingAfter: the word holding an offset, else the next one, else the length', () => {
  assert.deepEqual([0, 4, 5, 6, 8, 11, 12, 40].map((o) => firstEndingAfter(words, o)), [0, 0, 1, 1, 2, 2, 3, 3]);
  assert.equal(firstEndingAfter([], 3), 0);
});

test('lastStartingAtOrBefore: -1 before the first word, the last word past the end', () => {
  assert.deepEqual([-1, 0, 5, 6, 8, 9, 40].map((o) => lastStartingAtOrBefore(words, o)), [-1, 0, 0, 1, 1, 2, 2]);
  assert.equal(lastStartingAtOrBefore([], 3), -1);
});

test('firstStartingAtOrAfter: a word starting at the offset, else the next one, else the length', () => {
  assert.deepEqual([0, 1, 6, 7, 9, 10].map((o) => firstStartingAtOrAfter(words, o)), [0, 1, 1, 2, 2, 3]);
});

// Sorted, non-overlapping spans with gaps, as tokens and sentences are.
const textOrder = fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 4 })), { maxLength: 12 }).map((steps) => {
  let at = 0;
  return steps.map(([gap, length]) => ({ start: (at += gap), end: (at += length) }));
});

test('the three searches agree with a scan, on any spans in text order', () => {
  fc.assert(fc.property(textOrder, fc.integer({ min: -2, max: 70 }), (spans, offset) => {
    const orLength = (i: number) => (i < 0 ? spans.length : i);
    assert.equal(firstEndingAfter(spans, offset), orLength(spans.findIndex((s) => s.end > offset)));
    assert.equal(firstStartingAtOrAfter(spans, offset), orLength(spans.findIndex((s) => s.start >= offset)));
    assert.equal(lastStartingAtOrBefore(spans, offset), spans.findLastIndex((s) => s.start <= offset));
  }));
});

test('SpanIndex: containing and overlapping agree with a scan, in input order, on nested spans', () => {
  const nested = fc.array(fc.tuple(fc.nat(30), fc.nat(15)).map(([start, length]) => ({ start, end: start + length })), { maxLength: 10 });
  fc.assert(fc.property(nested, fc.nat(30), fc.nat(10), (spans, start, length) => {
    const end = start + length;
    const index = new SpanIndex(spans);
    assert.deepEqual(index.containing(start, end), spans.filter((s) => s.start <= start && s.end >= end));
    assert.deepEqual(index.overlapping(start, end), spans.filter((s) => s.start < end && s.end > start));
  }));
});
