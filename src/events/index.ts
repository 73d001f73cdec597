import { named, type Analysis, type Stage } from '../pipeline.js';
import type { ActorRef, Casualties, Event, EventTime, EventType, PlaceBasis, PlaceMention, PlacePrecision, PlaceRef, Span, TimeMention } from '../types.js';
import { SpanIndex } from '../text/span-index.js';
import { ArgumentReader, type Arguments, type TriggerSite } from './arguments.js';
import { casualtiesOf, loadCasualtyCues, readCasualties, type CasualtyCues, type CasualtyMention } from './casualties.js';
import { clauseOf, splitClauses, type Clause } from './clauses.js';
import { loadEventCues, type ArgumentRole, type EventCue, type EventCueLexicon, type FormKind } from './lexicon.js';
import { loadPlacementCues, Placer, type PlacementCues } from './placement.js';
import { loadPloverTable, type PloverTable } from './plover.js';
import { PhraseSet, sentenceViews, wordSpan, type SentenceView, type Word } from '../text/sentence-view.js';
import { documentTime, eventTime } from './time.js';
import { placePart } from './part.js';

export { loadEventCues, compileEventCues, type EventCueLexicon, type EventCue, type ArgumentRole } from './lexicon.js';
export { loadPloverTable, compilePloverTable, type PloverTable } from './plover.js';
export { loadCasualtyCues, compileCasualtyCues, type CasualtyCues } from './casualties.js';
export { loadPlacementCues, compilePlacementCues, type PlacementCues } from './placement.js';
export { splitClauses, clauseOf, type Clause, type ClauseKind } from './clauses.js';
export { sentenceViews, PhraseSet, fold, type SentenceView, type Word, type Entity } from '../text/sentence-view.js';

export interface EventsOptions {
  cues?: EventCueLexicon;
  plover?: PloverTable;
  placement?: PlacementCues;
  casualties?: CasualtyCues;
}

/** An event before it is written out: the cue, where it matched and what it found. */
interface Draft {
  cue: EventCue;
  site: TriggerSite;
  args: Arguments;
  type: EventType;
  subtype: string;
  negated: boolean;
  /** The words that make the event an aim ("offensive to", "aimed at"), or null. */
  intent: Span | null;
  /** Other trigger words merged into this event ("left ... reached"). */
  extraTriggers: Span[];
  evidence: Span;
  rule: string;
  /** How the event was placed; set once its sentence's drafts are merged. */
  placeBasis: PlaceBasis | null;
  /** Took its location from the verb it is coordinated with ("shelled and pounded Aleppo"). */
  coordinated?: boolean;
}

const NOUN_CONTEXT = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those', 'any', 'no', 'new', 'further', 'recent', 'latest', 'first', 'second', 'last', 'alleged', 'reported', 'major', 'heavy', 'fierce', 'renewed', 'several', 'two', 'three', 'many', 'more']);
const NEGATION_WINDOW = 5;
const DIGITS = /^\d+$/;
/** A number in digits with its separators, "4,000". */
const AMOUNT = /^\d[\d,.]*$/;
/** How many words before the trigger a `preceding` refinement reads ("had **taken** full control"). */
const PRECEDING_WINDOW = 3;
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those']);

/**
 * The events stage: finds trigger words from the event-cue lexicon, reads
 * agent, patient, origin, destination and location off the clause, dates the
 * event and maps it to PLOVER. Who asserts the event and how (attribution,
 * modality, factuality) are the claims stage's to read: here they are null.
 *
 * @example
 * const pipeline = createPipeline([segmentStage(), geoparse({gazetteer}), actors(...), times(), events()]);
 */
