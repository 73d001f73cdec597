import type { ActorKind, ActorMention, Sentence } from '../types.js';
import type { ActorLexicon } from './lexicon.js';
import { toActorMention, type NamedMention } from './match.js';
import type { WordToken } from './normalize.js';

interface Anaphor {
  start: number;
  end: number;
  compatible: ReadonlySet<ActorKind>;
  /** Generic mentions inside the anaphor ("militants" in "the militants"), replaced when it resolves. */
  covers: readonly NamedMention[];
}

/**
 * Resolves "the group", "the militants" and clause-initial "they"/"their"/"it"
 * to the last compatible actor mention earlier in the same paragraph. An
 * anaphor without one is dropped (a "the militants" then stays the generic
 * "militants" it contains).
 */
export function resolveAnaphora(
  text: string,
  tokens: readonly WordToken[],
  named: readonly NamedMention[],
  sentences: readonly Sentence[],
  lexicon: ActorLexicon,
): ActorMention[] {
  const sentenceIndexOf = sentenceLocator(sentences);
  const anaphors = findAnaphors(text, tokens, named, sentenceIndexOf, lexicon);
  const replaced = new Set<NamedMention>();
  const output: ActorMention[] = [];

  type Item = { kind: 'named'; mention: NamedMention } | { kind: 'anaphor'; anaphor: Anaphor };
  const items: Item[] = [
    ...named.map((mention): Item => ({ kind: 'named', mention })),
    ...anaphors.map((anaphor): Item => ({ kind: 'anaphor', anaphor })),
  ];
  // An anaphor starts before ("the militants") or at the generic mention it covers: it goes first.
  items.sort((a, b) => spanOf(a).start - spanOf(b).start || (a.kind === 'anaphor' ? -1 : 1));

  for (const item of items) {
    if (item.kind === 'named') {
      if (!replaced.has(item.mention)) output.push(toActorMention(item.mention));
      continue;
    }
    const { anaphor } = item;
    const paragraph = sentences[sentenceIndexOf(anaphor.start)]?.paragraph;
    const antecedent = [...output].reverse().find((m) => anaphor.compatible.has(m.kind)
      && sentences[sentenceIndexOf(m.start)]?.paragraph === paragraph);
    if (!antecedent) continue;
    for (const covered of anaphor.covers) replaced.add(covered);
    output.push({
      text: text.slice(anaphor.start, anaphor.end), start: anaphor.start, end: anaphor.end,
      actorId: antecedent.actorId, name: antecedent.name, kind: antecedent.kind,
      antecedent: { start: antecedent.start, end: antecedent.end },
    });
  }
  return output;

  function spanOf(item: Item) {
    return item.kind === 'named' ? item.mention : item.anaphor;
  }
}

function findAnaphors(
  text: string,
  tokens: readonly WordToken[],
  named: readonly NamedMention[],
  sentenceIndexOf: (offset: number) => number,
  lexicon: ActorLexicon,
): Anaphor[] {
  const anaphors: Anaphor[] = [];
  const isNamedToken = new Set(named.flatMap((m) => range(m.firstToken, m.lastToken)));
  for (let i = 0; i < tokens.length; i++) {
    const phrase = lexicon.anaphors.longestAt(text, tokens, i);
    if (phrase) {
      const covers = named.filter((m) => m.firstToken < i + phrase.length && m.lastToken > i);
      // "the coalition" is the coalition itself; only generic words may be read as anaphors.
      if (covers.every((m) => m.kind === 'generic') && covers.every((m) => m.lastToken <= i + phrase.length)) {
        anaphors.push({ start: tokens[i]!.start, end: tokens[i + phrase.length - 1]!.end, compatible: phrase.value, covers });
        i += phrase.length - 1;
        continue;
      }
    }
    const pronoun = lexicon.pronouns.get(tokens[i]!.norm);
    if (!pronoun || isNamedToken.has(i) || !opensClause(text, tokens, i, sentenceIndexOf, lexicon)) continue;
    const next = tokens[i + 1];
    // "it's" is "it is"; "it is unclear" has no referent.
    if (tokens[i]!.possessive || (next && pronoun.notBefore.has(next.norm))) continue;
    anaphors.push({ start: tokens[i]!.start, end: tokens[i]!.end, compatible: pronoun.compatible, covers: [] });
  }
  return anaphors;
}

/** First word of a sentence, or after a comma, colon, dash, bracket, quote or a word like "and", "after". */
function opensClause(text: string, tokens: readonly WordToken[], i: number, sentenceIndexOf: (offset: number) => number, lexicon: ActorLexicon): boolean {
  const previous = tokens[i - 1];
  if (!previous || sentenceIndexOf(previous.start) !== sentenceIndexOf(tokens[i]!.start)) return true;
  if (/[,;:(\-–—"“]/.test(text.slice(previous.end, tokens[i]!.start))) return true;
  return lexicon.clauseOpeners.has(previous.norm);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

/** Index of the sentence holding an offset (the last sentence starting at or before it), -1 before the first. */
function sentenceLocator(sentences: readonly Sentence[]): (offset: number) => number {
  return (offset) => {
    let low = 0;
    let high = sentences.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (sentences[mid]!.start <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  };
}
