import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyAnalysis, type Analysis } from '../../src/pipeline.js';
import { packageRoot } from '../../src/resources.js';
import { segment } from '../../src/text/segment.js';
import { isChecked, type CheckedEvent, type DocumentMeta, type Event, type Span } from '../../src/types.js';

/** One fixture case: `input.txt` plus the hand-built `analysis.json` (see test/fixtures/events/make-analysis.mjs). */
export interface FixtureCase {
  name: string;
  dir: string;
  text: string;
  analysis: Analysis;
}

export function fixtureCases(area: 'events' | 'claims' | 'events/corridors'): FixtureCase[] {
  const root = join(packageRoot, 'test', 'fixtures', area);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'input.txt')))
    .map((d) => loadCase(d.name, join(root, d.name)));
}

function loadCase(name: string, dir: string): FixtureCase {
  const text = readFileSync(join(dir, 'input.txt'), 'utf8');
  const input = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8')) as Pick<Analysis, 'places' | 'actors' | 'times'> & { document: Omit<DocumentMeta, 'text'> };
  const analysis: Analysis = {
    ...emptyAnalysis({ ...input.document, text }),
    ...segment(text),
    places: input.places, actors: input.actors, times: input.times,
  };
  return { name, dir, text, analysis };
}

/** The events of a pipeline with the claims stage, every one of them read by it. */
export function checkedEvents(events: readonly Event[]): CheckedEvent[] {
  const checked = events.filter(isChecked);
  assert.equal(checked.length, events.length, 'the claims stage read every event');
  return checked;
}

/** `text.slice(start, end)` is the item's text, and the span lies inside the document. */
export function assertSpan(text: string, span: Span & { text?: string }, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets`);
  assert.ok(span.start >= 0 && span.start < span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} inside the text`);
  if (span.text !== undefined) assert.equal(text.slice(span.start, span.end), span.text, `${what}: text matches its span`);
}

/** Compares with `expected.json`, or rewrites it when REGEN=1 (then review it by eye). */
export function assertExpected(dir: string, actual: unknown): void {
  const file = join(dir, 'expected.json');
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.REGEN === '1' || !existsSync(file)) {
    writeFileSync(file, json);
    return;
  }
  assert.deepEqual(JSON.parse(json), JSON.parse(readFileSync(file, 'utf8')));
}
