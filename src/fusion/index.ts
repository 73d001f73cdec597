/**
 * Fusion: what documents say together. `fuse` builds the state from
 * scratch, `addDocuments` extends it (same result, in any order), and the
 * views (`fusionResult` and the functions below) read it.
 *
 * @example
 * const state = fuse(inputs);                  // or restore and addDocuments(state, newInputs)
 * const { clusters, contradictions } = fusionResult(state);
 */
import type { Snapshot, Store } from '../store/store.js';
import { corridorReports, type UserCorridorDefinition } from './corridors.js';
import type { FusionInput } from './mentions.js';
import { restoreState, saveState, type SavedFusionState } from './persist.js';
import { snapshotDigest } from './snapshot.js';
import { sourceProfiles } from './sources.js';
import { createFusionContext, type FusionContext } from './context.js';
import { addDocuments, emptyState, type FusionChange, type FusionState } from './state.js';
import { controlTimelines } from './timeline.js';
import { trajectories } from './trajectory.js';
import type { FusionResult, SnapshotDigest } from './types.js';
import { compareKeys } from './mentions.js';

export type * from './types.js';
export { addDocuments, emptyState, fuse, type FusionChange, type FusionState } from './state.js';
export { createFusionContext, type FusionContext } from './context.js';
export { mentionKey, type FusionInput } from './mentions.js';
export { loadFusionSettings, type FusionSettings } from './settings.js';
export { saveState, restoreState, type SavedFusionState } from './persist.js';
export { controlTimeline, controlTimelines } from './timeline.js';
export { controlAreas, controlAreasOf, controlSites, settlementPopulation, type ControlAreaOptions, type ControlAreaProperties, type ControlAreas, type ControlSiteProperties, type ControlSites } from './control-areas.js';
export { loadControlSettings, type ControlAreaSettings, type ControlSettings } from './control-settings.js';
export { trajectory, trajectories } from './trajectory.js';
export { corridorDefinitions, corridorReport, corridorReports, loadUserCorridors, parseUserCorridors, type UserCorridor, type UserCorridorDefinition, type WaypointResolver } from './corridors.js';
export { sourceProfiles } from './sources.js';
export { snapshotDigest, diffSnapshots } from './snapshot.js';
export { actorDirectory, findActor, findCorridor, findPlace, placeMatcher, type ActorDirectory, type PlaceDirectory } from './lookup.js';
export { placeKey } from './space-time.js';
export { describeCluster } from './clusters.js';

/** Store keys of fusion's derived data. */
export const FUSION_STATE_KEY = 'fusion:state';
/** The lock every fusion refresh holds (see `Store.withLock`). */
export const FUSION_LOCK = 'corridor:fusion-refresh';
export const snapshotKey = (id: number) => `snapshot:${id}`;

/** How to compute each view of the state. Clusters and contradictions sorted by id. */
export function fusionViews(state: FusionState, userCorridors: UserCorridorDefinition[] = []): { [View in keyof FusionResult]: () => FusionResult[View] } {
  const byId = <T extends { id: string }>(a: T, b: T) => compareKeys(a.id, b.id);
  return {
    clusters: () => [...state.clusters.values()].sort(byId),
    contradictions: () => [...state.contradictions.values()].sort(byId),
    timelines: () => controlTimelines(state),
    trajectories: () => trajectories(state),
    corridors: () => corridorReports(state, userCorridors),
    sources: () => sourceProfiles(state),
  };
}

/** Every view of the state at once. */
export function fusionResult(state: FusionState, userCorridors: UserCorridorDefinition[] = []): FusionResult {
  const views = fusionViews(state, userCorridors);
  return {
    clusters: views.clusters(), contradictions: views.contradictions(), timelines: views.timelines(),
    trajectories: views.trajectories(), corridors: views.corridors(), sources: views.sources(),
  };
}

/** The saved state, or an empty one when there is none or it was built with other settings. */
export async function loadFusionState(store: Store, context: FusionContext = createFusionContext()): Promise<FusionState> {
  const saved = await store.getDerived<SavedFusionState>(FUSION_STATE_KEY);
  return (saved && restoreState(saved, context)) ?? emptyState(context);
}

export interface RefreshResult {
  state: FusionState;
  change: FusionChange;
  snapshot: Snapshot;
}

/**
 * The saved state with every stored document it has not seen yet added in
 * memory (nothing is written): what fusion knows about the store right now.
 */
export async function currentFusionState(store: Store, context: FusionContext = createFusionContext()): Promise<{ state: FusionState; change: FusionChange }> {
  const state = await loadFusionState(store, context);
  const inputs: FusionInput[] = [];
  for (const document of await store.listDocuments()) {
    if (state.documents.has(document.id) || state.superseded.has(document.id)) continue;
    const extraction = await store.getExtraction(document.id);
    if (extraction) inputs.push({ document, extraction });
  }
  return { state, change: addDocuments(state, inputs) };
}

/**
 * Brings fusion up to date after an ingest run: adds the documents the saved
 * state has not seen, saves the state, and records the run as a snapshot
 * (its digest under `snapshot:<id>`, for `corridor diff`).
 */
export async function refreshFusion(store: Store, options: { context?: FusionContext; label?: string | null } = {}): Promise<RefreshResult> {
  // A refresh reads the saved state, adds what it has not seen and writes it back:
  // two at once (workers, `corridor ingest`, the API) would each lose the other's documents.
  return store.withLock(FUSION_LOCK, async () => {
    const { state, change } = await currentFusionState(store, options.context);
    await store.putDerived(FUSION_STATE_KEY, saveState(state));
    const snapshot = await store.createSnapshot(options.label ?? null);
    await store.putDerived(snapshotKey(snapshot.id), snapshotDigest(state, snapshot));
    return { state, change, snapshot };
  });
}

export async function loadSnapshotDigest(store: Store, id: number): Promise<SnapshotDigest | null> {
  return store.getDerived<SnapshotDigest>(snapshotKey(id));
}
