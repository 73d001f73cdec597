import type { PlaceRef } from '../types.js';
import { detectContradictions, type ClusterLookup } from './contradictions.js';
import { compareKeys, dayWindow, readMentions, type FusionInput } from './mentions.js';
import { createFusionContext, type FusionContext } from './context.js';
import { monthsOf, type DayWindow } from './space-time.js';
import { summarize } from './clusters.js';
import { splitComponent, type SplitContext } from './split.js';
import { corroborate } from './corroboration.js';
import { statusOf } from './status.js';
import type { ClusterMention, Contradiction, EventCluster, MentionKey } from './types.js';

/** A corridor as one document names it. */
export interface CorridorMention {
  docId: string;
  start: number;
  end: number;
  text: string;
  name: string;
  waypoints: PlaceRef[];
}

export interface DocumentEntry {
  id: string;
  outlet: string | null;
  publishedAt: string | null;
  previousVersion: string | null;
  mentions: MentionKey[];
  corridors: CorridorMention[];
}

/**
 * Everything fusion knows, kept up to date document by document. Clusters
 * are the connected components of the "same event" relation over mentions,
 * each split where its own dates say it tells several events (split.ts);
 * the indexes (not saved) find a new mention's partners without scanning.
 * `addDocuments` updates a state in place.
 */
export interface FusionState {
  readonly context: FusionContext;
  documents: Map<string, DocumentEntry>;
  /** Documents replaced by a newer version: never fused, whenever they arrive. */
  superseded: Set<string>;
  mentions: Map<MentionKey, ClusterMention>;
  clusterOf: Map<MentionKey, string>;
  clusters: Map<string, EventCluster>;
  contradictions: Map<string, Contradiction>;
  contradictionsOf: Map<string, Set<string>>;
  windows: Map<MentionKey, DayWindow | null>;
  mentionIndex: Map<string, MentionKey[]>;
  clusterIndex: Map<string, string[]>;
}

/** What one call to `addDocuments` changed. */
export interface FusionChange {
  documentsAdded: string[];
  documentsRemoved: string[];
  mentionsAdded: number;
  clustersRemoved: string[];
  clustersAdded: string[];
  contradictionsRemoved: string[];
  contradictionsAdded: string[];
}

export function emptyState(context: FusionContext): FusionState {
  return {
    context,
    documents: new Map(), superseded: new Set(), mentions: new Map(), clusterOf: new Map(), clusters: new Map(),
    contradictions: new Map(), contradictionsOf: new Map(), windows: new Map(), mentionIndex: new Map(), clusterIndex: new Map(),
  };
}

// Index buckets are short arrays: far lighter than sets, and a bucket holds a few ids.
function file(index: Map<string, string[]>, keys: string[], id: string): void {
  for (const k of keys) {
    const bucket = index.get(k);
    if (!bucket) index.set(k, [id]);
    else if (!bucket.includes(id)) bucket.push(id);
  }
}

function unfile(index: Map<string, string[]>, keys: string[], id: string): void {
  for (const k of keys) {
    const bucket = index.get(k);
    const at = bucket?.indexOf(id) ?? -1;
    if (at < 0) continue;
    bucket!.splice(at, 1);
    if (bucket!.length === 0) index.delete(k);
  }
}

/**
 * The days a cluster's mentions span. Contradiction rules compare the mentions' own windows, which
 * may reach past the cluster's (its narrowest): filed and looked up by these, two clusters find each
 * other from either side, whichever was added last.
 */
function mentionDays(ctx: FusionContext, c: EventCluster): DayWindow | null {
  let from = Infinity;
  let to = -Infinity;
  for (const m of c.mentions) {
    const w = dayWindow(m.time, ctx.settings.maxWindowDays);
    if (w) [from, to] = [Math.min(from, w.from), Math.max(to, w.to)];
  }
  return from <= to ? { from, to } : dayWindow(c.time, ctx.settings.maxWindowDays);
}

/**
 * Cluster index keys: by type, slot, grid cell and month for places; by type
 * and actor for agreements. `type` may differ from the cluster's own, to look
 * up clusters of another type near it.
 */
function clusterKeys(ctx: FusionContext, c: EventCluster, type: EventCluster['type'], near: boolean): string[] {
  const w = mentionDays(ctx, c);
  if (!w) return [];
  const tolerance = near ? ctx.settings.timeToleranceDays : 0;
  const months = monthsOf(w.from - tolerance, w.to + tolerance);
  const keys: string[] = [];
  for (const slot of ['location', 'origin'] as const) {
    const p = c[slot];
    if (!p) continue;
    for (const cell of near ? ctx.grid.cellsNear(p) : [ctx.grid.cellOf(p)]) for (const m of months) keys.push(`${type}|${slot}|${cell}|${m}`);
  }
  if (type === 'agreement') {
    for (const a of [c.agent, c.patient]) if (a) for (const m of months) keys.push(`${type}|actor|${a.actorId}|${m}`);
  }
  return keys;
}

