/**
 * The data Forensic Architecture's timemap (and Bellingcat's ukraine-timemap,
 * built on it) loads: `events` (an array), `sources` (an object keyed by
 * source id) and `associations` (an array of filters), each what one of its
 * endpoints (EVENTS_EXT, SOURCES_EXT, ASSOCIATIONS_EXT) serves. Events carry
 * only the fields timemap's event schema allows, dates in its default
 * DATE_FMT (MM/DD/YYYY) and coordinates as strings, as its validator expects.
 */
import type { ExportDataset, ExportEvent } from './dataset.js';

export interface TimemapEvent {
  id: string;
  description: string;
  date: string;
  time: string;
  time_precision: string;
  location: string;
  latitude: string;
  longitude: string;
  type: string;
  category: string;
  associations: string[];
  sources: string[];
  comments: string;
}

export interface TimemapSource {
  id: string;
  title: string;
  url: string;
  paths: string[];
  type: string;
  author: string;
  date: string;
  description: string;
}

export interface TimemapAssociation {
  id: string;
  title: string;
  desc: string;
  mode: 'FILTER';
  filter_paths: string[];
}

export interface Timemap {
  events: TimemapEvent[];
  sources: Record<string, TimemapSource>;
  associations: TimemapAssociation[];
}

/** timemap's default DATE_FMT. */
export function timemapDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${m}/${d}/${y}`;
}

const sourceId = (docId: string) => `doc-${docId.slice(0, 12)}`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Events with both a place and a date (timemap draws each on the map and the
 * timeline); the others are left out.
 *
 * @example
 * const { events, sources, associations } = toTimemap(dataset);
 */
export function toTimemap(dataset: ExportDataset): Timemap {
  const drawn = dataset.events.filter((e): e is ExportEvent & { place: NonNullable<ExportEvent['place']>; time: NonNullable<ExportEvent['time']> } => e.place !== null && e.time !== null);
  const sources: Record<string, TimemapSource> = {};
  const associations = new Map<string, TimemapAssociation>();
  const associate = (group: string, value: string) => {
    const id = `${group.toLowerCase().replace(/\s+/g, '-')}:${value}`;
    if (!associations.has(id)) associations.set(id, { id, title: capitalise(value.replace(/-/g, ' ')), desc: `${group}: ${value}`, mode: 'FILTER', filter_paths: [group, value] });
    return id;
  };
  const events = drawn.map((e): TimemapEvent => {
    for (const ev of e.evidence) {
      const id = sourceId(ev.document.id);
      const d = ev.document;
      sources[id] ??= {
        id,
        title: d.title ?? d.outlet ?? id,
        url: d.url ?? '',
        paths: d.url ? [d.url] : [],
        type: 'Text',
        author: d.outlet ?? d.author ?? '',
        date: d.publishedAt ? timemapDate(d.publishedAt) : '',
        description: d.outlet ? `${d.outlet}${d.publishedAt ? `, ${d.publishedAt.slice(0, 10)}` : ''}` : '',
      };
    }
    const quotes = e.evidence.map((ev) => `"${ev.quote.replace(/\s+/g, ' ').trim()}" (${ev.source}, ${ev.modality}; ${ev.document.outlet ?? 'unknown outlet'})`);
    return {
      id: e.id,
      description: [e.label, ...quotes].join('\n'),
      date: timemapDate(e.time.from),
      time: '',
      time_precision: e.time.from === e.time.to ? e.time.precision : `${e.time.precision}: ${e.time.from}..${e.time.to}`,
      location: e.place.name,
      latitude: String(e.place.lat),
      longitude: String(e.place.lon),
      type: e.subtype,
      category: e.type,
      associations: [associate('Event type', e.type), associate('Status', e.status)],
      sources: [...new Set(e.evidence.map((ev) => sourceId(ev.document.id)))],
      comments: `${e.status}: ${e.corroboration.score} independent source${e.corroboration.score === 1 ? '' : 's'}${e.corroboration.independentSources.length ? ` (${e.corroboration.independentSources.join(', ')})` : ''}`,
    };
  });
  return { events, sources, associations: [...associations.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}
