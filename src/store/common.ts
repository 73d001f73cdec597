import type { DocumentMeta } from '../types.js';
import type { EventRecord, Snapshot, StoredDocument, StoredEvent } from './store.js';

/** The columns both stores select for a document, under the names both schemas use. */
export const DOCUMENT_COLUMNS = 'seq, id, title, url, outlet, author, published_at, published_at_source, language, text, source, previous_version, ingested_at';

export interface DocumentRow {
  seq: number;
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  author: string | null;
  published_at: string | null;
  published_at_source: DocumentMeta['publishedAtSource'];
  language: string;
  text: string;
  source: string | null;
  previous_version: string | null;
  ingested_at: string;
}

export function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id, title: row.title, url: row.url, outlet: row.outlet, author: row.author,
    publishedAt: row.published_at, publishedAtSource: row.published_at_source, language: row.language, text: row.text,
    previousVersion: row.previous_version, ingestedAt: row.ingested_at, source: row.source,
  };
}

export interface SnapshotRow {
  id: number;
  created_at: string;
  label: string | null;
  documents: number;
  events: number;
}

export function toSnapshot(row: SnapshotRow): Snapshot {
  return { id: row.id, createdAt: row.created_at, label: row.label, documents: row.documents, events: row.events };
}

/** `limit` and `offset` checked; a missing limit is `null` (no limit). */
export function checkPaging(filter: { limit?: number; offset?: number }): { limit: number | null; offset: number } {
  for (const key of ['limit', 'offset'] as const) {
    const value = filter[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new TypeError(`${key} must be a non-negative integer, got ${value}`);
  }
  return { limit: filter.limit ?? null, offset: filter.offset ?? 0 };
}

export function checkBbox(bbox: readonly number[]): [number, number, number, number] {
  const [west, south, east, north] = bbox;
  if (bbox.length !== 4 || !bbox.every(Number.isFinite) || south! > north! || south! < -90 || north! > 90 || west! < -180 || east! > 180) {
    throw new TypeError(`bbox must be [west, south, east, north] in degrees, got [${bbox.join(', ')}]`);
  }
  return [west!, south!, east!, north!];
}

/** Whether a store location names a PostgreSQL database (`postgres://` or `postgresql://`) rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** A store location for messages: the password of a URL replaced by `***`. */
export function redactPassword(location: string): string {
  return location.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

/**
 * Adds fields to the text of a JSON object without parsing it: `{"a":1}` with
 * `{ b: null }` is `{"a":1,"b":null}`. The text must be a non-empty object as
 * `JSON.stringify` writes it (what the stores keep for an event).
 *
 * By hand because no JSON library appends to serialised text: parsing each
 * event to serialise it again was most of the cost of a map page (1000 events).
 */
export function extendJsonObject(json: string, fields: Record<string, unknown>): string {
  return `${json.slice(0, -1)},${JSON.stringify(fields).slice(1)}`;
}

/** The columns both stores select for listing an event (`e` events joined with `d` documents). */
export const LISTED_EVENT_COLUMNS = 'e.json, e.id, e.doc_id, d.outlet, d.published_at';

export interface EventRow {
  json: string;
  id: string;
  doc_id: string;
  outlet: string | null;
  published_at: string | null;
}

/** A listed event row: its JSON with the document's fields added. */
export function toEventRecord(row: EventRow): EventRecord {
  return { docId: row.doc_id, eventId: row.id, json: extendJsonObject(row.json, { docId: row.doc_id, outlet: row.outlet, publishedAt: row.published_at }) };
}

export function parseEventRecord(record: EventRecord): StoredEvent {
  return JSON.parse(record.json) as StoredEvent;
}
