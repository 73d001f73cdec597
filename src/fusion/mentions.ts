import { isChecked, isOccurrence, type ActorKind, type ActorRef, type CheckedEvent, type Event, type Extraction, type PlaceRef, type PlacePrecision, type Sentence, type Span, type Stance } from '../types.js';
import { firstEndingAfter } from '../text/span-index.js';
import { copyKey, isDescribedEvent, isDescribedHolding, isNominal, isToldContinuing, namedOperations, unitOf } from './mention-text.js';
import type { Semantics } from './settings.js';
import { fromDay, toDay, windowsMeet, type DayWindow } from './space-time.js';
import type { CasualtyCounts, ClusterMention, ControlReading, FusedActor, MentionKey, MentionWeight, TimeWindow } from './types.js';

/** One document as fusion reads it. */
export interface FusionInput {
  /** `text`, when given, is read for what the extraction does not carry (see mention-text.ts): passing mentions, copies, operations, units. */
  document: { id: string; outlet: string | null; publishedAt: string | null; previousVersion?: string | null; text?: string };
  extraction: Extraction;
}

/**
 * The two actor roles compared: for control changes and holdings, who holds
 * the place and who lost it ("IS lost Mosul" and "Iraqi forces retook Mosul"
 * name the same change); for everything else, agent and patient.
 */
export function actorRoles(m: Pick<ClusterMention, 'agent' | 'patient' | 'control'>): [FusedActor | null, FusedActor | null] {
  return m.control && m.control.role !== 'fighting' ? [m.control.holder, m.control.loser] : [m.agent, m.patient];
}

export const PLACE_SLOTS = ['location', 'origin', 'destination'] as const;

export const hasPlace = (m: Pick<ClusterMention, 'location' | 'origin' | 'destination'>) => m.location !== null || m.origin !== null || m.destination !== null;

export function mentionKey(docId: string, eventId: string): MentionKey {
  return `${docId}/${eventId}`;
}

function stanceAt(sentences: Sentence[], offset: number): Stance | null {
  const s = sentences[firstEndingAfter(sentences, offset)];
  return s && s.start <= offset ? s.stance : null;
}

/** What the report says beside the event: its date and, when given, its text. */
export interface MentionContext {
  publishedAt: string | null;
  text: string | undefined;
  backgroundDays: number;
  /** Whether an event says who holds a place (a `holds` control subtype): only a holding is read as a description. */
  isHolding(event: Event): boolean;
}

/**
 * History the report recalls ("IS overran Sinjar in 2014"): an event its own
 * clause or sentence dates to end more than `backgroundDays` before the report.
 */
function isBackground(event: Event, context: MentionContext): boolean {
  if (event.time.basis !== 'clause' && event.time.basis !== 'sentence') return false;
  const published = toDay(context.publishedAt);
  const ends = toDay(event.time.to) ?? toDay(event.time.from);
  return published !== null && ends !== null && published - ends > context.backgroundDays;
}

export function weighMention(event: CheckedEvent, stance: Stance | null, context?: MentionContext): MentionWeight {
  if (event.negated || event.modality === 'denied' || event.factuality.polarity === 'negative') return 'denial';
  if (event.modality === 'speculative' || event.modality === 'question') return 'opinion';
  if (stance === 'speculation' || stance === 'question') return 'opinion';
  // An opinion sentence can still quote someone's factual claim; only the writer's own voice is opinion.
  if (stance === 'opinion' && event.attribution.sourceKind === 'author') return 'opinion';
  // An aim the events stage marked ("an offensive to retake the town") is no report that it happened.
  if (!isOccurrence(event)) return 'prospective';
  if (context && (isNominal(event, context.text) || isDescribedEvent(event, context.text) || (context.isHolding(event) && isDescribedHolding(event, context.text)))) return 'nominal';
  if (context && isBackground(event, context)) return 'background';
  return 'evidence';
}

/**
 * Who holds the place after a control event and who lost it, read from its subtype's role. A change
 * that took only part of the place (`partial`: "retook parts of the city") changes no holder of the
 * whole: it reads as fighting there, so timelines open no period on it and contradictions set no
 * "fighting goes on" against it.
 */
