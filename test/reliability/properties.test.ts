// Property-based tests of the whole extraction pipeline: whatever the text,
// extraction ends, never throws, and every offset obeys the contract
// (text.slice(start, end) === span.text; all offsets inside the document).
// How fast it ends is measured by the benchmarks (`npm run bench`), not here.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { PATHOLOGICAL_UNITS, pathologicalRun, unpunctuatedLine } from '../../bench/long-documents.js';
import type { Pipeline } from '../../src/pipeline.js';
import { MAX_SENTENCE_LENGTH } from '../../src/text/segment.js';
import { assertSpansValid, documentOf, ROOT } from './helpers.js';
import { defaultPipeline } from '../shared-resources.js';

const hostileCharacter = fc.oneof(
  // C0 and C1 controls, DEL, NUL.
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u007f', '\u0085', '\u0080', '\u009f'),
  // Lone surrogates, high and low.
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  // Bidirectional controls, zero-width characters, separators, the byte-order mark.
  fc.constantFrom('\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
    '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u2028', '\u2029', '\u00a0', '\u3000', '\ufffd'),
  // Astral characters: emoji with modifiers and ZWJ sequences, mathematical letters, CJK extension B.
  fc.constantFrom('😀', '👍🏽', '👩‍👩‍👧', '🇮🇶', '𝐌𝐨𝐬𝐮𝐥', '𠀀', '𝔄', '\u{10ffff}'),
  // Combining marks stacked on a letter.
  fc.constantFrom('e\u0301', 'a\u0300\u0301\u0302\u0303', 'ا\u064b\u064c'),
);

const rightToLeft = fc.constantFrom('الموصل', 'تلعفر', 'الرقة', 'داعش', 'قال مسؤول', 'ירושלים', 'צה"ל', '\u202bالموصل\u202c');

const domainWord = fc.constantFrom(
  'Mosul', 'Tal Afar', 'Tall Afar', 'Raqqa', 'Palmyra', 'Deir ez-Zor', 'Syria', 'Iraq', 'Aleppo', 'Sinjar',
  'IS', 'ISIS', 'ISIL', 'Daesh', 'the SDF', 'Iraqi forces', 'the coalition', 'Hezbollah', 'the group', 'they', 'fighters', 'militants',
  'left', 'withdrew', 'moved', 'fled', 'captured', 'seized', 'attacked', 'shelled', 'declared', 'agreed', 'evacuated', 'through', 'via', 'corridor',
  'from', 'to', 'for', 'towards', 'near', 'outskirts of',
  'said', 'told', 'denied', 'claimed', 'reportedly', 'allegedly', 'may have', 'according to', 'sources said', 'a spokesman said',
  'on July 11', 'in late June', 'last week', 'yesterday', '2017', 'July 2017', 'Monday', 'mid-August', '11/07/2017',
  '"', '“', '”', '‘', '’', "'", '«', '»', '(', ')', '[', ']', '.', ',', ';', ':', '?', '!', '...', '—', '-',
  'U.S.', 'Mr.', 'Gen.', 'No.', '\n', '\n\n', '\t', '  ', '> ', '* ', '# ',
);

/** Text assembled from pieces of every kind, joined with or without spaces. */
const mixedText = fc.tuple(
  fc.array(fc.oneof(
    { weight: 4, arbitrary: domainWord },
    { weight: 2, arbitrary: hostileCharacter },
    { weight: 1, arbitrary: rightToLeft },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  ), { maxLength: 120 }),
  fc.constantFrom(' ', '', '\n', ' '),
).map(([pieces, separator]) => pieces.join(separator));

/** Our own demo corpus texts (plain text and Markdown bodies), as realistic bases to damage. */
function demoTexts(): string[] {
  const dirs = ['text', 'markdown'].map((name) => join(ROOT, 'examples', 'demo', name));
  return dirs.flatMap((dir) => readdirSync(dir).sort().map((name) => readFileSync(join(dir, name), 'utf8')));
}

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

  /** Ingestion admits inputs up to 20 MB. */
  const TEN_MB = 10_000_000;

  it('a 10 MB document of reports and random Unicode is read whole, with exact spans', () => {
    const noise = fc.sample(mixedText, { numRuns: 97, seed: 10 });
    const reports = demoTexts();
    const parts: string[] = [];
    for (let bytes = 0, i = 0; bytes < TEN_MB; i++) {
      const part = `${reports[i % reports.length]}\n\n${noise[i % noise.length]}\n\n`;
      parts.push(part);
      bytes += Buffer.byteLength(part);
    }
    const text = parts.join('');
    const extraction = pipeline.extract(documentOf(text));
    assertSpansValid(text, extraction);
    assert.ok(extraction.events.length > 1000, 'the reports are still read for events');
  });

  it('a 200 000-character line without a full stop is read for events, with exact spans', () => {
    const text = unpunctuatedLine();
    const extraction = pipeline.extract(documentOf(text));
    assertSpansValid(text, extraction);
    assert.ok(extraction.events.length > 100, 'the line is still read for events');
  });
});
