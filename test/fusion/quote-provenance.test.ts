import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuse } from '../../src/fusion/index.js';
import { prepareDocument } from '../../src/ingest/index.js';
import { defaultPipeline } from '../shared-resources.js';

// Two outlets quote one statement word for word, each in a sentence of its own (#16, quote provenance).
const REPORTS = [
  { outlet: 'Demo Wire', text: 'The commander spoke late on Tuesday. In a statement, he said: "Our forces are now fully in control of the city of Raqqa after months of fighting."\n' },
  { outlet: 'Demo Radio', text: 'Hours later the SDF commander wrote on Twitter, "Our forces are now fully in control of the city of Raqqa after months of fighting," and thanked the coalition.\n' },
];

test('outlets quoting one statement verbatim carry one source, not two', async () => {
  const pipeline = await defaultPipeline();
  const inputs = REPORTS.map(({ outlet, text }) => {
    const { document } = prepareDocument({ text, outlet, publishedAt: '2017-10-18', source: `${outlet}.txt`, input: `${outlet}.txt` });
    return { document: { id: document.id, outlet, publishedAt: '2017-10-18', text }, extraction: pipeline.extract(document) };
  });
  const holdings = inputs.map(({ extraction }) => extraction.events.filter((e) => e.trigger.text === 'in control'));
  assert.deepEqual(holdings.map((h) => h.length), [1, 1], 'each report holds the quoted holding');
  assert.ok(holdings.every(([e]) => e!.attribution?.sourceKind !== 'author'), 'each report attributes it to the commander');
  const state = fuse(inputs);
  const cluster = [...state.clusters.values()].find((c) => c.mentions.length === 2 && c.type === 'control');
  assert.ok(cluster, 'the two mentions are one cluster');
  assert.equal(cluster.corroboration.score, 1, cluster.corroboration.explanation.map((e) => `${e.source}: ${e.reason}`).join('; '));
});