export function readControl(event: Pick<Event, 'type' | 'subtype'>, agent: FusedActor | null, patient: FusedActor | null, semantics: Semantics, partial = false): ControlReading | null {
  const read = semantics.controlRole(event.type, event.subtype);
  const role = partial && (read === 'gain' || read === 'loss') ? 'fighting' : read;
  switch (role) {
    case 'gain':
      return { role, holder: agent, loser: patient };
    case 'loss':
      // The extraction reads "IS lost Mosul to Iraqi forces" with the taker as agent and the loser as
      // patient (the `lose` frame of event-cues.json); a declared defeat has the loser as its agent.
      return event.type === 'control' ? { role, holder: agent, loser: patient } : { role, holder: patient, loser: agent };
    case 'holds':
      return { role, holder: agent, loser: null };
    case 'fighting':
      return { role, holder: null, loser: null };
    default:
      return null;
  }
}

/**
 * The event's time window; events dated by their document keep the extraction's days-before-publication window.
 * A report cannot tell of something done after its own date. A told (not planned) event dated a few
 * days after it (`timeToleranceDays`: "the next day" read from the wrong day) ends on the publication
 * day; one dated later still ("nine months after" read forward) has no date fusion can use.
 */
function windowOf(event: Event, publishedAt: string | null, toleranceDays: number): TimeWindow | null {
  const from = toDay(event.time.from) ?? toDay(event.time.to);
  const to = toDay(event.time.to) ?? from;
  if (from === null || to === null) return null;
  const told = event.modality !== 'planned' && event.modality !== 'conditional' && event.intent === null;
  const latest = told ? toDay(publishedAt) ?? Infinity : Infinity;
  if (Math.min(from, to) > latest + toleranceDays) return null;
  return {
    from: fromDay(Math.min(from, to, latest)),
    to: fromDay(Math.min(Math.max(from, to), latest)),
    precision: event.time.basis === 'document' ? 'document' : event.time.precision ?? 'day',
  };
}

export function dayWindow(time: TimeWindow | null, maxWindowDays: number): DayWindow | null {
  if (!time) return null;
  const from = toDay(time.from)!;
  const to = toDay(time.to)!;
  return to - from > maxWindowDays ? null : { from, to };
}

/**
 * The mentions of one document, sorted by key. Only events the claims stage
 * has read: one nobody has attributed (a pipeline without claims) says
 * nothing about who asserts it, so it is no evidence for or against anything.
 */
export function readMentions(input: FusionInput, semantics: Semantics): ClusterMention[] {
  const { document, extraction } = input;
  const kinds = new Map<string, ActorKind>(extraction.actors.map((a) => [a.actorId, a.kind]));
  const fused = (a: ActorRef | null): FusedActor | null => (a ? { actorId: a.actorId, name: a.name, kind: kinds.get(a.actorId) ?? null } : null);
  const operations = namedOperations(document.text, extraction, semantics.settings.operationHeads);
  const context: MentionContext = {
    publishedAt: document.publishedAt, text: document.text, backgroundDays: semantics.settings.backgroundDays,
    isHolding: (event) => semantics.controlRole(event.type, event.subtype) === 'holds',
  };
  const read = extraction.events
    .filter(isChecked)
    .map((event): ClusterMention => {
      const spans = event.evidence.length > 0 ? event.evidence : [event.trigger];
      const stance = stanceAt(extraction.sentences, event.trigger.start);
      const sentence = extraction.sentences[sentenceIndex(extraction.sentences, event.trigger.start)];
      const agent = fused(event.agent);
      const patient = fused(event.patient);
      return {
        key: mentionKey(document.id, event.id),
        docId: document.id,
        eventId: event.id,
        type: event.type,
        subtype: event.subtype ?? '',
        agent,
        patient,
        location: event.location,
        origin: event.origin,
        destination: event.destination,
        placeFrom: null,
        operation: operations.get(sentenceIndex(extraction.sentences, event.trigger.start)) ?? null,
        unit: unitOf(document.text, extraction, event),
        continuing: isToldContinuing(document.text, sentence ?? null, event.trigger, semantics.settings.continuingCues, semantics.settings.clauseOpeners),
        ...(event.part ? { partial: true as const } : {}),
        control: readControl(event, agent, patient, semantics, event.part !== undefined),
        start: Math.min(...spans.map((s) => s.start)),
        end: Math.max(...spans.map((s) => s.end)),
        outlet: document.outlet,
        publishedAt: document.publishedAt,
        source: event.attribution.source,
        sourceKind: event.attribution.sourceKind,
        chain: event.attribution.chain.map(({ source, sourceKind, affiliation }) => ({ source, sourceKind, affiliation })),
        modality: event.modality,
        negated: event.negated,
        stance,
        weight: weighMention(event, stance, context),
        time: windowOf(event, document.publishedAt, semantics.settings.timeToleranceDays),
        evidence: spans.map(({ start, end }) => ({ start, end })),
        sentence: sentence ? { start: sentence.start, end: sentence.end } : null,
        copyKey: document.text ? copyKeyOf(document.text, quotationOf(event, extraction.statements) ?? sentence ?? null) : null,
        casualties: readCasualties(event),
      };
    });
  const saysWhere = new Set(read.filter((m) => m.continuing && namesUnfoundPlace(document.text, m, semantics.settings.locativePrepositions)));
  const precision = new Map(extraction.events.map((e) => [mentionKey(document.id, e.id), e.placePrecision]));
  const coarse = new Set(read.filter((m) => COARSE_PRECISIONS.has(precision.get(m.key) ?? null)).map((m) => m.key));
  const countries = new Map(extraction.places.map((p) => [placeName(p), p.country]));
  const countryOf = (p: PlaceRef | null) => (p ? countries.get(placeName(p)) ?? null : null);
  return placeBySentenceChain(read, extraction.sentences, semantics, { saysWhere, coarse, countryOf }).sort((a, b) => compareKeys(a.key, b.key));
}

