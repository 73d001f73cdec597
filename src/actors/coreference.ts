import type { ActorKind, ActorMention, Sentence } from '../types.js';
import type { ActorLexicon } from './lexicon.js';
import { toActorMention, type NamedMention } from './match.js';
import { areAdjacent, type ActorWord } from './words.js';
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

/** The rule id of a bare force noun read as the document's first-named force. */
export const BARE_FORCE_RULE = 'actors:bare-force';

/**
 * "the army retook the village" in a report that names "the Iraqi army": a
 * bare force noun (`bareForces.nouns`: "army", "troops", "soldiers",
 * "forces"; never "military", as often an adjective) after the first force of
 * `bareForces.kinds` the document names is that force, in any paragraph:
 * reports name the army they follow first, a second state's forces come later
 * and are named when they act. Before it, a bare noun stays no actor. A noun
 * that is part of a name, modified by a name, a hyphenated word or a
 * `notAfter` word ("Wagner troops", "Turkish-backed forces", "foreign
 * troops"), possessed ("Haftar's forces") or a modifier itself ("army
 * commander") is left alone, and so is every one in a document naming none.
 */
export function resolveBareForces(text: string, words: readonly ActorWord[], named: readonly NamedMention[], lexicon: ActorLexicon): NamedMention[] {
  const { bareForces } = lexicon;
  const force = named.find((m) => bareForces.kinds.has(m.kind));
  if (!force) return [...named];
  const covered = new Uint8Array(words.length);
  for (const m of named) covered.fill(1, m.firstWord, m.lastWord);
  const bare: NamedMention[] = [];
  for (let i = 0; i < words.length; i++) {
    // Only after the force is named: a bare noun before it has nothing to stand for yet.
    const match = covered[i] || i < force.lastWord ? null : bareForces.nouns.longestAt(text, words, i);
    if (!match) continue;
    const last = i + match.length;
    const from = i;
    // A rejected "armed forces" is not tried again as "forces".
    i = last - 1;
    if (!covered.subarray(from, last).every((c) => c === 0) || isModifiedNoun(text, words, from, last, lexicon)) continue;
    bare.push({
      text: text.slice(words[from]!.start, words[last - 1]!.end), start: words[from]!.start, end: words[last - 1]!.end,
      firstWord: from, lastWord: last, actorId: force.actorId, name: force.name, kind: force.kind,
      antecedent: { start: force.start, end: force.end }, rule: BARE_FORCE_RULE,
    });
  }
  return [...named, ...bare].sort((a, b) => a.start - b.start);
}

/** Whether the words around a bare force noun make it someone else's, or a modifier. */
function isModifiedNoun(text: string, words: readonly ActorWord[], first: number, last: number, lexicon: ActorLexicon): boolean {
  const { notAfter, notBefore } = lexicon.bareForces;
  const after = words[last];
  if (after && after.sentence === words[last - 1]!.sentence && notBefore.has(after.key) && areAdjacent(text, words[last - 1]!, after)) return true;
  // Up to two words before it: "our heroic armed forces", "foreign troops", "Turkish-backed forces".
  for (let k = first - 1; k >= Math.max(0, first - 2); k--) {
    const before = words[k]!;
    const gap = text.slice(before.after, words[k + 1]!.start);
    if (before.sentence !== words[first]!.sentence || !/^[ \t]*$/.test(gap)) break;
    // A hyphenated word is a compound modifier: "Turkish-backed" reads as "Turkish", "backed".
    if (notAfter.has(before.key) || /[-‐‑]/.test(before.raw) || /[-‐‑]$/.test(text.slice(0, before.start))) return true;
  }
  const before = words[first - 1];
  if (!before || before.sentence !== words[first]!.sentence) return false;
  // "Haftar's forces": a named possessor.
  if (before.possessive) return /^\p{Lu}/u.test(before.raw);
  // A capitalised word right before, or an acronym in brackets, is a name we do not know ("Wagner troops",
  // "the Southern Brigade (SB) forces"); the first word of a sentence is capitalised anyway ("Iraq forces").
  const opensSentence = !words[first - 2] || words[first - 2]!.sentence !== before.sentence;
  return /^\)?[ \t]*$/.test(text.slice(before.after, words[first]!.start)) && !opensSentence && /^\p{Lu}/u.test(before.raw);
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
