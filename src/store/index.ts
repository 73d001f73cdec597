import { openSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export type OpenStoreOptions = SqliteStoreOptions;

/**
 * The store at a location: a file path (or `:memory:`) is a SQLite database;
 * `postgres://` URLs are the branch point for the PostgreSQL store.
 *
 * @example
 * const store = await openStore(process.env.CORRIDOR_DB ?? 'corridor.db');
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^postgres(?:ql)?:\/\//i.test(location)) {
    throw new Error(`${redactPassword(location)}: PostgreSQL stores are not supported yet; use a SQLite file path`);
  }
  return openSqliteStore(location, options);
}

function redactPassword(location: string): string {
  return location.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export type * from './store.js';
