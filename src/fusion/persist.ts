import { compareKeys, mentionKey, readControl } from './mentions.js';
import type { FusionSettings } from './settings.js';
import type { FusionContext } from './context.js';
import { buildCluster, emptyState, fileCluster, fileMention, updateContradictions, type DocumentEntry, type FusionState } from './state.js';
import type { ClusterMention, FusedActor } from './types.js';
import type { PlaceRef } from '../types.js';

/**
 * A mention as saved: places and actors are indexes into the state's tables,
 * and what its document or the settings give (key, outlet, date, offsets,
 * control reading) is left out.
 */
export interface SavedMention extends Omit<ClusterMention,
  'key' | 'docId' | 'outlet' | 'publishedAt' | 'start' | 'end' | 'control' | 'agent' | 'patient' | 'location' | 'origin' | 'destination'> {
  /** Index into `documents`. */
  doc: number;
  /** Indexes into `actors` and `places`. */
  agent: number | null;
  patient: number | null;
  location: number | null;
  origin: number | null;
  destination: number | null;
}

/**
 * The fusion state as saved in the store (`fusion:state`). Cluster
 * membership is kept; summaries, contradictions and indexes are rebuilt on
 * restore, which finds exactly what was there (they are functions of the
 * clusters).
 */
export interface SavedFusionState {
  format: 5;
  settings: FusionSettings;
  documents: Omit<DocumentEntry, 'mentions'>[];
  superseded: string[];
  places: PlaceRef[];
  actors: FusedActor[];
  mentions: SavedMention[];
  /** Each cluster as indexes into `mentions`. */
  clusters: number[][];
}

/** Assigns each distinct value a small number, by key. */
function table<T>(keyOf: (v: T) => string) {
  const index = new Map<string, number>();
  const values: T[] = [];
  return {
    values,
    ref(v: T | null): number | null {
      if (v === null) return null;
      const key = keyOf(v);
      let i = index.get(key);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        index.set(key, i);
      }
      return i;
    },
  };
}

export function saveState(state: FusionState): SavedFusionState {
  const byId = <T extends { id: string }>(a: T, b: T) => compareKeys(a.id, b.id);
  const documents = [...state.documents.values()].sort(byId);
  const docIndex = new Map(documents.map((d, i) => [d.id, i]));
  // Places keep their spelling per mention: the table is keyed by everything a PlaceRef holds.
  const places = table<PlaceRef>((p) => `${p.geonameid}|${p.name}|${p.lat}|${p.lon}`);
  const actors = table<FusedActor>((a) => `${a.actorId}|${a.name}|${a.kind}`);
  const mentions = [...state.mentions.values()].sort((a, b) => compareKeys(a.key, b.key));
  const position = new Map(mentions.map((m, i) => [m.key, i]));
  return {
    format: 5,
    settings: state.context.settings,
    documents: documents.map(({ mentions: _mentions, ...d }) => d),
    superseded: [...state.superseded].sort(compareKeys),
    mentions: mentions.map((m): SavedMention => ({
      doc: docIndex.get(m.docId)!, eventId: m.eventId, type: m.type, subtype: m.subtype,
      agent: actors.ref(m.agent), patient: actors.ref(m.patient),
      location: places.ref(m.location), origin: places.ref(m.origin), destination: places.ref(m.destination),
      placeFrom: m.placeFrom, operation: m.operation, unit: m.unit, continuing: m.continuing,
      ...(m.partial ? { partial: m.partial } : {}),
      source: m.source, sourceKind: m.sourceKind, chain: m.chain, modality: m.modality, negated: m.negated,
      stance: m.stance, weight: m.weight, time: m.time, evidence: m.evidence,
      sentence: m.sentence, copyKey: m.copyKey, casualties: m.casualties,
    })),
    clusters: [...state.clusters.values()].sort(byId).map((c) => c.mentions.map((m) => position.get(m.key)!)),
    places: places.values,
    actors: actors.values,
  };
}

/**
 * Rebuilds a state from what `saveState` wrote, without matching mentions
 * again. Null when it was saved in another format or under other settings:
 * the caller then fuses from scratch.
 */
export function restoreState(saved: SavedFusionState, context: FusionContext): FusionState | null {
  if (saved.format !== 5 || JSON.stringify(saved.settings) !== JSON.stringify(context.settings)) return null;
  const state = emptyState(context);
  for (const id of saved.superseded) state.superseded.add(id);
  const documents = saved.documents.map((d): DocumentEntry => ({ ...d, mentions: [] }));
  for (const d of documents) state.documents.set(d.id, d);
  const place = (i: number | null) => (i === null ? null : saved.places[i]!);
  const actor = (i: number | null) => (i === null ? null : saved.actors[i]!);
  const mentions = saved.mentions.map((m): ClusterMention => {
    const d = documents[m.doc]!;
    const agent = actor(m.agent);
    const patient = actor(m.patient);
    const key = mentionKey(d.id, m.eventId);
    d.mentions.push(key);
    // Fields in the order readMentions gives them, so restored and fused states serialise alike.
    return {
      key, docId: d.id, eventId: m.eventId, type: m.type, subtype: m.subtype, agent, patient,
      location: place(m.location), origin: place(m.origin), destination: place(m.destination),
      placeFrom: m.placeFrom, operation: m.operation, unit: m.unit, continuing: m.continuing,
      ...(m.partial ? { partial: m.partial } : {}),
      control: readControl(m, agent, patient, context.semantics, m.partial === true),
      start: Math.min(...m.evidence.map((e) => e.start)), end: Math.max(...m.evidence.map((e) => e.end)),
      outlet: d.outlet, publishedAt: d.publishedAt, source: m.source, sourceKind: m.sourceKind, chain: m.chain,
      modality: m.modality, negated: m.negated, stance: m.stance, weight: m.weight, time: m.time, evidence: m.evidence,
      sentence: m.sentence, copyKey: m.copyKey, casualties: m.casualties,
    };
  });
  for (const m of mentions) fileMention(state, m);
  const clusters = saved.clusters.map((members) => buildCluster(context, members.map((i) => mentions[i]!)));
  for (const cluster of clusters) fileCluster(state, cluster);
  updateContradictions(state, [], clusters);
  return state;
}