export function events(options: EventsOptions = {}): Stage {
  const lexicon = options.cues ?? loadEventCues();
  const plover = options.plover ?? loadPloverTable();
  const placement = options.placement ?? loadPlacementCues();
  const casualtyCues = options.casualties ?? loadCasualtyCues();
  const matcher = triggerMatcher(lexicon);

  return named('events', (analysis) => {
    const reader = new ArgumentReader(lexicon, analysis);
    const placer = new Placer(placement, lexicon, analysis, reader);
    const drafts: Draft[] = [];
    const casualties = new Map<number, CasualtyMention[]>();
    const times = new SpanIndex(analysis.times);
    for (const view of sentenceViews(analysis)) {
      const { words } = view;
      // Most sentences hold no cue word: skip them before splitting clauses.
      if (!words.some((w) => !w.named && matcher.startsWith(w.lower))) continue;
      const clauses = splitClauses(view, analysis.text, lexicon.clauses, (i) => {
        const word = words[i];
        return !!word && !word.named && lexicon.verbForms.has(word.lower);
      });
      const sites: TriggerSite[] = [];
      const dates = times.overlapping(view.start, view.end);
      for (let i = 0; i < words.length; i++) {
        const match = matcher.matchAt(words, i);
        if (!match) continue;
        const last = i + match.length - 1;
        // A word the time stage read as a date is no trigger ("in March", "the 2 March deal").
        if (dates.some((t) => t.start <= words[i]!.start && words[last]!.end <= t.end)) continue;
        const candidate = pickCue(match.value, view, i, lexicon);
        if (isExcluded(words, i, last, candidate, lexicon) || isParticipleAdjective(candidate, words, i, last, lexicon) || isObjectlessPresent(candidate, words, last, analysis.text)) continue;
        const pos = candidate.cue.pos === 'verb' && isGerund(candidate, words, i, lexicon) ? 'noun' : candidate.cue.pos;
        const clause = clauseOf(clauses, i);
        const support = supportOf(words, i, last, pos, clause, lexicon, candidate.kinds);
        const carried = !!support && sites.some((s) => s.support?.first === support.first);
        // "heavy clashes broke out": a verb form right before a support verb is its subject, a noun.
        sites.push({ view, clauses, clause, first: i, last, cue: candidate.cue, formKinds: candidate.kinds, pos: support ? 'noun' : pos, others: sites, ...(support && !carried ? { support } : {}) });
        i = last;
      }
      const read = sites.map((site) => supportSubject(site, reader.read(site), reader));
      const own = sites.map((site, k) => makeDraft(site, withAnaphor(site, read[k]!, placer), analysis, lexicon));
      // An agreement that names nobody and nowhere takes the movement it lets happen before any "the city".
      const sentenceDrafts = sites.flatMap((site, k) => (site.cue.type === 'agreement' && !hasArgument(read[k]!)
        ? makeDraft(site, licensedArguments(site, read[k]!, own), analysis, lexicon) ?? own[k]
        : own[k]) ?? []);
      const kept = withOutcomePlaces(withCoordinatedPlaces(dedupe(mergeSplitMovements(absorbSupportCues(sentenceDrafts), analysis, view)), lexicon).map((d) => placed(d, placer)));
      if (kept.length) casualties.set(view.index, readCasualties(view, dates, analysis, casualtyCues));
      drafts.push(...kept);
    }
    const undated = documentTime(analysis.document.publishedAt);
    const figures = (d: Draft) => casualtiesOf({ type: d.type, trigger: d.site.first, clause: d.site.clause }, casualties.get(d.site.view.index) ?? [], d.site.view, analysis.text, casualtyCues);
    return { events: drafts.map((d) => toEvent(d, analysis, times, plover, undated, figures(d), lexicon.placeParts)).sort((a, b) => a.trigger.start - b.trigger.start) };
  });
}

type CueMatch = { cue: EventCue; kinds: FormKind[] };

function triggerMatcher(lexicon: EventCueLexicon): PhraseSet<CueMatch[]> {
  const byForm = new Map<string, CueMatch[]>();
  for (const cue of lexicon.cues) {
    for (const [form, kinds] of cue.forms) byForm.set(form, [...(byForm.get(form) ?? []), { cue, kinds }]);
  }
  return new PhraseSet([...byForm]);
}

// "the attack" is the noun, "IS attacked" the verb; when both read the same, the word before decides:
// a determiner, a possessive, a demonym ("Russian strikes") or a name after a preposition ("under IS rule").
function pickCue(candidates: CueMatch[], view: SentenceView, i: number, lexicon: EventCueLexicon): CueMatch {
  if (candidates.length === 1) return candidates[0]!;
  const { words } = view;
  const prev = words[i - 1];
  const entity = prev && prev.entity >= 0 ? view.entities[prev.entity]! : null;
  const wantNoun = !!prev && (NOUN_CONTEXT.has(prev.lower) || /'s$/.test(prev.lower) || (prev.named && prev.entity < 0)
    || (!!entity && !!lexicon.prepositions.matchEndingAt(words, entity.first - 1)) || supportBefore(words, i, lexicon) !== null);
  return candidates.find((c) => (c.cue.pos === 'noun') === wantNoun) ?? candidates[0]!;
}

type Support = NonNullable<TriggerSite['support']>;

/** How many words may stand between a support verb and the noun it carries as object: "launched **this morning an intense** attack", "began their **large-scale** offensive". */
const SUPPORT_OBJECT_GAP = 5;
/** How many `gap` words may stand between a noun and the support verb it is the subject of: "the shelling **had** continued". */
const SUPPORT_SUBJECT_GAP = 2;
/** Words that end the walk from a noun back to a support verb: the noun belongs to something else ("began talks **after** the attack"). */
const SUPPORT_BARRIERS = new Set([',', ';', ':', '—', '–', '(', ')', '"', 'and', 'or', 'but', 'to']);

/** "launched a powerful attack", "claimed responsibility for the bombing": the support verb whose object the noun at `first` is. */
function supportBefore(words: readonly Word[], first: number, lexicon: EventCueLexicon): Support | null {
  for (let k = first - 1; k >= Math.max(0, first - 1 - SUPPORT_OBJECT_GAP); k--) {
    const match = lexicon.support.object.matchEndingAt(words, k);
    if (match) {
      const start = k - match.length + 1;
      // "at the stage where the shooting occurred": right after a determiner the form is a noun, no verb.
      if (DETERMINERS.has(words[start - 1]?.lower ?? '')) return null;
      return { first: start, last: k, lemma: match.value };
    }
    const w = words[k]!;
    // A name stays part of the object: "began the ISIS offensive".
    if (w.named) continue;
    if (SUPPORT_BARRIERS.has(w.lower) || lexicon.verbForms.has(w.lower) || lexicon.clauses.subordinators.has(w.lower)
      || (lexicon.prepositions.hasWord(w.lower) && w.lower !== 'of')) return null;
  }
  return null;
}

