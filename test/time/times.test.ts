import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as chrono from 'chrono-node';
import { readFileSync } from 'node:fs';
import { createPipeline, segmentStage } from '../../src/pipeline.js';
import { resourcePath } from '../../src/resources.js';
import { segment } from '../../src/text/segment.js';
import { compileTimeCues, createTimeParser, loadTimeCues, times } from '../../src/time/index.js';
import { prefiltered } from '../../src/time/prefilter.js';
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

describe('times: prefilter', () => {
  const full = createTimeParser();
  const parse = prefiltered(full);
  // Cues at the edge of what the prefilter looks for; chrono reads "lasts" as "last second".
  const edges = [
    'The siege lasts.', 'They left 5 hrs ago.', 'A few hrs later they came back.', 'Last winter was hard.',
    'He came in 2014.', 'In the 1990s it was quiet.', 'The convoy left June5.', 'It ended at the end of the month.',
    'It happened this morning.', 'Fighting resumed last night.',
  ];
  const sentences = [
    ...fixtureCases('time').flatMap((c) => segment(c.input).sentences.map((s) => c.input.slice(s.start, s.end))),
    ...fixtureLines('time', 'negatives.txt'),
    ...edges,
  ];
  const summary = (results: ReturnType<typeof full.parse>) => results.map((r) => [r.index, r.text, r.start.date().toISOString(), r.end?.date().toISOString()]);

  it('finds what the whole configuration finds, sentence by sentence', () => {
    for (const reference of [new Date(2017, 6, 15, 12), new Date(2000, 0, 1, 12)]) {
      for (const sentence of sentences) {
        assert.deepEqual(summary(parse(sentence, reference)), summary(full.parse(sentence, reference)), sentence);
      }
    }
  });
});

describe('times: cue words', () => {
  const file = () => JSON.parse(readFileSync(resourcePath('time-cues.json'), 'utf8')) as { monthLeadWords: string[] };

  it('reads month lead words from the data file', () => {
    const text = 'Shelling went on amid March rains.';
    const withAmid = file();
    withAmid.monthLeadWords.push('amid');
    const found = (stage: ReturnType<typeof times>) => createPipeline([segmentStage(), stage]).analyse(documentFor(text, { publishedAt: '2017-07-15' })).times;
    assert.deepEqual(found(times()), []);
    assert.deepEqual(found(times({ cues: compileTimeCues(withAmid) })).map((t) => [t.text, t.from, t.to]), [['March', '2017-03-01', '2017-03-31']]);
  });

  it('names the file and the field of a bad entry', () => {
    const bad = file();
    bad.monthLeadWords.push('in the');
    assert.throws(() => compileTimeCues(bad, 'cues.json'), /cues\.json: monthLeadWords\.\d+: a lead word is one word of letters/);
    assert.throws(() => loadTimeCues('/nonexistent/time-cues.json'), /\/nonexistent\/time-cues\.json/);
  });
});
