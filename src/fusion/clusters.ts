import { createHash } from 'node:crypto';
import type { PlaceRef } from '../types.js';
import { compareKeys } from './mentions.js';
import { placeKey, toDay } from './space-time.js';
import type { ClusterCore, ClusterMention, ControlReading, EventCluster, FusedActor, NormalizeName, TimeWindow } from './types.js';

export function hashId(prefix: string, text: string): string {
  return `${prefix}-${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
}

/** The most frequent value by key; ties go to the lowest key, so the choice never depends on order. */
function mostFrequent<T>(values: readonly (T | null)[], keyOf: (v: T) => string): T | null {
  const counts = new Map<string, { value: T; n: number }>();
  for (const v of values) {
    if (v === null) continue;
    const k = keyOf(v);
    const entry = counts.get(k);
    if (entry) entry.n++;
    else counts.set(k, { value: v, n: 1 });
  }
  let best: [string, { value: T; n: number }] | null = null;
  for (const e of counts) if (!best || e[1].n > best[1].n || (e[1].n === best[1].n && e[0] < best[0])) best = e;
  return best ? best[1].value : null;
}

const actorKey = (a: FusedActor) => a.actorId;

/** The most frequent named actor; a generic one ("fighters") only when no mention names one. */
function mostFrequentActor(actors: readonly (FusedActor | null)[]): FusedActor | null {
  return mostFrequent(actors.filter((a) => a?.kind !== 'generic'), actorKey) ?? mostFrequent(actors, actorKey);
}

/**
 * The most precise account of when it happened: of the narrowest windows
 * among the mentions, the one most other mentions' windows agree with (ties:
 * the earliest). Joining them instead would let one misdated mention stretch
 * the event over days no one else gives it.
 * A plan's or an aim's date ("an offensive to retake the town") is not the event's: it counts only when nothing else dates it.
 */
function clusterWindow(mentions: readonly ClusterMention[]): TimeWindow | null {
  const told = mentions.filter((m) => m.weight !== 'prospective' && m.time !== null);
  const windows = (told.length ? told : mentions).map((m) => m.time).filter((t): t is TimeWindow => t !== null);
  if (windows.length === 0) return null;
  const span = (t: TimeWindow) => toDay(t.to)! - toDay(t.from)!;
  const narrowest = Math.min(...windows.map(span));
  const support = (t: TimeWindow) => windows.filter((o) => o.from <= t.to && t.from <= o.to).length;
  const ranked = windows.filter((t) => span(t) === narrowest)
    .map((t) => ({ t, n: support(t) }))
    .sort((a, b) => b.n - a.n || compareKeys(a.t.from, b.t.from) || compareKeys(a.t.precision, b.t.precision));
  const { from, to } = ranked[0]!.t;
  return { from, to, precision: mostFrequent(ranked.filter((r) => r.t.from === from && r.t.to === to).map((r) => r.t.precision), String)! };
}

function clusterControl(mentions: readonly ClusterMention[]): ControlReading | null {
  const readings = mentions.map((m) => m.control).filter((c): c is ControlReading => c !== null);
  if (readings.length === 0) return null;
  const role = mostFrequent(readings.map((c) => c.role), String)!;
  return {
    role,
    holder: mostFrequentActor(readings.map((c) => c.holder)),
    loser: mostFrequentActor(readings.map((c) => c.loser)),
  };
}

/** Subtypes that say more of what another says: a retake is a capture by a side that held the place before. */
const REFINES: Readonly<Record<string, string>> = { retaken: 'captured' };

/** The mentions' most told subtype, where a report of the general one also bears out its refinement ("took" and "retook" Tal Afar: retook). */
function clusterSubtype(mentions: readonly ClusterMention[]): string {
  const told = new Set(mentions.map((m) => m.subtype));
  const refined = (subtype: string) => Object.keys(REFINES).find((r) => REFINES[r] === subtype && told.has(r)) ?? subtype;
  return mostFrequent(mentions.map((m) => refined(m.subtype)), String)!;
}

/** A cluster as a pure function of its mentions (corroboration, contradictions and status come later, from their own modules). */
export function summarize(mentions: readonly ClusterMention[], normalize: NormalizeName): ClusterCore {
  const sorted = [...mentions].sort((a, b) => compareKeys(a.key, b.key));
  const first = sorted[0]!;
  const place = (slot: 'location' | 'origin' | 'destination') => mostFrequent<PlaceRef>(sorted.map((m) => m[slot]), (p) => placeKey(p, normalize));
  return {
    id: hashId('ev', first.key),
    type: first.type,
    subtype: clusterSubtype(sorted),
    agent: mostFrequentActor(sorted.map((m) => m.agent)),
    patient: mostFrequentActor(sorted.map((m) => m.patient)),
    location: place('location'),
    origin: place('origin'),
    destination: place('destination'),
    control: clusterControl(sorted),
    unit: mostFrequent(sorted.map((m) => m.unit), String),
    time: clusterWindow(sorted),
    mentions: sorted,
  };
}

/** A one-line description: "captured (control) by Counter-Terrorism Service, Tal Afar, 2017-08-27". */
export function describeCluster(c: Pick<EventCluster, 'type' | 'subtype' | 'agent' | 'patient' | 'location' | 'origin' | 'destination' | 'time'>): string {
  const what = c.subtype && c.subtype !== c.type ? `${c.subtype} (${c.type})` : c.type;
  const route = c.origin || c.destination ? `${c.origin?.name ?? '?'} → ${c.destination?.name ?? '?'}` : null;
  const when = c.time ? (c.time.from === c.time.to ? c.time.from : `${c.time.from}..${c.time.to}`) : null;
  return [
    `${what}${c.agent ? ` by ${c.agent.name}` : ''}${c.patient ? `, involving ${c.patient.name}` : ''}`,
    c.location?.name, route, when,
  ].filter(Boolean).join(', ');
}
