import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DocumentMeta, Event, Extraction } from '../../types.js';
import {
  checkBbox, checkPaging, DOCUMENT_COLUMNS, LISTED_EVENT_COLUMNS, parseEventRecord, redactPassword, toEventRecord, toSnapshot, toStoredDocument,
  type DocumentRow, type EventRow, type SnapshotRow,
} from '../common.js';
import type { DocumentFilter, EventFilter, EventRecord, SaveOutcome, SearchHit, Snapshot, Store, StoredDocument, StoredEvent } from '../store.js';
import {
  ACTOR_EVENTS_SQL, ACTOR_ROWS_SQL, EVENT_PLACE_COLUMNS, EVENT_PLACE_ROWS_SQL, eventPlaceRows, PLACE_ROWS_SQL, summariseActors, summarisePlaces,
  type ActorEventsRow, type ActorRow, type ActorSummary, type EventPlaceRow, type PlaceRow, type PlaceKeyOf, type PlaceSummary,
} from '../entities.js';
import { migrate } from './migrate.js';
import { SEARCHED_CHARS } from './migrations/001-initial.js';
import { toTsquery } from './search-query.js';

export interface PostgresStoreOptions {
  /** Refuse a database without a Corridor schema (commands that only read). */
  mustExist?: boolean;
  /** Use PostGIS when a new database is set up and the extension can be created (default true). */
  postgis?: boolean;
  /** Most connections the store opens at once (default 10). */
  maxConnections?: number;
  /**
   * Wait for each save to reach the disk before going on (default true).
   * False trades the last fraction of a second of saves, should the server
   * crash, for fewer waits: for writers that can redo lost work.
   */
  synchronousCommit?: boolean;
}

/** How viewports are queried, as recorded when the database was set up. */
export type SpatialIndex = 'postgis' | 'btree';

/** Rows fetched per step of `allExtractions`, so callers may write between steps. */
const PAGE = 100;
const SEARCH_CONFIG = 'corridor_search';
/** ts_headline's window, close to the 16 tokens of SQLite's snippets. */
const HEADLINE_OPTIONS = 'StartSel=[[, StopSel=]], MaxWords=16, MinWords=15, ShortWord=0';

