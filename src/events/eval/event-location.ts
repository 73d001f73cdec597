/**
 * Reads Halterman's event-location set ("Geolocating Political Events in
 * Text"): one sentence a line with one political-event verb and the spans of
 * the places the annotators put that event at (none when the sentence gives
 * no place).
 */
import type { Span } from '../../types.js';

export interface LocatedVerb {
  id: string;
  text: string;
  verb: Span & { text: string };
  locations: (Span & { text: string })[];
}

export function readEventLocationLine(line: string): LocatedVerb {
  const { id, text, verb, locations } = JSON.parse(line) as LocatedVerb;
  return { id: String(id), text, verb, locations: locations ?? [] };
}
