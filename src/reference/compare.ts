/**
 * Compares Corridor's fused events with reference events (an ACLED export):
 * which extracted events the reference confirms, which it lacks, and which
 * reference events no document mentions.
 */
import type { ClaimStatus, EventCluster, TimeWindow } from '../fusion/index.js';
import { distanceKm } from '../geo/distance.js';
import { toDay } from '../fusion/space-time.js';
import type { EventType, PlaceRef } from '../types.js';
import { comparableSubEventTypes, formatAcledDate, type AcledMapping } from './acled.js';
import type { ReferenceEvent } from './import.js';

export interface CompareOptions {
  /** Days between an event's time window and the reference date (default from the mapping's `compare.days`). */
  days?: number;
  /** Kilometres between an event's places and the reference location (default `compare.km`). */
  km?: number;
}

export interface ComparedEvent {
  id: string;
  type: EventType;
  subtype: string;
  label: string;
  time: TimeWindow | null;
  status: ClaimStatus;
  corroboration: number;
}

export interface ReferenceSummary {
  id: string;
  date: string;
  eventType: string;
  subEventType: string;
  location: string;
  country: string;
  actors: string;
  notes: string;
}

export interface ReferenceMatch extends ReferenceSummary {
  /** Days between the reference date and the event's window (0 inside it). */
  days: number;
  /** Distance from the reference location to the nearest of the event's places. */
  km: number;
}

export interface Comparison {
  settings: { days: number; km: number };
  /** Events with an ACLED counterpart, a place and a date no vaguer than a month. */
  comparable: number;
  /** Events left out of the comparison (no ACLED counterpart, no place, or too vague a date). */
  notComparable: number;
  references: number;
  /** Events a reference event matches, best match first. */
  confirmed: { event: ComparedEvent; matches: ReferenceMatch[] }[];
  /** Comparable events no reference event matches. */
  unconfirmed: ComparedEvent[];
  /** Reference events no event matches: what no document mentions. */
  unmentioned: ReferenceSummary[];
}

function summarizeEvent(c: EventCluster, label: string): ComparedEvent {
  return { id: c.id, type: c.type, subtype: c.subtype, label, time: c.time, status: c.status, corroboration: c.corroboration.score };
}

function summarizeReference(r: ReferenceEvent): ReferenceSummary {
  return {
    id: r.id, date: r.date, eventType: r.eventType, subEventType: r.subEventType, location: r.location, country: r.country,
    actors: [r.actor1, r.actor2].filter(Boolean).join(' vs '), notes: r.notes,
  };
}

/** Days from a date to a window, 0 when inside it. */
function daysApart(day: number, from: number, to: number): number {
  return Math.max(0, from - day, day - to);
}

/**
 * Matches each comparable event with the reference events of a compatible
 * ACLED type (the mapping's rules plus `compareAlso`), whose date falls
 * within `days` of the event's window and whose location lies within `km` of
 * one of its places; both tolerances grow with the reference row's own time
 * and geo precision codes. An event whose window is wider than a week only
 * matches rows that ACLED itself dates to the month (time precision 3).
 *
 * @example
 * const report = compareWithReference(clusters, reference.events, loadAcledMapping(), {days: 3, km: 25});
 */