/** How many words the noun's own phrases may take before its support verb: "the attack **on the governor's convoy** occurred". */
const SUPPORT_SUBJECT_PHRASES = 6;

/**
 * "the explosion occurred", "fighting has broken out", "the attack on Gayoom occurred": the support verb the
 * noun ending at `last` is the subject of; `gap` words and -ly adverbs may stand between, and so may the noun's
 * own prepositional phrases when they name someone or somewhere, as long as no cue verb, clause boundary or
 * barrier comes first.
 */
function supportAfter(words: readonly Word[], last: number, lexicon: EventCueLexicon): Support | null {
  let gaps = 0, phrase = 0, named = false, relative = false;
  for (let k = last + 1; k < words.length; k++) {
    const match = lexicon.support.subject.matchAt(words, k);
    // A phrase that names nobody and nowhere leaves the noun a figure of speech: "the attack on reason continues".
    if (match) return phrase > 0 && !named ? null : { first: k, last: k + match.length - 1, lemma: match.value, ...(relative ? { relative } : {}) };
    const w = words[k]!;
    // "twin blasts that occurred on Thursday", "the attack, which occurred outside a school": the relative clause right
    // after the noun says it happened.
    if (!relative && phrase === 0 && gaps === 0 && isRelative(w.lower, lexicon) && (k === last + 1 || (k === last + 2 && words[last + 1]!.text === ','))) {
      relative = true;
      continue;
    }
    if (k === last + 1 && w.text === ',' && isRelative(words[k + 1]?.lower ?? '', lexicon)) continue;
    if (lexicon.support.gap.has(w.lower) || (!w.named && /ly$/.test(w.lower))) {
      if (++gaps > SUPPORT_SUBJECT_GAP) return null;
      continue;
    }
    const opens = phrase === 0 ? lexicon.prepositions.matchAt(words, k) : null;
    if (!opens && phrase === 0) return null;
    if (SUPPORT_BARRIERS.has(w.lower) || lexicon.verbForms.has(w.lower) || lexicon.clauses.subordinators.has(w.lower)
      || lexicon.clauses.relativePronouns.has(w.lower) || ++phrase > SUPPORT_SUBJECT_PHRASES) return null;
    named ||= w.named;
  }
  return null;
}

/** "which", or "that" (the complementizer) opening a relative clause. */
function isRelative(word: string, lexicon: EventCueLexicon): boolean {
  return lexicon.clauses.relativePronouns.has(word) || word === lexicon.clauses.complementizer;
}

/**
 * The support verb of a noun trigger inside its clause, its object's first, else its subject's; a verb
 * form is the subject of a support verb right after it ("clashes **broke out**", "fighting **continued**").
 */
function supportOf(words: readonly Word[], first: number, last: number, pos: 'verb' | 'noun', clause: Clause, lexicon: EventCueLexicon, kinds: readonly FormKind[]): Support | null {
  const after = supportAfter(words, last, lexicon);
  // An -s form may be a plural noun across auxiliaries: "clashes **are now** occurring" ("clashes were still raging"
  // is told as going on, an event of its own).
  const reach = (kinds.includes('third') || kinds.includes('ing')) && !lexicon.goingOn.words.has(words[after?.first ?? 0]?.lower ?? '') ? SUPPORT_SUBJECT_GAP + 1 : 1;
  const close = !!after && !after.relative && after.first - last <= reach && words.slice(last + 1, after.first).every((w) => lexicon.support.gap.has(w.lower));
  const support = pos === 'noun' ? supportBefore(words, first, lexicon) ?? after : close ? after : null;
  // A relative clause is a clause of its own: "the attack, which occurred outside a school".
  if (!support || (!support.relative && (support.first < clause.first || support.last > clause.last))) return null;
  // "has staged many mass abductions": a generic quantifier before the noun names a habit, not a happening.
  for (let k = support.last + 1; k < first; k++) if (lexicon.support.generic.has(words[k]!.lower)) return null;
  return support;
}

/** "IS claimed responsibility for the bombing": the subject of the support verb before a noun is the noun's agent. */
function supportSubject(site: TriggerSite, args: Arguments, reader: ArgumentReader): Arguments {
  const { support } = site;
  if (!support || support.first > site.first || args.agent !== null) return args;
  const agent = reader.read({ ...site, first: support.first, last: support.last, pos: 'verb', formKinds: ['past'] }).agent;
  return agent === null ? args : { ...args, agent };
}

/**
 * "launched raids on Tabqa": a verb cue that is the support verb of a noun
 * trigger is that noun's event, not one of its own; the noun's event takes
 * its arguments where it has none.
 */
