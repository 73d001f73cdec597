import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corridorPhrases, loadCorridorCues } from '../../src/corridors/index.js';
import { assertExpected, assertSpan, fixtureCases } from './support.js';

const stage = corridorPhrases({ cues: loadCorridorCues() });

for (const c of fixtureCases('events/corridors')) {
  test(`corridors: ${c.name}`, () => {
    const before = structuredClone(c.analysis);
    const { corridors = [] } = stage(c.analysis);
    assert.deepEqual(c.analysis, before, 'the stage does not mutate its input');
    for (const corridor of corridors) {
      assertSpan(c.text, corridor, `corridor "${corridor.name}"`);
      assert.ok(corridor.text.endsWith(corridor.name), 'the name is the text without its article');
      assert.ok(corridor.waypoints.length >= 1, 'a corridor has waypoints');
      for (const w of corridor.waypoints) {
        assert.ok(w.start! >= corridor.start && w.end! <= corridor.end, `waypoint ${w.name} lies inside the phrase`);
      }
    }
    assertExpected(c.dir, corridors);
  });
}
