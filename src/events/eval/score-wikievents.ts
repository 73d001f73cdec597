/**
 * Scores events on WikiEvents: per KAIROS type, whether Corridor finds an
 * event of the type in the sentences gold has one in, and on the trigger
 * itself; and whether a found event is put at the gold Place argument.
 */
import { taggingScore, type TaggingScore } from '../../geo/eval/metrics.js';
import type { Span } from '../../types.js';
import { cueWords, eventPlace, overlaps, placedAt, share, type Predicted, type PredictedEvent, type Share } from './metrics.js';
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
  /** Each gold trigger no Corridor trigger of its type overlaps, and each Corridor trigger that overlaps no gold one, in document order. */
  errors: TriggerError[];
}

/** A trigger the trigger scores count against Corridor, with what stood near it. */
export interface TriggerError {
  kind: 'missed' | 'spurious';
  /** The KAIROS type it was scored under. */
  type: string;
  /** The gold document's id and the sentence's index in it. */
  document: string;
  sentence: number;
  /** The trigger: gold's when missed, Corridor's when spurious. */
  start: number;
  end: number;
  text: string;
  /** The Corridor event (type/subtype) and its rule; spurious only. */
  event?: string;
  rule?: string;
  /**
   * What tells the causes apart. Missed: the Corridor events (type/subtype) on its trigger, of another type or
   * taken by another gold trigger. Spurious: the gold mentions (KAIROS type) on its trigger.
   */
  onTrigger: string[];
  /** The other triggers of its type in its sentence: Corridor's when missed (a wrong word chosen), gold's when spurious. */
  inSentence: string[];
  /** The sentence, the trigger in [brackets]. */
  context: string;
}

interface Sentenced {
  doc: number;
  sentence: number;
  event: PredictedEvent;
}

const sentenceOf = (sentences: readonly Span[], at: number) => sentences.findIndex((s) => s.start <= at && at < s.end);

interface Gold {
  doc: number;
  mention: KairosMention;
  type: string | undefined;
}

/**
 * One-to-one pairs of gold and Corridor triggers that overlap: the gold and the Corridor ones matched. A Corridor
 * event is first matched on its trigger, then on its other cue words: "launched an attack" is triggered by the
 * support verb and carries the noun, which is KAIROS's trigger for it (and gold sometimes takes the verb,
 * "carried out"); still one gold trigger at most per event.
 */
function matchedTriggers(gold: readonly Gold[], found: readonly Sentenced[]): { gold: Set<Gold>; found: Set<Sentenced> } {
  const matched = { gold: new Set<Gold>(), found: new Set<Sentenced>() };
  const pass = (words: (e: PredictedEvent) => readonly Span[]) => {
    for (const f of found) {
      if (matched.found.has(f)) continue;
      const g = gold.find((x) => !matched.gold.has(x) && x.doc === f.doc && words(f.event).some((w) => overlaps(x.mention.trigger, w)));
      if (g) { matched.gold.add(g); matched.found.add(f); }
    }
  };
  pass((e) => [e.trigger]);
  pass(cueWords);
  return matched;
}

const kind = (e: PredictedEvent) => (e.subtype ? `${e.type}/${e.subtype}` : e.type);

/** The trigger errors of one KAIROS type: its unmatched gold and Corridor triggers. */
function triggerErrors(type: string, documents: readonly WikiEventsDocument[], all: { gold: readonly Gold[]; found: readonly Sentenced[] },
  ofType: { gold: readonly Gold[]; found: readonly Sentenced[] }, matched: ReturnType<typeof matchedTriggers>): TriggerError[] {
  const context = (doc: number, sentence: number, at: Span) => {
    const { text, sentences } = documents[doc]!;
    const s = sentences[sentence] ?? at;
    return `${text.slice(s.start, at.start)}[${text.slice(at.start, at.end)}]${text.slice(at.end, s.end)}`.replace(/\s+/g, ' ').trim();
  };
  const missed = ofType.gold.filter((g) => !matched.gold.has(g)).map((g): TriggerError => ({
    kind: 'missed', type, document: documents[g.doc]!.id, sentence: g.mention.sentence,
    start: g.mention.trigger.start, end: g.mention.trigger.end, text: g.mention.trigger.text,
    onTrigger: all.found.filter((f) => f.doc === g.doc && overlaps(f.event.trigger, g.mention.trigger)).map((f) => kind(f.event)),
    inSentence: ofType.found.filter((f) => f.doc === g.doc && f.sentence === g.mention.sentence && !overlaps(f.event.trigger, g.mention.trigger)).map((f) => f.event.trigger.text),
    context: context(g.doc, g.mention.sentence, g.mention.trigger),
  }));
  const spurious = ofType.found.filter((f) => !matched.found.has(f)).map((f): TriggerError => ({
    kind: 'spurious', type, document: documents[f.doc]!.id, sentence: f.sentence,
    start: f.event.trigger.start, end: f.event.trigger.end, text: f.event.trigger.text,
    event: kind(f.event), ...(f.event.rule ? { rule: f.event.rule } : {}),
    onTrigger: all.gold.filter((g) => g.doc === f.doc && overlaps(g.mention.trigger, f.event.trigger)).map((g) => g.mention.type),
    inSentence: ofType.gold.filter((g) => g.doc === f.doc && g.mention.sentence === f.sentence && !overlaps(g.mention.trigger, f.event.trigger)).map((g) => g.mention.trigger.text),
    context: context(f.doc, f.sentence, f.event.trigger),
  }));
  return [...missed, ...spurious];
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
  const gold: Gold[] = documents.flatMap((d, doc) => d.mentions.map((mention) => ({ doc, mention, type: kairos.keyOf(mention.type) })));
  const found: Sentenced[] = predicted.flatMap((p, doc) => p.events.map((event) => ({ doc, event, sentence: sentenceOf(documents[doc]!.sentences, event.trigger.start) })));
  const unscored: Record<string, number> = {};
  for (const f of found) if (kairos.goldTypeOf(f.event) === null) unscored[f.event.type] = (unscored[f.event.type] ?? 0) + 1;

  const errors: TriggerError[] = [];
  const order = new Map(documents.map((d, i) => [d.id, i]));
  const types = kairos.types.map((type): KairosTypeScore => {
    const corridor = kairos.corridor(type);
    const mentions = gold.filter((g) => g.type === type);
    if (!corridor.length) return { type, corridor, mentions: mentions.length, sentences: null, triggers: null };
    const events = found.filter((f) => kairos.goldTypeOf(f.event) === type);
    const goldSentences = new Set(mentions.map((g) => `${g.doc}:${g.mention.sentence}`));
    const foundSentences = new Set(events.map((f) => `${f.doc}:${f.sentence}`));
    const both = [...foundSentences].filter((s) => goldSentences.has(s)).length;
    const matched = matchedTriggers(mentions, events);
    errors.push(...triggerErrors(type, documents, { gold, found }, { gold: mentions, found: events }, matched));
    return {
      type, corridor, mentions: mentions.length,
      sentences: taggingScore(both, foundSentences.size, goldSentences.size),
      triggers: taggingScore(matched.gold.size, events.length, mentions.length),
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
    errors: errors.sort((a, b) => order.get(a.document)! - order.get(b.document)! || a.start - b.start),
  };
}