/**
 * The PostgreSQL store: the same schema and semantics as SQLite's, for
 * several writers on several machines. Each document is saved in one
 * transaction; saving a document id that is already stored changes nothing
 * (`INSERT ... ON CONFLICT DO NOTHING`), so a retried job never duplicates a
 * document or its events. Versioning takes a transaction-scoped advisory lock
 * on the URL (or source), so two versions saved at once still form one chain.
 *
 * @example
 * const store = await openPostgresStore('postgres://localhost/corridor');
 * await store.saveDocument(document, pipeline.extract(document), 'article.txt'); // 'new'
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  private constructor(readonly pool: pg.Pool, readonly spatialIndex: SpatialIndex) {}

  /** Connects, migrates (with `mustExist`, only a database that has Corridor's tables) and reads the recorded spatial index. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    });
    // A connection dropped while idle is replaced on the next query; it must not crash the process.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        if (options.mustExist) await requireSchema(client);
        await migrate(client, { postgis: options.postgis });
        const { rows } = await client.query<{ value: SpatialIndex }>("SELECT value FROM store_settings WHERE key = 'spatial'");
        return new PostgresStore(pool, rows[0]?.value ?? 'btree');
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${redactPassword(url)}: cannot open the database (${reason})`, { cause: error });
    }
  }

  async saveDocument(doc: DocumentMeta, extraction: Extraction, source: string | null = null): Promise<SaveOutcome> {
    if (extraction.document.id !== doc.id) {
      throw new Error(`the extraction is of document ${extraction.document.id}, not ${doc.id}`);
    }
    // Writers of one version chain take turns: the lock is taken before the
    // statement that looks for the previous version, so it sees the one the
    // previous writer saved.
    const chain = doc.url ? `url:${doc.url}` : source ? `source:${source}` : null;
    return this.transaction(chain ? `BEGIN; SELECT pg_advisory_xact_lock(${lockKey(chain)})` : 'BEGIN', (client) => writeDocument(client, doc, extraction, source));
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const { rows } = await this.pool.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [id]);
    return rows[0] ? toStoredDocument(rows[0]) : null;
  }

  async findDocuments(idPrefix: string): Promise<StoredDocument[]> {
    const prefix = idPrefix.trim().toLowerCase();
    // Ids are hex; anything else matches nothing (and cannot inject LIKE syntax).
    if (!/^[0-9a-f]+$/.test(prefix)) return [];
    const { rows } = await this.pool.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id LIKE $1 ORDER BY seq`, [`${prefix}%`]);
    return rows.map(toStoredDocument);
  }

  async listDocuments(filter: DocumentFilter = {}): Promise<StoredDocument[]> {
    const { limit, offset } = checkPaging(filter);
    const { rows } = await this.pool.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents
      WHERE superseded_by IS NULL AND ($1::text IS NULL OR outlet = $1)
      ORDER BY published_at IS NULL, published_at, seq LIMIT $2 OFFSET $3`, [filter.outlet ?? null, limit, offset]);
    return rows.map(toStoredDocument);
  }

  async countDocuments(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM documents WHERE superseded_by IS NULL');
    return rows[0]!.count;
  }

  async getExtraction(docId: string): Promise<Extraction | null> {
    const { rows } = await this.pool.query<{ extraction: string }>('SELECT extraction FROM documents WHERE id = $1', [docId]);
    return rows[0] ? JSON.parse(rows[0].extraction) as Extraction : null;
  }

  /**
   * Full-text search in titles and texts, in the query syntax of the SQLite
   * store (see search-query.ts). The snippet comes from the text when it
   * matches, else from the title; `rank` is ts_rank, higher is better.
   */
  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const tsquery = toTsquery(query, SEARCH_CONFIG, 2);
    if (!tsquery) return [];
    const { rows } = await this.pool.query<{
      id: string; title: string | null; outlet: string | null; published_at: string | null;
      text: string; score: number; headline: string; from_text: boolean;
    }>(`WITH q AS (SELECT ${tsquery.sql} AS query),
      hits AS (
        SELECT d.seq, d.id, d.title, d.outlet, d.published_at, left(d.text, ${SEARCHED_CHARS}) AS text, ts_rank(d.search, q.query) AS score, q.query
        FROM documents d, q
        WHERE d.search @@ q.query AND d.superseded_by IS NULL
        ORDER BY score DESC, d.seq LIMIT $1
      ), located AS (
        SELECT *, to_tsvector('${SEARCH_CONFIG}', text) @@ query AS from_text FROM hits
      )
      SELECT id, title, outlet, published_at, text, score, from_text,
        ts_headline('${SEARCH_CONFIG}', CASE WHEN from_text THEN text ELSE coalesce(title, '') END, query, '${HEADLINE_OPTIONS}') AS headline
      FROM located ORDER BY score DESC, seq`, [limit, ...tsquery.params]);
    return rows.map((r) => ({
      docId: r.id, title: r.title, outlet: r.outlet, publishedAt: r.published_at,
      snippet: snippet(r.headline, r.from_text ? r.text : r.title ?? ''), rank: r.score,
    }));
  }

  /**
   * Events of current documents matching every given criterion, with the
   * SQLite store's semantics (see there): `bbox` on the location (else
   * destination) through PostGIS or the btree index, whichever the database
   * was set up with; `from`/`to` as an overlap, with date prefixes.
   */
  async listEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    return (await this.listEventRecords(filter)).map(parseEventRecord);
  }

  async listEventRecords(filter: EventFilter = {}): Promise<EventRecord[]> {
    const { limit, offset } = checkPaging(filter);
    const conditions = ['d.superseded_by IS NULL'];
    const params: unknown[] = [];
    const parameter = (value: unknown) => `$${params.push(value)}`;
    if (filter.bbox) {
      const [west, south, east, north] = checkBbox(filter.bbox).map(parameter) as [string, string, string, string];
      // A box across the antimeridian has west > east: two boxes, either side.
      const across = filter.bbox[0] > filter.bbox[2];
      if (this.spatialIndex === 'postgis') {
        // The GiST index finds the candidates (its boxes are rounded outwards); the comparisons below decide.
        const box = (w: string, e: string) => `e.geom && ST_MakeEnvelope(${w}, ${south}, ${e}, ${north}, 4326)`;
        conditions.push(across ? `(${box(west, '180')} OR ${box('-180', east)})` : box(west, east));
      }
      conditions.push(`e.lat BETWEEN ${south} AND ${north}`);
      conditions.push(across ? `(e.lon >= ${west} OR e.lon <= ${east})` : `e.lon BETWEEN ${west} AND ${east}`);
    }
    // The indexed span narrows the rows; the exact conditions below decide.
    // Every date that starts with `to` sorts before `to` followed by the highest character.
    const upper = filter.to ? `${filter.to}\u{10FFFF}` : null;
    // A period given backwards ("from" after "to") is no range: the exact conditions alone then apply.
    if ((filter.from || upper) && !(filter.from && upper && Buffer.compare(Buffer.from(filter.from), Buffer.from(upper)) > 0)) {
      conditions.push(`corridor_event_span(e.from_date, e.to_date) && corridor_text_range(${parameter(filter.from ?? null)}, ${parameter(upper)}, '[)')`);
    }
    if (filter.from) {
      const from = parameter(filter.from);
      conditions.push(`substr(coalesce(e.to_date, e.from_date), 1, length(${from})) >= ${from}`);
    }
    if (filter.to) {
      const to = parameter(filter.to);
      conditions.push(`substr(coalesce(e.from_date, e.to_date), 1, length(${to})) <= ${to}`);
    }
    const equal = { type: 'e.type', modality: 'e.modality', docId: 'e.doc_id' } as const;
    for (const [key, column] of Object.entries(equal) as Array<[keyof typeof equal, string]>) {
      if (filter[key] !== undefined) conditions.push(`${column} = ${parameter(filter[key])}`);
    }
    if (filter.actor !== undefined) {
      const actor = parameter(filter.actor);
      conditions.push(`(e.agent_id = ${actor} OR e.patient_id = ${actor})`);
    }
    if (filter.source !== undefined) conditions.push(`lower(e.source) = lower(${parameter(filter.source)})`);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${LISTED_EVENT_COLUMNS}
      FROM events e JOIN documents d ON d.id = e.doc_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY e.from_date IS NULL, e.from_date, d.seq, e.idx
      LIMIT ${parameter(limit)} OFFSET ${parameter(offset)}`, params);
    return rows.map(toEventRecord);
  }

  async listPlaces(placeKey: PlaceKeyOf): Promise<PlaceSummary[]> {
    const [places, eventPlaces] = await Promise.all([this.pool.query<PlaceRow>(PLACE_ROWS_SQL), this.pool.query<EventPlaceRow>(EVENT_PLACE_ROWS_SQL)]);
    return summarisePlaces(places.rows, eventPlaces.rows, placeKey);
  }

  async listActors(): Promise<ActorSummary[]> {
    const [actors, events] = await Promise.all([this.pool.query<ActorRow>(ACTOR_ROWS_SQL), this.pool.query<ActorEventsRow>(ACTOR_EVENTS_SQL)]);
    return summariseActors(actors.rows, events.rows);
  }

  /** Current documents with their extractions, in ingestion order, read a page at a time. */
  async *allExtractions(): AsyncIterable<{ document: StoredDocument; extraction: Extraction }> {
    let after = 0;
    for (;;) {
      const { rows } = await this.pool.query<DocumentRow & { extraction: string }>(`SELECT ${DOCUMENT_COLUMNS}, extraction FROM documents
        WHERE seq > $1 AND superseded_by IS NULL ORDER BY seq LIMIT ${PAGE}`, [after]);
      for (const row of rows) yield { document: toStoredDocument(row), extraction: JSON.parse(row.extraction) as Extraction };
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.seq;
    }
  }

  async putDerived(key: string, value: unknown): Promise<void> {
    await this.pool.query(`INSERT INTO derived (key, value, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, [key, JSON.stringify(value ?? null), new Date().toISOString()]);
  }

  async getDerived<T>(key: string): Promise<T | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM derived WHERE key = $1', [key]);
    return rows[0] ? JSON.parse(rows[0].value) as T : null;
  }

  async createSnapshot(label: string | null = null): Promise<Snapshot> {
    const { rows } = await this.pool.query<SnapshotRow>(`INSERT INTO snapshots (created_at, label, documents, events) VALUES ($1, $2,
        (SELECT count(*) FROM documents WHERE superseded_by IS NULL),
        (SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id WHERE d.superseded_by IS NULL))
      RETURNING id, created_at, label, documents, events`, [new Date().toISOString(), label]);
    return toSnapshot(rows[0]!);
  }

  async listSnapshots(): Promise<Snapshot[]> {
    const { rows } = await this.pool.query<SnapshotRow>('SELECT id, created_at, label, documents, events FROM snapshots ORDER BY id');
    return rows.map(toSnapshot);
  }

  /**
   * Runs `task` while holding a session-level advisory lock named `name`:
   * one holder at a time across every process using this database (others
   * wait). The lock is released when the task ends, or by the server if this
   * process dies.
   */
  async withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
      try {
        return await task();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /** Runs `work` between `begin` (BEGIN, perhaps with more in the same round trip) and COMMIT. */
  private async transaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  return PostgresStore.open(url, options);
}

