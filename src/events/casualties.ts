/**
 * Casualty figures: who a report says was killed, wounded or abducted, how
 * many, and whether they were civilians (resources/casualties.json, documented
 * in casualties.md). Recognisers propose mentions per sentence; an event then
 * takes, per kind, the mention nearest its trigger.
 */
import { z } from 'zod';
import type { Analysis } from '../pipeline.js';
import { readJsonResource, resourcePath } from '../resources.js';
import type { Casualties, CasualtyEvidence, CasualtyKind, EventType, Span, TimeMention } from '../types.js';
import { PhraseSet, wordSpan, type SentenceView, type Word } from '../text/sentence-view.js';

const KINDS = ['killed', 'wounded', 'abducted'] as const satisfies readonly CasualtyKind[];
const phrases = z.array(z.string());
const cueSchema = z.object({ countAfter: phrases, countBefore: phrases }).strict();

const fileSchema = z.object({
  version: z.literal(1),
  $comment: z.string().optional(),
  cues: z.object({ killed: cueSchema, wounded: cueSchema, abducted: cueSchema }).strict(),
  singleDeath: phrases,
  countWindow: z.object({ after: z.number().int().positive(), before: z.number().int().positive() }).strict(),
  modifiers: phrases,
  subset: phrases,
  numberWords: z.record(z.string(), z.number().int().positive()),
  multipliers: z.record(z.string(), z.number().int().positive()),
  vague: z.record(z.string(), z.number().int().positive()),
  singular: phrases,
  rangeJoiners: phrases,
  notVictims: phrases,
  yearBefore: phrases,
  victims: z.object({ civilian: phrases, combatant: phrases, neutral: phrases, singular: phrases }).strict(),
  victimWindow: z.number().int().positive(),
  sentenceTypes: z.array(z.string()),
}).strict();

type Direction = 'after' | 'before';
interface CueValue { kind: CasualtyKind; directions: Direction[] }

/** The compiled casualty lexicon. */
export interface CasualtyCues {
  cues: PhraseSet<CueValue>;
  singleDeath: PhraseSet;
  window: { after: number; before: number };
  modifiers: PhraseSet;
  subset: PhraseSet;
  numberWords: Map<string, number>;
  multipliers: Map<string, number>;
  vague: PhraseSet<number>;
  singular: Set<string>;
  /** "10 to 15", "10-15": a range, read as its lower end. */
  rangeJoiners: Set<string>;
  notVictims: PhraseSet;
  yearBefore: Set<string>;
  victims: { civilian: PhraseSet; combatant: PhraseSet; neutral: PhraseSet; singular: Set<string> };
  victimWindow: number;
  /** Event types that take figures from anywhere in their sentence; others only from their own clause. */
  sentenceTypes: Set<string>;
}

function cueEntries(cues: z.infer<typeof fileSchema>['cues']): [string, CueValue][] {
  const byPhrase = new Map<string, CueValue>();
  for (const kind of KINDS) {
    for (const direction of ['after', 'before'] as const) {
      for (const phrase of cues[kind][direction === 'after' ? 'countAfter' : 'countBefore']) {
        const key = `${kind}\u0000${phrase.toLowerCase()}`;
        const found = byPhrase.get(key) ?? { kind, directions: [] };
        found.directions.push(direction);
        byPhrase.set(key, found);
      }
    }
  }
  return [...byPhrase].map(([key, value]) => [key.split('\u0000')[1]!, value]);
}