/** A cluster of mentions with its corroboration; contradictions (none yet) and status follow from the state. */
export function buildCluster(ctx: FusionContext, mentions: readonly ClusterMention[]): EventCluster {
  const core = summarize(mentions, ctx.normalizeName);
  const corroboration = corroborate(core.mentions, ctx.sourceNames);
  return { ...core, corroboration, contradictions: [], ...statusOf({ corroboration, contradictions: [] }) };
}

function splitContext(state: FusionState): SplitContext {
  return { matcher: state.context.matcher, windowOf: (m) => state.windows.get(m.key) ?? null, timeToleranceDays: state.context.settings.timeToleranceDays };
}

/** Puts a mention in the state and its index. */
export function fileMention(state: FusionState, m: ClusterMention): void {
  const w = dayWindow(m.time, state.context.settings.maxWindowDays);
  state.mentions.set(m.key, m);
  state.windows.set(m.key, w);
  file(state.mentionIndex, state.context.matcher.indexKeys(m, w), m.key);
}

/** Puts a cluster in the state and its index. */
export function fileCluster(state: FusionState, cluster: EventCluster): void {
  state.clusters.set(cluster.id, cluster);
  for (const m of cluster.mentions) state.clusterOf.set(m.key, cluster.id);
  file(state.clusterIndex, clusterKeys(state.context, cluster, cluster.type, false), cluster.id);
}

function lookupClusters(state: FusionState): ClusterLookup {
  return function* (type, slot, cluster) {
    const seen = new Set<string>();
    for (const key of clusterKeys(state.context, cluster, type, true)) {
      if (!key.startsWith(`${type}|${slot}|`)) continue;
      for (const id of state.clusterIndex.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        yield state.clusters.get(id)!;
      }
    }
  };
}

class UnionFind {
  private parent = new Map<string, string>();
  has(x: string): boolean {
    return this.parent.has(x);
  }
  find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    if (!this.parent.has(x)) this.parent.set(x, x);
    for (let y = x; y !== root;) {
      const next = this.parent.get(y)!;
      this.parent.set(y, root);
      y = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  groups(): string[][] {
    const out = new Map<string, string[]>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      const g = out.get(r);
      if (g) g.push(x);
      else out.set(r, [x]);
    }
    return [...out.values()];
  }
}

/**
 * Adds documents to the state (in place) and returns what changed. Only the
 * clusters the new mentions touch are rebuilt; the result equals `fuse` over
 * all the documents in any order. A document naming a `previousVersion`
 * replaces that version.
 */
export function addDocuments(state: FusionState, inputs: readonly FusionInput[]): FusionChange {
  const ctx = state.context;
  const incoming = new Map<string, FusionInput>();
  const replaced: string[] = [];
  for (const input of inputs) {
    if (!state.documents.has(input.document.id) && !incoming.has(input.document.id)) incoming.set(input.document.id, input);
    const previous = input.document.previousVersion;
    if (previous) {
      state.superseded.add(previous);
      replaced.push(previous);
    }
  }
  const added = [...incoming.values()].filter((i) => !state.superseded.has(i.document.id));
  const removed = [...new Set(replaced)].filter((id) => state.documents.has(id));

  const removedKeys = removed.flatMap((id) => state.documents.get(id)!.mentions);
  for (const id of removed) state.documents.delete(id);
  const newMentions: ClusterMention[] = [];
  for (const input of added) {
    const mentions = readMentions(input, ctx.semantics);
    newMentions.push(...mentions);
    const { id, outlet, publishedAt } = input.document;
    state.documents.set(id, {
      id, outlet, publishedAt, previousVersion: input.document.previousVersion ?? null,
      mentions: mentions.map((m) => m.key),
      corridors: input.extraction.corridors.map((c) => ({
        docId: id, start: c.start, end: c.end, text: c.text, name: c.name,
        waypoints: c.waypoints.map(({ geonameid, name, lat, lon }) => ({ geonameid, name, lat, lon })),
      })),
    });
  }
  const change = recluster(state, removedKeys, newMentions);
  return { documentsAdded: added.map((i) => i.document.id).sort(), documentsRemoved: removed.sort(), mentionsAdded: newMentions.length, ...change };
}

