import assert from 'node:assert/strict';
import { test } from 'node:test';
import { events, loadEventCues, loadPloverTable } from '../../src/events/index.js';
import { assertExpected, assertSpan, fixtureCases } from './support.js';

const stage = events({ cues: loadEventCues(), plover: loadPloverTable() });

for (const c of fixtureCases('events')) {
  test(`events: ${c.name}`, () => {
    for (const m of [...c.analysis.places, ...c.analysis.actors, ...c.analysis.times]) assertSpan(c.text, m, `${c.name} input mention`);
    const before = structuredClone(c.analysis);
    const { events: found = [] } = stage(c.analysis);
    assert.deepEqual(c.analysis, before, 'the stage does not mutate its input');
    for (const e of found) {
      assertSpan(c.text, e.trigger, `${e.id} trigger`);
      assert.deepEqual(e.evidence[0], { start: e.trigger.start, end: e.trigger.end }, `${e.id}: the trigger is the first evidence`);
      for (const span of e.evidence) assertSpan(c.text, span, `${e.id} evidence`);
      const last = e.evidence.at(-1)!;
      assert.ok(last.start <= e.trigger.start && e.trigger.end <= last.end, `${e.id}: the clause evidence holds the trigger`);
      assert.equal(e.id, `${c.analysis.document.id.slice(0, 12)}:${e.trigger.start}:${e.type}`);
    }
    assertExpected(c.dir, found);
  });
}
