/**
 * Reads a curated ACLED export (CSV, ACLED's own columns) into reference
 * events, and keeps them in the store as derived data (`reference:acled`).
 */
import { CsvSyntaxError, readCsv } from '../export/csv.js';
import type { Store } from '../store/store.js';
import { interactionCode, NO_ACTOR_INTER, parseAcledDate, type AcledColumn, type AcledEvent, type AcledMapping } from './acled.js';

/** One ACLED event, as the reference to compare Corridor's events with. */
export interface ReferenceEvent extends AcledEvent {
  /** Line of the file the row starts on. */
  line: number;
}

/** What `corridor import acled` stores under `reference:acled`. */
export interface ReferenceSet {
  format: 1;
  /** The files imported, in order. */
  files: string[];
  importedAt: string;
  events: ReferenceEvent[];
}

export const REFERENCE_KEY = 'reference:acled';

export interface RowError {
  line: number;
  message: string;
}

export interface ParsedReference {
  events: ReferenceEvent[];
  /** Rows left out, each with its line and what is wrong. */
  errors: RowError[];
}

const REQUIRED: AcledColumn[] = ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'latitude', 'longitude'];

/** A problem with the file as a whole (not one row): no header, a required column missing, broken quoting. */
export class ReferenceFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ReferenceFileError';
  }
}

/**
 * Parses an ACLED CSV export. Columns are found by name (ACLED's names in
 * any case, any order, others ignored), so both the older column set
 * (`data_id`, `iso`, `event_id_no_cnty` ... `iso3`, without `disorder_type`,
 * `civilian_targeting` and `tags`) and the current one are read; a byte
 * order mark, CRLF or LF line ends, quoted fields and blank rows are
 * accepted. Dates may be written "10 July 2017", "10-Jul-17", "2017-07-10"
 * or "10/07/2017" (day first). Inter and interaction codes may be ACLED's
 * numbers (inter 0: no such actor) or its labels ("State forces"). Rows
 * that cannot be read are left out and reported with their line; problems
 * with the file as a whole throw a ReferenceFileError.
 *
 * @example
 * const { events, errors } = parseAcledCsv(readFileSync(file, 'utf8'), file, loadAcledMapping());
 */