function recluster(state: FusionState, removedKeys: MentionKey[], newMentions: ClusterMention[]): Omit<FusionChange, 'documentsAdded' | 'documentsRemoved' | 'mentionsAdded'> {
  const { matcher } = state.context;
  const stale = new Set<string>();
  const dirty = new Set<MentionKey>();

  // A removed mention's partners are regrouped too: the events split from its connected group (split.ts)
  // are a function of the whole group, and what is left of it may now fall into other groups.
  const partners = new Set<MentionKey>();
  for (const key of removedKeys) {
    const m = state.mentions.get(key)!;
    const w = state.windows.get(key)!;
    for (const k of matcher.lookupKeys(m, w)) for (const c of state.mentionIndex.get(k) ?? []) if (matcher.compatible(m, w, state.mentions.get(c)!, state.windows.get(c)!)) partners.add(c);
  }
  for (const key of removedKeys) {
    const m = state.mentions.get(key)!;
    unfile(state.mentionIndex, matcher.indexKeys(m, state.windows.get(key)!), key);
    stale.add(state.clusterOf.get(key)!);
    state.mentions.delete(key);
    state.windows.delete(key);
    state.clusterOf.delete(key);
  }
  // What is left of a cluster that lost mentions may fall apart: its members are regrouped from scratch.
  for (const key of partners) if (state.mentions.has(key)) stale.add(state.clusterOf.get(key)!);
  for (const id of stale) for (const m of state.clusters.get(id)!.mentions) if (state.mentions.has(m.key)) dirty.add(m.key);

  for (const m of newMentions) {
    fileMention(state, m);
    dirty.add(m.key);
  }

  const groups = new UnionFind();
  for (const key of dirty) {
    groups.find(key);
    const m = state.mentions.get(key)!;
    const w = state.windows.get(key)!;
    const candidates = new Set<MentionKey>();
    for (const k of matcher.lookupKeys(m, w)) for (const c of state.mentionIndex.get(k) ?? []) candidates.add(c);
    for (const c of candidates) {
      // Already joined (through its cluster or another mention): no need to ask again.
      if (c === key || (groups.has(c) && groups.find(c) === groups.find(key))) continue;
      if (!matcher.compatible(m, w, state.mentions.get(c)!, state.windows.get(c)!)) continue;
      if (!dirty.has(c)) {
        // An untouched cluster is connected already: joining one member brings all of them. Its members are
        // matched in turn, so the whole connected group is found, with the clusters split from it (split.ts).
        const id = state.clusterOf.get(c)!;
        if (!stale.has(id)) {
          stale.add(id);
          for (const member of state.clusters.get(id)!.mentions) {
            groups.union(member.key, c);
            dirty.add(member.key);
          }
        }
      }
      groups.union(key, c);
    }
  }

  for (const id of stale) {
    const cluster = state.clusters.get(id);
    if (!cluster) continue;
    unfile(state.clusterIndex, clusterKeys(state.context, cluster, cluster.type, false), id);
    state.clusters.delete(id);
  }
  const split = splitContext(state);
  const created: EventCluster[] = groups.groups()
    .flatMap((keys) => splitComponent(keys.map((k) => state.mentions.get(k)!), split))
    .map((mentions) => buildCluster(state.context, mentions));
  for (const cluster of created) fileCluster(state, cluster);
  const createdIds = new Set(created.map((c) => c.id));
  const contradictions = updateContradictions(state, [...stale], created);
  return {
    clustersRemoved: [...stale].filter((id) => !createdIds.has(id)).sort(compareKeys),
    clustersAdded: [...createdIds].filter((id) => !stale.has(id)).sort(compareKeys),
    ...contradictions,
  };
}

/**
 * Drops the contradictions of clusters that are gone and finds those of the
 * new ones, then updates the status of every cluster whose contradictions changed.
 */
export function updateContradictions(state: FusionState, removedClusters: string[], created: EventCluster[]) {
  const touched = new Set<string>(created.map((c) => c.id));
  const removed = new Set<string>();
  for (const id of removedClusters) {
    for (const cx of state.contradictionsOf.get(id) ?? []) {
      const c = state.contradictions.get(cx);
      if (!c) continue;
      state.contradictions.delete(cx);
      removed.add(cx);
      for (const side of [c.a.clusterId, c.b.clusterId]) {
        state.contradictionsOf.get(side)?.delete(cx);
        touched.add(side);
      }
    }
    state.contradictionsOf.delete(id);
  }
  const added = new Set<string>();
  const lookup = lookupClusters(state);
  for (const cluster of created) {
    for (const cx of detectContradictions(cluster, lookup, state.context)) {
      if (state.contradictions.has(cx.id)) continue;
      state.contradictions.set(cx.id, cx);
      if (removed.has(cx.id)) removed.delete(cx.id);
      else added.add(cx.id);
      for (const side of [cx.a.clusterId, cx.b.clusterId]) {
        const set = state.contradictionsOf.get(side);
        if (set) set.add(cx.id);
        else state.contradictionsOf.set(side, new Set([cx.id]));
        touched.add(side);
      }
    }
  }
  for (const id of touched) {
    const cluster = state.clusters.get(id);
    if (!cluster) continue;
    const ids = [...(state.contradictionsOf.get(id) ?? [])].sort(compareKeys);
    state.clusters.set(id, { ...cluster, contradictions: ids, ...statusOf({ corroboration: cluster.corroboration, contradictions: ids }) });
  }
  return { contradictionsRemoved: [...removed].sort(compareKeys), contradictionsAdded: [...added].sort(compareKeys) };
}

/** Fuses documents from scratch. */
export function fuse(inputs: readonly FusionInput[], context: FusionContext = createFusionContext()): FusionState {
  const state = emptyState(context);
  addDocuments(state, inputs);
  return state;
}