/** Places a whole country or region wide: "took Tabqa in northern Syria", read at Tabqa and at Syria, names no second place beside Tabqa. */
const COARSE_PRECISIONS: ReadonlySet<PlacePrecision | null> = new Set(['country', 'region']);

/**
 * Whether an unplaced mention's own words, from its trigger to the end of its clause, say where it happened
 * by a preposition and a capitalised name ("fighting continued **in al-Ayadiya**") that no place matched:
 * it happened there, not at a place borrowed from elsewhere in the report.
 */
function namesUnfoundPlace(text: string | undefined, m: ClusterMention, prepositions: readonly string[]): boolean {
  if (!text || hasPlace(m)) return false;
  const trigger = m.evidence[0]!;
  const clause = text.slice(trigger.end, m.sentence?.end ?? trigger.end).split(/[,;.!?]/u)[0]!;
  const words = clause.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  return words.some((w, i) => prepositions.includes(w.toLowerCase()) && /^(?:(?:al|el|ad|ar|as|at|an|az)-)?\p{Lu}/u.test(words[i + 1] === 'the' ? words[i + 2] ?? '' : words[i + 1] ?? ''));
}

/**
 * The quotation whose words carry the event, when its source is quoted verbatim: outlets that
 * quote one statement ("'The federal government is now fully in control of the city'") each
 * write their own sentence around it, and the quotation is what they copy.
 */
function quotationOf(event: CheckedEvent, statements: Extraction['statements']): Span | null {
  const { cueStart } = event.attribution;
  if (cueStart === null) return null;
  return statements.find((s) => s.cueStart === cueStart && s.form === 'direct-quote' && s.start <= event.trigger.start && event.trigger.end <= s.end) ?? null;
}

const copyKeyOf = (text: string, span: Span | null) => (span ? copyKey(text.slice(span.start, span.end)) : null);

/** The event's casualty figures, when its sentence gives any. */
function readCasualties(event: Event): CasualtyCounts | null {
  const c = event.casualties;
  return c && { killed: c.killed, wounded: c.wounded, abducted: c.abducted, civilians: c.civilians };
}

function sentenceIndex(sentences: readonly Sentence[], offset: number): number {
  const i = firstEndingAfter(sentences, offset);
  return sentences[i] && sentences[i]!.start <= offset ? i : -1;
}

