import type { ActorMention } from '../types.js';
import type { ActorLexicon } from './lexicon.js';
import { areAdjacent, isAcronym, type ActorWord } from './words.js';

/** A mention found by name, with the words it covers. */
export interface NamedMention extends ActorMention {
  firstWord: number;
  /** Exclusive. */
  lastWord: number;
}

/** The mention without its word bookkeeping. */
export function toActorMention({ firstWord: _first, lastWord: _last, ...mention }: NamedMention): ActorMention {
  return mention;
}

/**
 * Finds actors named in the text, leftmost-longest: at each word the longest
 * alias or demonym form wins, then
 * - a prefix before it joins the mention ("so-called ISIS");
 * - a member noun after it joins the mention ("IS fighters", "SDF forces"),
 *   so the generic "fighters" is not matched on its own.
 */
export function findNamedMentions(text: string, words: readonly ActorWord[], lexicon: ActorLexicon): NamedMention[] {
  const mentions: NamedMention[] = [];
  for (let i = 0; i < words.length;) {
    const mention = matchAt(text, words, i, lexicon);
    if (mention) mentions.push(mention);
    i = mention ? mention.lastWord : i + 1;
  }
  return mentions;
}

function matchAt(text: string, words: readonly ActorWord[], at: number, lexicon: ActorLexicon): NamedMention | null {
  const prefix = lexicon.prefixes.longestAt(text, words, at);
  if (prefix) {
    const nameStart = at + prefix.length;
    const name = nameStart < words.length && areAdjacent(text, words[nameStart - 1]!, words[nameStart]!)
      ? lexicon.names.longestAt(text, words, nameStart) : null;
    if (name && lexicon.prefixKinds.has(lexicon.actors.get(name.value.actorId)!.kind)) {
      return toMention(text, words, at, nameStart + name.length, name.value.actorId, lexicon);
    }
  }
  const name = lexicon.names.longestAt(text, words, at);
  if (!name || isShoutedWord(text, words, at, name.length) || isDesignation(text, words[at + name.length - 1]!)
    || isPlace(text, words, at, name.value.actorId, lexicon)) return null;
  return toMention(text, words, at, at + name.length, name.value.actorId, lexicon);
}

// A hyphen and a digit after a name make it a model designation (the "ZSU-23-4" gun, the "IS-3" tank), not the name.
const DESIGNATION = /^[-‐‑]\d/;

function isDesignation(text: string, last: ActorWord): boolean {
  return DESIGNATION.test(text.slice(last.after, last.after + 2));
}

/** "in Syria", "across Iraq": a state named as a place is left to the geoparser. */
function isPlace(text: string, words: readonly ActorWord[], at: number, actorId: string, lexicon: ActorLexicon): boolean {
  const before = words[at - 1];
  return lexicon.locativeKinds.has(lexicon.actors.get(actorId)!.kind)
    && !!before && lexicon.locativeWords.has(before.key) && areAdjacent(text, before, words[at]!);
}

// After a possessive only spaces may stand before a member noun ("Hezbollah's fighters").
const AFTER_POSSESSIVE = /^[ \t]+$/;

function toMention(text: string, words: readonly ActorWord[], first: number, end: number, actorId: string, lexicon: ActorLexicon): NamedMention {
  const actor = lexicon.actors.get(actorId)!;
  let last = end;
  // "ISIS's fighters" are ISIS fighters: a member noun may follow a possessive.
  const nameEnd = words[last - 1]!;
  const next = words[last];
  const joined = next && (areAdjacent(text, nameEnd, next) || (nameEnd.possessive && AFTER_POSSESSIVE.test(text.slice(nameEnd.after, next.start))));
  // A generic name standing for a named kind ("coalition jets") takes that kind's member nouns.
  if (lexicon.memberNounKinds.has(actor.refersTo ?? actor.kind) && joined) {
    last += lexicon.memberNouns.longestAt(text, words, last)?.length ?? 0;
  }
  const start = words[first]!.start;
  const stop = words[last - 1]!.end;
  return { text: text.slice(start, stop), start, end: stop, actorId, name: actor.name, kind: actor.kind, firstWord: first, lastWord: last };
}

/**
 * An acronym between two words in capitals is part of a shouted line
 * ("WHAT IS GOING ON"), not a name.
 */
function isShoutedWord(text: string, words: readonly ActorWord[], at: number, length: number): boolean {
  for (let k = at; k < at + length; k++) if (!isAcronym(words[k]!.raw)) return false;
  const before = words[at - 1];
  const after = words[at + length];
  return !!before && !!after && isAcronym(before.raw) && isAcronym(after.raw)
    && areAdjacent(text, before, words[at]!) && areAdjacent(text, words[at + length - 1]!, after);
}
