import {
  createFusionContext, fusionResult, loadFusionState, loadUserCorridors, refreshFusion,
  type ClaimStatus, type FusionContext, type FusionResult, type UserCorridorDefinition,
} from '../fusion/index.js';
import type { Store } from '../store/store.js';

/** What the API needs to read fusion: its context and the user's corridors, loaded once. */
export interface FusionResources {
  context: FusionContext;
  userCorridors: UserCorridorDefinition[];
}

export function loadFusionResources(): FusionResources {
  return { context: createFusionContext(), userCorridors: loadUserCorridors() };
}

export interface FusionReader {
  /** The views of the stored fusion state; recomputed only when the store has changed since the last call. */
  read(): Promise<FusionResult>;
  /** Fuses documents the state has not seen yet (after ingestion). */
  refresh(label?: string | null): Promise<void>;
}

/**
 * Fusion as the API serves it. Every ingestion run ends with a snapshot, so
 * the newest snapshot id and the document count tell whether the cached
 * result is still current — also after `corridor ingest` ran in another process.
 */
export function createFusionReader(store: Store, resources: FusionResources): FusionReader {
  let cached: { version: string; result: Promise<FusionResult> } | null = null;
  const version = async () => {
    const [snapshots, documents] = await Promise.all([store.listSnapshots(), store.countDocuments()]);
    return `${Math.max(0, ...snapshots.map((s) => s.id))}:${documents}`;
  };
  return {
    async read() {
      const current = await version();
      if (cached?.version !== current) {
        const result = loadFusionState(store, resources.context).then((state) => fusionResult(state, resources.userCorridors));
        cached = { version: current, result };
        result.catch(() => { if (cached?.result === result) cached = null; });
      }
      return cached.result;
    },
    async refresh(label = null) {
      await refreshFusion(store, { context: resources.context, label });
    },
  };
}

export interface EventFusion {
  clusterId: string;
  corroboration: number;
  status: ClaimStatus;
}

/** Looks up an event mention (`<docId>/<eventId>`) in the clusters it was fused into. */
export function indexMentions(fusion: FusionResult): Map<string, EventFusion> {
  const index = new Map<string, EventFusion>();
  for (const cluster of fusion.clusters) {
    for (const mention of cluster.mentions) {
      index.set(mention.key, { clusterId: cluster.id, corroboration: cluster.corroboration.score, status: cluster.status });
    }
  }
  return index;
}
