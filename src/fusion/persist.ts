import { compareKeys } from './mentions.js';
import type { FusionSettings } from './settings.js';
import { emptyState, fileCluster, fileMention, type DocumentEntry, type FusionContext, type FusionState } from './state.js';
import { statusOf, summarize } from './summary.js';
import type { ClusterMention, Contradiction, MentionKey } from './types.js';

/** The fusion state as saved in the store (`fusion:state`): mentions and cluster membership; summaries and indexes are rebuilt. */
export interface SavedFusionState {
  format: 1;
  settings: FusionSettings;
  documents: DocumentEntry[];
  superseded: string[];
  mentions: ClusterMention[];
  clusters: MentionKey[][];
  contradictions: Contradiction[];
}

export function saveState(state: FusionState): SavedFusionState {
  const byId = <T extends { id: string }>(a: T, b: T) => compareKeys(a.id, b.id);
  return {
    format: 1,
    settings: state.context.settings,
    documents: [...state.documents.values()].sort(byId),
    superseded: [...state.superseded].sort(compareKeys),
    mentions: [...state.mentions.values()].sort((a, b) => compareKeys(a.key, b.key)),
    clusters: [...state.clusters.values()].sort(byId).map((c) => c.mentions.map((m) => m.key)),
    contradictions: [...state.contradictions.values()].sort(byId),
  };
}

/**
 * Rebuilds a state from what `saveState` wrote, without matching anything
 * again. Null when it was saved under other settings (or another format):
 * the caller then fuses from scratch.
 */
export function restoreState(saved: SavedFusionState, context: FusionContext): FusionState | null {
  if (saved.format !== 1 || JSON.stringify(saved.settings) !== JSON.stringify(context.settings)) return null;
  const state = emptyState(context);
  for (const d of saved.documents) state.documents.set(d.id, d);
  for (const id of saved.superseded) state.superseded.add(id);
  for (const m of saved.mentions) fileMention(state, m);
  for (const cx of saved.contradictions) {
    state.contradictions.set(cx.id, cx);
    for (const id of [cx.a.clusterId, cx.b.clusterId]) {
      const set = state.contradictionsOf.get(id);
      if (set) set.add(cx.id);
      else state.contradictionsOf.set(id, new Set([cx.id]));
    }
  }
  for (const keys of saved.clusters) {
    const summary = summarize(keys.map((k) => state.mentions.get(k)!), context.normalizeName);
    const contradictions = [...(state.contradictionsOf.get(summary.id) ?? [])].sort(compareKeys);
    fileCluster(state, { ...summary, contradictions, status: statusOf(summary.corroboration.score, contradictions.length) });
  }
  return state;
}
