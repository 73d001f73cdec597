import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claims, loadModalityCues } from '../../src/claims/index.js';
import { events } from '../../src/events/index.js';
import type { Analysis } from '../../src/pipeline.js';
import { assertExpected, assertSpan, fixtureCases } from '../events/support.js';

const eventStage = events();
const claimStage = claims({ cues: loadModalityCues() });

for (const c of fixtureCases('claims')) {
  test(`claims: ${c.name}`, () => {
    for (const m of [...c.analysis.places, ...c.analysis.actors, ...c.analysis.times]) assertSpan(c.text, m, `${c.name} input mention`);
    const withEvents: Analysis = { ...c.analysis, ...eventStage(c.analysis) };
    const before = structuredClone(withEvents);
    const out = claimStage(withEvents);
    assert.deepEqual(withEvents, before, 'the stage does not mutate its input');
    const statements = out.statements ?? [];
    const sentences = out.sentences ?? [];
    const found = out.events ?? [];
    assert.equal(sentences.length, c.analysis.sentences.length, 'every sentence keeps its place');
    assert.equal(found.length, withEvents.events.length, 'claims keeps every event');
    statements.forEach((s, i) => {
      assertSpan(c.text, s, `statement ${i} content`);
      if (s.cueStart !== null) assertSpan(c.text, { start: s.cueStart, end: s.cueEnd! }, `statement ${i} cue`);
      if (s.parent !== null) {
        const p = statements[s.parent]!;
        assert.ok(s.parent !== i && p.start <= s.start && s.end <= p.end, `statement ${i} lies inside its parent`);
      }
    });
    for (const e of found) {
      assert.equal(e.attribution.chain[0]!.sourceKind, 'author', `${e.id}: the chain starts with the author`);
      assert.deepEqual(e.attribution.chain.at(-1)!.source, e.attribution.source, `${e.id}: the source is the innermost link`);
      if (e.attribution.cueStart !== null) assertSpan(c.text, { start: e.attribution.cueStart, end: e.attribution.cueEnd! }, `${e.id} cue`);
    }
    assertExpected(c.dir, {
      statements: statements.map((s) => ({ ...s, content: c.text.slice(s.start, s.end), cue: s.cueStart === null ? null : c.text.slice(s.cueStart, s.cueEnd!) })),
      events: found.map((e) => ({
        trigger: e.trigger.text, at: e.trigger.start, type: e.type, subtype: e.subtype,
        source: e.attribution.chain.map((l) => `${l.source} (${l.sourceKind})`).join(' > '),
        attribution: e.attribution, modality: e.modality, negated: e.negated, factuality: e.factuality, plover: e.plover,
      })),
      sentences: sentences.map((s) => ({ stance: s.stance, text: c.text.slice(s.start, s.end) })),
    });
  });
}
