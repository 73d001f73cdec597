import type { ClientBase } from 'pg';
import { MIGRATIONS } from './migrations/index.js';

export interface MigrationContext {
  /** Whether PostGIS may be used (it still must be installable). */
  postgis: boolean;
  /** Records what the migration set up (`store_settings`), e.g. `spatial = postgis`. */
  record(key: string, value: string): Promise<void>;
}

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration transaction. */
  up(client: ClientBase, context: MigrationContext): Promise<void>;
}

/** Any constant shared by every Corridor process: the key of the migration lock. */
const MIGRATION_LOCK = 0x636f7272; // "corr"

/**
 * Brings a database to the newest schema: the migrations not yet recorded in
 * `schema_migrations` run in version order, all in one transaction (a failed
 * upgrade leaves the database as it was). An advisory lock makes workers that
 * start together on a new database wait for the first one instead of racing
 * it. Returns the versions applied by this call.
 */
export async function migrate(client: ClientBase, options: { postgis?: boolean } = {}, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const newestKnown = ordered.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at text NOT NULL
    )`);
    await client.query('CREATE TABLE IF NOT EXISTS store_settings (key text PRIMARY KEY, value text NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const newestApplied = Math.max(0, ...applied);
    if (newestApplied > newestKnown) {
      throw new Error(`the database has schema version ${newestApplied}, newer than this Corridor knows (${newestKnown}); upgrade Corridor`);
    }
    const context: MigrationContext = {
      postgis: options.postgis ?? true,
      record: async (key, value) => {
        await client.query('INSERT INTO store_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
      },
    };
    const done: number[] = [];
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue;
      await migration.up(client, context);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date().toISOString()]);
      done.push(migration.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Creates an extension if this server has it and this role may create it;
 * false otherwise, with the transaction still usable (the attempt runs in a
 * savepoint).
 */
export async function tryCreateExtension(client: ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_available_extensions WHERE name = $1', [name]);
  if (rows.length === 0) return false;
  await client.query('SAVEPOINT create_extension');
  try {
    await client.query(`CREATE EXTENSION IF NOT EXISTS ${client.escapeIdentifier(name)}`);
    await client.query('RELEASE SAVEPOINT create_extension');
    return true;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT create_extension');
    return false;
  }
}
