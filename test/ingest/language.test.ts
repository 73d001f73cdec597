// What the pipeline says about a document in a language it does not read. Each case is
// test/fixtures/ingest/language/<case>/{input.txt, expected.json}: the detected language, the
// `language:not-read` message (null when there is none) and what was still found.
// REGEN=1 rewrites expected.json (review the diff by eye before keeping it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDefaultPipeline } from '../../src/default-pipeline.js';
import { languageLabel, prepareDocument } from '../../src/ingest/index.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/ingest/language/', import.meta.url));
const pipeline = await createDefaultPipeline();

for (const name of readdirSync(FIXTURES).sort()) {
  test(`language fixture ${name}`, () => {
    const input = join(FIXTURES, name, 'input.txt');
    const { document } = prepareDocument({ text: readFileSync(input, 'utf8'), source: input, input });
    const x = pipeline.extract(document);
    const notices = x.messages.filter((m) => m.ruleId === 'language:not-read');
    assert.ok(notices.length <= 1, 'one message at most');
    const slice = (s: { start: number; end: number }) => document.text.slice(s.start, s.end);
    const actual = {
      language: document.language,
      notice: notices[0]?.reason ?? null,
      found: { places: x.places.map(slice), actors: x.actors.map(slice), times: x.times.map(slice), events: x.events.length, statements: x.statements.length },
    };
    const expectedPath = join(FIXTURES, name, 'expected.json');
    if (process.env['REGEN']) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}

test('languageLabel: the English name and the code; the code alone when it has no name', () => {
  assert.equal(languageLabel('arb'), 'Arabic (arb)');
  assert.equal(languageLabel('ckb'), 'Central Kurdish (ckb)');
  assert.equal(languageLabel('qqq'), 'qqq');
});