function absorbSupportCues(drafts: Draft[]): Draft[] {
  const carriers = drafts.filter((d) => d.site.support);
  if (!carriers.length) return drafts;
  const carrierOf = (d: Draft) => carriers.find((c) => c !== d && c.site.support!.first <= d.site.last && d.site.first <= c.site.support!.last);
  const absorbed = new Map<Draft, Draft[]>();
  for (const d of drafts) {
    const carrier = d.site.pos === 'verb' ? carrierOf(d) : undefined;
    if (carrier) absorbed.set(carrier, [...(absorbed.get(carrier) ?? []), d]);
  }
  return drafts.filter((d) => d.site.pos !== 'verb' || !carrierOf(d)).map((d) => {
    const verbs = absorbed.get(d);
    if (!verbs) return d;
    const args = { ...d.args, nearby: new Set(d.args.nearby) };
    for (const v of verbs) {
      for (const r of ROLES) {
        if (args[r] !== null || v.args[r] === null) continue;
        args[r] = v.args[r];
        if (v.args.nearby.has(r)) args.nearby.add(r);
      }
    }
    return { ...d, args, negated: d.negated || verbs.some((v) => v.negated), intent: d.intent ?? verbs.find((v) => v.intent)?.intent ?? null };
  });
}

/**
 * "during the fighting": an -ing form after a determiner names the event like a noun; so does a base form
 * after a determiner that a support verb carries ("**continued** their advance").
 */
function isGerund(candidate: CueMatch, words: readonly Word[], first: number, lexicon: EventCueLexicon): boolean {
  if (!DETERMINERS.has(words[first - 1]?.lower ?? '')) return false;
  return candidate.kinds.includes('ing') || (candidate.kinds.includes('base') && supportBefore(words, first, lexicon) !== null);
}

function isExcluded(words: readonly Word[], first: number, last: number, candidate: CueMatch, lexicon: EventCueLexicon): boolean {
  const { exclude, requires } = candidate.cue;
  if (exclude.next.matchAt(words, last + 1) || (exclude.beforeNumber && DIGITS.test(words[last + 1]?.lower ?? ''))) return true;
  if (exclude.afterNumber && AMOUNT.test(words[first - 1]?.lower ?? '')) return true;
  if (exclude.cueNext && lexicon.verbForms.has(words[last + 1]?.lower ?? '')) return true;
  const prev = first > 0 ? exclude.prev.matchEndingAt(words, first - 1) : null;
  // An auxiliary excludes a participle ("was left behind"), never a progressive ("were leaving Raqqa").
  const progressive = candidate.kinds.every((k) => k === 'ing') && !!prev && lexicon.passiveAuxiliaries.has(prev.value);
  if (prev && !progressive) return true;
  // "it is clear that", "clear of mines": the base form is an adjective there; "had been cleared of IS" is the verb.
  const base = candidate.kinds.includes('base') && (exclude.baseNext.matchAt(words, last + 1) || (first > 0 && exclude.basePrev.matchEndingAt(words, first - 1)));
  if (base) return true;
  if (exclude.near.size > 0) {
    for (let k = Math.max(0, first - 4); k < Math.min(words.length, last + 5); k++) if (exclude.near.has(words[k]!.lower)) return true;
  }
  return !!requires && !requires.before.someIn(words, first - requires.window, first - 1);
}

/**
 * "the advancing columns", "its surrounding district": an -ing form between a
 * determiner and a noun describes the noun; "the fighting in Mosul" stays an event.
 */
function isParticipleAdjective(candidate: CueMatch, words: readonly Word[], first: number, last: number, lexicon: EventCueLexicon): boolean {
  if (candidate.cue.pos !== 'verb' || !candidate.kinds.every((k) => k === 'ing') || !DETERMINERS.has(words[first - 1]?.lower ?? '')) return false;
  const next = words[last + 1];
  return !!next && (next.named || lexicon.phraseFiller.has(next.lower));
}

/**
 * "..., Air Force Security Forces, US Bomb": a present-tense form of a verb cue that ends its sentence or its
 * line has no object, so it is no attack told in the present ("jets bomb the town"), but a label or a cause in
 * a list; a noun cue of the same form was preferred before this is asked.
 */
function isObjectlessPresent(candidate: CueMatch, words: readonly Word[], last: number, text: string): boolean {
  if (candidate.cue.pos !== 'verb' || candidate.cue.bare || last === 0 || !candidate.kinds.every((k) => k === 'base' || k === 'third')) return false;
  const next = words[last + 1];
  return !next || text.slice(words[last]!.end, next.start).includes('\n');
}

interface Refined {
  type: EventType;
  subtype: string;
  agentRole?: 'patient';
}

function refine(cue: EventCue, args: Arguments, site: TriggerSite, analysis: Readonly<Analysis>): Refined | null {
  const { view: { words }, clause } = site;
  for (const r of cue.when) {
    if (r.words) {
      const [from, to] = r.scope === 'patient' ? patientWindow(site, args)
        : r.scope === 'following' ? [site.first, words.length - 1] : r.scope === 'sentence' ? [0, words.length - 1]
        : r.scope === 'preceding' ? [Math.max(0, site.first - PRECEDING_WINDOW), site.first - 1] : [clause.first, clause.last];
      // Refinement words may sit inside names: "Russian jets" makes a strike an airstrike.
      if (!r.words.someIn(words, from, to, true)) continue;
    }
    if (r.has && !r.has.every((role) => args[role] !== null)) continue;
    if (r.agentKind && (args.agent === null || !r.agentKind.includes(analysis.actors[args.agent]!.kind))) continue;
    return { type: r.type ?? cue.type, subtype: r.subtype, ...(r.agentRole ? { agentRole: r.agentRole } : {}) };
  }
  return cue.subtype ? { type: cue.type, subtype: cue.subtype } : null;
}

