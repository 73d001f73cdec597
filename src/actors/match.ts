import type { ActorMention } from '../types.js';
import type { ActorLexicon } from './lexicon.js';
import { areAdjacent, isAcronym, type WordToken } from './normalize.js';

/** A mention found by name, with the tokens it covers. */
export interface NamedMention extends ActorMention {
  firstToken: number;
  /** Exclusive. */
  lastToken: number;
}

/** The mention without its token bookkeeping. */
export function toActorMention({ firstToken: _first, lastToken: _last, ...mention }: NamedMention): ActorMention {
  return mention;
}

/**
 * Finds actors named in the text, leftmost-longest: at each word the longest
 * alias or demonym form wins, then
 * - a prefix before it joins the mention ("so-called ISIS");
 * - a member noun after it joins the mention ("IS fighters", "SDF forces"),
 *   so the generic "fighters" is not matched on its own.
 */
export function findNamedMentions(text: string, tokens: readonly WordToken[], lexicon: ActorLexicon): NamedMention[] {
  const mentions: NamedMention[] = [];
  for (let i = 0; i < tokens.length;) {
    const mention = matchAt(text, tokens, i, lexicon);
    if (mention) mentions.push(mention);
    i = mention ? mention.lastToken : i + 1;
  }
  return mentions;
}

function matchAt(text: string, tokens: readonly WordToken[], at: number, lexicon: ActorLexicon): NamedMention | null {
  const adjacentAt = (j: number) => j < tokens.length && areAdjacent(text, tokens[j - 1]!, tokens[j]!);
  const prefix = lexicon.prefixes.longestAt(text, tokens, at);
  if (prefix && adjacentAt(at + prefix.length)) {
    const nameStart = at + prefix.length;
    const name = lexicon.names.longestAt(text, tokens, nameStart);
    if (name && lexicon.prefixKinds.has(lexicon.actors.get(name.value.actorId)!.kind)) {
      return toMention(text, tokens, at, nameStart + name.length, name.value.actorId, lexicon);
    }
  }
  const name = lexicon.names.longestAt(text, tokens, at);
  if (!name || isShoutedWord(text, tokens, at, name.length) || isPlace(text, tokens, at, name.value.actorId, lexicon)) return null;
  return toMention(text, tokens, at, at + name.length, name.value.actorId, lexicon);
}

/** "in Syria", "across Iraq": a state named as a place is left to the geoparser. */
function isPlace(text: string, tokens: readonly WordToken[], at: number, actorId: string, lexicon: ActorLexicon): boolean {
  const before = tokens[at - 1];
  return lexicon.locativeKinds.has(lexicon.actors.get(actorId)!.kind)
    && !!before && lexicon.locativeWords.has(before.norm) && areAdjacent(text, before, tokens[at]!);
}

function toMention(text: string, tokens: readonly WordToken[], first: number, end: number, actorId: string, lexicon: ActorLexicon): NamedMention {
  const actor = lexicon.actors.get(actorId)!;
  let last = end;
  // "ISIS's fighters" are ISIS fighters: a member noun may follow a possessive.
  const nameEnd = tokens[last - 1]!;
  const next = tokens[last];
  const joined = next && (areAdjacent(text, nameEnd, next) || (nameEnd.possessive && /^\S{2}[ \t]+$/.test(text.slice(nameEnd.end, next.start))));
  if (lexicon.memberNounKinds.has(actor.kind) && joined) {
    last += lexicon.memberNouns.longestAt(text, tokens, last)?.length ?? 0;
  }
  const start = tokens[first]!.start;
  const stop = tokens[last - 1]!.end;
  return { text: text.slice(start, stop), start, end: stop, actorId, name: actor.name, kind: actor.kind, firstToken: first, lastToken: last };
}

/**
 * An acronym between two words in capitals is part of a shouted line
 * ("WHAT IS GOING ON"), not a name.
 */
function isShoutedWord(text: string, tokens: readonly WordToken[], at: number, length: number): boolean {
  const words = tokens.slice(at, at + length);
  if (!words.every((w) => isAcronym(w.raw))) return false;
  const before = tokens[at - 1];
  const after = tokens[at + length];
  return !!before && !!after && isAcronym(before.raw) && isAcronym(after.raw)
    && areAdjacent(text, before, words[0]!) && areAdjacent(text, words[words.length - 1]!, after);
}
