import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DocumentMeta, Extraction } from '../../types.js';
import type { DocumentFilter, EventFilter, EventRecord, SaveOutcome, SearchHit, Snapshot, Store, StoredDocument, StoredEvent } from '../store.js';
import {
  checkBbox, checkPaging, DOCUMENT_COLUMNS, LISTED_EVENT_COLUMNS, parseEventRecord, toEventRecord, toSnapshot, toStoredDocument, type DocumentRow, type EventRow, type SnapshotRow,
} from '../common.js';
import {
  ACTOR_EVENTS_SQL, ACTOR_ROWS_SQL, EVENT_PLACE_COLUMNS, EVENT_PLACE_ROWS_SQL, eventPlaceRows, PLACE_ROWS_SQL, summariseActors, summarisePlaces,
  type ActorEventsRow, type ActorRow, type ActorSummary, type EventPlaceRow, type PlaceRow, type PlaceKeyOf, type PlaceSummary,
} from '../entities.js';
import { migrate } from './migrate.js';
import { refreshStatistics } from './statistics.js';

export interface SqliteStoreOptions {
  /** Refuse to create a new database (commands that only read). */
  mustExist?: boolean;
  /**
   * Open an existing database to read only, without migrating it: a second
   * connection beside the one that writes (see off-thread.ts).
   */
  readOnly?: boolean;
}

/** Rows fetched per step of `allExtractions`, so callers may write between steps. */
const PAGE = 100;
/** Saved documents between checks of the planner's statistics (a check costs microseconds). */
const STATISTICS_CHECK_EVERY = 100;

/**
 * The embedded store: one SQLite file in WAL mode (readers never wait for the
 * writer), full-text search with FTS5, and one transaction per document.
 * Lists, searches and event queries see the current version of each
 * document; older versions stay readable by id.
 *
 * @example
 * const store = openSqliteStore('corridor.db');
 * await store.saveDocument(document, pipeline.extract(document), 'article.txt'); // 'new'
 */
