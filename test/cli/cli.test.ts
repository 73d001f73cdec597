// End to end: the CLI as a user runs it, in this process (runCliInProcess) and,
// for the first ingest and for CORRIDOR_DB, as the compiled binary in a child process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, runCliInProcess } from '../reliability/helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FORMATS = 'test/fixtures/ingest/formats';
const BAD = 'test/fixtures/ingest/bad';

const run = runCliInProcess;

function tempDb(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'corridor.db');
}

function totals(group: string): { inputs: number; documents: number; undated: number; errors: number } {
  const cases = readdirSync(join(ROOT, 'test/fixtures/ingest', group));
  const expected = cases.map((name) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/ingest', group, name, 'expected.json'), 'utf8')) as { documents: Array<{ publishedAt: string | null }>; errors: unknown[] });
  const documents = expected.flatMap((e) => e.documents);
  return { inputs: cases.length, documents: documents.length, undated: documents.filter((d) => d.publishedAt === null).length, errors: expected.reduce((n, e) => n + e.errors.length, 0) };
}

// One database with every format, shared by the tests that only read it.
const shared = { db: '', first: { status: null as number | null, stdout: '', stderr: '' } };
before(() => {
  shared.db = join(mkdtempSync(join(tmpdir(), 'corridor-cli-')), 'corridor.db');
  shared.first = runCli(['ingest', FORMATS, '--db', shared.db]);
});
after(() => rmSync(join(shared.db, '..'), { recursive: true, force: true }));

test('ingest twice: all new, then all unchanged; docs --json lists them without their text', async () => {
  const { inputs, documents, undated } = totals('formats');
  const { first } = shared;
  const undatedLine = `${undated} of ${documents} documents have no publication date: relative times were not placed; --verbose lists them (give one with --published, or in the file's metadata)\n`;
  assert.equal(first.stderr, undatedLine);
  assert.equal(first.stdout, `Read ${inputs} inputs: ${documents} new, 0 unchanged, 0 updated, 0 failed.\n`);
  assert.equal(first.status, 0);
  const second = await run(['ingest', FORMATS, '--db', shared.db]);
  assert.equal(second.stdout, `Read ${inputs} inputs: 0 new, ${documents} unchanged, 0 updated, 0 failed.\n`);
  assert.equal(second.stderr, undatedLine, 'the count covers the documents read, stored before or not');
  assert.equal(second.status, 0);

  const docs = await run(['docs', '--db', shared.db, '--json']);
  assert.equal(docs.status, 0);
  const listed = JSON.parse(docs.stdout) as Array<Record<string, unknown>>;
  assert.equal(listed.length, documents);
  assert.ok(listed.every((d) => typeof d['id'] === 'string' && !('text' in d) && typeof d['characters'] === 'number'));
  assert.ok(listed.some((d) => d['title'] === 'Army retakes hill town after two-day battle' && d['outlet'] === 'Example Times' && d['publishedAt'] === '2016-05-20T08:15:00+03:00'));

  const table = await run(['docs', '--db', shared.db]);
  assert.equal(table.stdout.trim().split('\n').length, documents);
  assert.match(table.stdout, /^[0-9a-f]{8} {2}2016-02-14 {2}examplegazette\.example +Curfew lifted$/m);
  assert.match(table.stdout, /^[0-9a-f]{8} {2}undated {5}/m);
});

test('bad inputs: one stderr line each naming the file, the batch goes on, exit code 1, --json summary', async (t) => {
  const db = tempDb(t);
  const { inputs, documents, errors } = totals('bad');
  const result = await run(['ingest', BAD, 'missing/file.txt', '--db', db, '--json']);
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, errors + 1);
  assert.equal(lines[0], 'corridor: missing/file.txt: cannot read: no such file or directory');
  for (const line of lines.slice(1)) assert.match(line, new RegExp(`^corridor: ${BAD}/[\\w-]+/input\\.\\w+(:\\d+)?: \\S`));
  assert.ok(lines.includes(`corridor: ${BAD}/invalid-utf8/input.txt: invalid UTF-8 at byte 56`));

  const summary = JSON.parse(result.stdout) as { database: string; inputs: number; new: number; failed: number; errors: Array<{ code: string; input: string; line: number | null; message: string }> };
  assert.deepEqual([summary.database, summary.inputs, summary.new, summary.failed], [db, inputs, documents, errors + 1]);
  assert.ok(summary.errors.some((e) => e.code === 'CORRIDOR_ERR_INGEST_JSONL_INVALID' && e.input === `${BAD}/jsonl-bad-lines/input.jsonl` && e.line === 2));
  assert.deepEqual(summary.errors.map((e) => `corridor: ${e.input}${e.line ? `:${e.line}` : ''}: ${e.message}`), lines);
});

const CLI_INPUTS = 'test/fixtures/ingest/cli';

