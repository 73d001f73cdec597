import type { ActorKind, Event, PlaceRef } from '../types.js';

/**
 * Places and actors over the current documents, read from the item tables
 * (`places`, `actors`, `event_places`, `events`). Both stores run the same
 * SQL; rows come grouped per document, and the place key and the merging
 * across documents are done here, so both stores give identical answers.
 */

export interface PlaceSummary extends PlaceRef {
  /** The place key the caller gives (fusion's `placeKey`: `gn:<geonameid>`, else `name:<name key>`). */
  key: string;
  country: string | null;
  admin1: string | null;
  featureCode: string;
  mentions: number;
  documents: number;
  /** Events located at, leaving or reaching the place. */
  events: number;
}

export interface ActorSummary {
  actorId: string;
  name: string;
  kind: ActorKind;
  mentions: number;
  documents: number;
  /** Events in which the actor is agent or patient. */
  events: number;
}

/** How places are keyed: the caller's one place key, so the store needs no name normaliser of its own. */
export type PlaceKeyOf = (place: PlaceRef) => string;

/** The place mentions of current documents, one row per document and place, in order of first mention. */
export const PLACE_ROWS_SQL = `SELECT p.doc_id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature_code, CAST(count(*) AS integer) AS mentions
  FROM places p JOIN documents d ON d.id = p.doc_id
  WHERE d.superseded_by IS NULL
  GROUP BY d.seq, p.doc_id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature_code
  ORDER BY d.seq, min(p.idx)`;

/** The places of current documents' events (location, origin, destination). */
export const EVENT_PLACE_ROWS_SQL = `SELECT ep.doc_id, ep.event_idx, ep.geonameid, ep.name, ep.lat, ep.lon
  FROM event_places ep JOIN documents d ON d.id = ep.doc_id
  WHERE d.superseded_by IS NULL`;

/** The actor mentions of current documents, one row per document and actor, in order of first mention. */
export const ACTOR_ROWS_SQL = `SELECT a.doc_id, a.actor_id, a.name, a.kind, CAST(count(*) AS integer) AS mentions
  FROM actors a JOIN documents d ON d.id = a.doc_id
  WHERE d.superseded_by IS NULL
  GROUP BY d.seq, a.doc_id, a.actor_id, a.name, a.kind
  ORDER BY d.seq, min(a.idx)`;

/** Per actor, the current events it is agent or patient of (an event naming it twice counts once). */
export const ACTOR_EVENTS_SQL = `SELECT actor_id, CAST(count(*) AS integer) AS events FROM (
    SELECT e.doc_id, e.idx, e.agent_id AS actor_id FROM events e JOIN documents d ON d.id = e.doc_id
    WHERE d.superseded_by IS NULL AND e.agent_id IS NOT NULL
    UNION
    SELECT e.doc_id, e.idx, e.patient_id AS actor_id FROM events e JOIN documents d ON d.id = e.doc_id
    WHERE d.superseded_by IS NULL AND e.patient_id IS NOT NULL
  ) involved GROUP BY actor_id`;

export interface PlaceRow {
  doc_id: string;
  geonameid: number | null;
  name: string;
  lat: number;
  lon: number;
  country: string | null;
  admin1: string | null;
  feature_code: string;
  mentions: number;
}

export interface EventPlaceRow {
  doc_id: string;
  event_idx: number;
  geonameid: number | null;
  name: string;
  lat: number;
  lon: number;
}

export interface ActorRow {
  doc_id: string;
  actor_id: string;
  name: string;
  kind: ActorKind;
  mentions: number;
}

export interface ActorEventsRow {
  actor_id: string;
  events: number;
}

/** The roles in which an event names a place, as `event_places.role` records them. */
const EVENT_PLACE_ROLES = ['location', 'origin', 'destination'] as const;

/** The columns of `event_places`, and the rows a document's events give it. */
export const EVENT_PLACE_COLUMNS = ['doc_id', 'event_idx', 'role', 'geonameid', 'name', 'lat', 'lon'];

export function eventPlaceRows(docId: string, events: readonly Event[]): unknown[][] {
  return events.flatMap((e, idx) => EVENT_PLACE_ROLES.flatMap((role) => {
    const p = e[role];
    return p ? [[docId, idx, role, p.geonameid, p.name, p.lat, p.lon]] : [];
  }));
}

const byMentions = (a: { mentions: number; name: string }, b: { mentions: number; name: string }) =>
  b.mentions - a.mentions || a.name.localeCompare(b.name);

/** Places most mentioned first; a place's name and coordinates are those of its first mention. */
export function summarisePlaces(placeRows: readonly PlaceRow[], eventPlaceRows: readonly EventPlaceRow[], placeKey: PlaceKeyOf): PlaceSummary[] {
  const places = new Map<string, PlaceSummary>();
  // A document can name one place in two rows (two spellings under one key): it counts once.
  const countedDocuments = new Set<string>();
  for (const r of placeRows) {
    const ref: PlaceRef = { geonameid: r.geonameid, name: r.name, lat: r.lat, lon: r.lon };
    const key = placeKey(ref);
    let place = places.get(key);
    if (!place) {
      place = { key, ...ref, country: r.country, admin1: r.admin1, featureCode: r.feature_code, mentions: 0, documents: 0, events: 0 };
      places.set(key, place);
    }
    place.mentions += r.mentions;
    if (once(countedDocuments, r.doc_id, key)) place.documents++;
  }
  // An event naming one place in two roles (location and destination) counts once.
  const countedEvents = new Set<string>();
  for (const r of eventPlaceRows) {
    const key = placeKey(r);
    const place = places.get(key);
    if (place && once(countedEvents, `${r.doc_id}\u0000${r.event_idx}`, key)) place.events++;
  }
  return [...places.values()].sort(byMentions);
}

/** Actors most mentioned first; an actor's name and kind are those of its first mention. */
export function summariseActors(actorRows: readonly ActorRow[], eventCounts: readonly ActorEventsRow[]): ActorSummary[] {
  const actors = new Map<string, ActorSummary>();
  const counted = new Set<string>();
  for (const r of actorRows) {
    let actor = actors.get(r.actor_id);
    if (!actor) {
      actor = { actorId: r.actor_id, name: r.name, kind: r.kind, mentions: 0, documents: 0, events: 0 };
      actors.set(r.actor_id, actor);
    }
    actor.mentions += r.mentions;
    if (once(counted, r.doc_id, r.actor_id)) actor.documents++;
  }
  for (const { actor_id, events } of eventCounts) {
    const actor = actors.get(actor_id);
    if (actor) actor.events = events;
  }
  return [...actors.values()].sort(byMentions);
}

/** True the first time a (scope, key) pair is seen. */
function once(seen: Set<string>, scope: string, key: string): boolean {
  const pair = `${scope}\u0001${key}`;
  if (seen.has(pair)) return false;
  seen.add(pair);
  return true;
}