/**
 * An event the extraction could not place ("the withdrawal was ordered by
 * Baghdad") takes the place of the event it continues: one of the same type,
 * compatible subtype, agreeing actors and overlapping time, in its own
 * sentence or the nearest of the `linkSentences` before it that has one.
 * When that sentence holds such events in different places, the link is
 * ambiguous and the event stays unplaced: it never ties two places together;
 * a place a country or region wide (`coarse`) does not count against a
 * finer one, which it may only contain.
 * A denial reaches further back: to the claims its report asserted anywhere
 * before it, when they are all at one place; and fighting told as going on,
 * to the place of every change of control its report asserts, when there is one
 * and its own words name no other place (`saysWhere`).
 */
function placeBySentenceChain(mentions: ClusterMention[], sentences: readonly Sentence[], semantics: Semantics,
  { saysWhere, coarse, countryOf }: { saysWhere: ReadonlySet<ClusterMention>; coarse: ReadonlySet<MentionKey>; countryOf: (p: PlaceRef | null) => string | null }): ClusterMention[] {
  const { linkSentences, timeToleranceDays, maxWindowDays } = semantics.settings;
  const sentenceOf = new Map(mentions.map((m) => [m, sentenceIndex(sentences, m.evidence[0]!.start)]));
  const placed = mentions.filter(hasPlace);
  const continues = (m: ClusterMention, c: ClusterMention) => {
    const [wm, wc] = [dayWindow(m.time, maxWindowDays), dayWindow(c.time, maxWindowDays)];
    const [m1, m2] = actorRoles(m);
    const [c1, c2] = actorRoles(c);
    return c.type === m.type && semantics.compatibleSubtypes(m.type, m.subtype, c.subtype) &&
      semantics.actorsAgree(m1, c1) && semantics.actorsAgree(m2, c2) &&
      wm !== null && wc !== null && windowsMeet(wm, wc, timeToleranceDays);
  };
  const linked = (m: ClusterMention, candidates: ClusterMention[]): ClusterMention | null => {
    if (candidates.length === 0) return null;
    const fine = candidates.filter((c) => !coarse.has(c.key));
    const partners = fine.length > 0 ? fine : candidates;
    const places = new Set(partners.map((c) => PLACE_SLOTS.map((slot) => placeName(c[slot])).join('|')));
    if (places.size > 1) return m;
    const from = [...partners].sort((a, b) => compareKeys(a.key, b.key))[0]!;
    return { ...m, location: from.location, origin: from.origin, destination: from.destination, placeFrom: from.eventId };
  };
  // A country-wide place is narrowed the same way, by a finer place inside that country ("the attack in
  // northern Iraq killed four soldiers", read at Iraq, after "fighters attacked a checkpoint in Tal Afar").
  const within = (m: ClusterMention) => {
    const country = countryOf(m.location ?? m.origin ?? m.destination);
    return (c: ClusterMention) => !coarse.has(c.key) && country !== null && PLACE_SLOTS.every((slot) => !c[slot] || countryOf(c[slot]) === country);
  };
  return mentions.map((m) => {
    const own = sentenceOf.get(m)!;
    const narrowing = coarse.has(m.key) && hasPlace(m);
    if ((hasPlace(m) && !narrowing) || own < 0) return m;
    const inside = narrowing ? within(m) : () => true;
    for (let s = own; s >= Math.max(0, own - linkSentences); s--) {
      const found = linked(m, placed.filter((c) => c !== m && sentenceOf.get(c) === s && continues(m, c) && inside(c)));
      if (found) return found;
    }
    if (narrowing) return m;
    // A denial answers a claim the report told ("It did not capture anything"): the claim's place, when
    // everything of the kind the report asserts before it happened at one place.
    if (m.weight === 'denial') {
      return linked(m, placed.filter((c) => c.weight === 'evidence' && sentenceOf.get(c)! < own && continues(m, c))) ?? m;
    }
    // Fighting told as going on ("and that battles continued") goes on where the report says control changed,
    // when every change it asserts is at one place.
    if (m.continuing && !saysWhere.has(m) && semantics.isOngoingFighting(m.type, m.subtype)) {
      const changes = placed.filter((c) => c.weight === 'evidence' && c.location !== null && (c.control?.role === 'gain' || c.control?.role === 'loss'));
      const found = linked(m, changes);
      return found && found !== m ? { ...found, origin: null, destination: null } : m;
    }
    return m;
  });
}

const placeName = (p: PlaceRef | null) => (p ? `${p.geonameid ?? ''}:${p.name}` : '');

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
