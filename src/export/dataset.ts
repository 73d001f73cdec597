/**
 * What every export writes: the fused events that pass the filters, each with
 * its evidence (the documents, who says it and how, the exact words and their
 * offsets) and the country its place lies in; plus the contradictions,
 * trajectories and corridors that involve them.
 */
import {
  createFusionContext, currentFusionState, describeCluster, findActor, fusionResult, loadUserCorridors,
  type ClaimStatus, type ClusterMention, type Contradiction, type ControlReading, type Corroboration, type CorridorReport,
  type EventCluster, type FusedActor, type FusionState, type TimeWindow, type Trajectory,
} from '../fusion/index.js';
import type { StoredDocument, Store } from '../store/store.js';
import type { EventType, Extraction, Modality, PlacePrecision, PlaceRef, SourceKind, Span } from '../types.js';
import type { Countries, Country } from './countries.js';

export interface ExportFilter {
  type?: EventType;
  /** Actor id or name (as fusion knows it): the agent, patient, new holder or loser. */
  actor?: string;
  /** Events ending on or after this ISO date. */
  from?: string;
  /** Events starting on or before this ISO date. */
  to?: string;
  /** [west, south, east, north]; matches the event's location, else its destination, else its origin. West > east crosses the antimeridian. */
  bbox?: [number, number, number, number];
  /** Fewest independent sources asserting the event. */
  minCorroboration?: number;
  /** Fusion's status of the claim. */
  status?: ClaimStatus;
  /**
   * The three below are met by one report of the event, all at once, as the map's filters are
   * by one of the events it draws: how it asserts the event, the outlet that published it, and
   * who asserts it in it (any of these spellings, case-insensitive: the map's Source filter merges spellings).
   */
  modality?: Modality;
  outlet?: string;
  source?: readonly string[];
}

export type ExportDocument = Pick<StoredDocument, 'id' | 'title' | 'url' | 'outlet' | 'author' | 'publishedAt' | 'ingestedAt'>;

/** One document's statement of an event. */
export interface Evidence {
  /** `<docId>/<eventId>`. */
  key: string;
  eventId: string;
  document: ExportDocument;
  /** The clause stating the event: offsets into the document text and its exact words. */
  start: number;
  end: number;
  quote: string;
  /** The whole sentence holding the clause. */
  sentence: string;
  /** The trigger word. */
  trigger: Span & { text: string };
  /** Every evidence span of the event (the trigger and the clause), as the extraction gives them. */
  spans: Span[];
  source: string;
  sourceKind: SourceKind;
  chain: ClusterMention['chain'];
  modality: Modality;
  negated: boolean;
  weight: ClusterMention['weight'];
  time: TimeWindow | null;
}

/** The place an event is drawn at, with what the extraction knows about it. */
export interface ExportPlace extends PlaceRef {
  /** Which of the event's places this is: movements are drawn where they arrive. */
  role: 'location' | 'destination' | 'origin';
  country: Country | null;
  admin1: string | null;
  precision: PlacePrecision | null;
}

export interface ExportEvent {
  /** The fused cluster's id (`ev-...`). */
  id: string;
  type: EventType;
  subtype: string;
  /** A readable one-line summary ("captured (control) by SDF, involving Islamic State, Ar Raqqah, 2017-10-17"). */
  label: string;
  agent: FusedActor | null;
  patient: FusedActor | null;
  control: ControlReading | null;
  location: PlaceRef | null;
  origin: PlaceRef | null;
  destination: PlaceRef | null;
  place: ExportPlace | null;
  time: TimeWindow | null;
  status: ClaimStatus;
  corroboration: Corroboration;
  /** Ids of the contradictions the event takes part in. */
  contradictions: string[];
  /** Distinct modalities of its mentions, the most frequent first. */
  modalities: Modality[];
  /** Sorted by publication date, then document and offset. */
  evidence: Evidence[];
  /** The lowest count of the dead its reports give (ACLED's convention, resources/casualties.md); null when none gives one. */
  fatalities: number | null;
}

export interface ExportDataset {
  /** ISO date-time the export was made. */
  generatedAt: string;
  generator: { name: string; version: string };
  filter: ExportFilter;
  /** In time order (undated last), then by id. */
  events: ExportEvent[];
  /** Contradictions with at least one side among the events. */
  contradictions: Contradiction[];
  /** Trajectories of the actors, keeping only legs that rest on an exported event. */
  trajectories: Trajectory[];
  corridors: CorridorReport[];
  /** Texts of the documents the evidence and the contradictions quote, by id. */
  texts: ReadonlyMap<string, string>;
}