async function requireSchema(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS ready");
  if (!rows[0].ready) throw new Error('no Corridor store in this database (create it with `corridor ingest`)');
}

/** A table of extracted items: its columns, their PostgreSQL types, and the rows of one extraction. */
interface ItemTable {
  name: string;
  columns: readonly string[];
  types: readonly string[];
  rows(docId: string, extraction: Extraction): unknown[][];
}

export const EVENT_COLUMNS = ['doc_id', 'id', 'idx', 'type', 'subtype', 'modality', 'negated', 'agent_id', 'patient_id', 'source', 'source_kind', 'lat', 'lon', 'from_date', 'to_date', 'confidence', 'json'];
export const EVENT_TYPES = ['text', 'text', 'int', 'text', 'text', 'text', 'bool', 'text', 'text', 'text', 'text', 'float8', 'float8', 'text', 'text', 'float8', 'text'];

/** The events row of an event: its location, else its destination, is where it is on the map. */
export function eventRow(docId: string, e: Event, idx: number): unknown[] {
  const where = e.location ?? e.destination;
  return [docId, e.id, idx, e.type, e.subtype, e.modality, e.negated, e.agent?.actorId ?? null, e.patient?.actorId ?? null,
    e.attribution?.source ?? null, e.attribution?.sourceKind ?? null, where?.lat ?? null, where?.lon ?? null, e.time.from, e.time.to, e.confidence, JSON.stringify(e)];
}

