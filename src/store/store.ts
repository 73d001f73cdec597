import type { DocumentMeta, Event, Extraction, EventType, Modality } from '../types.js';
import type { ActorSummary, PlaceKeyOf, PlaceSummary } from './entities.js';

export type { ActorSummary, PlaceKeyOf, PlaceSummary } from './entities.js';

/** A stored document: its metadata plus versioning. */
export interface StoredDocument extends DocumentMeta {
  /** The id of the previous version at the same URL, if this one replaced it. */
  previousVersion: string | null;
  /** When Corridor stored it (ISO date-time). */
  ingestedAt: string;
  /** Where it came from: a file path or URL. */
  source: string | null;
}

export type SaveOutcome = 'new' | 'unchanged' | 'updated';

/** An event together with the document it came from. */
export interface StoredEvent extends Event {
  docId: string;
  outlet: string | null;
  publishedAt: string | null;
}

/** A stored event as JSON text, for serving without parsing it (`json` is a `StoredEvent`). */
export interface EventRecord {
  docId: string;
  eventId: string;
  json: string;
}

export interface EventFilter {
  /** [west, south, east, north] */
  bbox?: [number, number, number, number];
  from?: string;
  to?: string;
  type?: EventType;
  actor?: string;
  modality?: Modality;
  source?: string;
  docId?: string;
  limit?: number;
  offset?: number;
}

export interface DocumentFilter {
  outlet?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  docId: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** The matching passage with hits wrapped in [[ and ]]. */
  snippet: string;
  rank: number;
}

/** One run of ingestion: the unit that snapshots and diffs refer to. */
export interface Snapshot {
  id: number;
  createdAt: string;
  label: string | null;
  documents: number;
  events: number;
}

/**
 * Where Corridor keeps what it has read. SQLite (embedded, the default) and
 * PostgreSQL implement it; the same test suite runs against both.
 * Every method is async so both backends share one signature.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores a document and its extraction in one transaction. Identical content
   * is `unchanged`; a changed text at a known URL is a new version linked to
   * the previous one (`updated`).
   */
  saveDocument(doc: DocumentMeta, extraction: Extraction, source?: string | null): Promise<SaveOutcome>;
  getDocument(id: string): Promise<StoredDocument | null>;
  /** Documents whose id starts with the given prefix (for short ids typed by users). */
  findDocuments(idPrefix: string): Promise<StoredDocument[]>;
  listDocuments(filter?: DocumentFilter): Promise<StoredDocument[]>;
  countDocuments(): Promise<number>;
  getExtraction(docId: string): Promise<Extraction | null>;
  search(query: string, limit?: number): Promise<SearchHit[]>;
  listEvents(filter?: EventFilter): Promise<StoredEvent[]>;
  /** The same events as `listEvents`, as JSON text. */
  listEventRecords(filter?: EventFilter): Promise<EventRecord[]>;
  /** Places named in current documents, most mentioned first, with how many documents and events name them. */
  listPlaces(placeKey: PlaceKeyOf): Promise<PlaceSummary[]>;
  /** Actors named in current documents, most mentioned first, with how many documents and events name them. */
  listActors(): Promise<ActorSummary[]>;
  /** Every extraction, in ingestion order (for fusion rebuilds and exports). */
  allExtractions(): AsyncIterable<{ document: StoredDocument; extraction: Extraction }>;
  /** Fusion results are derived data: stored as one JSON value per key and replaced as a whole. */
  putDerived(key: string, value: unknown): Promise<void>;
  getDerived<T>(key: string): Promise<T | null>;
  createSnapshot(label?: string | null): Promise<Snapshot>;
  listSnapshots(): Promise<Snapshot[]>;
  /**
   * Runs `task` while holding the lock `name`, one holder at a time: across
   * every process using the database on PostgreSQL (an advisory lock), within
   * this process on SQLite (the embedded store has one writer process).
   */
  withLock<T>(name: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
