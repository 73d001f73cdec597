// One offset system: every offset any command reports indexes the file as the
// user gave it, `readFileSync(file, 'utf8')` — CRLF line ends, a byte-order
// mark, decomposed accents and blank lines included — and `extract`,
// `geoparse` (each with and without --jsonl), the store and the API agree.
// Each case is test/fixtures/offsets/<case>/{input.txt, expected.json};
// expected.json shows the file's words under every offset field (REGEN=1
// rewrites it; review it by eye). The seed article is read from beside the
// project when present, never copied into it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/resources.js';
import type { Extraction, PlaceMention } from '../../src/types.js';
import { createFixture, json, type Fixture } from '../api/helpers.js';
import { runCliInProcess, tempDir } from '../reliability/helpers.js';

const FIXTURES = join(packageRoot, 'test', 'fixtures', 'offsets');
const SEED = fileURLToPath(new URL('../../../../shared/reference/seed-article.txt', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(join(packageRoot, 'schema', 'extraction.schema.json'), 'utf8')) as SchemaNode & { definitions: Record<string, SchemaNode> };

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}

const PAIRS = [['start', 'end'], ['cueStart', 'cueEnd']] as const;
const OFFSET_NAMES: ReadonlySet<string> = new Set(PAIRS.flat());

/** Every offset field the extraction's JSON Schema declares, as `.events[].attribution.chain[].cueStart`. */
function schemaOffsetFields(): Set<string> {
  const fields = new Set<string>();
  const visit = (node: SchemaNode, path: string, seen: readonly string[]): void => {
    if (node.$ref) {
      const name = node.$ref.split('/').pop()!;
      if (!seen.includes(name)) visit(SCHEMA.definitions[name]!, path, [...seen, name]);
      return;
    }
    for (const alternative of node.anyOf ?? []) visit(alternative, path, seen);
    if (node.items) visit(node.items, `${path}[]`, seen);
    for (const [key, value] of Object.entries(node.properties ?? {})) {
      if (OFFSET_NAMES.has(key)) fields.add(`${path}.${key}`);
      else visit(value, `${path}.${key}`, seen);
    }
  };
  visit(SCHEMA, '', []);
  return fields;
}

interface OffsetPair {
  /** Where it sits: `.events[2].attribution.chain[1].cue`. */
  path: string;
  /** The schema fields it fills: `.events[].attribution.chain[].cueStart`, `...cueEnd`. */
  fields: [string, string];
  start: number;
  end: number;
  /** The item's own text, when it has one. */
  text?: string;
}

/** Every start/end and cueStart/cueEnd pair in an extraction, wherever it sits (nulls are no offsets). */
function offsetPairs(value: unknown, path = '', field = ''): OffsetPair[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => offsetPairs(item, `${path}[${i}]`, `${field}[]`));
  if (!value || typeof value !== 'object') return [];
  const item = value as Record<string, unknown>;
  const pairs: OffsetPair[] = [];
  for (const [from, to] of PAIRS) {
    if (item[from] === null || item[from] === undefined) continue;
    pairs.push({
      path: from === 'start' ? path : `${path}.cue`, fields: [`${field}.${from}`, `${field}.${to}`],
      start: item[from] as number, end: item[to] as number,
      ...(from === 'start' && typeof item['text'] === 'string' ? { text: item['text'] } : {}),
    });
  }
  for (const [key, child] of Object.entries(item)) if (typeof child === 'object') pairs.push(...offsetPairs(child, `${path}.${key}`, `${field}.${key}`));
  return pairs;
}

const WORD = /[\p{L}\p{M}\p{N}]/u;

/**
 * The contract on the file itself: every offset an integer within the file,
 * start <= end, the item's text exactly `fileText.slice(start, end)`, and no
 * span beginning or ending inside a word (an offset shifted by a CR or a
 * byte-order mark cuts one). Returns the file's words under every pair.
 */
function assertOffsetsIndex(fileText: string, x: Extraction, what: string): Record<string, string> {
  const words: Record<string, string> = {};
  for (const pair of offsetPairs(x)) {
    const where = `${what} ${pair.path}`;
    assert.ok(Number.isInteger(pair.start) && Number.isInteger(pair.end), `${where}: integer offsets`);
    assert.ok(pair.start >= 0 && pair.start <= pair.end && pair.end <= fileText.length, `${where}: ${pair.start}..${pair.end} within 0..${fileText.length}`);
    const slice = fileText.slice(pair.start, pair.end);
    if (pair.text !== undefined) assert.equal(slice, pair.text, `${where}: fileText.slice(start, end) is the item's text`);
    if (pair.start < pair.end) {
      assert.ok(!(WORD.test(fileText[pair.start - 1] ?? '') && WORD.test(fileText[pair.start]!)), `${where} starts inside a word: ${JSON.stringify(slice)}`);
      assert.ok(!(WORD.test(fileText[pair.end - 1]!) && WORD.test(fileText[pair.end] ?? '')), `${where} ends inside a word: ${JSON.stringify(slice)}`);
    }
    words[pair.path] = slice;
  }
  return words;
}

/** Items that point at other items point at their very spans: waypoints at places, antecedents at actors, triggers at their evidence. */
function assertCrossReferences(x: Extraction, what: string): void {
  const key = (s: { start: number | null; end: number | null }) => `${s.start}-${s.end}`;
  const places = new Set(x.places.map(key));
  const actors = new Set(x.actors.map(key));
  for (const c of x.corridors) for (const w of c.waypoints) if (w.start !== null) assert.ok(places.has(key(w)), `${what}: waypoint ${w.name} is a place mention`);
  for (const a of x.actors) if (a.antecedent) assert.ok(actors.has(key(a.antecedent)), `${what}: the antecedent of "${a.text}" is an actor mention`);
  for (const e of x.events) assert.deepEqual(e.evidence[0], { start: e.trigger.start, end: e.trigger.end }, `${what}: ${e.id} evidence starts with its trigger`);
}