export interface DatasetOptions {
  filter?: ExportFilter;
  countries: Countries;
  /** Fixed for reproducible output; default: now. */
  generatedAt?: string;
  version?: string;
}

/**
 * Reads what fusion knows about the store (the saved state plus documents not
 * fused yet; nothing is written) and gathers the events that pass the filter.
 *
 * @example
 * const dataset = await buildExportDataset(store, {countries: loadCountries(), filter: {type: 'control'}});
 */
export async function buildExportDataset(store: Store, options: DatasetOptions): Promise<ExportDataset> {
  const { state } = await currentFusionState(store, createFusionContext());
  const filter = options.filter ?? {};
  const clusters = selectClusters(state, filter);
  const reader = documentReader(store);
  const events: ExportEvent[] = [];
  for (const c of clusters) events.push(await toExportEvent(c, reader, options.countries));
  events.sort((a, b) => (a.time?.from ?? '\uffff').localeCompare(b.time?.from ?? '\uffff') || a.id.localeCompare(b.id));

  const ids = new Set(events.map((e) => e.id));
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const fusion = fusionResult(state, loadUserCorridors());
  const contradictions = fusion.contradictions.filter((cx) => ids.has(cx.a.clusterId) || ids.has(cx.b.clusterId));
  const texts = new Map<string, string>();
  const docIds = [...events.flatMap((e) => e.evidence.map((ev) => ev.document.id)), ...contradictions.flatMap((cx) => [...cx.a.mentions, ...cx.b.mentions].map((m) => m.docId))];
  for (const id of docIds) if (!texts.has(id)) texts.set(id, await reader.text(id));
  return {
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    generator: { name: 'Corridor', version: options.version ?? '0.0.0' },
    filter,
    events,
    contradictions,
    trajectories: fusion.trajectories
      .map((t) => ({ ...t, geojson: { ...t.geojson, features: t.geojson.features.filter((leg) => leg.properties.clusterIds.some((id) => ids.has(id))) } }))
      .filter((t) => t.geojson.features.length > 0),
    corridors: fusion.corridors.filter((c) => !filtered || c.events.some((e) => ids.has(e.clusterId))),
    texts,
  };
}

/** The clusters that pass the filter. */
export function selectClusters(state: FusionState, filter: ExportFilter): EventCluster[] {
  const actorId = filter.actor === undefined ? undefined : findActor(state, filter.actor)?.actorId ?? filter.actor;
  return [...state.clusters.values()].filter((c) => {
    if (filter.type && c.type !== filter.type) return false;
    if (filter.minCorroboration !== undefined && c.corroboration.score < filter.minCorroboration) return false;
    if (filter.from && (!c.time || c.time.to < filter.from)) return false;
    if (filter.to && (!c.time || c.time.from > filter.to)) return false;
    if (filter.bbox) {
      const p = c.location ?? c.destination ?? c.origin;
      if (!p || !inBbox(p, filter.bbox)) return false;
    }
    if (actorId !== undefined && !involves(c, actorId)) return false;
    if (filter.status && c.status !== filter.status) return false;
    return reportedAsAsked(c, filter);
  });
}

/** Whether one report of the cluster meets the filter's modality, outlet and source together (true when it names none). */
function reportedAsAsked(c: EventCluster, { modality, outlet, source }: ExportFilter): boolean {
  if (modality === undefined && outlet === undefined && source === undefined) return true;
  const sources = source && new Set(source.map((s) => s.toLowerCase()));
  return c.mentions.some((m) => (modality === undefined || m.modality === modality)
    && (outlet === undefined || m.outlet === outlet)
    && (sources === undefined || sources.has(m.source.toLowerCase())));
}

export function inBbox(p: { lon: number; lat: number }, [west, south, east, north]: [number, number, number, number]): boolean {
  if (p.lat < south || p.lat > north) return false;
  return west <= east ? p.lon >= west && p.lon <= east : p.lon >= west || p.lon <= east;
}

function involves(c: EventCluster, actorId: string): boolean {
  const actors = (x: Pick<EventCluster, 'agent' | 'patient' | 'control'>) => [x.agent, x.patient, x.control?.holder ?? null, x.control?.loser ?? null];
  return [c, ...c.mentions].some((x) => actors(x).some((a) => a?.actorId === actorId));
}