test('ingest --published, --outlet and --title date and name one document, winning over the text', async (t) => {
  const db = tempDb(t);
  const file = `${CLI_INPUTS}/undated-report.txt`;
  const result = await run(['ingest', file, '--published', 'Oct 17, 2017', '--outlet', 'Bridge Weekly', '--title', 'The bridge reopens', '--db', db, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const [ingested] = (JSON.parse(result.stdout) as { documents: Array<{ id: string; outcome: string; title: string; outlet: string; publishedAt: string }> }).documents;
  assert.deepEqual([ingested!.outcome, ingested!.title, ingested!.outlet, ingested!.publishedAt], ['new', 'The bridge reopens', 'Bridge Weekly', '2017-10-17']);
  const shown = JSON.parse((await run(['show', ingested!.id, '--db', db, '--json'])).stdout) as { document: { publishedAtSource: string } };
  assert.equal(shown.document.publishedAtSource, 'user');

  // The same text again with another date: the stored document is unchanged, and the user is told so.
  const again = await run(['ingest', file, '--published', '2017-10-20', '--db', db]);
  assert.equal(again.status, 0);
  assert.equal(again.stderr, `${file}: already stored as ${ingested!.id.slice(0, 8)} (2017-10-17); --published, --outlet and --title apply when a document is first stored\n`);
});

test('ingest ends with the count of undated documents; --verbose lists them; nothing is said when all are dated', async (t) => {
  const db = tempDb(t);
  const result = await run(['ingest', CLI_INPUTS, '--db', db, '--verbose']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, 'Read 3 inputs: 4 new, 0 unchanged, 0 updated, 0 failed.\n');
  assert.equal(result.stderr, [
    '3 of 4 documents have no publication date: relative times were not placed:',
    `  ${CLI_INPUTS}/two-items.jsonl#L1  Villages emptied`,
    `  ${CLI_INPUTS}/two-items.jsonl#L2  Border road reopens`,
    `  ${CLI_INPUTS}/undated-report.txt  Engineers reopen the river bridge`,
    '',
  ].join('\n'));
  const dated = await run(['ingest', `${CLI_INPUTS}/dated-report.txt`, '--db', db]);
  assert.deepEqual([dated.status, dated.stderr], [0, '']);
  const json = await run(['ingest', `${CLI_INPUTS}/undated-report.txt`, '--db', db, '--json']);
  assert.equal(json.stderr, '', 'with --json the documents and their dates are in the JSON');
  assert.deepEqual((JSON.parse(json.stdout) as { documents: Array<{ publishedAt: string | null }> }).documents.map((d) => d.publishedAt), [null]);
});

test('a document in a language Corridor does not read: one stderr line from extract and from ingest naming it and what was found', async (t) => {
  const db = tempDb(t);
  const arabic = 'test/fixtures/ingest/language/arabic-report/input.txt';
  const notice = `${arabic}: Arabic (arb): Corridor reads English; in this text it recognised only names in Latin letters, place names in Arabic script and dates in numbers (none), and extracted no events or statements\n`;
  const extracted = await run(['extract', arabic, '--json']);
  assert.equal(extracted.status, 0);
  assert.equal(extracted.stderr, notice);
  assert.ok((JSON.parse(extracted.stdout) as { messages: Array<{ ruleId: string }> }).messages.some((m) => m.ruleId === 'language:not-read'));
  const ingested = await run(['ingest', arabic, '--db', db]);
  assert.equal(ingested.status, 0);
  assert.equal(ingested.stderr.split('\n')[0], notice.trimEnd());
  assert.equal((await run(['extract', 'test/fixtures/ingest/language/english-report/input.txt'])).stderr, '');
});

test('ingest --published, --outlet, --title: one line and exit 2 with several inputs, a folder or a bad date; a file of several documents is refused', async (t) => {
  const db = tempDb(t);
  const file = `${CLI_INPUTS}/undated-report.txt`;
  const refused: Array<[string[], string]> = [
    [[file, file, '--title', 'T'], 'corridor: --title describes one document: give one file or URL, not 2 inputs\n'],
    [[CLI_INPUTS, '--published', '2017-10-17', '--outlet', 'O'], `corridor: --published, --outlet describe one document: give one file or URL, not a folder (${CLI_INPUTS})\n`],
    [[file, '--published', 'last week'], 'corridor: --published: expected a date like 2017-07-14, got "last week"\n'],
  ];
  for (const [args, stderr] of refused) {
    const result = await run(['ingest', ...args, '--db', db]);
    assert.deepEqual([result.status, result.stderr], [2, stderr], args.join(' '));
  }
  const several = await run(['ingest', `${CLI_INPUTS}/two-items.jsonl`, '--title', 'One title', '--db', db]);
  assert.equal(several.status, 1);
  assert.equal(several.stderr, `corridor: ${CLI_INPUTS}/two-items.jsonl: holds 2 documents, and --title and --published describe one\n`);
  const outletOnly = await run(['ingest', `${CLI_INPUTS}/two-items.jsonl`, '--outlet', 'Border Desk', '--db', db, '--json']);
  assert.equal(outletOnly.status, 0, outletOnly.stderr);
  assert.deepEqual((JSON.parse(outletOnly.stdout) as { documents: Array<{ outlet: string }> }).documents.map((d) => d.outlet), ['Border Desk', 'Border Desk']);
});

test('usage errors exit 2 with one corridor: line; help and version exit 0', async () => {
  for (const args of [['ingest'], ['--nope'], ['frobnicate'], ['ingest', 'x', '--focus', '12'], ['docs', '--limit', 'many'], ['ingest', 'x', '--max-size', '-3'], []]) {
    const result = await run(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, args.length ? /^corridor: / : /^Usage: corridor/, args.join(' '));
  }
  for (const command of ['ingest', 'docs', 'show', 'search', 'demo']) {
    const help = await run([command, '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, new RegExp(`^Usage: corridor ${command}`));
  }
  const version = await run(['--version']);
  assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
});

test('reading commands refuse a missing database instead of creating one', async (t) => {
  const db = tempDb(t);
  for (const args of [['docs'], ['show', 'abc'], ['search', 'x']]) {
    const result = await run([...args, '--db', db]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, `corridor: ${db}: no such database (create it with \`corridor ingest\`)\n`);
  }
  // A PostgreSQL server that is not there: one line naming the database and the reason.
  const postgres = await run(['docs', '--db', 'postgres://postgres@127.0.0.1:1/corridor']);
  assert.equal(postgres.status, 1);
  assert.equal(postgres.stderr, 'corridor: postgres://postgres@127.0.0.1:1/corridor: cannot open the database (connect ECONNREFUSED 127.0.0.1:1)\n');
});

test('CORRIDOR_DB chooses the database when --db is absent', () => {
  const docs = JSON.parse(runCli(['docs', '--json'], { CORRIDOR_DB: shared.db }).stdout) as unknown[];
  assert.equal(docs.length, totals('formats').documents);
});

test('show and search', async () => {
  const { db } = shared;
  const docs = JSON.parse((await run(['docs', '--db', db, '--json'])).stdout) as Array<{ id: string; title: string | null }>;
  const target = docs.find((d) => d.title === 'Militants pull back from riverside districts')!;

  const shown = await run(['show', target.id.slice(0, 10), '--db', db]);
  assert.equal(shown.status, 0);
  assert.match(shown.stdout, /^published +2016-03-04 \(from dateline\)$/m);
  assert.match(shown.stdout, /^outlet +Example Wire$/m);
  assert.match(shown.stdout, /^extracted +\d+ places, \d+ actors, \d+ times, \d+ events, \d+ statements, \d+ corridors, [1-9]\d* sentences, \d+ messages$/m);
  assert.ok(shown.stdout.endsWith('The officer, who asked not to be named, said about 60 vehicles left before dawn.\n'));
  const json = JSON.parse((await run(['show', target.id, '--db', db, '--json'])).stdout) as { document: { id: string; text: string }; counts: { sentences: number } };
  assert.equal(json.document.id, target.id);
  assert.ok(json.counts.sentences >= 3);

  // With more documents than hex digits, two ids must share a first character.
  const firstChar = docs.map((d) => d.id[0]!).find((c, i, all) => all.indexOf(c) !== i)!;
  const ambiguous = await run(['show', firstChar, '--db', db]);
  assert.equal(ambiguous.status, 1);
  assert.match(ambiguous.stderr, new RegExp(`^corridor: "${firstChar}" is ambiguous: \\d+ documents start with it \\(`));
  const missing = await run(['show', 'zzzz', '--db', db]);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, 'corridor: no document with an id starting with "zzzz"\n');

  const hits = JSON.parse((await run(['search', '"hill town"', '--db', db, '--json'])).stdout) as Array<{ title: string; snippet: string }>;
  assert.equal(hits[0]!.title, 'Army retakes hill town after two-day battle');
  assert.match(hits[0]!.snippet, /\[\[hill town\]\]/);
  const text = await run(['search', 'curfew', '--db', db]);
  assert.match(text.stdout, /^[0-9a-f]{8} {2}2016-02-14 {2}examplegazette\.example {2}Curfew lifted\n {4}.*\[\[curfew\]\]/m);
  assert.equal((await run(['search', 'zeppelin', '--db', db])).stdout, 'No documents match "zeppelin".\n');
});

test('demo ingests the demo corpus and says what to try next', async (t) => {
  const db = tempDb(t);
  const result = await run(['demo', '--db', db, '--no-serve']);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^Demo corpus: Read \d+ inputs: [1-9]\d* new, 0 unchanged, 0 updated, 0 failed\.$/m);
  assert.match(result.stdout, /Try next:\n {2}npx corridor docs --db /);
  const again = await run(['demo', '--db', db, '--json', '--no-serve']);
  const summary = JSON.parse(again.stdout) as { new: number; unchanged: number; failed: number };
  assert.deepEqual([summary.new, summary.failed], [0, 0]);
  assert.ok(summary.unchanged > 0);
});
