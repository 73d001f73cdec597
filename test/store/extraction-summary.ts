/**
 * What /api/places and /api/actors gave when they re-read every stored
 * extraction on each request: kept as the reference the table-based
 * summaries (Store.listPlaces, Store.listActors) must equal. With one fix:
 * events are counted after every mention, so an event in a document stored
 * before the first mention of its place or actor counts too (the one-pass
 * version missed it).
 */
import type { Extraction, PlaceRef } from '../../src/types.js';
import { createFusionContext, placeKey as fusionKey } from '../../src/fusion/index.js';
import type { ActorSummary, PlaceKeyOf, PlaceSummary } from '../../src/store/entities.js';
import type { Store } from '../../src/store/index.js';

/** The one place key, with the default name normaliser: what the API passes to Store.listPlaces. */
export function fusionPlaceKey(): PlaceKeyOf {
  const { normalizeName } = createFusionContext();
  return (place) => fusionKey(place, normalizeName);
}

type Counted<T> = T & { docs: Set<string> };

export async function summariseExtractions(store: Store, placeKey: PlaceKeyOf): Promise<{ places: PlaceSummary[]; actors: ActorSummary[] }> {
  const places = new Map<string, Counted<PlaceSummary>>();
  const actors = new Map<string, Counted<ActorSummary>>();
  const extractions: Extraction[] = [];
  for await (const { document, extraction } of store.allExtractions()) {
    countMentions(document.id, extraction, places, actors, placeKey);
    extractions.push(extraction);
  }
  for (const extraction of extractions) countEvents(extraction, places, actors, placeKey);
  const strip = <T extends { docs: Set<string> }>({ docs, ...rest }: T) => ({ ...rest, documents: docs.size });
  const order = (a: { mentions: number; name: string }, b: { mentions: number; name: string }) => b.mentions - a.mentions || a.name.localeCompare(b.name);
  return { places: [...places.values()].map(strip).sort(order), actors: [...actors.values()].map(strip).sort(order) };
}

function countMentions(docId: string, extraction: Extraction, places: Map<string, Counted<PlaceSummary>>, actors: Map<string, Counted<ActorSummary>>, placeKey: PlaceKeyOf): void {
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
    const entry = actors.get(a.actorId) ?? { actorId: a.actorId, name: a.name, kind: a.kind, mentions: 0, documents: 0, events: 0, docs: new Set<string>() };
    entry.mentions++;
    entry.docs.add(docId);
    actors.set(a.actorId, entry);
  }
}

function countEvents(extraction: Extraction, places: Map<string, Counted<PlaceSummary>>, actors: Map<string, Counted<ActorSummary>>, placeKey: PlaceKeyOf): void {
  for (const e of extraction.events) {
    for (const key of new Set([e.location, e.origin, e.destination].filter((p): p is PlaceRef => !!p).map(placeKey))) {
      const entry = places.get(key);
      if (entry) entry.events++;
    }
    for (const id of new Set([e.agent?.actorId, e.patient?.actorId].filter((x): x is string => !!x))) {
      const entry = actors.get(id);
      if (entry) entry.events++;
    }
  }
}