interface DocumentReader {
  document(id: string): Promise<StoredDocument>;
  text(id: string): Promise<string>;
  extraction(id: string): Promise<Extraction | null>;
}

/** Documents and extractions, each fetched once. */
function documentReader(store: Store): DocumentReader {
  const documents = new Map<string, Promise<StoredDocument>>();
  const extractions = new Map<string, Promise<Extraction | null>>();
  const document = (id: string) => {
    let found = documents.get(id);
    if (!found) {
      found = store.getDocument(id).then((d) => {
        if (!d) throw new Error(`document ${id} is fused but not stored`);
        return d;
      });
      documents.set(id, found);
    }
    return found;
  };
  return {
    document,
    text: async (id) => (await document(id)).text,
    extraction(id) {
      let found = extractions.get(id);
      if (!found) {
        found = store.getExtraction(id);
        extractions.set(id, found);
      }
      return found;
    },
  };
}

async function toExportEvent(c: EventCluster, reader: DocumentReader, countries: Countries): Promise<ExportEvent> {
  const evidence: Evidence[] = [];
  const killed: number[] = [];
  for (const m of c.mentions) {
    const doc = await reader.document(m.docId);
    const extraction = await reader.extraction(m.docId);
    const sentences = extraction?.sentences ?? [];
    const dead = extraction?.events.find((e) => e.id === m.eventId)?.casualties?.killed;
    if (dead != null) killed.push(dead);
    const sentence = sentences.find((s) => s.start <= m.start && m.end <= s.end) ?? m;
    const trigger = m.evidence[0] ?? { start: m.start, end: m.end };
    evidence.push({
      key: m.key,
      eventId: m.eventId,
      document: { id: doc.id, title: doc.title, url: doc.url, outlet: doc.outlet, author: doc.author, publishedAt: doc.publishedAt, ingestedAt: doc.ingestedAt },
      start: m.start,
      end: m.end,
      quote: doc.text.slice(m.start, m.end),
      sentence: doc.text.slice(sentence.start, sentence.end),
      trigger: { start: trigger.start, end: trigger.end, text: doc.text.slice(trigger.start, trigger.end) },
      spans: m.evidence,
      source: m.source,
      sourceKind: m.sourceKind,
      chain: m.chain,
      modality: m.modality,
      negated: m.negated,
      weight: m.weight,
      time: m.time,
    });
  }
  evidence.sort((a, b) => (a.document.publishedAt ?? '\uffff').localeCompare(b.document.publishedAt ?? '\uffff') || a.key.localeCompare(b.key));
  return {
    id: c.id,
    type: c.type,
    subtype: c.subtype,
    label: describeCluster(c),
    agent: c.agent,
    patient: c.patient,
    control: c.control,
    location: c.location,
    origin: c.origin,
    destination: c.destination,
    place: await placeOf(c, reader, countries),
    time: c.time,
    status: c.status,
    corroboration: c.corroboration,
    contradictions: c.contradictions,
    modalities: byFrequency(c.mentions.map((m) => m.modality)),
    evidence,
    fatalities: killed.length ? Math.min(...killed) : null,
  };
}

function byFrequency<T extends string>(values: readonly T[]): T[] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
}

/**
 * The event's place with its country, first-level division and precision, as
 * the document that names it resolved them; the country outline holding the
 * point when the extraction gave none.
 */
async function placeOf(c: EventCluster, reader: DocumentReader, countries: Countries): Promise<ExportPlace | null> {
  const role = c.location ? 'location' : c.destination ? 'destination' : c.origin ? 'origin' : null;
  if (!role) return null;
  const place = c[role]!;
  const same = (p: PlaceRef | null) => p !== null && (place.geonameid !== null ? p.geonameid === place.geonameid : p.name === place.name);
  let country: Country | null = null;
  let admin1: string | null = null;
  let precision: PlacePrecision | null = null;
  for (const m of c.mentions.filter((x) => same(x[role]))) {
    const extraction = await reader.extraction(m.docId);
    const mention = extraction?.places.find((p) => same(p));
    if (!mention) continue;
    country = mention.country ? countries.byAlpha2.get(mention.country) ?? null : null;
    admin1 = mention.admin1;
    precision = extraction!.events.find((e) => e.id === m.eventId)?.placePrecision ?? mention.precision;
    break;
  }
  return { ...place, role, country: country ?? countries.locate(place.lon, place.lat), admin1, precision };
}
