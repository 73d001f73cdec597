// Runs every case under test/fixtures/ingest/{formats,bad}/<case>/input.* through
// the readers and document preparation, and compares with expected.json.
// REGEN=1 rewrites expected.json (review the diff by eye before keeping it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IngestError, loadInput, normaliseText, prepareDocument } from '../../src/ingest/index.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/ingest/', import.meta.url));

interface CaseResult {
  documents: unknown[];
  errors: Array<{ code: string; line: string }>;
}

async function runCase(dir: string): Promise<CaseResult> {
  const input = join(dir, readdirSync(dir).find((name) => name.startsWith('input.'))!);
  const documents: unknown[] = [];
  const errors: IngestError[] = [];
  const keep = (error: unknown) => {
    if (!(error instanceof IngestError)) throw error;
    errors.push(error);
  };
  try {
    const loaded = await loadInput({ kind: 'file', path: input });
    errors.push(...loaded.errors);
    for (const raw of loaded.documents) {
      try {
        const { document, source, messages } = prepareDocument(raw);
        assert.equal(document.text, raw.text, 'the stored text is the text as the reader gave it');
        assert.equal(document.id, createHash('sha256').update(normaliseText(document.text)).digest('hex'), 'the id is the hash of the normalised text');
        documents.push({ ...document, source, messages });
      } catch (error) {
        keep(error);
      }
    }
  } catch (error) {
    keep(error);
  }
  // Paths in the expected output are relative to the case folder.
  const relative = (value: unknown) => JSON.parse(JSON.stringify(value).split(`${dir}/`).join(''));
  return { documents: relative(documents), errors: errors.map((e) => ({ code: e.code, line: relative(e.toLine()) })) };
}

for (const group of ['formats', 'bad']) {
  for (const name of readdirSync(join(FIXTURES, group)).sort()) {
    const dir = join(FIXTURES, group, name);
    test(`ingest fixture ${group}/${name}`, async () => {
      const actual = await runCase(dir);
      const expectedPath = join(dir, 'expected.json');
      if (process.env['REGEN']) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
      if (group === 'formats') assert.deepEqual(actual.errors, [], 'a well-formed input reads without errors');
      else {
        assert.ok(actual.errors.length > 0, 'a bad input is reported');
        for (const error of actual.errors) assert.match(error.line, /^input\.\w+(:\d+)?: \S/, 'each error line names the file first');
      }
    });
  }
}