/** Where a verb's patient stands: its subject before it in the passive ("a commander was captured"), its object after it ("captured the journalist"). */
function patientWindow(site: TriggerSite, args: Arguments): [number, number] {
  const { clause, first, last } = site;
  return args.passive ? [Math.max(clause.first, first - PRECEDING_WINDOW), first - 1] : [last + 1, Math.min(clause.last, last + PRECEDING_WINDOW)];
}

/** How many words after an agreement the movement it lets happen may start ("agreement has been reached allowing IS fighters and their families to **leave**"). */
const LICENSE_WINDOW = 12;

/**
 * "no deal had been reached to let foreign fighters leave Raqqa": an
 * agreement that names nobody and nowhere itself names them through the
 * movement it lets happen, later in its sentence: the mover is its patient,
 * the movement's places are its places. The movement stays an event of its own.
 */
function licensedArguments(site: TriggerSite, args: Arguments, drafts: readonly (Draft | null)[]): Arguments {
  // The drafts are those of the agreement's own sentence.
  const licensed = drafts.find((d) => d !== null && d.type === 'movement' && d.site.first > site.last && d.site.first - site.last <= LICENSE_WINDOW);
  if (!licensed) return args;
  const { agent, patient, origin, destination, location, nearby } = licensed.args;
  return { ...args, patient: agent ?? patient, origin, destination, location, nearby: new Set(nearby) };
}

const PLACE_ROLES: ArgumentRole[] = ['origin', 'destination', 'location'];

/** A clause that names no place may still point at one ("fighting in the city"): that place is an argument like a name. */
function withAnaphor(site: TriggerSite, args: Arguments, placer: Placer): Arguments {
  if (PLACE_ROLES.some((r) => args[r] !== null)) return args;
  const found = placer.anaphor(site, args);
  return found ? { ...args, [found.role]: found.place, anaphor: found.role } : args;
}

/** How the event is placed: its clause's place (or the place "the city" stands for), else its sentence's, else nowhere. */
function placed(d: Draft, placer: Placer): Draft {
  const role = anchorRole(d);
  if (role) return { ...d, placeBasis: d.args.anaphor === role ? 'anaphor' : 'clause' };
  const found = placer.sentencePlace(d.site);
  if (!found) return d;
  const nearby = new Set(d.args.nearby);
  if (found.nearby) nearby.add(found.role);
  return { ...d, args: { ...d.args, [found.role]: found.place, nearby }, placeBasis: found.basis };
}

/**
 * "shelled and pounded Aleppo": a verb joined by a coordinator to the next
 * event's verb shares its object, so an unplaced first verb takes the
 * second's location (a movement's origin or destination is its own).
 */
function withCoordinatedPlaces(drafts: Draft[], lexicon: EventCueLexicon): Draft[] {
  const out = [...drafts];
  // From the last pair back, so "burned, looted and shelled the town" passes the place down the chain.
  for (let k = out.length - 1; k >= 0; k--) {
    const d = out[k]!;
    const { view: { words }, last, pos } = d.site;
    const link = words[last + 1]?.lower ?? '';
    if (pos !== 'verb' || anchorRole(d) || !(lexicon.clauses.coordinators.has(link) || link === ',')) continue;
    const partner = out.find((e) => e.site.pos === 'verb' && e.site.first === last + 2 && e.args.location !== null);
    if (!partner || (link === ',' && !partner.coordinated)) continue;
    const nearby = new Set(d.args.nearby);
    if (partner.args.nearby.has('location')) nearby.add('location');
    const anaphor = partner.args.anaphor === 'location' ? { anaphor: 'location' as const } : {};
    out[k] = { ...d, args: { ...d.args, location: partner.args.location, nearby, ...anaphor }, coordinated: true };
  }
  return out;
}

/** Subtypes that tell what an attack did to people, not how: "struck Deir ez-Zor, **killing** nine". */
const OUTCOME_SUBTYPES = new Set(['killing', 'wounding']);

/**
 * "Russian jets struck Deir ez-Zor on Monday, killing nine", "killed 250
 * fighters during air raids over Palmyra": deaths or wounds with no place of
 * their own happened where the nearest placed attack of their sentence did
 * (basis `sentence`).
 */
function withOutcomePlaces(drafts: Draft[]): Draft[] {
  return drafts.map((d) => {
    if (d.type !== 'attack' || !OUTCOME_SUBTYPES.has(d.subtype) || anchorRole(d)) return d;
    const distance = (c: Draft) => Math.abs(c.site.first - d.site.first);
    const cause = drafts.filter((c) => c.type === 'attack' && c.args.location !== null).sort((a, b) => distance(a) - distance(b))[0];
    if (!cause) return d;
    const nearby = new Set(d.args.nearby);
    if (cause.args.nearby.has('location')) nearby.add('location');
    return { ...d, args: { ...d.args, location: cause.args.location, nearby }, placeBasis: 'sentence' };
  });
}

/** The role whose place anchors the event on the map: a movement's destination first, other events' location. */
function anchorRole(d: Draft): ArgumentRole | undefined {
  const order: ArgumentRole[] = d.type === 'movement' ? ['destination', 'origin', 'location'] : ['location', 'destination', 'origin'];
  return order.find((r) => d.args[r] !== null);
}

