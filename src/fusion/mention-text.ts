import { createHash } from 'node:crypto';
import type { Event, Extraction, Span } from '../types.js';

/**
 * What fusion reads in a document's text beyond its extraction: a trigger
 * joined to a modifier ("IS-held"), a sentence printed verbatim elsewhere,
 * the named operation a sentence speaks of, the unit an agent is told apart
 * by. Each reads the text as given, never a normalised copy.
 */

/**
 * An event named in passing by a compound modifier ("the **IS-held** town",
 * "**rebel-controlled** areas"): its trigger is joined by a hyphen to the word
 * before it. It describes a place, it does not report the holding as news.
 */
export function isNominal(event: Event, text: string | undefined): boolean {
  if (!text) return false;
  const { start, end } = event.trigger;
  return (start > 1 && text[start - 1] === '-' && /[\p{L}\p{N}]/u.test(text[start - 2]!)) || /[\p{L}\p{N}]-/u.test(text.slice(start, end));
}

/** A participle after a noun that a preposition heads: "withdraw from **positions seized** in Aden", "the return of areas captured". */
const REDUCED_RELATIVE = /\b(?:from|of|in|into|on|at|for|with|over|to)\s+(?:(?:the|its|their|his|her|all|some|those|these|any)\s+)?(\p{Ll}+)\s+$/u;
const PARTICIPLE = /(?:ed|en|wn)$/i;
/** What follows a participle that describes ("seized **in** Aden", "captured **by** IS", "held **.**"), unlike a verb's object ("seized **the** base"). */
const AFTER_PARTICIPLE = /^\s*(?:$|[,.;:)—–]|(?:in|by|from|during|since|last|earlier|near|after|before|at|on)\b)/i;

/**
 * An event told as a description of a noun, not as news: a participle right
 * after a common noun that a preposition heads and before a phrase of its
 * own, not an object ("withdraw from positions **seized** in Aden", "return
 * to areas **captured** last year"), where it cannot be the verb of a
 * clause ("the convoy from Qalamoun **reached** Abu Kamal" is one). (A relative clause, "Mekelle, which was seized at
 * the weekend", may well be the report's news, and is not read so.)
 */
export function isDescribedEvent(event: Event, text: string | undefined): boolean {
  if (!text) return false;
  const { start, end } = event.trigger;
  const noun = REDUCED_RELATIVE.exec(text.slice(Math.max(0, start - 60), start))?.[1];
  // "claimed to have captured": an auxiliary is no noun, and makes the participle a verb.
  return PARTICIPLE.test(text.slice(start, end)) && noun !== undefined && !AUXILIARY.test(noun) && AFTER_PARTICIPLE.test(text.slice(end, end + 12));
}

/** Words that make a participle the verb of its clause ("was held by", "remains controlled by"), not a description. */
const AUXILIARY = /^(?:is|are|was|were|be|been|being|has|have|had|remain|remains|remained|stay|stays|stayed|get|gets|got)$/i;
/** How many words before a participle an auxiliary may stand ("is now firmly held by"). */
const AUXILIARY_REACH = 3;

/**
 * A holding told as a description of the place named before it, not as
 * news: a participle followed by "by" with no auxiliary just before it ("the
 * other major city **held by** IS", "Kidal, **controlled by** rebels"), or in
 * a relative clause ("Kidal, **which is controlled by** rebels").
 */
