import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * Brings a database to the newest schema: the migrations not yet recorded in
 * `schema_migrations` run in version order, all in one transaction (a failed
 * upgrade leaves the database as it was). Returns the versions applied by
 * this call (none for an up-to-date database).
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const newestKnown = ordered.at(-1)?.version ?? 0;
  // IMMEDIATE takes the write lock before reading, so two processes opening a
  // new database at once cannot both apply the same migration.
  return db.transaction(() => {
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const newestApplied = Math.max(0, ...applied);
    if (newestApplied > newestKnown) {
      throw new Error(`the database has schema version ${newestApplied}, newer than this Corridor knows (${newestKnown}); upgrade Corridor`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const done: number[] = [];
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      done.push(migration.version);
    }
    return done;
  }).immediate();
}