/** The tail of each named lock's queue of holders, per database file. */
const LOCKS = new Map<string, Promise<void>>();

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private savesSinceStatistics = 0;
  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.db = openDatabase(file, options);
  }

  async saveDocument(doc: DocumentMeta, extraction: Extraction, source: string | null = null): Promise<SaveOutcome> {
    if (extraction.document.id !== doc.id) {
      throw new Error(`the extraction is of document ${extraction.document.id}, not ${doc.id}`);
    }
    const outcome = this.db.transaction(() => this.writeDocument(doc, extraction, source)).immediate();
    if (outcome !== 'unchanged' && ++this.savesSinceStatistics >= STATISTICS_CHECK_EVERY) {
      this.savesSinceStatistics = 0;
      keepStatistics(this.db);
    }
    return outcome;
  }

  private writeDocument(doc: DocumentMeta, extraction: Extraction, source: string | null): SaveOutcome {
    const db = this.db;
    if (db.prepare('SELECT 1 FROM documents WHERE id = ?').get(doc.id)) return 'unchanged';

    // The version it replaces: the current document at the same URL, or,
    // for documents without one, from the same source (file or feed item).
    const previous = (doc.url
      ? db.prepare('SELECT id FROM documents WHERE url = ? AND superseded_by IS NULL ORDER BY seq DESC LIMIT 1').pluck().get(doc.url)
      : source
        ? db.prepare('SELECT id FROM documents WHERE url IS NULL AND source = ? AND superseded_by IS NULL ORDER BY seq DESC LIMIT 1').pluck().get(source)
        : undefined) as string | undefined;

    const { lastInsertRowid } = db.prepare(`INSERT INTO documents
      (id, title, url, outlet, author, published_at, published_at_source, language, text, source, previous_version, ingested_at, extraction)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      doc.id, doc.title, doc.url, doc.outlet, doc.author, doc.publishedAt, doc.publishedAtSource, doc.language, doc.text,
      source, previous ?? null, new Date().toISOString(), JSON.stringify(extraction),
    );
    if (previous) db.prepare('UPDATE documents SET superseded_by = ? WHERE id = ?').run(doc.id, previous);
    db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)').run(lastInsertRowid, doc.title ?? '', doc.text);

    const insertPlace = db.prepare(`INSERT INTO places (doc_id, idx, start_offset, end_offset, text, geonameid, name, lat, lon, country, admin1, feature_code, kind, precision, confidence, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    extraction.places.forEach((p, i) => insertPlace.run(doc.id, i, p.start, p.end, p.text, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.featureCode, p.kind, p.precision, p.confidence, JSON.stringify(p)));

    const insertActor = db.prepare('INSERT INTO actors (doc_id, idx, start_offset, end_offset, text, actor_id, name, kind, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    extraction.actors.forEach((a, i) => insertActor.run(doc.id, i, a.start, a.end, a.text, a.actorId, a.name, a.kind, JSON.stringify(a)));

    const insertEvent = db.prepare(`INSERT INTO events (doc_id, doc_seq, id, idx, type, subtype, modality, negated, agent_id, patient_id, source, source_kind, lat, lon, from_date, to_date, confidence, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    extraction.events.forEach((e, i) => {
      const where = e.location ?? e.destination;
      insertEvent.run(doc.id, lastInsertRowid, e.id, i, e.type, e.subtype, e.modality, e.negated ? 1 : 0, e.agent?.actorId ?? null, e.patient?.actorId ?? null,
        e.attribution?.source ?? null, e.attribution?.sourceKind ?? null, where?.lat ?? null, where?.lon ?? null, e.time.from, e.time.to, e.confidence, JSON.stringify(e));
    });

    const insertEventPlace = db.prepare(`INSERT INTO event_places (${EVENT_PLACE_COLUMNS.join(', ')}) VALUES (${EVENT_PLACE_COLUMNS.map(() => '?').join(', ')})`);
    for (const row of eventPlaceRows(doc.id, extraction.events)) insertEventPlace.run(...row);

    return previous ? 'updated' : 'new';
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const row = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ?`).get(id) as DocumentRow | undefined;
    return row ? toStoredDocument(row) : null;
  }

  async findDocuments(idPrefix: string): Promise<StoredDocument[]> {
    const prefix = idPrefix.trim().toLowerCase();
    // Ids are hex; anything else matches nothing (and cannot inject GLOB syntax).
    if (!/^[0-9a-f]+$/.test(prefix)) return [];
    const rows = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id GLOB ? ORDER BY seq`).all(`${prefix}*`) as DocumentRow[];
    return rows.map(toStoredDocument);
  }

  async listDocuments(filter: DocumentFilter = {}): Promise<StoredDocument[]> {
    const { limit, offset } = sqlitePaging(filter);
    const rows = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents
      WHERE superseded_by IS NULL AND (@outlet IS NULL OR outlet = @outlet)
      ORDER BY published_at IS NULL, published_at, seq LIMIT @limit OFFSET @offset`)
      .all({ outlet: filter.outlet ?? null, limit, offset }) as DocumentRow[];
    return rows.map(toStoredDocument);
  }

  async countDocuments(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM documents WHERE superseded_by IS NULL').pluck().get() as number;
  }

  async getExtraction(docId: string): Promise<Extraction | null> {
    const json = this.db.prepare('SELECT extraction FROM documents WHERE id = ?').pluck().get(docId) as string | undefined;
    return json === undefined ? null : JSON.parse(json) as Extraction;
  }

  /**
   * Full-text search in titles and texts. The query is FTS5 syntax (`"Tal
   * Afar"`, `Mosul OR Raqqa`); a query FTS5 cannot parse (`Tal-Afar`,
   * `ISIS's`) is searched as its words. `rank` is the BM25 relevance, higher is better.
   */
  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const statement = this.db.prepare(`SELECT d.id, d.title, d.outlet, d.published_at,
        snippet(documents_fts, -1, '[[', ']]', '…', 16) AS snippet, -bm25(documents_fts) AS score
      FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
      WHERE documents_fts MATCH ? AND d.superseded_by IS NULL
      ORDER BY bm25(documents_fts) LIMIT ?`);
    type Row = { id: string; title: string | null; outlet: string | null; published_at: string | null; snippet: string; score: number };
    let rows: Row[];
    try {
      rows = statement.all(query, limit) as Row[];
    } catch (error) {
      // FTS5 reports a query it cannot parse as a plain SQLITE_ERROR ("fts5: syntax error", "no such column: Afar").
      if (!(error instanceof Database.SqliteError) || error.code !== 'SQLITE_ERROR') throw error;
      const words = query.match(/[\p{L}\p{M}\p{N}_]+/gu);
      if (!words) return [];
      rows = statement.all(words.map((word) => `"${word}"`).join(' '), limit) as Row[];
    }
    return rows.map((r) => ({ docId: r.id, title: r.title, outlet: r.outlet, publishedAt: r.published_at, snippet: r.snippet, rank: r.score }));
  }

  /**
   * Events of current documents matching every given criterion: `bbox` on the
   * event's location (else destination), `from`/`to` as an overlap with the
   * event's time (prefixes such as `2017-07` work), `actor` as agent or
   * patient, `source` as the attributed source (case-insensitive). Ordered by
   * event time, then document and position.
   */
  async listEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    return (await this.listEventRecords(filter)).map(parseEventRecord);
  }

  async listEventRecords(filter: EventFilter = {}): Promise<EventRecord[]> {
    const { limit, offset } = sqlitePaging(filter);
    const conditions = ['d.superseded_by IS NULL'];
    const params: Record<string, unknown> = { limit, offset };
    if (filter.bbox) {
      const [west, south, east, north] = checkBbox(filter.bbox);
      conditions.push('e.lat BETWEEN @south AND @north');
      // A box across the antimeridian has west > east.
      conditions.push(west <= east ? 'e.lon BETWEEN @west AND @east' : '(e.lon >= @west OR e.lon <= @east)');
      Object.assign(params, { west, south, east, north });
    }
    if (filter.from) {
      conditions.push('substr(coalesce(e.to_date, e.from_date), 1, length(@from)) >= @from');
      params['from'] = filter.from;
    }
    if (filter.to) {
      conditions.push('substr(coalesce(e.from_date, e.to_date), 1, length(@to)) <= @to');
      params['to'] = filter.to;
    }
    const equal = { type: 'e.type', modality: 'e.modality', docId: 'e.doc_id' } as const;
    for (const [key, column] of Object.entries(equal) as Array<[keyof typeof equal, string]>) {
      if (filter[key] === undefined) continue;
      conditions.push(`${column} = @${key}`);
      params[key] = filter[key];
    }
    if (filter.actor !== undefined) {
      conditions.push('(e.agent_id = @actor OR e.patient_id = @actor)');
      params['actor'] = filter.actor;
    }
    if (filter.source !== undefined) {
      conditions.push('e.source = @source COLLATE NOCASE');
      params['source'] = filter.source;
    }
    const rows = this.db.prepare(`SELECT ${LISTED_EVENT_COLUMNS}
      FROM events e JOIN documents d ON d.id = e.doc_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY e.from_date IS NULL, e.from_date, e.doc_seq, e.idx
      LIMIT @limit OFFSET @offset`).all(params) as EventRow[];
    return rows.map(toEventRecord);
  }

  async listPlaces(placeKey: PlaceKeyOf): Promise<PlaceSummary[]> {
    return summarisePlaces(this.db.prepare(PLACE_ROWS_SQL).all() as PlaceRow[], this.db.prepare(EVENT_PLACE_ROWS_SQL).all() as EventPlaceRow[], placeKey);
  }

  async listActors(): Promise<ActorSummary[]> {
    return summariseActors(this.db.prepare(ACTOR_ROWS_SQL).all() as ActorRow[], this.db.prepare(ACTOR_EVENTS_SQL).all() as ActorEventsRow[]);
  }

  /** Current documents with their extractions, in ingestion order, read a page at a time. */
  async *allExtractions(): AsyncIterable<{ document: StoredDocument; extraction: Extraction }> {
    const page = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS}, extraction FROM documents
      WHERE seq > ? AND superseded_by IS NULL ORDER BY seq LIMIT ${PAGE}`);
    let after = 0;
    for (;;) {
      const rows = page.all(after) as Array<DocumentRow & { extraction: string }>;
      for (const row of rows) yield { document: toStoredDocument(row), extraction: JSON.parse(row.extraction) as Extraction };
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.seq;
    }
  }

  async putDerived(key: string, value: unknown): Promise<void> {
    this.db.prepare('INSERT INTO derived (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, JSON.stringify(value ?? null), new Date().toISOString());
  }

  async getDerived<T>(key: string): Promise<T | null> {
    const json = this.db.prepare('SELECT value FROM derived WHERE key = ?').pluck().get(key) as string | undefined;
    return json === undefined ? null : JSON.parse(json) as T;
  }

  async createSnapshot(label: string | null = null): Promise<Snapshot> {
    const row = this.db.prepare(`INSERT INTO snapshots (created_at, label, documents, events) VALUES (?, ?,
        (SELECT count(*) FROM documents WHERE superseded_by IS NULL),
        (SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id WHERE d.superseded_by IS NULL))
      RETURNING id, created_at, label, documents, events`).get(new Date().toISOString(), label) as SnapshotRow;
    return toSnapshot(row);
  }

  async listSnapshots(): Promise<Snapshot[]> {
    return (this.db.prepare('SELECT id, created_at, label, documents, events FROM snapshots ORDER BY id').all() as SnapshotRow[]).map(toSnapshot);
  }

  async withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    // Shared by every store opened on this file in this process.
    const key = `${this.db.name}\u0000${name}`;
    const previous = LOCKS.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    // The chain's tail never rejects, so one failed task does not fail the next holder.
    const tail = run.then(() => undefined, () => undefined);
    LOCKS.set(key, tail);
    try {
      return await run;
    } finally {
      if (LOCKS.get(key) === tail) LOCKS.delete(key);
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (!this.db.readonly) keepStatistics(this.db);
    this.db.close();
  }
}

function sqlitePaging(filter: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const { limit, offset } = checkPaging(filter);
  // SQLite reads a negative LIMIT as "no limit".
  return { limit: limit ?? -1, offset };
}

/** Opens (or creates) the file with WAL and foreign keys on, and migrates it, with errors that name the file. */
function openDatabase(file: string, { mustExist = false, readOnly = false }: SqliteStoreOptions): Database.Database {
  if (readOnly) return openReadOnly(file);
  const inMemory = file === ':memory:';
  if (!inMemory && mustExist && !existsSync(file)) throw new Error(`${file}: no such database (create it with \`corridor ingest\`)`);
  if (!inMemory && !existsSync(dirname(file))) throw new Error(`${file}: cannot create the database, the folder ${dirname(file)} does not exist`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: mustExist });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    keepStatistics(db);
    return db;
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: cannot open the database (${reason})`, { cause: error });
  }
}

/** A reader of a database the writing connection created, migrated and put in WAL mode (a setting kept in the file). */
function openReadOnly(file: string): Database.Database {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: cannot open the database to read (${reason})`, { cause: error });
  }
}

/**
 * Statistics let the planner choose between the position and the time-order
 * indexes. They are an optimisation: a database another process is writing
 * (busy) or a read-only file keeps the statistics it has.
 */
function keepStatistics(db: Database.Database): void {
  try {
    refreshStatistics(db);
  } catch (error) {
    const code = error instanceof Database.SqliteError ? error.code : '';
    if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_READONLY')) throw error;
  }
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(file, options);
}
