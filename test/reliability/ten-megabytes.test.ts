// A 10 MB document completes, with every offset exact: a file of its own, so that the
// longest single test runs alongside the others instead of after them.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Pipeline } from '../../src/pipeline.js';
import { defaultPipeline } from '../shared-resources.js';
import { demoTexts, mixedText } from './arbitrary-texts.js';
import { assertSpansValid, documentOf } from './helpers.js';

let pipeline: Pipeline;
before(async () => { pipeline = await defaultPipeline(); });

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