interface Case {
  name: string;
  input: string;
  fileText: string;
}

const cases: Case[] = readdirSync(FIXTURES).sort().map((name) => {
  const input = join(FIXTURES, name, 'input.txt');
  return { name, input, fileText: readFileSync(input, 'utf8') };
});
const seed: Case | null = existsSync(SEED) ? { name: 'seed-article', input: SEED, fileText: readFileSync(SEED, 'utf8') } : null;
const everyText = seed ? [...cases, seed] : cases;

async function cli<T>(args: string[], stdin?: string): Promise<T> {
  const run = await runCliInProcess(args, {}, stdin);
  assert.equal(run.stderr, '', `corridor ${args.join(' ')}: no error`);
  assert.equal(run.status, 0);
  return JSON.parse(run.stdout) as T;
}

async function cliLines<T>(args: string[], lines: readonly object[]): Promise<T[]> {
  const run = await runCliInProcess(args, {}, lines.map((line) => JSON.stringify(line)).join('\n'));
  assert.equal(run.stderr, '', `corridor ${args.join(' ')}: no error`);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as T);
}

describe('offsets index the file as given', () => {
  const extracted = new Map<string, Extraction>();
  before(async () => {
    for (const c of everyText) extracted.set(c.name, await cli<Extraction>(['extract', c.input, '--json']));
  });

  it('the fixtures are what they test: CRLF, a byte-order mark, decomposed accents', () => {
    const text = (name: string) => cases.find((c) => c.name === name)!.fileText;
    assert.match(text('crlf-line-endings'), /^\r\n[^\n]+\r\n/);
    assert.equal(text('byte-order-mark').charCodeAt(0), 0xfeff);
    assert.notEqual(text('decomposed-accents'), text('decomposed-accents').normalize('NFC'));
  });

  for (const c of cases) {
    it(`corridor extract ${c.name}: every offset field slices the file, on the words expected.json shows`, () => {
      const x = extracted.get(c.name)!;
      const words = assertOffsetsIndex(c.fileText, x, c.name);
      assertCrossReferences(x, c.name);
      const actual = { document: x.document, words };
      const expectedFile = join(FIXTURES, c.name, 'expected.json');
      if (process.env['REGEN']) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }

  it('together the fixtures fill every offset field of the schema, so none goes unchecked', () => {
    const filled = new Set(cases.flatMap((c) => offsetPairs(extracted.get(c.name)).flatMap((p) => p.fields)));
    assert.deepEqual([...schemaOffsetFields()].filter((field) => !filled.has(field)), []);
  });

  it('corridor extract on the seed article: every offset field slices the file', { skip: !seed && 'seed article not present' }, () => {
    const x = extracted.get('seed-article')!;
    const words = assertOffsetsIndex(seed!.fileText, x, 'seed article');
    assertCrossReferences(x, 'seed article');
    // The article has trailing blanks and blank lines that the old normalised copy dropped, shifting what follows.
    assert.ok(Object.keys(words).length > 400, `${Object.keys(words).length} offset pairs checked`);
  });

  it('geoparse and extract agree, from a file and from --jsonl, on the same offsets', async () => {
    const records = everyText.map((c) => ({ id: c.name, text: c.fileText }));
    const extractLines = new Map((await cliLines<Extraction & { id: string }>(['extract', '--jsonl'], records)).map((x) => [x.id, x.places]));
    const geoparseLines = new Map((await cliLines<{ id: string; places: PlaceMention[] }>(['geoparse', '--jsonl'], records)).map((x) => [x.id, x.places]));
    for (const c of everyText) {
      const fromFile = extracted.get(c.name)!.places;
      assert.ok(fromFile.length > 0, `${c.name}: places found`);
      assert.deepEqual((await cli<{ places: PlaceMention[] }>(['geoparse', c.input, '--json'])).places, fromFile, `${c.name}: geoparse FILE = extract FILE`);
      assert.deepEqual(geoparseLines.get(c.name), fromFile, `${c.name}: geoparse --jsonl = extract FILE`);
      assert.deepEqual(extractLines.get(c.name), fromFile, `${c.name}: extract --jsonl = extract FILE`);
    }
  });

  it('ingest stores the file as given, and show prints it', async (t) => {
    const db = join(tempDir(t), 'corridor.db');
    const ingested = await runCliInProcess(['ingest', ...cases.map((c) => c.input), '--db', db]);
    assert.equal(ingested.status, 0, ingested.stderr);
    for (const c of cases) {
      const shown = await cli<{ document: { text: string } }>(['show', extracted.get(c.name)!.document.id, '--db', db, '--json']);
      assert.equal(shown.document.text, c.fileText, `${c.name}: the stored text is the file`);
    }
  });

  describe('the API', () => {
    let fixture: Fixture;
    before(async () => { fixture = await createFixture(cases.map((c) => c.input)); });
    after(() => fixture.close());

    for (const c of cases) {
      it(`${c.name}: serves the file as the document's text, and the extraction extract printed`, async () => {
        const { id } = extracted.get(c.name)!.document;
        assert.equal(json<{ text: string }>(await fixture.app.inject(`/api/documents/${id}`)).text, c.fileText);
        assert.deepEqual(json<Extraction>(await fixture.app.inject(`/api/documents/${id}/extraction`)), extracted.get(c.name));
      });
    }
  });
});