const ITEM_TABLES: readonly ItemTable[] = [
  {
    name: 'places',
    columns: ['doc_id', 'idx', 'start_offset', 'end_offset', 'text', 'geonameid', 'name', 'lat', 'lon', 'country', 'admin1', 'feature_code', 'kind', 'precision', 'confidence', 'json'],
    types: ['text', 'int', 'int', 'int', 'text', 'int', 'text', 'float8', 'float8', 'text', 'text', 'text', 'text', 'text', 'float8', 'text'],
    rows: (id, x) => x.places.map((p, i) => [id, i, p.start, p.end, p.text, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.featureCode, p.kind, p.precision, p.confidence, JSON.stringify(p)]),
  },
  {
    name: 'actors',
    columns: ['doc_id', 'idx', 'start_offset', 'end_offset', 'text', 'actor_id', 'name', 'kind', 'json'],
    types: ['text', 'int', 'int', 'int', 'text', 'text', 'text', 'text', 'text'],
    rows: (id, x) => x.actors.map((a, i) => [id, i, a.start, a.end, a.text, a.actorId, a.name, a.kind, JSON.stringify(a)]),
  },
  { name: 'events', columns: EVENT_COLUMNS, types: EVENT_TYPES, rows: (id, x) => x.events.map((e, i) => eventRow(id, e, i)) },
  {
    name: 'event_places',
    columns: EVENT_PLACE_COLUMNS,
    types: ['text', 'int', 'text', 'int', 'text', 'float8', 'float8'],
    rows: (id, x) => eventPlaceRows(id, x.events),
  },
];

