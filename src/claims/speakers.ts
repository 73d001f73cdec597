import type { Analysis } from '../pipeline.js';
import type { ActorMention, PlaceMention, SourceKind, Statement } from '../types.js';
import type { PhraseSet, SentenceView } from '../text/sentence-view.js';
import type { ModalityCueLexicon } from './lexicon.js';
import { SpanIndex } from '../text/span-index.js';

/** A speaker noun phrase: a word range of one sentence. */
export interface SpeakerPhrase {
  view: SentenceView;
  first: number;
  last: number;
}

export interface Speaker {
  speaker: string;
  speakerKind: SourceKind;
}

/**
 * Says who a speaker phrase is, checking in order: the author ("I"), a
 * pronoun (resolved to the previous speaker), an anonymous source, an outlet,
 * an official (a title), a group (an actor or a demonym), a named person
 * (capitalised words), and otherwise an unnamed source. A pronoun takes the
 * latest fitting speaker quoted since `recentFrom` (the previous paragraph).
 */
export function classifySpeaker(
  phrase: SpeakerPhrase, analysis: Readonly<Analysis>, lexicon: ModalityCueLexicon,
  earlier: readonly Pick<Statement, 'speaker' | 'speakerKind' | 'start'>[], authorName: string,
  recentFrom: number,
): Speaker {
  const { view, first, last } = phrase;
  const words = view.words.slice(first, last + 1);
  const { speakers, syntax } = lexicon;
  const surface = analysis.text.slice(words[0]!.start, words.at(-1)!.end);
  const plain = surface.replace(/^the\s+/i, '');
  const has = (set: PhraseSet) => set.findAll(view.words, first, last).length > 0;

  if (words.length === 1 && speakers.author.has(words[0]!.lower)) return { speaker: authorName, speakerKind: 'author' };
  if (words.length === 1 && speakers.pronouns.has(words[0]!.lower)) {
    const person = syntax.personPronouns.has(words[0]!.lower);
    const previous = (person ? null : subjectBefore(phrase, analysis, lexicon, earlier)) ?? previousSpeaker(earlier, recentFrom, person ? PERSON_KINDS : BODY_KINDS);
    return previous ?? { speaker: surface, speakerKind: person ? 'named-person' : 'group' };
  }
  // "the source said" after "a military source said": the same speaker again.
  const again = words.length === 2 && syntax.definites.has(words[0]!.lower) ? sameHead(earlier, recentFrom, words[1]!.lower) : null;
  if (again) return again;
  // "The statement added", "the same source said": the statement quoted before.
  const sameAgain = words.length === 3 && syntax.determiners.has(words[0]!.lower) && syntax.anaphoric.has(words[1]!.lower);
  if (sameAgain || (words.length === 2 && syntax.determiners.has(words[0]!.lower) && speakers.documents.has(words[1]!.lower))) {
    return previousSpeaker(earlier, recentFrom, BODY_KINDS) ?? { speaker: surface, speakerKind: 'anonymous' };
  }
  const issued = issuerBefore(phrase, lexicon, earlier, plain);
  if (issued) return issued;
  if (has(speakers.anonymous) || has(speakers.withheld)) return { speaker: surface, speakerKind: 'anonymous' };
  if (has(speakers.outlets) || isOutletName(words, speakers.outletSuffixes, syntax.functionWords)) return { speaker: plain, speakerKind: 'outlet' };
  // The head of an English noun phrase comes last: "US-backed Iraqi government forces" are Iraqi forces.
  const actor = view.entities.findLast((e) => e.kind === 'actor' && e.first >= first && e.last <= last);
  if (unaffiliated(phrase, analysis, lexicon)) return { speaker: surface, speakerKind: 'anonymous' };
  if (has(speakers.titles)) return { speaker: plain, speakerKind: unnamedOfGroup(phrase, actor ?? null, analysis, lexicon) ? 'group' : 'official' };
  if (namesPersonBeside(view, first, last, actor ?? null, lexicon)) {
    return { speaker: plain, speakerKind: speakers.titles.someIn(view.words, first, last, true) ? 'official' : 'named-person' };
  }
  if (actor) {
    const mention = analysis.actors[actor.index]!;
    return mention.kind === 'civilians' ? { speaker: surface, speakerKind: 'anonymous' } : actorSpeaker(mention, lexicon);
  }
  const figurative = placeIndex(analysis.places).overlapping(words[0]!.start, words.at(-1)!.end)
    .filter((p) => p.kind !== 'literal' && p.start >= words[0]!.start && p.end <= words.at(-1)!.end);
  // A capital or a country standing for its government ("Kyiv said") speaks for a state.
  const state = figurative.find((p) => speakers.stateFeatureCodes.has(p.featureCode) && p.start === words[0]!.start && p.end === words.at(-1)!.end);
  if (state) return { speaker: plain, speakerKind: 'official' };
  const demonym = figurative.length > 0;
  if (demonym || has(speakers.organisations)) return { speaker: plain, speakerKind: 'group' };
  // Capitals inside a place or actor mention ("families from Deir al-Zour") or opening the sentence on a
  // common word ("New arrivals") name nobody.
  const opensSentence = (k: number) => k === 0 && (syntax.functionWords.has(words[0]!.lower)
    || (speakers.commonWords.has(words[0]!.lower) && (first === 0 || /^[:"“]$/.test(view.words[first - 1]!.text))));
  // An indefinite description names nobody, whatever its capitals ("a Yazidi member of the local council").
  const indefinite = syntax.indefinites.has(words[0]!.lower);
  const named = !indefinite && words.some((w, k) => /^\p{Lu}/u.test(w.text) && !w.named && !opensSentence(k));
  if (!named) return { speaker: surface, speakerKind: 'anonymous' };
  // A person takes no article: "the Hashed", "the Observatory" name a body.
  return { speaker: plain, speakerKind: syntax.definites.has(words[0]!.lower) ? 'group' : 'named-person' };
}

/**
 * Whether the phrase names a person beside the actor it mentions: a name after it ("FSA Commander
 * **Ahmed al-Shahabi**", "TPLF leader **Debretsion Gebremichael**") or a name before "of" and the actor
 * ("**Rami Abdel Rahman** of the Syrian Observatory"). The person, not the body, is the head.
 */
function namesPersonBeside(view: SentenceView, first: number, last: number, actor: { first: number; last: number } | null, lexicon: ModalityCueLexicon): boolean {
  const { words } = view;
  const { syntax, speakers } = lexicon;
  const nameWord = (k: number, at: number) => !words[k]!.named && (/^\p{Lu}/u.test(words[k]!.text) || (at > 0 && (/^[.'’-]$/.test(words[k]!.text) || syntax.nameParticles.has(words[k]!.lower))));
  const isName = (from: number, to: number) => from <= to && Array.from({ length: to - from + 1 }, (_, at) => nameWord(from + at, at)).every(Boolean);
  if (actor && actor.last < last) return isName(actor.last + 1, last);
  // "Rami Abdel Rahman of the ...": a name, then a link word; a body's own name ("Observatory for Human Rights") is no person.
  const link = words.findIndex((w, k) => k > first && k <= last && speakers.roleLinks.hasWord(w.lower) && !w.named);
  return link > first + 1 && isName(first, link - 1) && !speakers.organisations.someIn(words, first, link - 1, true) && !speakers.outlets.someIn(words, first, link - 1, true);
}

/**
 * Whether a description beside a speaker says they withhold their name: a relative clause or a
 * participle holding a `speakers.withheld` phrase ("the officials**, who asked to remain anonymous**", "a
 * commander**, speaking on condition of anonymity**"). A noun phrase ("Karim Saleh, a source close to
 * the army") names the speaker still.
 */
export function withholdsName(view: SentenceView, description: { first: number; last: number }, lexicon: ModalityCueLexicon): boolean {
  const opener = view.words[description.first]!;
  const clause = !opener.named && (lexicon.syntax.relativePronouns.has(opener.lower) || /^\p{Ll}+ing$/u.test(opener.text));
  return clause && lexicon.speakers.withheld.someIn(view.words, description.first, description.last);
}

/**
 * Whether a titled speaker with no name of their own speaks for an armed group, not a state: "a
 * rebel spokesman", "an SDF commander" are the group's voice (`speakers.officialActorKinds` say
 * which actors are states). A name in the phrase ("SDF commander Ali Hassan") is a person.
 */
function unnamedOfGroup({ view, first, last }: SpeakerPhrase, actor: { index: number } | null, analysis: Readonly<Analysis>, lexicon: ModalityCueLexicon): boolean {
  if (!actor) return false;
  const mention = analysis.actors[actor.index]!;
  const named = view.words.slice(first, last + 1).some((w, k) => k > 0 && /^\p{Lu}/u.test(w.text) && !w.named);
  return !named && mention.kind !== 'civilians' && !speaksForState(mention, lexicon);
}

/** Whether the phrase's only title is a `speakers.unaffiliatedTitles` one, with no actor (but civilians), place or name to say whom it serves. */
function unaffiliated({ view, first, last }: SpeakerPhrase, analysis: Readonly<Analysis>, lexicon: ModalityCueLexicon): boolean {
  const { speakers } = lexicon;
  const titles = speakers.titles.findAll(view.words, first, last);
  if (titles.length === 0 || !titles.every((t) => speakers.unaffiliatedTitles.findAll(view.words, t.first, t.last).length > 0)) return false;
  const [from, to] = [view.words[first]!.start, view.words[last]!.end];
  const serves = view.entities.some((e) => e.kind === 'actor' && e.first >= first && e.last <= last && analysis.actors[e.index]!.kind !== 'civilians')
    || placeIndex(analysis.places).overlapping(from, to).some((p) => p.start >= from && p.end <= to);
  const named = view.words.slice(first, last + 1).some((w, k) => k > 0 && /^\p{Lu}/u.test(w.text));
  return !serves && !named;
}

/** A state, its forces or a coalition of states (`speakers.officialActorKinds`), or a generic actor that is one (`speakers.officialActorIds`). */
function speaksForState(mention: ActorMention, lexicon: ModalityCueLexicon): boolean {
  return lexicon.speakers.officialActorKinds.has(mention.kind) || lexicon.speakers.officialActorIds.has(mention.actorId);
}

/** An actor speaking: a state, its forces or a coalition of states speak for a state (`speakers.officialActorKinds`). */
function actorSpeaker(mention: ActorMention, lexicon: ModalityCueLexicon): Speaker {
  return { speaker: mention.name, speakerKind: speaksForState(mention, lexicon) ? 'official' : 'group' };
}

/**
 * The actor a body pronoun stands for when its sentence opens with that actor and nobody was quoted
 * in the sentence before it: "The army has not commented, but a week ago **it** announced ..." is the
 * army, not the speaker quoted before. After a comma or a quotation the pronoun closes a statement
 * ("..., **it** said") and is the speaker quoted before.
 */
function subjectBefore(phrase: SpeakerPhrase, analysis: Readonly<Analysis>, lexicon: ModalityCueLexicon, earlier: readonly Pick<Statement, 'start'>[]): Speaker | null {
  const { view, first } = phrase;
  if (first === 0 || /^[,"“”'’]$/.test(view.words[first - 1]!.text) || earlier.some((e) => e.start >= view.start)) return null;
  return sentenceSubject(view, first, analysis, lexicon);
}

/** The actor that opens a sentence, after an article at most, and ends before word `before`: the sentence's subject ("**The rebels** withdrew, but claimed ..."). */
export function sentenceSubject(view: SentenceView, before: number, analysis: Readonly<Analysis>, lexicon: ModalityCueLexicon): Speaker | null {
  const opening = view.words.findIndex((w) => !lexicon.syntax.determiners.has(w.lower));
  const entity = view.entities[0];
  const mention = entity && entity.kind === 'actor' && entity.first === opening && entity.last < before ? analysis.actors[entity.index]! : null;
  return mention && mention.kind !== 'civilians' ? actorSpeaker(mention, lexicon) : null;
}

const PERSON_KINDS: readonly SourceKind[] = ['named-person', 'official', 'anonymous'];
const BODY_KINDS: readonly SourceKind[] = ['group', 'outlet', 'official', 'anonymous', 'named-person'];

/** The latest speaker of one of `kinds` quoted since `recentFrom`; statements come in text order. */
function previousSpeaker(earlier: readonly Pick<Statement, 'speaker' | 'speakerKind' | 'start'>[], recentFrom: number, kinds: readonly SourceKind[]): Speaker | null {
  for (let k = earlier.length - 1; k >= 0 && earlier[k]!.start >= recentFrom; k--) {
    if (kinds.includes(earlier[k]!.speakerKind)) return { speaker: earlier[k]!.speaker, speakerKind: earlier[k]!.speakerKind };
  }
  return null;
}

/**
 * "the task force statement" after "task force officials said": a document named by its issuer
 * speaks with the kind of the latest speaker whose phrase holds the issuer's words.
 */
function issuerBefore({ view, first, last }: SpeakerPhrase, lexicon: ModalityCueLexicon, earlier: readonly Pick<Statement, 'speaker' | 'speakerKind'>[], plain: string): Speaker | null {
  const from = lexicon.syntax.determiners.has(view.words[first]!.lower) ? first + 1 : first;
  if (last - from < 1 || !lexicon.speakers.documents.has(view.words[last]!.lower)) return null;
  const issuer = ` ${view.words.slice(from, last).map((w) => w.lower).join(' ')} `;
  const match = earlier.findLast((e) => e.speakerKind !== 'author' && ` ${e.speaker.toLowerCase()} `.includes(issuer));
  return match ? { speaker: plain, speakerKind: match.speakerKind } : null;
}

/** The latest speaker quoted since `recentFrom` whose phrase ends in `head` ("a military **source**"). */
function sameHead(earlier: readonly Pick<Statement, 'speaker' | 'speakerKind' | 'start'>[], recentFrom: number, head: string): Speaker | null {
  for (let k = earlier.length - 1; k >= 0 && earlier[k]!.start >= recentFrom; k--) {
    const e = earlier[k]!;
    if (e.speakerKind !== 'author' && e.speaker.toLowerCase().split(/\s+/).at(-1) === head) return { speaker: e.speaker, speakerKind: e.speakerKind };
  }
  return null;
}

// "Demo Wire", "AlSumaria News", "Iraq News": capitalised words ending in an outlet word.
function isOutletName(words: SentenceView['words'], suffixes: Set<string>, functionWords: ReadonlySet<string>): boolean {
  const names = words.filter((w) => !functionWords.has(w.lower));
  return names.length >= 2 && suffixes.has(names.at(-1)!.text) && names.every((w) => /^\p{Lu}/u.test(w.text));
}

// One index per document's places, built on first use: a speaker phrase looks only at the places near it.
const placeIndexes = new WeakMap<readonly PlaceMention[], SpanIndex<PlaceMention>>();

function placeIndex(places: readonly PlaceMention[]): SpanIndex<PlaceMention> {
  let index = placeIndexes.get(places);
  if (!index) placeIndexes.set(places, (index = new SpanIndex(places)));
  return index;
}
