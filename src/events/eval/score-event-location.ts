/**
 * Scores events on the event-location set: whether Corridor finds an event
 * on the gold verb, whether it puts that event at a gold location, and
 * whether it leaves it unplaced when the sentence names no place for it.
 */
import type { LocatedVerb } from './event-location.js';
import { eventPlace, overlaps, placedAt, share, type Predicted, type Share } from './metrics.js';

export interface EventLocationReport {
  set: 'event-location';
  file: string;
  records: number;
  /** Verbs with a Corridor event whose trigger overlaps them. */
  triggers: Share;
  /** Of the found events whose sentence has a gold location, those put at one. */
  placed: Share;
  /** Of the found events whose sentence gives no location, those left without a place. */
  unplaced: Share;
  /** The verbs (lower-cased) most often without an event, with how often they occur. */
  missedVerbs: { verb: string; missed: number; of: number }[];
}

const MISSED_VERBS_SHOWN = 10;

export function scoreEventLocation(records: readonly LocatedVerb[], predicted: readonly Predicted[], file: string): EventLocationReport {
  let found = 0;
  let withLocation = 0, placed = 0;
  let withoutLocation = 0, unplaced = 0;
  const verbs = new Map<string, { missed: number; of: number }>();
  records.forEach((record, i) => {
    const { events, places } = predicted[i]!;
    const event = events.find((e) => overlaps(e.trigger, record.verb));
    const verb = record.verb.text.toLowerCase();
    const tally = verbs.get(verb) ?? { missed: 0, of: 0 };
    verbs.set(verb, { missed: tally.missed + (event ? 0 : 1), of: tally.of + 1 });
    if (!event) return;
    found++;
    const place = eventPlace(event);
    if (record.locations.length) {
      withLocation++;
      if (placedAt(place, places, record.locations)) placed++;
    } else {
      withoutLocation++;
      if (place === null) unplaced++;
    }
  });
  const missedVerbs = [...verbs].filter(([, t]) => t.missed > 0).map(([verb, t]) => ({ verb, ...t }))
    .sort((a, b) => b.missed - a.missed || a.verb.localeCompare(b.verb)).slice(0, MISSED_VERBS_SHOWN);
  return {
    set: 'event-location', file,
    records: records.length,
    triggers: share(found, records.length),
    placed: share(placed, withLocation),
    unplaced: share(unplaced, withoutLocation),
    missedVerbs,
  };
}