/**
 * One statement (one round trip): finds the version the document replaces
 * (the current one at the same URL or, without a URL, from the same
 * source), inserts the document unless its id is stored (ON CONFLICT DO
 * NOTHING), links the previous version to it and inserts every item.
 */
async function writeDocument(client: pg.PoolClient, doc: DocumentMeta, extraction: Extraction, source: string | null): Promise<SaveOutcome> {
  const params: unknown[] = [
    doc.id, doc.title, doc.url, doc.outlet, doc.author, doc.publishedAt, doc.publishedAtSource, doc.language, doc.text,
    source, new Date().toISOString(), JSON.stringify(extraction),
  ];
  const previous = doc.url
    ? 'SELECT id FROM documents WHERE url = $3 AND superseded_by IS NULL ORDER BY seq DESC LIMIT 1'
    : source
      ? 'SELECT id FROM documents WHERE url IS NULL AND source = $10 AND superseded_by IS NULL ORDER BY seq DESC LIMIT 1'
      : 'SELECT NULL::text AS id WHERE false';
  const items = ITEM_TABLES.flatMap((table) => {
    const rows = table.rows(doc.id, extraction);
    if (rows.length === 0) return [];
    const arrays = table.columns.map((_, c) => rows.map((row) => row[c]));
    const unnest = table.types.map((type, c) => `$${params.push(arrays[c]!)}::${type}[]`).join(', ');
    return [`${table.name}_rows AS (INSERT INTO ${table.name} (${table.columns.join(', ')})
      SELECT * FROM unnest(${unnest}) WHERE EXISTS (SELECT 1 FROM inserted))`];
  });
  const { rows } = await client.query<{ inserted: boolean; previous: string | null }>(`WITH previous AS (${previous}),
    inserted AS (
      INSERT INTO documents (id, title, url, outlet, author, published_at, published_at_source, language, text, source, ingested_at, extraction, previous_version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, (SELECT id FROM previous))
      ON CONFLICT (id) DO NOTHING
      RETURNING previous_version
    ),
    superseded AS (UPDATE documents SET superseded_by = $1 WHERE id = (SELECT previous_version FROM inserted))
    ${items.map((cte) => `, ${cte}`).join('\n')}
    SELECT EXISTS (SELECT 1 FROM inserted) AS inserted, (SELECT previous_version FROM inserted) AS previous`, params);
  const [{ inserted, previous: replaced }] = rows as [{ inserted: boolean; previous: string | null }];
  // Not inserted: the same text is already stored (perhaps saved by another writer a moment ago).
  if (!inserted) return 'unchanged';
  return replaced ? 'updated' : 'new';
}

/** A 64-bit advisory lock key for a name (written into SQL as a number). */
function lockKey(name: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 16)}`)).toString();
}

/**
 * Inserts rows with one statement: each column travels as one array
 * parameter and `unnest` turns them back into rows.
 */
export async function insertRows(client: pg.ClientBase, table: string, columns: readonly string[], types: readonly string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, c) => rows.map((row) => row[c]));
  await client.query(`INSERT INTO ${table} (${columns.join(', ')})
    SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`, arrays);
}

/**
 * ts_headline marks each matched word; a phrase reads better marked once
 * (`[[Tal Afar]]`, as SQLite marks it). An ellipsis stands for text cut at
 * either end.
 */
function snippet(headline: string, source: string): string {
  const marked = headline.replace(/\]\](\s+)\[\[/gu, '$1');
  const plain = marked.replace(/\[\[|\]\]/g, '');
  const at = source.indexOf(plain);
  if (at < 0 || plain === '') return marked;
  return `${at > 0 ? '…' : ''}${marked}${at + plain.length < source.length ? '…' : ''}`;
}
