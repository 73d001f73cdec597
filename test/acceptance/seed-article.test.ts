import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareDocument } from '../../src/ingest/index.js';
import { defaultPipeline } from '../shared-resources.js';

// The canonical example (an opinion blog post of July 2017) is shared beside the project, never copied into it.
const SEED = fileURLToPath(new URL('../../../../shared/reference/seed-article.txt', import.meta.url));

test('the seed article: who moved where, who says so, and how', { skip: !existsSync(SEED) && 'seed article not present' }, async () => {
  const { document } = prepareDocument({ text: readFileSync(SEED, 'utf8'), publishedAt: '2017-07-11', outlet: 'blog', source: SEED, input: SEED });
  const x = (await defaultPipeline()).extract(document);
  const text = document.text;
  const moves = x.events.filter((e) => e.type === 'movement');
  const route = (from: string, to: string) => moves.filter((e) => e.origin?.name === from && e.destination?.name === to);
  // Both relocations the post claims, with the author as the one who asserts them.
  assert.ok(route('Mosul', 'Tall ‘Afar').some((e) => e.attribution?.sourceKind === 'author'), 'Mosul -> Tal Afar by the author');
  assert.ok(route('Ar Raqqah', 'Tadmur').length > 0, 'Raqqa -> Palmyra');
  // The corridors toward Palmyra come from a quoted report, not from the author's own voice.
  const corridors = x.events.filter((e) => e.type === 'agreement' && e.subtype === 'corridor');
  assert.ok(corridors.some((e) => e.destination?.name === 'Tadmur' && e.attribution && e.attribution.sourceKind !== 'author'), 'corridor toward Palmyra, attributed');
  // Nested attribution: an outlet quoting an anonymous source.
  const outletQuote = x.statements.findIndex((s) => s.speakerKind === 'outlet' && /AlSumaria/.test(s.speaker));
  assert.ok(outletQuote >= 0, 'AlSumaria News as a source');
  assert.ok(x.statements.some((s) => s.parent === outletQuote && s.speakerKind === 'anonymous'), 'the source it quoted, nested inside');
  // Rhetorical questions and the author's opinion are marked as such.
  assert.ok(x.sentences.some((s) => s.stance === 'question' && /Can that be a coincidence\?/.test(text.slice(s.start, s.end))));
  assert.ok(x.sentences.some((s) => s.stance === 'opinion' && /I think/.test(text.slice(s.start, s.end))));
  // "July 10/2017" is read as a day.
  assert.ok(x.times.some((t) => t.from === '2017-07-10' && t.precision === 'day'));
  // The axes the post names become corridors through resolved places.
  assert.ok(x.corridors.some((c) => c.waypoints.length >= 3), 'a three-place axis');
  // Every span is the text it claims to be.
  for (const item of [...x.places, ...x.actors, ...x.times, ...x.corridors]) assert.equal(text.slice(item.start, item.end), item.text);
  for (const e of x.events) assert.equal(text.slice(e.trigger.start, e.trigger.end), e.trigger.text);
});