export function compareWithReference(
  clusters: readonly EventCluster[],
  references: readonly ReferenceEvent[],
  mapping: AcledMapping,
  options: CompareOptions & { describe: (c: EventCluster) => string },
): Comparison {
  const days = options.days ?? mapping.compare.days;
  const km = options.km ?? mapping.compare.km;
  const confirmed: Comparison['confirmed'] = [];
  const unconfirmed: ComparedEvent[] = [];
  const matched = new Set<string>();
  let notComparable = 0;
  const refs = references.map((r) => ({ r, day: toDay(r.date)!, place: { geonameid: null, name: r.location, lat: r.lat, lon: r.lon } satisfies PlaceRef }));

  const sorted = [...clusters].sort((a, b) => (a.time?.from ?? '\uffff').localeCompare(b.time?.from ?? '\uffff') || a.id.localeCompare(b.id));
  for (const c of sorted) {
    const types = comparableSubEventTypes(mapping, c.type, c.subtype);
    const places = [c.location, c.origin, c.destination].filter((p): p is PlaceRef => p !== null);
    const from = toDay(c.time?.from);
    const to = toDay(c.time?.to);
    if (types.size === 0 || places.length === 0 || from === null || to === null || to - from + 1 > mapping.timePrecision.maxDaysForMonth) {
      notComparable++;
      continue;
    }
    const matches: ReferenceMatch[] = [];
    const span = to - from + 1;
    for (const { r, day, place } of refs) {
      if (!types.has(r.subEventType)) continue;
      // An event known only to the month cannot confirm a row dated to the day or the week.
      if (span > (r.timePrecision === 3 ? mapping.timePrecision.maxDaysForMonth : mapping.timePrecision.maxDaysForWeek)) continue;
      const apart = daysApart(day, from, to);
      if (apart > days + (mapping.compare.extraDaysByTimePrecision[r.timePrecision] ?? 0)) continue;
      const nearest = Math.min(...places.map((p) => distanceKm(p, place)));
      if (nearest > km + (mapping.compare.extraKmByGeoPrecision[r.geoPrecision] ?? 0)) continue;
      matches.push({ ...summarizeReference(r), days: apart, km: Math.round(nearest * 10) / 10 });
      matched.add(r.id);
    }
    const event = summarizeEvent(c, options.describe(c));
    if (matches.length) confirmed.push({ event, matches: matches.sort((a, b) => a.days - b.days || a.km - b.km || a.id.localeCompare(b.id)) });
    else unconfirmed.push(event);
  }
  return {
    settings: { days, km },
    comparable: confirmed.length + unconfirmed.length,
    notComparable,
    references: references.length,
    confirmed,
    unconfirmed,
    unmentioned: refs.filter(({ r }) => !matched.has(r.id)).sort((a, b) => a.day - b.day || a.r.id.localeCompare(b.r.id)).map(({ r }) => summarizeReference(r)),
  };
}

/** The comparison as text, one line per event. */
export function formatComparison(report: Comparison, source: string): string {
  const lines: string[] = [];
  const time = (e: ComparedEvent) => (e.time ? (e.time.from === e.time.to ? e.time.from : `${e.time.from}..${e.time.to}`) : 'undated');
  const eventLine = (e: ComparedEvent) => `  ${e.id}  ${e.status.padEnd(13)} ${String(e.corroboration).padStart(2)} src  ${time(e)}  ${e.label}`;
  const refLine = (r: ReferenceSummary) => `${r.id}  ${formatAcledDate(r.date)}  ${r.eventType} / ${r.subEventType}, ${r.location}${r.country ? ` (${r.country})` : ''}${r.actors ? `: ${r.actors}` : ''}`;
  lines.push(`Reference: ${report.references} events (${source}). Matching within ${report.settings.days} days and ${report.settings.km} km.`);
  lines.push(`Corridor: ${report.comparable} comparable events; ${report.notComparable} others have no ACLED counterpart, no place or only a vague date.`);
  lines.push('', `Confirmed by the reference (${report.confirmed.length}):`);
  for (const { event, matches } of report.confirmed) {
    lines.push(eventLine(event));
    for (const m of matches) lines.push(`      = ${refLine(m)}  [${m.days} d, ${m.km} km]`);
  }
  lines.push('', `Not in the reference (${report.unconfirmed.length}):`);
  for (const e of report.unconfirmed) lines.push(eventLine(e));
  lines.push('', `Reference events no document mentions (${report.unmentioned.length}):`);
  for (const r of report.unmentioned) lines.push(`  ${refLine(r)}`);
  return `${lines.join('\n')}\n`;
}
