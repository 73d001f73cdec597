import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claims, loadModalityCues } from '../../src/claims/index.js';
import { events } from '../../src/events/index.js';
import { fuse } from '../../src/fusion/index.js';
import { toExtraction, type Analysis } from '../../src/pipeline.js';
import { isOccurrence } from '../../src/types.js';
import { assertExpected, assertSpan, checkedEvents, fixtureCases } from '../events/support.js';

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
    const found = checkedEvents(out.events ?? []);
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
      messages: (out.messages ?? []).map((m) => ({ ruleId: m.ruleId, reason: m.reason, at: c.text.slice(m.start, m.end) })),
    });
  });
}

test('without the claims stage nothing says who asserts an event or how: null, not the author and "asserted"', () => {
  const c = fixtureCases('claims')[0]!;
  const unread: Analysis = { ...c.analysis, ...eventStage(c.analysis) };
  const extraction = toExtraction(unread);
  assert.ok(extraction.events.length > 0 && extraction.sentences.length > 0);
  for (const e of extraction.events) assert.deepEqual([e.attribution, e.modality, e.factuality], [null, null, null], e.id);
  for (const s of extraction.sentences) assert.equal(s.stance, null);
  // Fusion takes none of them as evidence; read by the claims stage, every one is.
  const document = { id: c.analysis.document.id, outlet: c.analysis.document.outlet, publishedAt: c.analysis.document.publishedAt };
  assert.equal(fuse([{ document, extraction }]).mentions.size, 0);
  const read = toExtraction({ ...unread, ...claimStage(unread) });
  assert.equal(fuse([{ document, extraction: read }]).mentions.size, read.events.length);
});

test('planned, intended and avoided events are no occurrences; what happened is', () => {
  const c = fixtureCases('claims').find((f) => f.name === 'aims-and-avoidance')!;
  const withEvents: Analysis = { ...c.analysis, ...eventStage(c.analysis) };
  const read = checkedEvents(claimStage(withEvents).events ?? []);
  const occurrences = read.filter(isOccurrence).map((e) => e.trigger.text);
  // The offensive is triggered by its light verb ('launched an offensive'), whose following noun gives the subtype.
  assert.deepEqual(occurrences, ['launched', 'agreed', 'entered']);
});