function hasArgument(args: Arguments): boolean {
  return args.agent !== null || args.patient !== null || args.origin !== null || args.destination !== null || args.location !== null;
}

function isNegated(site: TriggerSite, negators: PhraseSet): boolean {
  const from = Math.max(site.clause.first, site.first - NEGATION_WINDOW);
  return negators.someIn(site.view.words, from, site.first - 1);
}

/** How many words may stand between an intent phrase and its trigger: "aimed at **quickly** retaking", "plan for **an** attack". */
const INTENT_GAP = 2;
/** How far before "to" an intent noun may be: "an offensive **on Sunday** to retake". */
const INTENT_NOUN_WINDOW = 4;

/** "aimed at retaking", "ready to leave", "an offensive on Sunday to retake": the words that make the trigger an aim. */
function intentOf(site: TriggerSite, intent: EventCueLexicon['intent']): Span | null {
  // The sentence bounds the look-back, not the clause: "to" may open the trigger's own clause.
  const { view: { words }, first } = site;
  for (let k = first - 1; k >= Math.max(0, first - 1 - INTENT_GAP); k--) {
    const match = intent.phrases.matchEndingAt(words, k);
    if (match) return wordSpan(words, k - match.length + 1, k);
    const w = words[k]!;
    if (w.lower === 'to') {
      for (let j = k - 1; j >= Math.max(0, k - INTENT_NOUN_WINDOW); j--) {
        // A name may end in the noun: "the US-led coalition to fight IS".
        if (intent.nouns.has(words[j]!.lower)) return wordSpan(words, j, k);
      }
      return null;
    }
    if (w.named || !(DETERMINERS.has(w.lower) || /ly$/.test(w.lower))) return null;
  }
  return null;
}

/** How many words after a trigger a word of `goingOn` may stand ("fighting was still raging"). */
const GOING_ON_REACH = 3;

/**
 * "battles continued", "four days of (fierce) fighting": a trigger told as going on, or as lasting a
 * while, is an event by itself, though nobody and nowhere is attached to it.
 */
function toldGoingOn(site: TriggerSite, { words: goingOn, fillers, durations }: EventCueLexicon['goingOn']): boolean {
  const all = site.view.words;
  const words = all.slice(site.last + 1, Math.min(site.clause.last, site.last + GOING_ON_REACH) + 1);
  const verb = words.find((w) => !fillers.has(w.lower));
  if (verb !== undefined && goingOn.has(verb.lower)) return true;
  const of = [site.first - 1, site.first - 2].find((k) => k > 0 && all[k]!.lower === 'of' && !all[k + 1]!.named);
  return of !== undefined && durations.has(all[of - 1]!.lower);
}

/** How many `between` words may stand between an unnamed subject and its verb: "it **had also** pulled out". */
const UNNAMED_SUBJECT_GAP = 3;

/**
 * "they pulled out", "the rest had fled", "troops moved into the building": a verb whose subject is a
 * pronoun or a generic noun (`unnamedSubjects`) tells that somebody did it, though no actor is named;
 * a relative clause looks past its pronoun ("troops who were evacuated").
 */
function hasUnnamedSubject(site: TriggerSite, lexicon: EventCueLexicon): boolean {
  if (site.pos !== 'verb') return false;
  const { view: { words }, clause } = site;
  const { words: subjects, between } = lexicon.unnamedSubjects;
  let k = site.first - 1;
  for (let gap = 0; k >= clause.first && gap < UNNAMED_SUBJECT_GAP && between.has(words[k]!.lower) && !words[k]!.named; gap++) k--;
  if (k < clause.first) return false;
  // "troops who were evacuated": the relative pronoun opening the clause stands for the word right before it.
  if (k === clause.first && lexicon.clauses.relativePronouns.has(words[k]!.lower)) k--;
  const w = words[k];
  return !!w && !w.named && subjects.has(w.lower);
}

/** How many words before a noun trigger a generic quantifier may stand: "without **any** deadly attacks". */
const GENERIC_REACH = 2;

/** "without any attacks", "many bombings": a generic quantifier makes the noun a kind of happening, not one that happened. */
function isGeneric(site: TriggerSite, lexicon: EventCueLexicon): boolean {
  const { view: { words }, first } = site;
  for (let k = first - 1; k >= Math.max(0, first - GENERIC_REACH); k--) if (lexicon.support.generic.has(words[k]!.lower)) return true;
  return false;
}

/** "the attack on reason": a noun whose target phrase names no actor or place is a figure of speech when nothing else is attached. */
function namesNoTarget(site: TriggerSite): boolean {
  const next = site.view.words[site.last + 1];
  return !!next && site.cue.targetPhrases.has(next.lower);
}

