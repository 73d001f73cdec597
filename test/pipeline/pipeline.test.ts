import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { prepareDocument } from '../../src/ingest/index.js';
import { packageRoot } from '../../src/resources.js';
import type { Extraction, PlaceRef, Span } from '../../src/types.js';
import { assertExpected, assertSpan, checkedEvents } from '../events/support.js';
import { defaultPipeline } from '../shared-resources.js';

// The whole pipeline (segment -> geo -> actors -> times -> events -> claims -> corridors) on short texts
// written for these tests. Each case is test/fixtures/pipeline/<case>/{input.txt, meta.json, expected.json};
// expected.json is a reviewed compact view of the extraction (REGEN=1 rewrites it; review it by eye).

const FIXTURES = join(packageRoot, 'test', 'fixtures', 'pipeline');
const SCHEMA_FILE = join(packageRoot, 'schema', 'extraction.schema.json');

interface Meta {
  publishedAt: string | null;
  outlet: string | null;
  url: string | null;
}

const pipeline = await defaultPipeline();
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The extraction of a case, with the document text its offsets point into. */
function extract(dir: string): { x: Extraction; text: string } {
  const input = join(dir, 'input.txt');
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  const { document } = prepareDocument({ text: readFileSync(input, 'utf8'), ...meta, source: input, input });
  return { x: pipeline.extract(document), text: document.text };
}

const name = (ref: PlaceRef | { name: string } | null) => ref?.name ?? null;

/** What a reviewer checks: who did what where and when, who says so and how, and what each sentence is. */
function compactView(x: Extraction, text: string) {
  const slice = (s: Span) => text.slice(s.start, s.end);
  return {
    events: checkedEvents(x.events).map((e) => ({
      type: e.type,
      subtype: e.subtype,
      trigger: e.trigger.text,
      agent: name(e.agent),
      patient: name(e.patient),
      origin: name(e.origin),
      destination: name(e.destination),
      location: name(e.location),
      time: { from: e.time.from, to: e.time.to, precision: e.time.precision },
      modality: e.modality,
      negated: e.negated,
      source: e.attribution.source,
      sourceKind: e.attribution.sourceKind,
      chain: e.attribution.chain.map((link) => link.source),
      evidence: slice(e.evidence.at(-1)!),
    })),
    statements: x.statements.map((s) => ({ speaker: s.speaker, kind: s.speakerKind, form: s.form, content: slice(s) })),
    sentences: x.sentences.map((s) => ({ stance: s.stance, text: slice(s) })),
    corridors: x.corridors.map((c) => ({ name: c.name, waypoints: c.waypoints.map((w) => w.name) })),
  };
}

/** Every span lies in the document, and `text.slice(start, end)` is the item's text where it has one. */
function assertSpans(x: Extraction, text: string): void {
  for (const p of x.places) assertSpan(text, p, `place ${p.text}`);
  for (const a of x.actors) assertSpan(text, a, `actor ${a.text}`);
  for (const t of x.times) assertSpan(text, t, `time ${t.text}`);
  for (const e of checkedEvents(x.events)) {
    assertSpan(text, e.trigger, `${e.id} trigger`);
    for (const span of e.evidence) assertSpan(text, span, `${e.id} evidence`);
    if (e.attribution.cueStart !== null) assertSpan(text, { start: e.attribution.cueStart, end: e.attribution.cueEnd! }, `${e.id} attribution cue`);
  }
  for (const s of x.statements) {
    assertSpan(text, s, `statement of ${s.speaker}`);
    if (s.cueStart !== null) assertSpan(text, { start: s.cueStart, end: s.cueEnd! }, `cue of ${s.speaker}`);
  }
  for (const s of x.sentences) assertSpan(text, s, 'sentence');
  for (const c of x.corridors) {
    assertSpan(text, c, `corridor ${c.name}`);
    for (const w of c.waypoints) if (w.start !== null) assertSpan(text, { start: w.start, end: w.end! }, `waypoint ${w.name}`);
  }
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'input.txt')))
  .map((d) => ({ name: d.name, dir: join(FIXTURES, d.name) }));

test('pipeline fixtures: there are cases to run', () => {
  assert.ok(cases.length >= 8, `${cases.length} cases in ${FIXTURES}`);
});

for (const c of cases) {
  test(`pipeline: ${c.name}`, () => {
    const { x, text } = extract(c.dir);
    assertSpans(x, text);
    assert.ok(validate(x), `the extraction matches schema/extraction.schema.json: ${JSON.stringify(validate.errors)}`);
    assertExpected(c.dir, compactView(x, text));
  });
}

test('schema: real output with a field the contract does not have is rejected', () => {
  const { x } = extract(join(FIXTURES, cases[0]!.name));
  assert.equal(validate({ ...x, events: x.events.map((e) => ({ ...e, extra: true })) }), false);
  assert.equal(validate({ ...x, sentences: x.sentences.map((s) => ({ ...s, stance: 'rumour' })) }), false);
});

test('schema: schema/extraction.schema.json is what `npm run schema` generates from src/types.ts', () => {
  const generated = createGenerator({ path: join(packageRoot, 'src', 'types.ts'), type: 'Extraction', skipTypeCheck: true }).createSchema('Extraction');
  assert.deepEqual(JSON.parse(JSON.stringify(generated)), schema, 'run `npm run schema` and commit schema/extraction.schema.json');
});
