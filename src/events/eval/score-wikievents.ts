/**
 * Scores events on WikiEvents: per KAIROS type, whether Corridor finds an
 * event of the type in the sentences gold has one in, and on the trigger
 * itself; and whether a found event is put at the gold Place argument.
 */
import { taggingScore, type TaggingScore } from '../../geo/eval/metrics.js';
import type { Span } from '../../types.js';
import { eventPlace, overlaps, placedAt, share, type Predicted, type PredictedEvent, type Share } from './metrics.js';
import type { GoldTypeMap } from './type-map.js';
import type { KairosMention, WikiEventsDocument } from './wikievents.js';

export interface KairosTypeScore {
  type: string;
  /** The Corridor events the type stands for; empty when Corridor has none. */
  corridor: readonly string[];
  /** Gold mentions of the type. */
  mentions: number;
  /** (sentence, type) pairs: a sentence with a gold mention against one with a Corridor event of the type. Null when Corridor has no such event. */
  sentences: TaggingScore | null;
  /** Gold triggers against Corridor triggers that overlap them, one to one. */
  triggers: TaggingScore | null;
}

export interface WikiEventsReport {
  set: 'wikievents';
  file: string;
  documents: number;
  sentences: number;
  types: KairosTypeScore[];
  /** Summed over the types Corridor has events for. */
  summary: {
    sentences: TaggingScore;
    triggers: TaggingScore;
    /** Gold mentions of the listed types, of those Corridor has events for, and of the other gold types. */
    mentions: number;
    covered: number;
    unlisted: number;
  };
  /**
   * Gold events (of a type Corridor has) with a Place argument; of those, matched by a Corridor event in their
   * sentence; of those, put at the Place. `named`: the same, over the matched events whose Place Corridor reads
   * as a place mention; the others' Place is a common noun ("the station", "areas") that only the annotators'
   * coreference ties to a place, and no place mention can overlap it.
   */
  place: { withPlace: number; placed: Share; named: Share };
  /** Corridor events that stand for none of the listed types, by Corridor type. */
  unscored: Record<string, number>;
}

interface Sentenced {
  doc: number;
  sentence: number;
  event: PredictedEvent;
}

const sentenceOf = (sentences: readonly Span[], at: number) => sentences.findIndex((s) => s.start <= at && at < s.end);

/** One-to-one pairs of gold and Corridor triggers that overlap. */
function matchedTriggers(gold: readonly { doc: number; mention: KairosMention }[], found: readonly Sentenced[]): number {
  const used = new Set<number>();
  let matched = 0;
  for (const f of found) {
    const i = gold.findIndex((g, k) => !used.has(k) && g.doc === f.doc && overlaps(g.mention.trigger, f.event.trigger));
    if (i >= 0) { used.add(i); matched++; }
  }
  return matched;
}

/** The Corridor event that answers a gold mention: in its sentence and of its type, the one on its trigger or else the nearest. */
function answering(mention: KairosMention, candidates: readonly PredictedEvent[]): PredictedEvent | undefined {
  const distance = (e: PredictedEvent) => (overlaps(e.trigger, mention.trigger) ? -1 : Math.abs(e.trigger.start - mention.trigger.start));
  return [...candidates].sort((a, b) => distance(a) - distance(b))[0];
}

/**
 * @example
 * const report = scoreWikiEvents(documents, documents.map((d) => pipeline.extract(toDocument(d))), loadEventEvalTypes().kairos, file);
 * report.summary.sentences.f1;
 */
export function scoreWikiEvents(documents: readonly WikiEventsDocument[], predicted: readonly Predicted[], kairos: GoldTypeMap, file: string): WikiEventsReport {
  const gold = documents.flatMap((d, doc) => d.mentions.map((mention) => ({ doc, mention, type: kairos.keyOf(mention.type) })));
  const found: Sentenced[] = predicted.flatMap((p, doc) => p.events.map((event) => ({ doc, event, sentence: sentenceOf(documents[doc]!.sentences, event.trigger.start) })));
  const unscored: Record<string, number> = {};
  for (const f of found) if (kairos.goldTypeOf(f.event) === null) unscored[f.event.type] = (unscored[f.event.type] ?? 0) + 1;

  const types = kairos.types.map((type): KairosTypeScore => {
    const corridor = kairos.corridor(type);
    const mentions = gold.filter((g) => g.type === type);
    if (!corridor.length) return { type, corridor, mentions: mentions.length, sentences: null, triggers: null };
    const events = found.filter((f) => kairos.goldTypeOf(f.event) === type);
    const goldSentences = new Set(mentions.map((g) => `${g.doc}:${g.mention.sentence}`));
    const foundSentences = new Set(events.map((f) => `${f.doc}:${f.sentence}`));
    const both = [...foundSentences].filter((s) => goldSentences.has(s)).length;
    return {
      type, corridor, mentions: mentions.length,
      sentences: taggingScore(both, foundSentences.size, goldSentences.size),
      triggers: taggingScore(matchedTriggers(mentions, events), events.length, mentions.length),
    };
  });

  const scored = types.filter((t) => t.sentences !== null);
  const sum = (pick: (t: KairosTypeScore) => TaggingScore) => taggingScore(
    scored.reduce((n, t) => n + pick(t).tp, 0), scored.reduce((n, t) => n + pick(t).tp + pick(t).fp, 0), scored.reduce((n, t) => n + pick(t).tp + pick(t).fn, 0));

  const withPlace = gold.filter((g) => g.type !== undefined && kairos.corridor(g.type).length > 0 && g.mention.places.length > 0);
  let matched = 0, placed = 0, named = 0, namedPlaced = 0;
  for (const g of withPlace) {
    const candidates = found.filter((f) => f.doc === g.doc && f.sentence === g.mention.sentence && kairos.covers(g.type!, f.event)).map((f) => f.event);
    const event = answering(g.mention, candidates);
    if (!event) continue;
    matched++;
    const { places } = predicted[g.doc]!;
    const right = placedAt(eventPlace(event), places, g.mention.places);
    if (right) placed++;
    if (!places.some((m) => g.mention.places.some((s) => overlaps(m, s)))) continue;
    named++;
    if (right) namedPlaced++;
  }

  return {
    set: 'wikievents', file,
    documents: documents.length,
    sentences: documents.reduce((n, d) => n + d.sentences.length, 0),
    types,
    summary: {
      sentences: sum((t) => t.sentences!),
      triggers: sum((t) => t.triggers!),
      mentions: types.reduce((n, t) => n + t.mentions, 0),
      covered: scored.reduce((n, t) => n + t.mentions, 0),
      unlisted: gold.filter((g) => g.type === undefined).length,
    },
    place: { withPlace: withPlace.length, placed: share(placed, matched), named: share(namedPlaced, named) },
    unscored,
  };
}
