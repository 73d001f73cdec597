import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDocuments, createFusionContext, describeCluster, diffSnapshots, emptyState, fuse, fusionResult, parseUserCorridors, snapshotDigest,
  type FusionResult, type FusionState,
} from '../../src/fusion/index.js';
import { compareWithExpected, documentText, fusionFixtures, fusionInput, type FixtureInput } from './fixtures.js';

const context = createFusionContext();

/** The parts of a result a reviewer needs to judge a case, with the evidence's words. */
function project(input: FixtureInput, state: FusionState, result: FusionResult) {
  const texts = new Map(input.documents.map((d) => [d.id, documentText(d)]));
  const words = (m: { docId: string; start: number; end: number }) => texts.get(m.docId)!.slice(m.start, m.end);
  const out: Record<string, unknown> = {};
  for (const part of input.show) {
    switch (part) {
      case 'clusters':
        out['clusters'] = result.clusters.map((c) => ({
          id: c.id,
          claim: describeCluster(c),
          status: c.status,
          why: c.statusReason,
          score: c.corroboration.score,
          independentSources: c.corroboration.independentSources,
          mentions: c.corroboration.explanation.map((e) => {
            const m = c.mentions.find((x) => x.key === e.mention)!;
            const linked = m.placeFrom ? ` (place from ${m.placeFrom})` : '';
            return `${m.docId} "${words(m)}"${linked} [${m.weight}] -> ${e.role}: ${e.reason}`;
          }),
        }));
        break;
      case 'contradictions':
        out['contradictions'] = result.contradictions.map((x) => ({
          kind: x.kind,
          a: { clusterId: x.a.clusterId, claim: x.a.claim, sources: x.a.sources, evidence: x.a.mentions.map((m) => `${m.docId}@${m.start}-${m.end} "${words(m)}"`) },
          b: { clusterId: x.b.clusterId, claim: x.b.claim, sources: x.b.sources, evidence: x.b.mentions.map((m) => `${m.docId}@${m.start}-${m.end} "${words(m)}"`) },
          explanation: x.explanation,
        }));
        break;
      case 'timelines':
        out['timelines'] = result.timelines.map((t) => ({
          place: t.place.name,
          periods: t.periods.map((p) => ({
            holder: p.holder?.name ?? null, lostBy: p.loser?.name ?? null, from: p.from, to: p.to, status: p.status,
            change: p.changeClusterId, claims: p.claims, contradictions: p.contradictions.map((id) => state.contradictions.get(id)!.kind),
          })),
        }));
        break;
      case 'trajectories':
        out['trajectories'] = result.trajectories.map((t) => ({
          actor: t.actor.name,
          unit: t.unit,
          steps: t.steps.map((s) => `${s.place.name} ${s.from}..${s.to} ${s.status} ${s.clusterIds.join(',')}`),
          geojson: t.geojson,
        }));
        break;
      case 'corridors':
        out['corridors'] = result.corridors.map((c) => ({
          ...c,
          mentions: c.mentions.map((m) => `${m.docId}@${m.start}-${m.end} "${m.text}"`),
          control: c.control.map((t) => `${t.place.name}: ${t.periods.map((p) => `${p.holder?.name ?? '?'} from ${p.from} (${p.status})`).join('; ')}`),
        }));
        break;
      case 'sources':
        out['sources'] = result.sources;
        break;
      case 'diff':
        break;
    }
  }
  return out;
}

describe('fusion: fixtures', () => {
  for (const fixture of fusionFixtures()) {
    it(fixture.name, () => {
      const { input } = fixture;
      const inputs = input.documents.map(fusionInput);
      const userCorridors = parseUserCorridors({ corridors: input.userCorridors ?? [] }, `${fixture.name}/input.json`);
      const state = fuse(inputs, context);
      const actual = project(input, state, fusionResult(state, userCorridors));

      if (input.show.includes('diff')) {
        assert.ok(input.runs, 'a diff case lists its runs');
        const incremental = emptyState(context);
        const digests = input.runs.map((run, i) => {
          addDocuments(incremental, inputs.filter((d) => run.includes(d.document.id)));
          return snapshotDigest(incremental, { id: i + 1, createdAt: `2017-01-0${i + 1}T00:00:00.000Z` });
        });
        actual['diff'] = digests.slice(1).map((digest, i) => diffSnapshots(digests[i]!, digest));
      }
      compareWithExpected(fixture, actual);
    });
  }
});

describe('fusion: inputs', () => {
  it('does not change the extractions it reads', () => {
    const fixture = fusionFixtures().find((f) => f.name === 'three-outlets-one-event')!;
    const inputs = fixture.input.documents.map(fusionInput);
    const before = JSON.stringify(inputs);
    fuse(inputs, context);
    assert.equal(JSON.stringify(inputs), before);
  });

  it('ignores a document already fused and fuses nothing from an empty document', () => {
    const fixture = fusionFixtures().find((f) => f.name === 'three-outlets-one-event')!;
    const inputs = fixture.input.documents.map(fusionInput);
    const state = fuse(inputs, context);
    const again = addDocuments(state, inputs.slice(0, 1));
    assert.deepEqual([again.documentsAdded, again.clustersAdded, again.clustersRemoved], [[], [], []]);
    const empty = fusionInput({ id: 'empty', outlet: 'Nobody', publishedAt: '2017-01-01', sentences: [['Nothing happened here.', 'fact']], events: [] });
    const change = addDocuments(state, [empty]);
    assert.deepEqual([change.documentsAdded, change.mentionsAdded, change.clustersAdded], [['empty'], 0, []]);
  });
});
