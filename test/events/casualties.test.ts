import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { compileCasualtyCues, events, loadCasualtyCues } from '../../src/events/index.js';
import { readJsonResource } from '../../src/resources.js';
import type { Casualties } from '../../src/types.js';
import { assertSpan, fixtureCases } from './support.js';

interface Expected {
  trigger: string;
  occurrence?: number;
  casualties: Omit<Casualties, 'evidence'> | null;
}

const stage = events();
const fixture = fixtureCases('events').find((c) => c.name === 'casualties')!;
const expected = JSON.parse(readFileSync(join(fixture.dir, 'casualties.json'), 'utf8')) as Expected[];

/** Start of the n-th whole-word occurrence of a word. */
function nth(text: string, word: string, n = 1): number {
  const found = [...text.matchAll(new RegExp(`\\b${word}\\b`, 'g'))][n - 1];
  assert.ok(found, `"${word}" occurs ${n} times`);
  return found.index!;
}

test('casualties: counts, ranges, vague figures and victims, read off the event\'s sentence', () => {
  const found = stage(fixture.analysis).events ?? [];
  for (const e of expected) {
    const start = nth(fixture.text, e.trigger, e.occurrence);
    const event = found.find((f) => f.trigger.start === start);
    assert.ok(event, `an event at "${e.trigger}" #${e.occurrence ?? 1}`);
    const figures = event.casualties && { killed: event.casualties.killed, wounded: event.casualties.wounded, abducted: event.casualties.abducted, civilians: event.casualties.civilians };
    assert.deepEqual(figures, e.casualties, `casualties of "${e.trigger}" #${e.occurrence ?? 1}`);
    for (const ev of event.casualties?.evidence ?? []) assertSpan(fixture.text, ev, `${event.id} casualty evidence`);
  }
});

test('casualties: every figure keeps the words it was read from', () => {
  for (const event of stage(fixture.analysis).events ?? []) {
    const c = event.casualties;
    if (!c) continue;
    for (const kind of ['killed', 'wounded', 'abducted'] as const) {
      assert.equal(c.evidence.some((ev) => ev.kind === kind), c[kind] !== null, `${event.id}: ${kind} has evidence exactly when it has a count`);
    }
    assert.ok(c.evidence.every((ev) => ev.rule.startsWith('casualties:')), `${event.id}: each figure names its rule`);
  }
});

test('casualties: a phrase that is a cue of two kinds is refused with the file named', () => {
  const data = readJsonResource<{ cues: Record<string, { countAfter: string[] }> }>('casualties.json');
  data.cues.wounded!.countAfter.push('killed');
  assert.throws(() => compileCasualtyCues(data, 'mine.json'), /mine\.json: "killed" is a cue of two kinds/);
  assert.doesNotThrow(() => loadCasualtyCues());
});
