// Hostile inputs end to end through `corridor ingest` (the compiled CLI in a
// child process, a temporary database): each input gets one clear error line
// naming it, or a safe result, and the store stays whole.
// Committed cases: test/fixtures/hostile/<case>/{input.*, expected.json};
// REGEN=1 rewrites expected.json (review the diff by eye before keeping it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { GENERATED_CASES, writeGeneratedCorpus } from './hostile-corpus.js';
import { checkStore, HOSTILE_FIXTURES, runCli, runCliInProcess, SECRET_MARKERS, type CliResult } from './helpers.js';

interface SummaryJson {
  inputs: number;
  new: number;
  unchanged: number;
  failed: number;
  documents: Array<{ id: string; outcome: string; title: string | null; source: string }>;
  errors: Array<{ code: string; input: string; line: number | null; message: string }>;
}

/** What a committed case produced: its documents' metadata, text and ingest messages, and its errors. */
interface FixtureResult {
  documents: Array<{ title: string | null; url: string | null; outlet: string | null; publishedAt: string | null; text: string; messages: string[] }>;
  errors: Array<{ code: string; line: number | null; message: string }>;
}

const FIXTURE_CASES = readdirSync(HOSTILE_FIXTURES).sort();

function fixtureInput(name: string): string {
  return readdirSync(join(HOSTILE_FIXTURES, name)).find((file) => file.startsWith('input.'))!;
}

describe('hostile inputs through corridor ingest', () => {
  let dir: string;
  let corpus: string;
  let db: string;
  let first: CliResult;
  let summary: SummaryJson;
  let store: Store;
  const pathOf = new Map<string, string>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-hostile-cli-'));
    corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    for (const name of FIXTURE_CASES) {
      const input = fixtureInput(name);
      const path = join(corpus, `${name}${extname(input)}`);
      copyFileSync(join(HOSTILE_FIXTURES, name, input), path);
      pathOf.set(name, path);
    }
    for (const [name, path] of writeGeneratedCorpus(corpus)) pathOf.set(name, path);
    db = join(dir, 'hostile.db');
    // The whole corpus (about 30 inputs, 12 MB) in one run.
    first = runCli(['ingest', corpus, '--db', db, '--json']);
    summary = JSON.parse(first.stdout) as SummaryJson;
    store = await openStore(db);
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the whole corpus in one run, exits 1 and prints one line per failure', () => {
    assert.equal(first.status, 1, first.stderr);
    assert.equal(summary.inputs, FIXTURE_CASES.length + GENERATED_CASES.length);
    const lines = first.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, summary.errors.length, first.stderr);
    for (const [i, error] of summary.errors.entries()) {
      const where = `${error.input}${error.line === null ? '' : `:${error.line}`}`;
      assert.ok(error.input.startsWith(corpus), `${error.input} names the input`);
      const line = lines[i];
      assert.equal(line, `corridor: ${where}: ${error.message}`);
      assert.doesNotMatch(line, /\n|\s+at \S+:\d+:\d+/, 'one line, no stack trace');
    }
  });

  for (const name of FIXTURE_CASES) {
    it(`fixture ${name}`, async () => {
      const path = pathOf.get(name)!;
      const actual: FixtureResult = { documents: [], errors: [] };
      for (const d of summary.documents.filter((doc) => doc.source === path || doc.source.startsWith(`${path}#`))) {
        const stored = (await store.getDocument(d.id))!;
        const messages = (await store.getExtraction(d.id))!.messages.filter((m) => m.ruleId.startsWith('ingest:')).map((m) => `${m.ruleId}: ${m.reason}`);
        actual.documents.push({ title: stored.title, url: stored.url, outlet: stored.outlet, publishedAt: stored.publishedAt, text: stored.text, messages });
      }
      actual.errors = summary.errors.filter((e) => e.input === path).map((e) => ({ code: e.code, line: e.line, message: e.message }));
      const expectedPath = join(HOSTILE_FIXTURES, name, 'expected.json');
      if (process.env['REGEN']) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }

  for (const c of GENERATED_CASES) {
    it(`generated ${c.name}`, async () => {
      const path = pathOf.get(c.name)!;
      const errors = summary.errors.filter((e) => e.input === path);
      const documents = summary.documents.filter((d) => d.source === path || d.source.startsWith(`${path}#`));
      if ('error' in c.outcome) {
        assert.equal(documents.length, 0);
        assert.equal(errors.length, 1, JSON.stringify(errors));
        assert.equal(errors[0]!.code, c.outcome.error);
        assert.match(errors[0]!.message, c.outcome.message);
      } else {
        assert.equal(documents.length, c.outcome.documents, JSON.stringify(errors));
        assert.deepEqual(errors.map((e) => ({ error: e.code, line: e.line })), c.outcome.errors ?? []);
        const texts = await Promise.all(documents.map(async (d) => (await store.getDocument(d.id))!.text));
        c.outcome.text?.(texts);
      }
    });
  }

  it('leaves a whole store: integrity, one row set per extraction, nothing read from local files', () => {
    const report = checkStore(db);
    assert.equal(report.documents, summary.new);
    for (const text of report.texts) for (const marker of SECRET_MARKERS) assert.doesNotMatch(text, marker);
  });

  it('reads the same corpus again without storing anything twice', async () => {
    const again = await runCliInProcess(['ingest', corpus, '--db', db, '--json']);
    const second = JSON.parse(again.stdout) as SummaryJson;
    assert.equal(again.status, 1);
    assert.equal(second.new, 0);
    assert.equal(second.unchanged, summary.new + summary.unchanged);
    assert.equal(second.failed, summary.failed);
    assert.equal(checkStore(db).documents, summary.new);
  });

  it('reads a 100 MB file only when allowed, and then refuses its content, not the machine', () => {
    const huge = pathOf.get('hundred-megabytes.txt')!;
    const allowed = runCli(['ingest', huge, '--db', db, '--max-size', '200']);
    assert.equal(allowed.status, 1);
    assert.equal(allowed.stderr, `corridor: ${huge}: binary content (NUL byte at offset 0), not text\n`);
  });
});
