// Property-based tests of the whole extraction pipeline: whatever the text,
// extraction ends, never throws, and every offset obeys the contract
// (text.slice(start, end) === span.text; all offsets inside the document).
// How fast it ends is measured by the benchmarks (`npm run bench`), not here.
// The 10 MB document has a file of its own (ten-megabytes.test.ts), so that it runs alongside these.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PATHOLOGICAL_UNITS, pathologicalRun, unpunctuatedLine } from '../../bench/long-documents.js';
import type { Pipeline } from '../../src/pipeline.js';
import { MAX_SENTENCE_LENGTH } from '../../src/text/segment.js';
import { demoTexts, domainWord, hostileCharacter, mixedText, rightToLeft } from './arbitrary-texts.js';
import { assertSpansValid, documentOf } from './helpers.js';
import { defaultPipeline } from '../shared-resources.js';

type Edit = { at: number; kind: 'insert'; piece: string } | { at: number; kind: 'delete'; length: number } | { at: number; kind: 'repeat'; length: number; times: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ at: fc.nat(), kind: fc.constant('insert' as const), piece: fc.oneof(hostileCharacter, rightToLeft, domainWord) }),
  fc.record({ at: fc.nat(), kind: fc.constant('delete' as const), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ at: fc.nat(), kind: fc.constant('repeat' as const), length: fc.integer({ min: 1, max: 30 }), times: fc.integer({ min: 2, max: 30 }) }),
);

function applyEdits(base: string, edits: readonly Edit[]): string {
  let text = base;
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    if (e.kind === 'insert') text = text.slice(0, at) + e.piece + text.slice(at);
    else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
    else text = text.slice(0, at) + text.slice(at, at + e.length).repeat(e.times) + text.slice(at + e.length);
  }
  return text;
}

describe('extraction on any input (fast-check)', () => {
  let pipeline: Pipeline;
  before(async () => { pipeline = await defaultPipeline(); });

  /** Extracts and checks the offsets. */
  function extractChecked(text: string): void {
    assertSpansValid(text, pipeline.extract(documentOf(text)));
  }

  it('holds for random Unicode: astral characters, controls, lone surrogates, right-to-left text', () => {
    fc.assert(fc.property(mixedText, (text) => { extractChecked(text); }), { numRuns: 100 });
  });

  it('holds for arbitrary code points and grapheme clusters', () => {
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: hostileCharacter, maxLength: 200 }));
    fc.assert(fc.property(anyText, (text) => { extractChecked(text); }), { numRuns: 100 });
  });

  it('holds for real reports damaged by insertions, deletions and repetitions', () => {
    const bases = demoTexts();
    assert.ok(bases.length >= 5, 'the demo corpus is there to damage');
    const damaged = fc.tuple(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 25 })).map(([base, edits]) => applyEdits(base, edits));
    fc.assert(fc.property(damaged, (text) => { extractChecked(text); }), { numRuns: 50 });
  });

  it('holds on the undamaged demo reports, which do produce every kind of item', () => {
    const kinds = new Set<string>();
    for (const text of demoTexts()) {
      const extraction = pipeline.extract(documentOf(text));
      assertSpansValid(text, extraction);
      for (const key of ['places', 'actors', 'times', 'events', 'statements', 'corridors'] as const) if (extraction[key].length) kinds.add(key);
    }
    // Otherwise the invariants above could pass vacuously on empty outputs.
    assert.deepEqual([...kinds].sort(), ['actors', 'corridors', 'events', 'places', 'statements', 'times']);
  });

  it('keeps sentences within the length cap, whatever the punctuation', () => {
    const unpunctuated = fc.tuple(fc.array(domainWord.filter((w) => !/[.!?\n]/.test(w)), { minLength: 1, maxLength: 30 }), fc.integer({ min: 50, max: 400 }))
      .map(([words, times]) => Array.from({ length: times }, () => words.join(' ')).join(' '));
    fc.assert(fc.property(unpunctuated, (text) => {
      const extraction = pipeline.extract(documentOf(text));
      assertSpansValid(text, extraction);
      for (const s of extraction.sentences) assert.ok(s.end - s.start <= MAX_SENTENCE_LENGTH, `sentence of ${s.end - s.start} characters`);
    }), { numRuns: 20 });
  });
});

describe('extraction of pathological texts', () => {
  let pipeline: Pipeline;
  before(async () => { pipeline = await defaultPipeline(); });

  // Long runs of one character or phrase: the inputs that make backtracking regular expressions
  // and pairwise loops blow up. bench/long-documents.ts times them (`npm run bench`).
  for (const unit of PATHOLOGICAL_UNITS) {
    it(`a run of ${JSON.stringify(unit)} (100 000 characters) is read with exact spans`, () => {
      const text = pathologicalRun(unit);
      assertSpansValid(text, pipeline.extract(documentOf(text)));
    });
  }

  it('a 200 000-character line without a full stop is read for events, with exact spans', () => {
    const text = unpunctuatedLine();
    const extraction = pipeline.extract(documentOf(text));
    assertSpansValid(text, extraction);
    assert.ok(extraction.events.length > 100, 'the line is still read for events');
  });
});
