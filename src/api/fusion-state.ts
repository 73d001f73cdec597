import {
  createFusionContext, fusionViews, loadFusionState, loadUserCorridors, refreshFusion,
  type ClaimStatus, type FusionContext, type FusionResult, type FusionState, type UserCorridorDefinition,
} from '../fusion/index.js';
import type { Store } from '../store/store.js';
import { oneQueryAtATime } from './one-query-at-a-time.js';

/** What the API needs to read fusion: its context and the user's corridors, loaded once. */
export interface FusionResources {
  context: FusionContext;
  userCorridors: UserCorridorDefinition[];
}

export function loadFusionResources(): FusionResources {
  return { context: createFusionContext(), userCorridors: loadUserCorridors() };
}

export interface FusionReader {
  /** Fusion's context: its settings and the one name normalisation. */
  readonly context: FusionContext;
  readonly userCorridors: UserCorridorDefinition[];
  /** The views of the stored fusion state; recomputed only when the store has changed since the last call. */
  read(): Promise<FusionResult>;
  /** The newest snapshot's id: fusion's state changes only with a new one. */
  version(): Promise<number>;
  /** The stored fusion state the views are computed from, for lookups by name; read-only. */
  state(): Promise<FusionState>;
  /** Fuses documents the state has not seen yet (after ingestion). */
  refresh(label?: string | null): Promise<void>;
}

/**
 * Fusion as the API serves it: the saved state, which changes only when a
 * refresh saves it and records a snapshot. The newest snapshot id tells
 * whether the cached result is still current — also after `corridor ingest`
 * or a worker refreshed in another process. Documents saved since (an ingest
 * still running) enter at the next refresh; they do not make every request
 * recompute the views meanwhile.
 */
export function createFusionReader(store: Store, resources: FusionResources): FusionReader {
  let cached: { version: number; state: Promise<FusionState>; result: Promise<FusionResult> } | null = null;
  const version = oneQueryAtATime(async () => Math.max(0, ...(await store.listSnapshots()).map((s) => s.id)));
  const current = async () => {
    const latest = await version();
    if (cached?.version !== latest) {
      const state = loadFusionState(store, resources.context);
      const result = state.then((s) => lazyViews(fusionViews(s, resources.userCorridors)));
      const entry = { version: latest, state, result };
      cached = entry;
      result.catch(() => { if (cached === entry) cached = null; });
    }
    return cached;
  };
  return {
    context: resources.context,
    userCorridors: resources.userCorridors,
    version,
    read: async () => (await current()).result,
    state: async () => (await current()).state,
    async refresh(label = null) {
      await refreshFusion(store, { context: resources.context, label });
    },
  };
}

/**
 * The views, each computed when first read and then kept. The loaded state
 * is this reader's own and never changes, so a view read late is the same
 * as one read early; the map's event list needs only the clusters, and
 * corridor reports and timelines took seconds on a large store.
 */
function lazyViews(views: ReturnType<typeof fusionViews>): FusionResult {
  const result = {} as FusionResult;
  for (const view of Object.keys(views) as Array<keyof FusionResult>) {
    Object.defineProperty(result, view, {
      enumerable: true,
      configurable: true,
      get() {
        const value = views[view]();
        Object.defineProperty(result, view, { value, enumerable: true });
        return value;
      },
    });
  }
  return result;
}

export interface EventFusion {
  clusterId: string;
  corroboration: number;
  status: ClaimStatus;
}

const mentionIndexes = new WeakMap<FusionResult, ReadonlyMap<string, EventFusion>>();

/** Looks up an event mention (`<docId>/<eventId>`) in the clusters it was fused into; built once per fusion result. */
export function indexMentions(fusion: FusionResult): ReadonlyMap<string, EventFusion> {
  const known = mentionIndexes.get(fusion);
  if (known) return known;
  const index = new Map<string, EventFusion>();
  mentionIndexes.set(fusion, index);
  for (const cluster of fusion.clusters) {
    for (const mention of cluster.mentions) {
      index.set(mention.key, { clusterId: cluster.id, corroboration: cluster.corroboration.score, status: cluster.status });
    }
  }
  return index;
}
