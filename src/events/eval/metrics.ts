/**
 * What the event scores are computed from: the part of an extraction they
 * read, and the measures shared by the sets (shares, spans, places).
 */
import type { Casualties, Event, PlaceMention, PlaceRef, Plover, Span, Statement } from '../../types.js';

/** The part of an extraction's event the scores read. */
export type PredictedEvent = Pick<Event, 'type' | 'subtype' | 'trigger' | 'location' | 'destination' | 'origin'> & {
  plover: Pick<Plover, 'type'> | null;
  /** Absent in predictions written before casualties were read: no figure. */
  casualties?: Pick<Casualties, 'killed' | 'wounded'> | null;
  /** Absent in predictions written before cue words were scored: the trigger alone. */
  evidence?: readonly Span[];
  /** Absent (or null) in predictions without the claims stage: told as a happening. */
  modality?: Event['modality'];
  negated?: boolean;
  intent?: Event['intent'];
  /** The rule that produced it; absent in hand-written predictions. */
  rule?: string;
};
export type PredictedPlace = Pick<PlaceMention, 'start' | 'end' | 'geonameid' | 'name' | 'lat' | 'lon'>;

/** The part of an extraction the scores read (an `Extraction` is one). */
export interface Predicted {
  events: readonly PredictedEvent[];
  places: readonly PredictedPlace[];
  /** What the claims stage reads as said, with the span of its speech verb; absent: none. */
  statements?: readonly Pick<Statement, 'cueStart' | 'cueEnd'>[];
}

/** `count` of `of`, and their ratio (0 when `of` is 0). */
export interface Share {
  count: number;
  of: number;
  share: number;
}

export function share(count: number, of: number): Share {
  return { count, of, share: of ? Math.round((count / of) * 1000) / 1000 : 0 };
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The words that name the event's happening: its trigger, then the other cue words the
 * extraction folded into it (the noun a support verb carries, a second cue of the same
 * happening), the evidence between the trigger and the clause, which comes last.
 */
export function cueWords(event: PredictedEvent): readonly Span[] {
  return [event.trigger, ...(event.evidence?.slice(1, -1) ?? [])];
}

/** The place an event is put at on the map: where it happened, else where a movement went, else where it came from. */
export function eventPlace(event: PredictedEvent): PlaceRef | null {
  return event.location ?? event.destination ?? event.origin ?? null;
}

function samePlace(a: PlaceRef, b: PlaceRef): boolean {
  if (a.geonameid !== null || b.geonameid !== null) return a.geonameid === b.geonameid;
  return a.name === b.name && a.lat === b.lat && a.lon === b.lon;
}

/**
 * Whether `place` is the place gold puts the event at: a place mention of
 * the extraction that overlaps one of the gold `spans` resolves to it. So an
 * event placed at Donetsk is right for the gold span "Donetsk" wherever the
 * text names Donetsk, and wrong for the gold span "Mariupol".
 */
export function placedAt(place: PlaceRef | null, places: readonly PredictedPlace[], spans: readonly Span[]): boolean {
  return place !== null && places.some((m) => samePlace(m, place) && spans.some((s) => overlaps(m, s)));
}
