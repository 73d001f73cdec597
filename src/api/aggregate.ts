import { placeKey, type NormalizeName } from '../fusion/index.js';
import type { ActorKind, Extraction, PlaceRef } from '../types.js';
import type { Store } from '../store/store.js';

export interface PlaceSummary extends PlaceRef {
  /** The place key (`placeKey`): `gn:<geonameid>`, or `name:<name key>` for places without a GeoNames id. */
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

/**
 * Places and actors over every stored extraction, most mentioned first:
 * one pass, counting mentions, the documents they occur in and the events
 * that involve them.
 */
export async function summariseExtractions(store: Store, normalize: NormalizeName): Promise<{ places: PlaceSummary[]; actors: ActorSummary[] }> {
  const places = new Map<string, PlaceSummary & { docs: Set<string> }>();
  const actors = new Map<string, ActorSummary & { docs: Set<string> }>();
  const keyOf = (p: PlaceRef) => placeKey(p, normalize);
  for await (const { document, extraction } of store.allExtractions()) {
    countMentions(document.id, extraction, keyOf, places, actors);
  }
  const strip = <T extends { docs: Set<string> }>({ docs, ...rest }: T) => ({ ...rest, documents: docs.size });
  const order = (a: { mentions: number; name: string }, b: { mentions: number; name: string }) =>
    b.mentions - a.mentions || a.name.localeCompare(b.name);
  return {
    places: [...places.values()].map(strip).sort(order),
    actors: [...actors.values()].map(strip).sort(order),
  };
}

function countMentions(
  docId: string,
  extraction: Extraction,
  placeKey: (p: PlaceRef) => string,
  places: Map<string, PlaceSummary & { docs: Set<string> }>,
  actors: Map<string, ActorSummary & { docs: Set<string> }>,
): void {
  for (const p of extraction.places) {
    const key = placeKey(p);
    const entry = places.get(key) ?? {
      key, geonameid: p.geonameid, name: p.name, lat: p.lat, lon: p.lon, country: p.country, admin1: p.admin1,
      featureCode: p.featureCode, mentions: 0, documents: 0, events: 0, docs: new Set<string>(),
    };
    entry.mentions++;
    entry.docs.add(docId);
    places.set(key, entry);
  }
  for (const a of extraction.actors) {
    const entry = actors.get(a.actorId) ?? {
      actorId: a.actorId, name: a.name, kind: a.kind, mentions: 0, documents: 0, events: 0, docs: new Set<string>(),
    };
    entry.mentions++;
    entry.docs.add(docId);
    actors.set(a.actorId, entry);
  }
  for (const e of extraction.events) {
    const placeKeys = new Set([e.location, e.origin, e.destination].filter((p): p is PlaceRef => !!p).map(placeKey));
    for (const key of placeKeys) {
      const entry = places.get(key);
      if (entry) entry.events++;
    }
    const actorIds = new Set([e.agent?.actorId, e.patient?.actorId].filter((id): id is string => !!id));
    for (const id of actorIds) {
      const entry = actors.get(id);
      if (entry) entry.events++;
    }
  }
}