export function isDescribedHolding(event: Event, text: string | undefined): boolean {
  if (!text) return false;
  const { start, end } = event.trigger;
  if (!/^\s+by\b/i.test(text.slice(end, end + 4))) return false;
  const before = text.slice(Math.max(0, start - 60), start);
  if (/\b(?:which|that)\s+(?:is|are|was|were)\s+$/i.test(before)) return true;
  const words = before.match(/[\p{L}\p{N}'’]+|[.;:!?]/gu) ?? [];
  return !words.slice(-AUXILIARY_REACH).some((w) => AUXILIARY.test(w) || /^[.;:!?]$/.test(w));
}

/**
 * The sentence's words, folded: the same sentence with other quotes, dashes or spacing has the same key.
 * A short sentence ("Kirkuk has fallen.") may be written twice independently: it gets none.
 */
export function copyKey(sentence: string): string | null {
  const words = sentence.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length < MIN_COPY_WORDS ? null : createHash('sha1').update(words.join(' ')).digest('hex').slice(0, 16);
}

/** Sentences of fewer words are not told apart from independent wording. */
const MIN_COPY_WORDS = 8;

/** A capitalised word, or a lower-case joining word inside an operation's name ("Wrath **of** Euphrates"). */
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{N}'’-]*|of|the|al|el)$/u;
const JOINING_WORD = /^(?:of|the|al|el)$/;

/**
 * The named operation each sentence speaks of ("Operation Euphrates Shield"),
 * by sentence index: a head of `operationHeads` followed by capitalised words.
 * An operation the actor lexicon knows ("Operation Inherent Resolve" is the
 * coalition) names an actor and a years-long campaign, not one action, so it is
 * left out. Needs the document text; without it, no operation is read.
 */
export function namedOperations(text: string | undefined, extraction: Pick<Extraction, 'sentences' | 'actors'>, heads: readonly string[]): Map<number, string> {
  const found = new Map<number, string>();
  if (!text || heads.length === 0) return found;
  const { sentences, actors } = extraction;
  sentences.forEach((sentence, i) => {
    const words = [...text.slice(sentence.start, sentence.end).matchAll(/[\p{L}\p{N}'’-]+/gu)];
    for (let w = 0; w < words.length && !found.has(i); w++) {
      if (!heads.includes(words[w]![0])) continue;
      let last = w;
      for (let n = w + 1; n < words.length && NAME_WORD.test(words[n]![0]); n++) if (!JOINING_WORD.test(words[n]![0])) last = n;
      if (last === w) continue;
      const start = sentence.start + words[w]!.index!;
      const end = sentence.start + words[last]!.index! + words[last]![0].length;
      if (actors.some((a) => a.start < end && start < a.end)) continue;
      found.set(i, text.slice(start, end));
    }
  });
  return found;
}

/** After the agent's name, at most one word ("convoy", "fighters"), then "from" and a place the geoparser found. */
const UNIT_FROM = /^\s+(?:[\p{L}-]+\s+)?from\s+(?:the\s+)?$/u;
/** The longest stretch read between the agent's name and the place. */
const UNIT_SPAN = 40;

/**
 * The agent's unit as the text tells it apart: "the IS convoy from
 * Qalamoun", "IS fighters from Raqqa" are `from Qalamoun`, `from Raqqa`:
 * the agent's name in the event's clause, followed by at most one word,
 * "from" and a place mention, before the event's trigger. Needs the document text.
 */
export function unitOf(text: string | undefined, extraction: Pick<Extraction, 'actors' | 'places'>, event: Event): string | null {
  const clause = event.evidence.at(-1) ?? event.trigger;
  if (!text || !event.agent) return null;
  for (const actor of extraction.actors) {
    if (actor.actorId !== event.agent.actorId || actor.start < clause.start || actor.end > clause.end) continue;
    // The unit is the subject, told before its verb: in "Ukraine pulled its troops from Avdiivka" the place is where they left.
    const place = extraction.places.find((p) => p.start > actor.end && p.end <= event.trigger.start &&
      p.start - actor.end <= UNIT_SPAN && UNIT_FROM.test(text.slice(actor.end, p.start)));
    if (place) return `from ${place.name}`;
  }
  return null;
}

/**
 * How many words either side of a trigger a continuing cue may stand, inside
 * the trigger's clause: "fighting **had broken out**", "the siege of the old
 * city **continues**" (a noun's complement stands between them).
 */
const CONTINUING_REACH = 5;
/** Where a clause ends by punctuation: a cue past it tells of another clause ("took the town, while fighting continued"). */
const CLAUSE_BREAK = /[,;:]/u;

/**
 * Whether the words around an event's trigger, inside its clause, tell it
 * as going on when told: a cue of `continuingCues` within `CONTINUING_REACH`
 * words of the trigger and no clause opener (`clauseOpeners`) between them
 * ("fighting **continued**", "**still** fighting").
 * Needs the document text; without it, nothing is told as continuing.
 */
export function isToldContinuing(text: string | undefined, sentence: Span | null, trigger: Span, cues: readonly string[], clauseOpeners: readonly string[]): boolean {
  if (!text || !sentence) return false;
  const words = (part: string) => part.toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? [];
  const preceding = words(text.slice(sentence.start, trigger.start).split(CLAUSE_BREAK).at(-1)!);
  const following = words(text.slice(trigger.end, sentence.end).split(CLAUSE_BREAK)[0]!);
  const opens = (w: string) => clauseOpeners.includes(w);
  const before = preceding.slice(preceding.findLastIndex(opens) + 1).slice(-CONTINUING_REACH);
  const after = (following.findIndex(opens) < 0 ? following : following.slice(0, following.findIndex(opens))).slice(0, CONTINUING_REACH);
  const near = ` ${[...before, ...words(text.slice(trigger.start, trigger.end)), ...after].join(' ')} `;
  return cues.some((cue) => near.includes(` ${cue.toLowerCase()} `));
}
