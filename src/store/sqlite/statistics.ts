import type { Database } from 'better-sqlite3';

/** The table whose size drives re-analysis: the map's queries read it. */
const WATCHED = 'events';
/** Re-analyse once the table has grown by this factor since it was last analysed. */
const GROWTH = 2;

/**
 * Keeps the query planner's statistics in step with the data: runs a full
 * `ANALYZE` when the events table has no histogram samples yet or has
 * doubled since it was last analysed. Returns whether it analysed.
 *
 * Written here rather than left to `PRAGMA optimize`: since SQLite 3.46
 * optimize analyses with an `analysis_limit`, which keeps no `sqlite_stat4`
 * samples, and only after tenfold growth. Without samples the planner cannot
 * tell a town-sized viewport from a country-wide one: it read every event of
 * a box over Iraq and Syria through the position index and sorted them
 * (182 ms for a 1000-event page over 65k events, against 17 ms in time order),
 * and under load those reads stalled the server for seconds.
 *
 * A full ANALYZE costs about 0.1 s per 65k events; doubling keeps its total
 * cost proportional to the data written.
 *
 * @example
 * refreshStatistics(db); // true after the first events are stored, false until they double
 */
export function refreshStatistics(db: Database): boolean {
  const rows = (db.prepare(`SELECT max(rowid) FROM ${WATCHED}`).pluck().get() as number | null) ?? 0;
  if (rows === 0) return false;
  if (rows < GROWTH * analysedRows(db) && hasSamples(db)) return false;
  db.exec('PRAGMA analysis_limit = 0; ANALYZE');
  return true;
}

const statTableExists = (db: Database, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** Rows the table had when it was last analysed: the first number of a stat1 row is its index's row count (partial indexes count fewer). */
function analysedRows(db: Database): number {
  if (!statTableExists(db, 'sqlite_stat1')) return 0;
  return (db.prepare('SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = ?').pluck().get(WATCHED) as number | null) ?? 0;
}

function hasSamples(db: Database): boolean {
  return statTableExists(db, 'sqlite_stat4') && db.prepare('SELECT 1 FROM sqlite_stat4 WHERE tbl = ? LIMIT 1').get(WATCHED) !== undefined;
}
