/**
 * Scores events on the PLOVER gold standard, like with like: a record is
 * read at the words its markup gives as the event's, and the Corridor events
 * there count with the PLOVER category they carry (`plover.json`), in PLOVER's
 * terms: an event told as planned, aimed at, negated or denied is no
 * happening of its category, save for the categories PLOVER codes for a
 * commitment (AGREE: "agreed to", "will provide"). Per category: precision
 * over every record (a category found at another category's event is a false
 * positive), recall over its records; the records of categories Corridor has
 * no events for measure spurious events. Also: the location of the right
 * events, the dead and injured of the events at the trigger, and the old
 * lenient measure (a covered event anywhere in the text) under its own name.
 */
import { taggingScore, type TaggingScore } from '../../geo/eval/metrics.js';
import { isOccurrence } from '../../types.js';
import { cueWords, eventPlace, overlaps, placedAt, share, type Predicted, type PredictedEvent, type Share } from './metrics.js';
import type { PloverRecord } from './plover-gsr.js';
import type { EventEvalTypes } from './type-map.js';

export interface PloverTypeScore {
  type: string;
  records: number;
  /** Records with an event of this category at their gold trigger, against the category's records. */
  score: TaggingScore;
  /** Of the category's records, those with no counted Corridor event at the gold trigger. */
  noEvent: number;
}

export interface PloverReport {
  set: 'plover';
  file: string;
  records: number;
  /** The categories Corridor has events for (event-eval-types.json `plover`), in its order. */
  types: PloverTypeScore[];
  summary: {
    /** Covered-category records whose category is among those found at the gold trigger. */
    accuracy: Share;
    /** Covered-category records with events at the trigger, none of the record's category. */
    wrongType: number;
    noEvent: number;
    /** Summed over the covered categories. */
    score: TaggingScore;
    /** Records of other categories with an event of a covered category at their trigger (lower is better). */
    spurious: Share;
    /** The old measure: covered-category records with an event the category lists anywhere in the text. */
    anywhere: Share;
    /** Records whose markup trigger could not be found in their text (scored as found nothing). */
    noTrigger: number;
  };
  /** Of the right records whose location is named in the text, those with a right event put there; `notInText` locations are not. */
  location: { placed: Share; notInText: number };
  /** Of the records that give the dead (the injured), those with an event at the trigger, of any category, of the same count. */
  fatalities: { dead: Share; injured: Share };
}

interface ReadRecord {
  record: PloverRecord;
  all: readonly PredictedEvent[];
  places: Predicted['places'];
  atTrigger: readonly PredictedEvent[];
  /** The covered categories found at the trigger. */
  found: ReadonlySet<string>;
  /** The events at the trigger of the record's category. */
  right: readonly PredictedEvent[];
  isCovered: boolean;
}

/** The category the event counts for in PLOVER's terms, null when PLOVER would not code it as one. */
export function ploverCategory(event: PredictedEvent, commitments: ReadonlySet<string>): string | null {
  const type = event.plover?.type ?? null;
  if (!type || event.negated || event.modality === 'denied') return null;
  const occurred = !event.intent && (event.modality == null || isOccurrence({ modality: event.modality, intent: null }));
  return occurred || commitments.has(type) ? type : null;
}

/** The events whose trigger or cue words (not their whole clause) overlap the record's gold trigger. */
function atTrigger(record: PloverRecord, events: readonly PredictedEvent[]): PredictedEvent[] {
  return events.filter((e) => cueWords(e).some((w) => record.triggers.some((t) => overlaps(w, t))));
}

function readRecord(record: PloverRecord, { events: all, places }: Predicted, types: EventEvalTypes): ReadRecord {
  const events = atTrigger(record, all);
  const category = (e: PredictedEvent) => ploverCategory(e, types.ploverCommitments);
  const found = new Set(events.map(category).filter((c): c is string => c !== null && types.plover.types.includes(c)));
  return { record, all, places, atTrigger: events, found, right: events.filter((e) => category(e) === record.type), isCovered: types.plover.types.includes(record.type) };
}

export function scorePlover(records: readonly PloverRecord[], predicted: readonly Predicted[], types: EventEvalTypes, file: string): PloverReport {
  const read = records.map((record, i) => readRecord(record, predicted[i]!, types));
  const ofType = (type: string) => read.filter((r) => r.record.type === type);
  const rows = types.plover.types.map((type) => ({
    type,
    records: ofType(type).length,
    score: taggingScore(ofType(type).filter((r) => r.found.has(type)).length, read.filter((r) => r.found.has(type)).length, ofType(type).length),
    noEvent: ofType(type).filter((r) => !r.found.size).length,
  }));
  const mine = read.filter((r) => r.isCovered);
  const others = read.filter((r) => !r.isCovered);
  const sum = (pick: (s: TaggingScore) => number) => rows.reduce((n, r) => n + pick(r.score), 0);
  return {
    set: 'plover', file,
    records: records.length,
    types: rows,
    summary: {
      accuracy: share(mine.filter((r) => r.found.has(r.record.type)).length, mine.length),
      wrongType: mine.filter((r) => r.found.size && !r.found.has(r.record.type)).length,
      noEvent: mine.filter((r) => !r.found.size).length,
      score: taggingScore(sum((s) => s.tp), sum((s) => s.tp + s.fp), sum((s) => s.tp + s.fn)),
      spurious: share(others.filter((r) => r.found.size).length, others.length),
      anywhere: share(mine.filter((r) => r.all.some((e) => types.plover.covers(r.record.type, e))).length, mine.length),
      noTrigger: records.filter((r) => !r.triggers.length).length,
    },
    location: placement(read),
    fatalities: {
      dead: countsRight(read, (r) => r.dead, (e) => e.casualties?.killed),
      injured: countsRight(read, (r) => r.injured, (e) => e.casualties?.wounded),
    },
  };
}

/** Of the records with a right event whose location the text names, those with a right event put there. */
function placement(read: readonly ReadRecord[]): PloverReport['location'] {
  const located = read.filter((r) => r.right.length && r.record.location);
  const named = located.filter((r) => r.record.location!.spans.length);
  const placed = named.filter((r) => r.right.some((e) => placedAt(eventPlace(e), r.places, r.record.location!.spans)));
  return { placed: share(placed.length, named.length), notInText: located.length - named.length };
}

/** Of the records that give a count, those with an event at the trigger (of whatever category) that gives the same. */
function countsRight(read: readonly ReadRecord[], gold: (r: PloverRecord) => number | null, found: (e: PredictedEvent) => number | null | undefined): Share {
  const given = read.filter((r) => gold(r.record) !== null);
  return share(given.filter((r) => r.atTrigger.some((e) => found(e) === gold(r.record))).length, given.length);
}
