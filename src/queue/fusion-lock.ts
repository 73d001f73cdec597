import { refreshFusion, type RefreshResult } from '../fusion/index.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/store.js';

/**
 * The advisory lock held around every fusion refresh on a PostgreSQL store.
 * A refresh reads the saved fusion state, adds the documents it has not seen
 * and writes the state back: two at once would each write a state missing
 * the other's documents. Holding the lock, refreshes take turns, and each
 * sees every document saved before it started.
 */
export const FUSION_LOCK = 'corridor:fusion-refresh';

/**
 * `refreshFusion`, one at a time across every process using the database
 * (workers, `corridor ingest`, the API). Other stores refresh as they are.
 */
export async function refreshFusionExclusive(store: Store, options: Parameters<typeof refreshFusion>[1] = {}): Promise<RefreshResult> {
  if (store instanceof PostgresStore) return store.withLock(FUSION_LOCK, () => refreshFusion(store, options));
  return refreshFusion(store, options);
}
