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
 * - else, when the verb is a copula, an event whose trigger is the copula's
 *   subject ("the **attack** was on the village of X", "these **attacks**
 *   may have been part of a wave") or the noun it introduces ("there was an
 *   **attack** in X"): the set marks the copula of a clause whose subject is
 *   the happening, and Corridor reads that happening off the noun. Nothing
 *   wider counts: "it was part of a wave of bombings" or "a video of the
 *   attack" name a happening the clause is not about.
 * Other copulas and auxiliaries ("was", "is", "had") name no happening and
 * stay misses unless a cue word overlaps them.
 *
 * With `details`, the report also lists each miss (grouped by the gold
 * verb's lemma) and each found event put elsewhere than gold says, with
 * what Corridor made of the sentence, to see the causes.
 */
import type { LocatedVerb } from './event-location.js';
import { cueWords, eventPlace, overlaps, placedAt, share, type Predicted, type PredictedEvent, type Share } from './metrics.js';

/** One record, as the details show it: the sentence, its gold verb and locations, and what Corridor produced there. */
export interface EventLocationCase {
  id: string;
  verb: string;
  text: string;
  gold: string[];
  /** Corridor's events ("attack/shelling 'shelled' at Aleppo") and statements ("said 'told'") in the sentence. */
  produced: string[];
}

/** The misses of one gold verb lemma. */
export interface MissGroup {
  lemma: string;
  missed: number;
  of: number;
  cases: EventLocationCase[];
}

export interface EventLocationDetails {
  /** Verbs without an event, grouped by lemma, the most missed first. */
  misses: MissGroup[];
  /** Found events whose sentence names their place, not put there: `placed` is where Corridor put them (null: nowhere). */
  misplaced: (EventLocationCase & { placed: string | null })[];
  /** Found events whose sentence names no place, put somewhere all the same. */
  overplaced: (EventLocationCase & { placed: string })[];
}

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
  /** Only when asked for. */
  details?: EventLocationDetails;
}

export interface EventLocationOptions {
  /** The gold verb's lemma, to group the misses by; given: the report carries `details`. */
  lemma?: (verb: string) => string;
}

const MISSED_VERBS_SHOWN = 10;

/** Forms of "be" the set marks as the event verb of a clause about a happening. */
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** What may stand between a subject and its copula: "may have been", "was also". */
const BEFORE_COPULA = /^\s*(?:(?:may|might|must|could|would|will|has|have|had|also|still|reportedly|apparently)\s+)*$/i;
/** What may stand between "there was" and its noun: "an", "heavy", "fresh". */
const AFTER_THERE = /^\s+(?:[\p{Ll}-]+\s+){0,2}$/u;

/** The event on the verb: the one it triggers, else one that folded it in as a cue word, else a copula's subject or existential noun. */
function eventOn(verb: LocatedVerb['verb'], events: readonly PredictedEvent[], text: string): PredictedEvent | undefined {
  return events.find((e) => overlaps(e.trigger, verb)) ?? events.find((e) => cueWords(e).some((w) => overlaps(w, verb)))
    ?? (COPULAS.has(verb.text.toLowerCase()) ? events.find((e) => copulaEvent(e, verb, text)) : undefined);
}

function copulaEvent(event: PredictedEvent, verb: LocatedVerb['verb'], text: string): boolean {
  const noun = cueWords(event).find((w) => w.end <= verb.start && BEFORE_COPULA.test(text.slice(w.end, verb.start)))
    ?? cueWords(event).find((w) => w.start >= verb.end && /\bthere\s+$/i.test(text.slice(0, verb.start)) && AFTER_THERE.test(text.slice(verb.end, w.start)));
  return noun !== undefined;
}

/** What Corridor made of a record's sentence, one line an event or statement. */
function describe(record: LocatedVerb, { events, statements = [] }: Predicted): EventLocationCase {
  const words = (s: { start: number; end: number }) => `'${record.text.slice(s.start, s.end)}'`;
  const produced = [
    ...events.map((e) => {
      const place = eventPlace(e);
      const folded = cueWords(e).slice(1).map(words).join(' ');
      return `${e.type}/${e.subtype} ${words(e.trigger)}${folded ? ` (+${folded})` : ''}${place ? ` at ${place.name}` : ''}`;
    }),
    ...statements.filter((s) => s.cueStart !== null && s.cueEnd !== null).map((s) => `said ${words({ start: s.cueStart!, end: s.cueEnd! })}`),
  ];
  return { id: record.id, verb: record.verb.text, text: record.text, gold: record.locations.map((l) => l.text), produced };
}

function groupMisses(misses: { lemma: string; case: EventLocationCase }[], ofLemma: Map<string, number>): MissGroup[] {
  const groups = new Map<string, EventLocationCase[]>();
  for (const m of misses) groups.set(m.lemma, [...(groups.get(m.lemma) ?? []), m.case]);
  return [...groups].map(([lemma, cases]) => ({ lemma, missed: cases.length, of: ofLemma.get(lemma) ?? cases.length, cases }))
    .sort((a, b) => b.missed - a.missed || a.lemma.localeCompare(b.lemma));
}

export function scoreEventLocation(records: readonly LocatedVerb[], predicted: readonly Predicted[], file: string, options: EventLocationOptions = {}): EventLocationReport {
  let found = 0, statements = 0;
  let withLocation = 0, placed = 0;
  let withoutLocation = 0, unplaced = 0;
  const verbs = new Map<string, { missed: number; of: number }>();
  const { lemma } = options;
  const misses: { lemma: string; case: EventLocationCase }[] = [];
  const ofLemma = new Map<string, number>();
  const details: EventLocationDetails = { misses: [], misplaced: [], overplaced: [] };
  records.forEach((record, i) => {
    const prediction = predicted[i]!;
    const { events, places, statements: said = [] } = prediction;
    const event = eventOn(record.verb, events, record.text);
    const statement = !event && said.some((s) => s.cueStart !== null && s.cueEnd !== null && overlaps({ start: s.cueStart, end: s.cueEnd }, record.verb));
    const verb = record.verb.text.toLowerCase();
    const tally = verbs.get(verb) ?? { missed: 0, of: 0 };
    verbs.set(verb, { missed: tally.missed + (event || statement ? 0 : 1), of: tally.of + 1 });
    const verbLemma = lemma?.(record.verb.text);
    if (verbLemma !== undefined) ofLemma.set(verbLemma, (ofLemma.get(verbLemma) ?? 0) + 1);
    if (!event && !statement) {
      if (verbLemma !== undefined) misses.push({ lemma: verbLemma, case: describe(record, prediction) });
      return;
    }
    found++;
    if (statement) statements++;
    const place = event ? eventPlace(event) : null;
    if (record.locations.length) {
      withLocation++;
      if (placedAt(place, places, record.locations)) placed++;
      else if (lemma) details.misplaced.push({ ...describe(record, prediction), placed: place?.name ?? null });
    } else {
      withoutLocation++;
      if (place === null) unplaced++;
      else if (lemma) details.overplaced.push({ ...describe(record, prediction), placed: place.name });
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
    ...(lemma ? { details: { ...details, misses: groupMisses(misses, ofLemma) } } : {}),
  };
}
