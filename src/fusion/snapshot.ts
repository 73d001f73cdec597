import type { Snapshot } from '../store/store.js';
import { compareKeys } from './mentions.js';
import { placeKey } from './space-time.js';
import type { FusionState } from './state.js';
import { describeCluster } from './clusters.js';
import { controlTimelines } from './timeline.js';
import type { FusionDiff, SnapshotDigest } from './types.js';

/** The compact record of what fusion knew at a snapshot: enough to diff, not to rebuild. */
export function snapshotDigest(state: FusionState, snapshot: Pick<Snapshot, 'id' | 'createdAt'>): SnapshotDigest {
  const clusters: SnapshotDigest['clusters'] = {};
  for (const c of [...state.clusters.values()].sort((a, b) => compareKeys(a.id, b.id))) {
    clusters[c.id] = { mentions: c.mentions.map((m) => m.key), status: c.status, score: c.corroboration.score, label: describeCluster(c) };
  }
  const contradictions: SnapshotDigest['contradictions'] = {};
  for (const cx of [...state.contradictions.values()].sort((a, b) => compareKeys(a.id, b.id))) {
    contradictions[cx.id] = { kind: cx.kind, a: cx.a.clusterId, b: cx.b.clusterId };
  }
  const control: SnapshotDigest['control'] = {};
  for (const t of controlTimelines(state)) {
    control[placeKey(t.place, state.context.normalizeName)] = {
      place: t.place.name,
      periods: t.periods.map((p) => ({ holder: p.holder?.name ?? null, from: p.from, status: p.status, changeClusterId: p.changeClusterId })),
    };
  }
  return { snapshotId: snapshot.id, createdAt: snapshot.createdAt, clusters, contradictions, control };
}

/**
 * What changed from one snapshot to another: events added (and removed, when
 * a document was replaced), clusters merged, claims newly corroborated or
 * contradicted, and changes of control.
 */
export function diffSnapshots(a: SnapshotDigest, b: SnapshotDigest): FusionDiff {
  const clusterOf = (digest: SnapshotDigest) => {
    const map = new Map<string, string>();
    for (const [id, c] of Object.entries(digest.clusters)) for (const m of c.mentions) map.set(m, id);
    return map;
  };
  const before = clusterOf(a);
  const after = clusterOf(b);
  const diff: FusionDiff = {
    from: a.snapshotId, to: b.snapshotId,
    eventsAdded: [], eventsRemoved: [], clustersMerged: [], newlyCorroborated: [], newlyContradicted: [], controlChanges: [],
  };
  for (const [mention, clusterId] of after) {
    if (!before.has(mention)) diff.eventsAdded.push({ mention, clusterId, label: b.clusters[clusterId]!.label });
  }
  for (const [mention, clusterId] of before) {
    if (!after.has(mention)) diff.eventsRemoved.push({ mention, clusterId, label: a.clusters[clusterId]!.label });
  }
  for (const [id, c] of Object.entries(b.clusters)) {
    const sources = [...new Set(c.mentions.flatMap((m) => (before.has(m) ? [before.get(m)!] : [])))].sort(compareKeys);
    if (sources.length >= 2) diff.clustersMerged.push({ clusterId: id, label: c.label, from: sources });
    if (c.score < 2) continue;
    const earlier = Math.max(0, ...sources.map((s) => a.clusters[s]!.score));
    if (earlier < 2) diff.newlyCorroborated.push({ clusterId: id, label: c.label, before: earlier, after: c.score });
  }
  // A contradiction is old if the clusters it joins grew out of clusters that were already in it.
  const earlierPairs = new Set(Object.values(a.contradictions).map((cx) => `${cx.kind}|${cx.a}|${cx.b}`));
  const predecessors = (id: string) => [...new Set(b.clusters[id]!.mentions.flatMap((m) => (before.has(m) ? [before.get(m)!] : [])))];
  for (const [id, cx] of Object.entries(b.contradictions)) {
    const seen = predecessors(cx.a).some((pa) => predecessors(cx.b).some((pb) => earlierPairs.has(`${cx.kind}|${pa}|${pb}`)));
    if (seen) continue;
    diff.newlyContradicted.push({ contradictionId: id, kind: cx.kind, a: cx.a, b: cx.b, labels: [b.clusters[cx.a]!.label, b.clusters[cx.b]!.label] });
  }
  const periodKey = (p: { holder: string | null; from: string }) => `${p.holder ?? ''}|${p.from}`;
  for (const key of [...new Set([...Object.keys(a.control), ...Object.keys(b.control)])].sort(compareKeys)) {
    const old = new Map((a.control[key]?.periods ?? []).map((p) => [periodKey(p), p]));
    const now = new Map((b.control[key]?.periods ?? []).map((p) => [periodKey(p), p]));
    const place = b.control[key]?.place ?? a.control[key]!.place;
    for (const [k, p] of now) {
      const was = old.get(k);
      if (!was) diff.controlChanges.push({ place, holder: p.holder, from: p.from, change: 'added', status: p.status });
      else if (was.status !== p.status) diff.controlChanges.push({ place, holder: p.holder, from: p.from, change: 'status-changed', status: p.status, before: was.status });
    }
    for (const [k, p] of old) if (!now.has(k)) diff.controlChanges.push({ place, holder: p.holder, from: p.from, change: 'removed', status: p.status });
  }
  const byMention = (x: { mention: string }, y: { mention: string }) => compareKeys(x.mention, y.mention);
  diff.eventsAdded.sort(byMention);
  diff.eventsRemoved.sort(byMention);
  diff.clustersMerged.sort((x, y) => compareKeys(x.clusterId, y.clusterId));
  diff.newlyCorroborated.sort((x, y) => compareKeys(x.clusterId, y.clusterId));
  diff.newlyContradicted.sort((x, y) => compareKeys(x.contradictionId, y.contradictionId));
  return diff;
}
