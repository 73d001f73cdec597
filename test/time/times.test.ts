import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as chrono from 'chrono-node';
import { createPipeline, segmentStage } from '../../src/pipeline.js';
import { createTimeParser, times } from '../../src/time/index.js';
import type { DocumentMeta } from '../../src/types.js';
import { assertSpans, compareWithExpected, documentFor, fixtureCases, fixtureLines } from './fixtures.js';

interface TimeFixtureMeta {
  publishedAt?: string | null;
  /** Options for `times()`. */
  options?: { reference?: string };
}

function run(text: string, meta: TimeFixtureMeta) {
  const document: DocumentMeta = documentFor(text, { publishedAt: meta.publishedAt ?? null });
  const analysis = createPipeline([segmentStage(), times(meta.options)]).analyse(document);
  return { times: analysis.times, messages: analysis.messages };
}

describe('times: fixtures', () => {
  for (const testCase of fixtureCases('time')) {
    it(testCase.name, () => {
      const actual = run(testCase.input, testCase.meta as TimeFixtureMeta);
      assertSpans(testCase.input, actual.times);
      for (const m of actual.messages) {
        if (m.start !== undefined) assert.ok(m.end! > m.start && m.end! <= testCase.input.length, `message span ${m.start}-${m.end}`);
      }
      const starts = actual.times.map((t) => t.start);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'times are sorted by start');
      compareWithExpected(testCase, actual);
    });
  }
});

describe('times: negative cases', () => {
  // Each line must produce no time and no message, with or without a reference date.
  for (const line of fixtureLines('time', 'negatives.txt')) {
    it(line, () => {
      for (const publishedAt of ['2017-07-15', null]) {
        assert.deepEqual(run(line, { publishedAt }), { times: [], messages: [] }, `publishedAt ${publishedAt}`);
      }
    });
  }
});

describe('times: configuration', () => {
  it('leaves chrono.casual untouched', () => {
    const before = { parsers: chrono.casual.parsers.length, refiners: chrono.casual.refiners.length };
    const parser = createTimeParser();
    assert.ok(parser.parsers.length > before.parsers && parser.refiners.length > before.refiners);
    assert.deepEqual({ parsers: chrono.casual.parsers.length, refiners: chrono.casual.refiners.length }, before);
  });

  it('rejects a reference that is not an ISO date', () => {
    assert.throws(() => times({ reference: '15/07/2017' }), /reference must be an ISO date/);
  });

  it('prefers the document date to the reference option', () => {
    const text = 'The convoy left yesterday.';
    const stage = times({ reference: '2017-01-01' });
    const { times: found } = createPipeline([segmentStage(), stage]).analyse(documentFor(text, { publishedAt: '2017-07-15T09:30:00Z' }));
    assert.deepEqual(found.map((t) => [t.text, t.from]), [['yesterday', '2017-07-14']]);
  });

  it('ignores a publishedAt that is not a date, and says so', () => {
    const { times: found, messages } = run('The bridge fell yesterday.', { publishedAt: 'last spring' });
    assert.deepEqual(found, []);
    assert.deepEqual(messages.map((m) => m.ruleId), ['time:invalid-reference', 'time:no-reference']);
  });

  it('does not mutate the analysis it reads', () => {
    const document = documentFor('On Monday, fighters left.', { publishedAt: '2017-07-15' });
    const analysis = createPipeline([segmentStage()]).analyse(document);
    const snapshot = structuredClone(analysis);
    times()(analysis);
    assert.deepEqual(analysis, snapshot);
  });
});
