import { isPostgresUrl } from './common.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export type OpenStoreOptions = SqliteStoreOptions & PostgresStoreOptions;

/**
 * The store at a location: a `postgres://` (or `postgresql://`) URL is a
 * PostgreSQL database, anything else a SQLite file path (or `:memory:`).
 *
 * @example
 * const store = await openStore(process.env.CORRIDOR_DB ?? 'corridor.db');
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) return openPostgresStore(location, options);
  return openSqliteStore(location, options);
}

export { isPostgresUrl };
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { openPostgresStore, PostgresStore, type PostgresStoreOptions, type SpatialIndex } from './postgres/postgres-store.js';
export { readOffThread, type OffThreadStore } from './sqlite/off-thread.js';
export type * from './store.js';
