import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline, named, segmentStage, type Pipeline } from '../../src/pipeline.js';
import { ingest } from '../../src/ingest/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { defaultPipeline } from '../shared-resources.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/ingest/', import.meta.url));

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function tempStore(t: { after: (fn: () => void) => void }): SqliteStore {
  const store = new SqliteStore(join(tempDir(t), 'test.db'));
  t.after(() => store.close());
  return store;
}

/** What the fixture cases of a group expect in total. */
function expectedTotals(group: string): { documents: number; errors: number } {
  let documents = 0;
  let errors = 0;
  for (const name of readdirSync(join(FIXTURES, group))) {
    const expected = JSON.parse(readFileSync(join(FIXTURES, group, name, 'expected.json'), 'utf8')) as { documents: unknown[]; errors: unknown[] };
    documents += expected.documents.length;
    errors += expected.errors.length;
  }
  return { documents, errors };
}

test('every format in one run, then the same run again: all new, then all unchanged without loading the pipeline', async (t) => {
  const store = tempStore(t);
  const { documents } = expectedTotals('formats');
  let pipelinesCreated = 0;
  const pipeline = () => {
    pipelinesCreated++;
    return defaultPipeline();
  };
  const first = await ingest([join(FIXTURES, 'formats')], { store, pipeline });
  assert.deepEqual([first.new, first.unchanged, first.updated, first.failed], [documents, 0, 0, 0]);
  assert.equal(first.inputs, readdirSync(join(FIXTURES, 'formats')).length);
  assert.equal(pipelinesCreated, 1);
  assert.equal(first.snapshot?.documents, documents);
  assert.equal(await store.countDocuments(), documents);

  const second = await ingest([join(FIXTURES, 'formats')], { store, pipeline });
  assert.deepEqual([second.new, second.unchanged, second.updated, second.failed], [0, documents, 0, 0]);
  assert.deepEqual(second.documents.map((d) => d.id), first.documents.map((d) => d.id));
  assert.equal(pipelinesCreated, 1, 'known documents need no extraction');
  assert.equal(second.snapshot, null);
  assert.equal((await store.listSnapshots()).length, 1);
});

test('stored extractions carry the ingest messages and index the stored text', async (t) => {
  const store = tempStore(t);
  const summary = await ingest([join(FIXTURES, 'formats', 'text-date-in-prose')], { store, pipeline: await defaultPipeline() });
  const id = summary.documents[0]!.id;
  const extraction = (await store.getExtraction(id))!;
  assert.deepEqual(extraction.messages.filter((m) => m.ruleId.startsWith('ingest:')).map((m) => m.ruleId), ['ingest:no-date']);
  const { text } = (await store.getDocument(id))!;
  for (const sentence of extraction.sentences) assert.ok(sentence.end <= text.length && sentence.start < sentence.end);
  assert.equal(text.slice(extraction.sentences[0]!.start, extraction.sentences[0]!.end), 'On June 10, 2014, the group seized the city after government troops abandoned their positions.');
});

test('a changed text at the same URL is stored as a new version; an edited local file too', async (t) => {
  const dir = tempDir(t);
  const store = tempStore(t);
  const pipeline = await defaultPipeline();
  const article = join(dir, 'article.md');
  const notes = join(dir, 'notes.txt');
  writeFileSync(article, '---\nurl: https://post.example/a\ntitle: Convoy\ndate: 2017-08-28\n---\nBuses left the border area on Monday.\n');
  writeFileSync(notes, 'Field notes, first version.\n');
  const first = await ingest([dir], { store, pipeline });
  assert.deepEqual([first.new, first.updated], [2, 0]);

  writeFileSync(article, '---\nurl: https://post.example/a\ntitle: Convoy (corrected)\ndate: 2017-08-28\n---\nBuses left the border area on Monday night.\n');
  writeFileSync(notes, 'Field notes, second version.\n');
  const second = await ingest([dir], { store, pipeline });
  assert.deepEqual(second.documents.map((d) => [d.source.slice(dir.length + 1), d.outcome]), [['article.md', 'updated'], ['notes.txt', 'updated']]);
  const previous = new Map(first.documents.map((d) => [d.source, d.id]));
  for (const d of second.documents) assert.equal((await store.getDocument(d.id))!.previousVersion, previous.get(d.source));
  assert.deepEqual((await store.listDocuments()).map((d) => d.title).sort(), ['Convoy (corrected)', null]);
});

test('bad inputs fail one by one, the good records around them are stored, nothing half-written', async (t) => {
  const store = tempStore(t);
  const { documents, errors } = expectedTotals('bad');
  const reported: string[] = [];
  const summary = await ingest([join(FIXTURES, 'bad'), join(FIXTURES, 'no-such-folder')], {
    store, pipeline: await defaultPipeline(), onError: (error) => reported.push(error.toLine()),
  });
  assert.equal(summary.failed, errors + 1);
  assert.equal(summary.new, documents);
  assert.deepEqual(reported, summary.errors.map((e) => e.toLine()));
  assert.ok(reported.every((line) => line.startsWith(FIXTURES)), 'each line names the input');
  assert.ok(reported.some((line) => line.endsWith('jsonl-bad-lines/input.jsonl:2: not valid JSON (Unterminated string in JSON at position 22)')));
  assert.equal(await store.countDocuments(), documents);
});

test('a document whose extraction fails is reported and skipped; the batch goes on', async (t) => {
  const dir = tempDir(t);
  cpSync(join(FIXTURES, 'formats', 'text-dateline', 'input.txt'), join(dir, 'a.txt'));
  writeFileSync(join(dir, 'b.txt'), 'A text that the stage below cannot take.\n');
  const failing: Pipeline = createPipeline([segmentStage(), named('refuses', (a) => {
    if (a.document.text.includes('cannot take')) throw new Error('stage refused this text');
    return {};
  })]);
  const store = tempStore(t);
  const summary = await ingest([dir], { store, pipeline: failing });
  assert.equal(summary.new, 1);
  assert.deepEqual(summary.errors.map((e) => [e.code, e.toLine()]), [['CORRIDOR_ERR_INGEST_EXTRACT', `${join(dir, 'b.txt')}: extraction failed: stage refused this text`]]);
  assert.equal(await store.countDocuments(), 1);
});