function makeDraft(site: TriggerSite, args: Arguments, analysis: Readonly<Analysis>, lexicon: EventCueLexicon): Draft | null {
  const { negators, intent } = lexicon;
  // A trigger with nobody and nowhere attached is no conflict event ("capture the moment"), unless its cue is one by itself
  // ("were killed"), a support verb says it happened ("the explosion occurred") or it is told as going on ("battles continued").
  const bare = (site.cue.bare || (site.cue.barePassive && site.pos === 'verb' && args.passive))
    && !(site.pos === 'noun' && (isGeneric(site, lexicon) || namesNoTarget(site)));
  if (!hasArgument(args) && !bare && !site.support && !toldGoingOn(site, lexicon.goingOn) && !hasUnnamedSubject(site, lexicon)) return null;
  const refined = refine(site.cue, args, site, analysis);
  if (!refined) return null;
  const { view, clause, cue, support } = site;
  // "did not launch an attack", "plans to carry out attacks": negation and aim sit before the support verb.
  const head = support && support.first < site.first ? { ...site, first: support.first } : site;
  // A relative clause's support verb lies past the noun's clause ("the attack, which occurred"): the evidence reaches it.
  const end = Math.max(clause.end, support?.relative ? view.words[support.last]!.end : 0);
  const evidence = cue.frame.scope === 'sentence' ? { start: clause.start, end: view.end } : { start: clause.start, end };
  const roles = refined.agentRole === 'patient' && args.patient === null ? { ...args, patient: args.agent, agent: null } : args;
  return {
    cue, site, args: roles, type: refined.type, subtype: refined.subtype,
    negated: isNegated(head, negators),
    intent: intentOf(head, intent),
    extraTriggers: [],
    evidence,
    rule: support ? `events:support:${support.lemma}+${cue.lemma}` : `events:${cue.pos}:${cue.lemma}`,
    placeBasis: null,
  };
}

function sameOrUnknown(a: number | null, b: number | null, analysis: Readonly<Analysis>): boolean {
  return a === null || b === null || analysis.actors[a]!.actorId === analysis.actors[b]!.actorId;
}

/**
 * "IS fighters, who left Mosul in late June, reached Tal Afar": a departure
 * without destination and an arrival without origin, by the same mover in
 * one sentence, are one movement. The earlier trigger stays the trigger.
 */
function mergeSplitMovements(drafts: Draft[], analysis: Readonly<Analysis>, view: SentenceView): Draft[] {
  const out = [...drafts];
  for (let a = 0; a < out.length; a++) {
    const first = out[a]!;
    if (first.type !== 'movement') continue;
    for (let b = a + 1; b < out.length; b++) {
      const second = out[b]!;
      if (second.type !== 'movement' || first.negated !== second.negated) continue;
      if (!sameOrUnknown(first.args.agent, second.args.agent, analysis)) continue;
      const [from, to] = first.args.origin !== null && first.args.destination === null && second.args.origin === null && second.args.destination !== null
        ? [first, second]
        : second.args.origin !== null && second.args.destination === null && first.args.origin === null && first.args.destination !== null
          ? [second, first] : [null, null];
      if (!from || !to) continue;
      const args: Arguments = {
        ...first.args,
        agent: first.args.agent ?? second.args.agent,
        origin: from.args.origin,
        destination: to.args.destination,
        nearby: new Set<ArgumentRole>([
          ...[...from.args.nearby].filter((r) => r === 'origin'),
          ...[...to.args.nearby].filter((r) => r === 'destination'),
        ]),
      };
      const refined = refine(first.cue, args, first.site, analysis) ?? first;
      const secondTrigger = wordSpan(view.words, second.site.first, second.site.last);
      out[a] = {
        ...first, args, type: refined.type, subtype: refined.subtype,
        extraTriggers: [...first.extraTriggers, secondTrigger],
        evidence: { start: view.start, end: view.end },
        rule: 'events:split-movement',
      };
      out.splice(b, 1);
      break;
    }
  }
  return out;
}

const ROLES: ArgumentRole[] = ['agent', 'patient', 'origin', 'destination', 'location'];

/**
 * Two cues for one happening in one clause ("declared a ceasefire", "agreed to a truce"): one event
 * with the arguments of both, triggered by the verb, else by the better-argued cue.
 */
function dedupe(drafts: Draft[]): Draft[] {
  const kept: Draft[] = [];
  for (const d of drafts) {
    const twin = kept.findIndex((k) => k.type === d.type && (k.subtype === d.subtype || genericTwin(k, d)) && k.site.clause === d.site.clause
      && k.negated === d.negated && ROLES.every((r) => k.args[r] === null || d.args[r] === null || k.args[r] === d.args[r]));
    if (twin < 0) { kept.push(d); continue; }
    const k = kept[twin]!;
    // A noun carried by a support verb reads as that verb ("launched an attack").
    const verbal = (x: Draft) => x.site.pos === 'verb' || !!x.site.support;
    const dFirst = verbal(d) !== verbal(k) ? verbal(d) : argumentCount(d.args) > argumentCount(k.args);
    const [better, other] = dFirst ? [d, k] : [k, d];
    const args = { ...better.args, nearby: new Set(better.args.nearby) };
    for (const r of ROLES) {
      if (better.args[r] !== null || other.args[r] === null) continue;
      args[r] = other.args[r];
      if (other.args.nearby.has(r)) args.nearby.add(r);
    }
    // The other cue stays evidence of the happening it names ("launched an offensive ..., targeting the districts").
    const subtype = better.subtype === GENERIC_ATTACK ? other.subtype : better.subtype;
    kept[twin] = { ...better, args, subtype, extraTriggers: [...better.extraTriggers, ...cueSpans(other)] };
  }
  return kept;
}