export function compileCasualtyCues(data: unknown, source = 'casualties.json'): CasualtyCues {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`corridor: ${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const d = parsed.data;
  const lower = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));
  const cueList = cueEntries(d.cues);
  const kindsOf = new Map<string, CueValue[]>();
  for (const [phrase, value] of cueList) kindsOf.set(phrase, [...(kindsOf.get(phrase) ?? []), value]);
  const clash = [...kindsOf].find(([, values]) => values.length > 1);
  if (clash) throw new Error(`corridor: ${source}: "${clash[0]}" is a cue of two kinds`);
  return {
    cues: new PhraseSet(cueList),
    singleDeath: PhraseSet.of(d.singleDeath),
    window: d.countWindow,
    modifiers: PhraseSet.of(d.modifiers),
    subset: PhraseSet.of(d.subset),
    numberWords: new Map(Object.entries(d.numberWords)),
    multipliers: new Map(Object.entries(d.multipliers)),
    vague: new PhraseSet(Object.entries(d.vague)),
    singular: lower(d.singular),
    rangeJoiners: lower(d.rangeJoiners),
    notVictims: PhraseSet.of(d.notVictims),
    yearBefore: lower(d.yearBefore),
    victims: { civilian: PhraseSet.of(d.victims.civilian), combatant: PhraseSet.of(d.victims.combatant), neutral: PhraseSet.of(d.victims.neutral), singular: lower(d.victims.singular) },
    victimWindow: d.victimWindow,
    sentenceTypes: new Set(d.sentenceTypes),
  };
}

/** Loads the casualty lexicon; `path` replaces the bundled resources/casualties.json. */
export function loadCasualtyCues(path?: string): CasualtyCues {
  return compileCasualtyCues(readJsonResource<unknown>('casualties.json', path), path ?? resourcePath('casualties.json'));
}

/** A number written in the text: its value and its words. */
interface Count {
  value: number;
  first: number;
  last: number;
  /** Part of a larger figure ("including 7 children"): says who the victims are, never how many. */
  subset: boolean;
}

/** One report of casualties in a sentence, before any event takes it. */
export interface CasualtyMention {
  kind: CasualtyKind;
  count: number | null;
  civilians: boolean | null;
  /** The words of the mention, from count to cue (indices into the sentence's words). */
  first: number;
  last: number;
  rule: string;
}

const DIGITS = /^\d+$/;
const THOUSANDS = /^\d{3}$/;
const YEAR = /^(19|20)\d\d$/;

const touching = (a: Span, b: Span) => a.end === b.start;

/** "1,800": digit groups split by the tokenizer, joined again when nothing stands between them. */
function digitsAt(words: readonly Word[], i: number): { value: number; last: number } | null {
  let text = words[i]!.lower;
  let last = i;
  while (words[last + 1]?.lower === ',' && THOUSANDS.test(words[last + 2]?.lower ?? '') && touching(words[last]!, words[last + 1]!) && touching(words[last + 1]!, words[last + 2]!)) {
    text += words[last + 2]!.lower;
    last += 2;
  }
  // "3.5 km" is a measure, never a head count.
  if (words[last + 1]?.lower === '.' && touching(words[last]!, words[last + 1]!) && DIGITS.test(words[last + 2]?.lower ?? '')) return null;
  return { value: Number(text), last };
}

/** "two hundred and fifty", "twenty-five": number words read as one value. */
function numberWordsAt(words: readonly Word[], i: number, lex: CasualtyCues): { value: number; last: number } | null {
  let total = 0;
  let current = 0;
  let last = -1;
  for (let k = i; k < words.length; k++) {
    const w = words[k]!.lower;
    const unit = lex.numberWords.get(w);
    const multiplier = lex.multipliers.get(w);
    if (unit !== undefined) current += unit;
    else if (multiplier !== undefined && last >= 0) {
      current *= multiplier;
      if (multiplier >= 1000) { total += current; current = 0; }
    } else if ((w === '-' || w === 'and') && last === k - 1 && lex.numberWords.has(words[k + 1]?.lower ?? '')) continue;
    else break;
    last = k;
  }
  return last < 0 ? null : { value: total + current, last };
}

/** Every head count of a sentence: digits, number words, "dozens", "a soldier"; never a year, a time or a measure. */
export function findCounts(view: SentenceView, times: readonly Span[], lex: CasualtyCues): Count[] {
  const { words } = view;
  const counts: Count[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.named || times.some((t) => t.start <= w.start && w.end <= t.end)) continue;
    const found = rangeAt(words, i, lex);
    if (!found || lex.notVictims.matchAt(words, found.last + 1, true)) continue;
    if (YEAR.test(w.lower) && lex.yearBefore.has(words[i - 1]?.lower ?? '')) continue;
    counts.push({ value: found.value, first: i, last: found.last, subset: precededBySubset(words, i, lex) });
    i = found.last;
  }
  return counts;
}

/** A count, or a range read as its lower end: ACLED keeps the lowest figure ("10 to 15 killed" is 10). */
function rangeAt(words: readonly Word[], i: number, lex: CasualtyCues): { value: number; last: number } | null {
  const low = countAt(words, i, lex);
  if (!low || !lex.rangeJoiners.has(words[low.last + 1]?.lower ?? '')) return low;
  const high = DIGITS.test(words[low.last + 2]?.lower ?? '') || lex.numberWords.has(words[low.last + 2]?.lower ?? '') ? countAt(words, low.last + 2, lex) : null;
  return high ? { value: Math.min(low.value, high.value), last: high.last } : low;
}

function countAt(words: readonly Word[], i: number, lex: CasualtyCues): { value: number; last: number } | null {
  const lower = words[i]!.lower;
  const vague = lex.vague.matchAt(words, i);
  if (vague) return { value: vague.value, last: i + vague.length - 1 };
  if (DIGITS.test(lower)) return digitsAt(words, i);
  if (lex.numberWords.has(lower)) return numberWordsAt(words, i, lex);
  // "a soldier was killed": an article counts one only before a singular victim noun (an adjective may stand between).
  if (lex.singular.has(lower)) {
    const noun = [1, 2].find((k) => lex.victims.singular.has(words[i + k]?.lower ?? ''));
    return noun === undefined ? null : { value: 1, last: i };
  }
  return null;
}

/** "437 civilians, including more than 100 children": a count right after "including" is part of another. */
function precededBySubset(words: readonly Word[], i: number, lex: CasualtyCues): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (lex.subset.matchEndingAt(words, k)) return true;
    if (!lex.modifiers.matchEndingAt(words, k)) return false;
  }
  return false;
}

/** Skips modifiers ("at least", "nearly") from word i on; the first word past them. */
function skipModifiers(words: readonly Word[], i: number, lex: CasualtyCues, limit: number): number {
  let k = i;
  while (k < Math.min(words.length, i + limit)) {
    const m = lex.modifiers.matchAt(words, k);
    if (!m) break;
    k += m.length;
  }
  return k;
}

/**
 * Whether the words between two positions name the victims as civilians (true), as fighters
 * (false) or not at all (null). An actor mention counts by its kind.
 */
function victimsIn(view: SentenceView, from: number, to: number, analysis: Readonly<Analysis>, lex: CasualtyCues): boolean | null {
  const { words } = view;
  for (let k = Math.max(0, from); k <= Math.min(words.length - 1, to); k++) {
    const w = words[k]!;
    if (w.entity >= 0) {
      const entity = view.entities[w.entity]!;
      if (entity.kind === 'actor') return analysis.actors[entity.index]!.kind === 'civilians';
      continue;
    }
    if (lex.victims.civilian.matchAt(words, k, true)) return true;
    if (lex.victims.combatant.matchAt(words, k, true)) return false;
  }
  return null;
}

/** "13 people, including a child": victims named only as people are civilians when a civilian part is named. */
function civilianSubset(view: SentenceView, counts: readonly Count[], after: number, analysis: Readonly<Analysis>, lex: CasualtyCues): boolean {
  const { words } = view;
  for (let k = after + 1; k < Math.min(words.length, after + 1 + lex.victimWindow * 2); k++) {
    const m = lex.subset.matchAt(words, k);
    if (m) return victimsIn(view, k + m.length, k + m.length + lex.victimWindow, analysis, lex) === true;
  }
  return counts.some((c) => c.subset && c.first > after && victimsIn(view, c.last + 1, c.last + lex.victimWindow, analysis, lex) === true);
}

/** Who the victims are: the words by the count, else those by a cue with no count, else a civilian part named after. */
function civiliansOf(view: SentenceView, counts: readonly Count[], count: Count | null, cue: { first: number; last: number }, direction: Direction | null, analysis: Readonly<Analysis>, lex: CasualtyCues): boolean | null {
  const [from, to] = count
    ? direction === 'before' ? [count.last + 1, cue.first - 1] : [count.last + 1, count.last + lex.victimWindow]
    : [cue.first - lex.victimWindow, cue.first - 1];
  const found = victimsIn(view, from, to, analysis, lex) ?? (count ? null : victimsIn(view, cue.last + 1, cue.last + lex.victimWindow, analysis, lex));
  if (found !== null) return found;
  return civilianSubset(view, counts, count?.last ?? cue.last, analysis, lex) || null;
}

/**
 * The casualty mentions of one sentence, in word order: a cue ("killed",
 * "wounded", "kidnapped") with the count after it ("killed at least 58
 * militants") or, failing that, the nearest free count before it ("eight
 * civilians were killed"); a cue with no count still says who the victims were.
 * `times` are the time mentions overlapping the sentence (their numbers are no counts).
 */
export function readCasualties(view: SentenceView, times: readonly TimeMention[], analysis: Readonly<Analysis>, lex: CasualtyCues): CasualtyMention[] {
  const { words } = view;
  const counts = findCounts(view, times, lex);
  const used = new Set<Count>();
  const mentions: CasualtyMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const match = lex.cues.matchAt(words, i);
    const found = match && countFor(match.value.directions, words, counts, i, i + match.length - 1, used, lex);
    const mention = found ? counted(view, counts, match!.value.kind, found, i, i + match!.length - 1, analysis, lex)
      : singleDeath(view, i, analysis, lex) ?? (match && uncounted(view, counts, match.value.kind, i, i + match.length - 1, analysis, lex));
    if (!mention) continue;
    if (found) used.add(found.count);
    mentions.push(mention);
    i = Math.max(i, mention.last, match ? i + match.length - 1 : i);
  }
  return mentions;
}

interface Found { count: Count; direction: Direction }

function countAfter(words: readonly Word[], counts: readonly Count[], cueLast: number, lex: CasualtyCues): Found | null {
  const at = skipModifiers(words, cueLast + 1, lex, lex.window.after);
  const count = counts.find((c) => c.first === at && !c.subset);
  return count ? { count, direction: 'after' } : null;
}

function countBefore(counts: readonly Count[], cueFirst: number, used: ReadonlySet<Count>, lex: CasualtyCues): Found | null {
  const count = counts.filter((c) => c.last < cueFirst && cueFirst - c.last <= lex.window.before && !c.subset && !used.has(c)).at(-1);
  return count ? { count, direction: 'before' } : null;
}

function countFor(directions: Direction[], words: readonly Word[], counts: readonly Count[], first: number, last: number, used: ReadonlySet<Count>, lex: CasualtyCues): Found | null {
  return (directions.includes('after') ? countAfter(words, counts, last, lex) : null)
    ?? (directions.includes('before') ? countBefore(counts, first, used, lex) : null);
}

function counted(view: SentenceView, counts: readonly Count[], kind: CasualtyKind, found: Found, first: number, last: number, analysis: Readonly<Analysis>, lex: CasualtyCues): CasualtyMention {
  const { count, direction } = found;
  return {
    kind, count: count.value,
    civilians: civiliansOf(view, counts, count, { first, last }, direction, analysis, lex),
    first: Math.min(count.first, first), last: Math.max(count.last, last),
    rule: `casualties:count-${direction}`,
  };
}

/** A cue with no count ("several children were killed") still says who the victims were. */
function uncounted(view: SentenceView, counts: readonly Count[], kind: CasualtyKind, first: number, last: number, analysis: Readonly<Analysis>, lex: CasualtyCues): CasualtyMention {
  return { kind, count: null, civilians: civiliansOf(view, counts, null, { first, last }, null, analysis, lex), first, last, rule: 'casualties:cue' };
}

/** "the death of the military governor": one person, named by a singular noun right after. */
function singleDeath(view: SentenceView, i: number, analysis: Readonly<Analysis>, lex: CasualtyCues): CasualtyMention | null {
  const { words } = view;
  const m = lex.singleDeath.matchAt(words, i);
  if (!m) return null;
  const end = i + m.length - 1;
  for (let j = end + 1; j <= Math.min(words.length - 1, end + 3); j++) {
    if (!lex.victims.singular.has(words[j]!.lower)) continue;
    return { kind: 'killed', count: 1, civilians: victimsIn(view, end + 1, j, analysis, lex), first: i, last: j, rule: 'casualties:single' };
  }
  return null;
}

/** Where an event sits in its sentence, for choosing its figures. */
export interface EventSite {
  type: EventType;
  /** Trigger and clause, as word indices into the sentence. */
  trigger: number;
  clause: { first: number; last: number };
}

/**
 * The figures an event takes: per kind, the mention nearest its trigger,
 * from its own clause, or from its whole sentence for the event types that
 * cause casualties (`sentenceTypes`). Null when none applies.
 */
export function casualtiesOf(site: EventSite, mentions: readonly CasualtyMention[], view: SentenceView, text: string, lex: CasualtyCues): Casualties | null {
  const wholeSentence = lex.sentenceTypes.has(site.type);
  const usable = mentions.filter((m) => wholeSentence || (m.first >= site.clause.first && m.last <= site.clause.last));
  const distance = (m: CasualtyMention) => Math.min(Math.abs(m.first - site.trigger), Math.abs(m.last - site.trigger));
  const nearest = (ms: CasualtyMention[]) => ms.sort((a, b) => distance(a) - distance(b))[0];
  const chosen = KINDS.map((kind) => nearest(usable.filter((m) => m.kind === kind && m.count !== null)));
  const civilianMention = nearest([...chosen.filter((m) => m?.civilians != null) as CasualtyMention[]])
    ?? nearest(usable.filter((m) => m.civilians !== null));
  if (chosen.every((m) => !m) && !civilianMention) return null;
  const evidence = (m: CasualtyMention, kind: CasualtyEvidence['kind']): CasualtyEvidence => {
    const span = wordSpan(view.words, m.first, m.last);
    return { kind, start: span.start, end: span.end, text: text.slice(span.start, span.end), rule: m.rule };
  };
  const found = [
    ...KINDS.flatMap((kind, k) => (chosen[k] ? [evidence(chosen[k]!, kind)] : [])),
    ...(civilianMention ? [evidence(civilianMention, 'civilians')] : []),
  ];
  return {
    killed: chosen[0]?.count ?? null,
    wounded: chosen[1]?.count ?? null,
    abducted: chosen[2]?.count ?? null,
    civilians: civilianMention?.civilians ?? null,
    evidence: found.sort((a, b) => a.start - b.start || a.end - b.end),
  };
}
