/**
 * Scores events on the event-location set: whether Corridor finds an event
 * on the gold verb, whether it puts that event at a gold location, and
 * whether it leaves it unplaced when the sentence names no place for it.
 *
 * What counts as found on the verb:
 * - an event one of whose cue words overlaps it: its trigger, or a cue word
 *   it folded in as naming the same happening ("launched" carrying "an
 *   assault", "an offensive ..., targeting X" read as one attack);
 * - else a statement whose speech verb it is ("said", "told", "denied"):
 *   the set annotates statements as political events, and Corridor reads
 *   them, with the span of their verb, in the claims stage. A statement
 *   has no place of its own, so it is never put at a gold location.
 * Copulas and auxiliaries ("was", "is", "had") that the set marks on their
 * own name no happening and stay misses unless a cue word overlaps them.
 */
import type { LocatedVerb } from './event-location.js';
import { cueWords, eventPlace, overlaps, placedAt, share, type Predicted, type PredictedEvent, type Share } from './metrics.js';

export interface EventLocationReport {
  set: 'event-location';
  file: string;
  records: number;
  /** Verbs with a Corridor event one of whose cue words overlaps them, or a statement whose speech verb they are. */
  triggers: Share;
  /** Of those, the verbs found only as a statement's speech verb. */
  statements: number;
  /** Of the found verbs whose sentence has a gold location, those whose event is put at one. */
  placed: Share;
  /** Of the found verbs whose sentence gives no location, those without a place. */
  unplaced: Share;
  /** The verbs (lower-cased) most often without an event, with how often they occur. */
  missedVerbs: { verb: string; missed: number; of: number }[];
}

const MISSED_VERBS_SHOWN = 10;

/** The event on the verb: the one it triggers, else one that folded it in as a cue word. */
function eventOn(verb: LocatedVerb['verb'], events: readonly PredictedEvent[]): PredictedEvent | undefined {
  return events.find((e) => overlaps(e.trigger, verb)) ?? events.find((e) => cueWords(e).some((w) => overlaps(w, verb)));
}

export function scoreEventLocation(records: readonly LocatedVerb[], predicted: readonly Predicted[], file: string): EventLocationReport {
  let found = 0, statements = 0;
  let withLocation = 0, placed = 0;
  let withoutLocation = 0, unplaced = 0;
  const verbs = new Map<string, { missed: number; of: number }>();
  records.forEach((record, i) => {
    const { events, places, statements: said = [] } = predicted[i]!;
    const event = eventOn(record.verb, events);
    const statement = !event && said.some((s) => s.cueStart !== null && s.cueEnd !== null && overlaps({ start: s.cueStart, end: s.cueEnd }, record.verb));
    const verb = record.verb.text.toLowerCase();
    const tally = verbs.get(verb) ?? { missed: 0, of: 0 };
    verbs.set(verb, { missed: tally.missed + (event || statement ? 0 : 1), of: tally.of + 1 });
    if (!event && !statement) return;
    found++;
    if (statement) statements++;
    const place = event ? eventPlace(event) : null;
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
    statements,
    placed: share(placed, withLocation),
    unplaced: share(unplaced, withoutLocation),
    missedVerbs,
  };
}