/** The attack subtype that says nothing of the means ("attacked", "targeted", "hit"). */
const GENERIC_ATTACK = 'clash';

/**
 * "the explosion targeted a bakery", "bombings targeted at the army": a verb of attack in general and a
 * noun naming the means, in one clause, tell one attack; it takes the noun's subtype.
 */
function genericTwin(a: Draft, b: Draft): boolean {
  if (a.type !== 'attack' || (a.subtype === GENERIC_ATTACK) === (b.subtype === GENERIC_ATTACK)) return false;
  const generic = a.subtype === GENERIC_ATTACK ? a : b;
  const means = generic === a ? b : a;
  return generic.site.pos === 'verb' && !generic.site.support && means.site.pos === 'noun' && means.site.last < generic.site.first;
}

/** The words of a draft's cue: its trigger (with the support verb carrying it) and the triggers merged into it. */
function cueSpans(d: Draft): Span[] {
  const { view: { words }, first, last, support } = d.site;
  return [...(support ? [wordSpan(words, support.first, support.last)] : []), wordSpan(words, first, last), ...d.extraTriggers];
}

function argumentCount(args: Arguments): number {
  return ROLES.filter((r) => args[r] !== null).length;
}

function placeRef(p: PlaceMention): PlaceRef {
  return { geonameid: p.geonameid, name: p.name, lat: p.lat, lon: p.lon };
}

function actorRef(analysis: Readonly<Analysis>, index: number | null): ActorRef | null {
  if (index === null) return null;
  const a = analysis.actors[index]!;
  return { actorId: a.actorId, name: a.name };
}

/** Precision of the place that anchors the event (UCDP/ACLED style). */
function placePrecision(d: Draft, analysis: Readonly<Analysis>): PlacePrecision | null {
  const role = anchorRole(d);
  if (!role) return null;
  if (d.args.nearby.has(role)) return 'nearby';
  const place = analysis.places[d.args[role]!]!;
  const code = place.featureCode;
  if (/^PPL/.test(code)) return 'exact';
  if (/^ADM/.test(code)) return 'admin';
  if (/^PCL/.test(code)) return 'country';
  if (/^(RGN|CONT|AREA|ZN|TERR)/.test(code)) return 'region';
  return place.precision;
}

function confidence(d: Draft): number {
  let c = d.cue.pos === 'verb' || d.site.support ? 0.6 : 0.5;
  if (d.args.agent !== null) c += 0.15;
  if (d.args.patient !== null) c += 0.05;
  // A place taken from the sentence rather than the clause adds nothing to how sure the event is.
  if (d.placeBasis === 'clause' || d.placeBasis === 'anaphor') c += 0.1;
  if (d.extraTriggers.length) c += 0.05;
  return Math.round(Math.min(c, 0.95) * 100) / 100;
}

function toEvent(d: Draft, analysis: Readonly<Analysis>, times: SpanIndex<TimeMention>, plover: PloverTable, undated: EventTime, casualties: Casualties | null, placeParts: EventCueLexicon['placeParts']): Event {
  const { document, sentences } = analysis;
  const { support } = d.site;
  const noun = wordSpan(d.site.view.words, d.site.first, d.site.last);
  // A noun carried by a support verb is triggered by the verb, as two cues of one happening are ("launched an attack").
  const trigger = support ? wordSpan(d.site.view.words, support.first, support.last) : noun;
  const place = (role: ArgumentRole) => {
    const index = d.args[role];
    const mention = index === null ? undefined : analysis.places[index];
    return mention ? placeRef(mention) : null;
  };
  const sentence = sentences[d.site.view.index]!;
  const clause: Clause = d.site.clause;
  const location = d.args.location === null ? undefined : analysis.places[d.args.location];
  const part = d.type === 'control' ? placePart(analysis.text, trigger, location ?? null, clause, placeParts) : null;
  return {
    id: `${document.id.slice(0, 12)}:${trigger.start}:${d.type}`,
    type: d.type,
    subtype: d.subtype,
    agent: actorRef(analysis, d.args.agent),
    patient: actorRef(analysis, d.args.patient),
    location: place('location'),
    origin: place('origin'),
    destination: place('destination'),
    time: eventTime(times.overlapping(sentence.start, sentence.end), trigger, clause, sentence, analysis.text) ?? { from: undated.from, to: undated.to, precision: undated.precision, basis: undated.basis },
    evidence: [trigger, ...(support ? [noun] : []), ...d.extraTriggers, d.evidence],
    trigger: { start: trigger.start, end: trigger.end, text: analysis.text.slice(trigger.start, trigger.end) },
    attribution: null,
    modality: null,
    negated: d.negated,
    intent: d.intent && { ...d.intent, text: analysis.text.slice(d.intent.start, d.intent.end) },
    ...(part ? { part: { ...part, text: analysis.text.slice(part.start, part.end) } } : {}),
    factuality: null,
    plover: plover.get(d.type, d.subtype),
    casualties,
    placePrecision: placePrecision(d, analysis),
    placeBasis: d.placeBasis,
    confidence: confidence(d),
    rule: d.rule,
  };
}