export function parseAcledCsv(text: string, file: string, mapping: AcledMapping): ParsedReference {
  let records;
  try {
    records = readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ReferenceFileError(file, error.message);
    throw error;
  }
  const header = records.shift();
  if (!header) throw new ReferenceFileError(file, 'the file is empty');
  const index = new Map(header.fields.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) throw new ReferenceFileError(file, `not an ACLED export: line ${header.line} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);

  const interCodes = new Map(Object.entries(mapping.interLabels).map(([code, label]) => [label.toLowerCase(), Number(code)]));
  const events: ReferenceEvent[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    // A spreadsheet saves a blank row as a line of commas.
    if (record.fields.every((f) => f.trim() === '')) continue;
    try {
      if (record.fields.length > header.fields.length) throw new Error(`${record.fields.length} fields where the header has ${header.fields.length}`);
      const get = (column: AcledColumn) => {
        const i = index.get(column);
        return i === undefined ? '' : (record.fields[i] ?? '').trim();
      };
      const event = readRow(get, record.line, mapping, interCodes);
      if (seen.has(event.id)) throw new Error(`event_id_cnty "${event.id}" appears twice`);
      seen.add(event.id);
      events.push(event);
    } catch (error) {
      errors.push({ line: record.line, message: (error as Error).message });
    }
  }
  return { events, errors };
}

function precision(value: string, column: string): 1 | 2 | 3 {
  if (value === '') return 1;
  if (!/^[123]$/.test(value)) throw new Error(`${column} "${value}" is not 1, 2 or 3`);
  return Number(value) as 1 | 2 | 3;
}

function number(value: string, column: string, min: number, max: number): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n) || n < min || n > max) throw new Error(`${column} "${value}" is not a number between ${min} and ${max}`);
  return n;
}

function readRow(get: (c: AcledColumn) => string, line: number, mapping: AcledMapping, interCodes: Map<string, number>): ReferenceEvent {
  const id = get('event_id_cnty');
  if (!id) throw new Error('event_id_cnty is empty');
  const date = parseAcledDate(get('event_date'));
  if (!date) throw new Error(`event_date "${get('event_date')}" is not a date (expected 10 July 2017, 2017-07-10 or 10/07/2017)`);
  const year = get('year');
  if (year && year !== date.slice(0, 4)) throw new Error(`year ${year} does not match event_date "${get('event_date')}"`);
  const subEventType = get('sub_event_type');
  const known = mapping.subEventTypes.get(subEventType);
  if (!known) throw new Error(`sub_event_type "${subEventType}" is not one of ACLED's sub-event types`);
  const eventType = get('event_type');
  if (eventType !== known.eventType) throw new Error(`event_type "${eventType}" does not go with sub_event_type "${subEventType}" (expected "${known.eventType}")`);
  const inter = (column: 'inter1' | 'inter2') => {
    const value = get(column);
    // Older exports write 0 where there is no such actor (a one-sided event's inter2), newer ones nothing.
    if (value === '' || value === String(NO_ACTOR_INTER)) return null;
    const code = /^[1-8]$/.test(value) ? Number(value) : interCodes.get(value.toLowerCase());
    if (code === undefined) throw new Error(`${column} "${value}" is neither an ACLED inter code (0-8) nor its label`);
    return code;
  };
  const inter1 = inter('inter1');
  const inter2 = inter('inter2');
  const interactionText = get('interaction');
  let interaction: number | null;
  if (interactionText === '') interaction = interactionCode(inter1, inter2);
  else if (/^\d{2}$/.test(interactionText)) interaction = Number(interactionText);
  else {
    // Labels: "State forces-Rebel group", "Rebel group only".
    const codes = interactionText.replace(/\s+only$/i, '').split(/\s*[-–]\s*(?=[A-Z])/).map((label) => interCodes.get(label.trim().toLowerCase()));
    if (codes.some((c) => c === undefined) || codes.length > 2) throw new Error(`interaction "${interactionText}" is neither an ACLED code nor its label`);
    interaction = interactionCode(codes[0]!, codes[1] ?? null);
  }
  const fatalities = get('fatalities');
  const timestamp = get('timestamp');
  return {
    id,
    date,
    timePrecision: precision(get('time_precision'), 'time_precision'),
    disorderType: get('disorder_type') || known.disorderType,
    eventType,
    subEventType,
    actor1: get('actor1'),
    assocActor1: get('assoc_actor_1'),
    inter1,
    actor2: get('actor2'),
    assocActor2: get('assoc_actor_2'),
    inter2,
    interaction,
    civilianTargeting: /^civilians targeted$/i.test(get('civilian_targeting')),
    iso: get('iso') === '' ? null : number(get('iso'), 'iso', 0, 999),
    region: get('region'),
    country: get('country'),
    admin1: get('admin1'),
    admin2: get('admin2'),
    admin3: get('admin3'),
    location: get('location'),
    lat: number(get('latitude'), 'latitude', -90, 90),
    lon: number(get('longitude'), 'longitude', -180, 180),
    geoPrecision: precision(get('geo_precision'), 'geo_precision'),
    source: get('source'),
    sourceScale: get('source_scale'),
    notes: get('notes'),
    fatalities: fatalities === '' ? 0 : number(fatalities, 'fatalities', 0, Number.MAX_SAFE_INTEGER),
    tags: get('tags'),
    timestamp: timestamp === '' ? null : number(timestamp, 'timestamp', 0, Number.MAX_SAFE_INTEGER),
    line,
  };
}

export async function loadReference(store: Store): Promise<ReferenceSet | null> {
  return store.getDerived<ReferenceSet>(REFERENCE_KEY);
}

/**
 * Stores reference events: replacing what was there, or with `append` adding
 * them to it (a row with an id already stored replaces the stored one).
 */
export async function saveReference(store: Store, file: string, events: readonly ReferenceEvent[], options: { append?: boolean; importedAt?: string } = {}): Promise<ReferenceSet> {
  const previous = options.append ? await loadReference(store) : null;
  const byId = new Map((previous?.events ?? []).map((e) => [e.id, e]));
  for (const e of events) byId.set(e.id, e);
  const set: ReferenceSet = {
    format: 1,
    files: [...(previous?.files ?? []), file],
    importedAt: options.importedAt ?? new Date().toISOString(),
    events: [...byId.values()],
  };
  await store.putDerived(REFERENCE_KEY, set);
  return set;
}
