import type { ActorKind, ActorMention, Sentence } from '../types.js';
import type { ActorLexicon } from './lexicon.js';
import { toActorMention, type NamedMention } from './match.js';
import type { ActorWord } from './words.js';
import { SpanIndex } from '../text/span-index.js';

interface Anaphor {
  start: number;
  end: number;
  /** Index of the sentence holding it. */
  sentence: number;
  compatible: ReadonlySet<ActorKind>;
  /** Generic mentions inside the anaphor ("militants" in "the militants"), replaced when it resolves. */
  covers: readonly NamedMention[];
}

/**
 * A generic name standing for a named kind (`refersTo`: "coalition" for
 * coalitions) is the latest actor of that kind named earlier in the document:
 * a Yemen report's "the coalition" is the Saudi-led coalition it named, not
 * the US-led one. Unlike "the group", the whole document counts: a report
 * names its coalition once, in the lead, then says "the coalition". With
 * none named earlier, the mention stays generic.
 */
export function resolveGenericNames(named: readonly NamedMention[], lexicon: ActorLexicon): NamedMention[] {
  const latest = new Map<ActorKind, NamedMention>();
  return named.map((mention) => {
    const refersTo = lexicon.actors.get(mention.actorId)!.refersTo;
    if (!refersTo) {
      if (mention.kind !== 'generic') latest.set(mention.kind, mention);
      return mention;
    }
    const antecedent = latest.get(refersTo);
    if (!antecedent) return mention;
    const { actorId, name, kind, start, end } = antecedent;
    return { ...mention, actorId, name, kind, antecedent: { start, end } };
  });
}

/**
 * "70 fighters of the Islamic State group", "militants from al-Shabaab": a
 * generic member noun followed by a membership preposition (an optional
 * determiner) and a named group is one mention of that group.
 */
export function resolveMembers(text: string, words: readonly ActorWord[], named: readonly NamedMention[], lexicon: ActorLexicon): NamedMention[] {
  const output: NamedMention[] = [];
  for (let k = 0; k < named.length; k++) {
    const mention = named[k]!;
    const group = named[k + 1];
    if (group && isMemberOf(text, words, mention, group, lexicon)) {
      output.push({ ...group, text: text.slice(mention.start, group.end), start: mention.start, firstWord: mention.firstWord });
      k++;
    } else {
      output.push(mention);
    }
  }
  return output;
}

function isMemberOf(text: string, words: readonly ActorWord[], mention: NamedMention, group: NamedMention, lexicon: ActorLexicon): boolean {
  if (mention.kind !== 'generic' || !lexicon.memberNounKinds.has(group.kind)) return false;
  if (lexicon.memberNouns.longestAt(text, words, mention.firstWord)?.length !== mention.lastWord - mention.firstWord) return false;
  let at = mention.lastWord;
  if (!lexicon.memberPrepositions.has(words[at]?.key ?? '')) return false;
  at++;
  if (lexicon.memberDeterminers.has(words[at]?.key ?? '')) at++;
  return group.firstWord === at && words[at]!.sentence === words[mention.firstWord]!.sentence;
}

/**
 * Resolves "the group", "the militants" and clause-initial "they"/"their"/"it"
 * to the last compatible actor mention earlier in the same paragraph. An
 * anaphor without one is dropped (a "the militants" then stays the generic
 * "militants" it contains).
 */
export function resolveAnaphora(
  text: string,
  words: readonly ActorWord[],
  named: readonly NamedMention[],
  sentences: readonly Sentence[],
  lexicon: ActorLexicon,
): ActorMention[] {
  const anaphors = findAnaphors(text, words, named, lexicon);
  const replaced = new Set<NamedMention>();
  const output: ActorMention[] = [];
  // Paragraph of each output mention, to look antecedents up without locating them again.
  const outputParagraphs: number[] = [];
  const paragraphOf = (sentence: number) => sentences[sentence]!.paragraph;

  type Item = { kind: 'named'; mention: NamedMention } | { kind: 'anaphor'; anaphor: Anaphor };
  const items: Item[] = [
    ...named.map((mention): Item => ({ kind: 'named', mention })),
    ...anaphors.map((anaphor): Item => ({ kind: 'anaphor', anaphor })),
  ];
  // An anaphor starts before ("the militants") or at the generic mention it covers: it goes first.
  items.sort((a, b) => spanOf(a).start - spanOf(b).start || (a.kind === 'anaphor' ? -1 : 1));

  for (const item of items) {
    if (item.kind === 'named') {
      if (!replaced.has(item.mention)) {
        output.push(toActorMention(item.mention));
        outputParagraphs.push(paragraphOf(words[item.mention.firstWord]!.sentence));
      }
      continue;
    }
    const { anaphor } = item;
    const paragraph = paragraphOf(anaphor.sentence);
    let found = -1;
    for (let k = output.length - 1; k >= 0 && outputParagraphs[k] === paragraph; k--) {
      if (anaphor.compatible.has(output[k]!.kind)) {
        found = k;
        break;
      }
    }
    if (found < 0) continue;
    const antecedent = output[found]!;
    for (const covered of anaphor.covers) replaced.add(covered);
    output.push({
      text: text.slice(anaphor.start, anaphor.end), start: anaphor.start, end: anaphor.end,
      actorId: antecedent.actorId, name: antecedent.name, kind: antecedent.kind,
      antecedent: { start: antecedent.start, end: antecedent.end },
    });
    outputParagraphs.push(paragraph);
  }
  return output;

  function spanOf(item: Item) {
    return item.kind === 'named' ? item.mention : item.anaphor;
  }
}

function findAnaphors(text: string, words: readonly ActorWord[], named: readonly NamedMention[], lexicon: ActorLexicon): Anaphor[] {
  const anaphors: Anaphor[] = [];
  const isNamedWord = new Uint8Array(words.length);
  for (const m of named) isNamedWord.fill(1, m.firstWord, m.lastWord);
  const byWords = new SpanIndex(named.map((m) => ({ start: m.firstWord, end: m.lastWord, mention: m })));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const phrase = lexicon.anaphors.longestAt(text, words, i);
    if (phrase) {
      const covers = byWords.overlapping(i, i + phrase.length).map((c) => c.mention);
      // "the coalition" is the coalition itself; only generic words may be read as anaphors.
      if (covers.every((m) => m.kind === 'generic' && m.lastWord <= i + phrase.length)) {
        anaphors.push({
          start: word.start, end: words[i + phrase.length - 1]!.end, sentence: word.sentence, compatible: phrase.value, covers,
        });
        i += phrase.length - 1;
        continue;
      }
    }
    const pronoun = lexicon.pronouns.get(word.key);
    if (!pronoun || isNamedWord[i] || !opensClause(text, words, i, lexicon)) continue;
    const next = words[i + 1];
    // "it's" is "it is"; "it is unclear" has no referent.
    if (word.possessive || (next && pronoun.notBefore.has(next.key))) continue;
    anaphors.push({ start: word.start, end: word.end, sentence: word.sentence, compatible: pronoun.compatible, covers: [] });
  }
  return anaphors;
}

const CLAUSE_BREAK = /[,;:(\-–—"“]/;

/** First word of a sentence, or after a comma, colon, dash, bracket, quote or a word like "and", "after". */
function opensClause(text: string, words: readonly ActorWord[], i: number, lexicon: ActorLexicon): boolean {
  const previous = words[i - 1];
  if (!previous || previous.sentence !== words[i]!.sentence) return true;
  if (CLAUSE_BREAK.test(text.slice(previous.after, words[i]!.start))) return true;
  return lexicon.clauseOpeners.has(previous.key);
}
