import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { NamedEntry } from './entry.js';
import { geonamesId } from './geonames-dump.js';

/*
 * Entries imported from GeoNames dumps live in the SQLite store file, in a
 * table of their own, so `corridor gazetteer import` survives restarts and
 * every command that opens the store sees them.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS gazetteer_imported (
  geonameid INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  feature_class TEXT NOT NULL,
  feature_code TEXT NOT NULL,
  country TEXT,
  admin1_code TEXT,
  population INTEGER NOT NULL,
  names TEXT NOT NULL
)`;

function requireFile(location: string): void {
  if (/^postgres(?:ql)?:\/\//i.test(location)) throw new Error(`${location.replace(/:[^:@/]*@/, ':***@')}: gazetteer imports are kept in a SQLite store; pass --db FILE`);
}

/** Streams entries into the store in batches of one transaction each; returns how many were written. */
export async function importGazetteerEntries(location: string, entries: AsyncIterable<NamedEntry>, onBatch?: (count: number) => void): Promise<number> {
  requireFile(location);
  const db = new Database(location);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    const insert = db.prepare(`INSERT OR REPLACE INTO gazetteer_imported
      (geonameid, name, lat, lon, feature_class, feature_code, country, admin1_code, population, names)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const writeBatch = db.transaction((batch: NamedEntry[]) => {
      for (const e of batch) insert.run(e.geonameid, e.name, e.lat, e.lon, e.featureClass, e.featureCode, e.country, e.admin1Code, e.population, JSON.stringify(e.names));
    });
    let batch: NamedEntry[] = [];
    let count = 0;
    for await (const entry of entries) {
      batch.push(entry);
      if (batch.length === 5000) { writeBatch(batch); count += batch.length; batch = []; onBatch?.(count); }
    }
    writeBatch(batch);
    count += batch.length;
    return count;
  } finally {
    db.close();
  }
}

/** The imported entries of a store file; none when the file or table does not exist. */
export function readImportedEntries(location: string): NamedEntry[] {
  if (/^postgres(?:ql)?:\/\//i.test(location) || location === ':memory:' || !existsSync(location)) return [];
  const db = new Database(location, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'gazetteer_imported'`).get();
    if (!table) return [];
    const rows = db.prepare('SELECT * FROM gazetteer_imported ORDER BY geonameid').all() as {
      geonameid: number; name: string; lat: number; lon: number; feature_class: string; feature_code: string;
      country: string | null; admin1_code: string | null; population: number; names: string;
    }[];
    return rows.map((r) => ({
      geonameid: geonamesId(r.geonameid), name: r.name, lat: r.lat, lon: r.lon, featureClass: r.feature_class, featureCode: r.feature_code,
      country: r.country, admin1Code: r.admin1_code, population: r.population, source: 'import', names: JSON.parse(r.names) as string[],
    }));
  } finally {
    db.close();
  }
}
