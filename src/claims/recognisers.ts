import type { Span, Statement } from '../types.js';
import type { SentenceView } from '../text/sentence-view.js';
import { MAX_SPEAKER_WORDS, type Content, type ReportingCue, type SpeakerBefore, type StatementReader, type WordRange } from './reader.js';
import type { SpeakerPhrase } from './speakers.js';

// ", said NAME, a spokesman": a speaker after its cue is short ("the Ethiopian minister and the army chief of staff").
const MAX_INVERTED_SPEAKER_WORDS = 10;
// How far after "quoted" its "as saying" may come ("quoted a senior official in Mosul as saying").
const QUOTED_AS_WINDOW = 10;

/** A statement a recogniser proposes: who, the cue, what they say, and how sure the recogniser is. */
export interface Candidate {
  /** `claims:<recogniser name>`. */
  rule: string;
  /** Higher wins when several recognisers read the same cue (see the resolver). */
  score: number;
  view: SentenceView;
  /** Who speaks; null for the speaker of the statement before in the sentence ("..., the coalition said, **adding** that ..."). */
  phrase: SpeakerPhrase | null;
  cue: Span | null;
  content: Content;
  form: Statement['form'];
  /** Words describing the speaker's role beside the phrase ("Orlov, **a ministry spokesman**, said"). */
  description: WordRange | null;
}

/** Where a recogniser's pattern holds: the words it read, and the word after which reading resumes. */
export interface Match {
  at: number;
  resume: number;
}

/**
 * A statement recogniser: `pattern` says whether its syntax sits at word
 * `i`, `extract` reads the candidates there (none when the syntax holds but
 * nothing is reported). Recognisers do not choose among themselves: the
 * resolver does.
 */
export interface Recogniser<M extends Match = Match> {
  name: string;
  score: number;
  pattern(r: StatementReader, i: number): M | null;
  extract(r: StatementReader, match: M): Candidate[];
}

function candidate(
  recogniser: Pick<Recogniser, 'name' | 'score'>, r: StatementReader, phrase: SpeakerPhrase | null, cue: Span | null, content: Content | null,
  form: Statement['form'] = 'reported-speech', description: WordRange | null = null,
): Candidate[] {
  return content ? [{ rule: `claims:${recogniser.name}`, score: recogniser.score, view: r.view, phrase, cue, content, form, description }] : [];
}

interface QuotedAs extends Match {
  quoted: WordRange;
  saying: WordRange;
}

/**
 * "Demo Radio quoted a source as saying that ...": the outlet's statement and
 * the source's inside it. "A source was quoted as saying ..." is one statement.
 */
export const quotedAs: Recogniser<QuotedAs> = {
  name: 'quoted-as',
  score: 1,
  pattern(r, i) {
    const quoted = r.lexicon.quotedVerbs.matchAt(r.words, i);
    const saying = quoted ? r.findAhead(r.lexicon.quotedSaying, i + quoted.length, QUOTED_AS_WINDOW) : null;
    return quoted && saying ? { at: i, resume: saying.last, quoted: { first: i, last: i + quoted.length - 1 }, saying } : null;
  },
  extract(r, { quoted, saying }) {
    const cue = r.span(quoted.first, quoted.last);
    const sayingCue = r.span(saying.first, saying.last);
    const i = quoted.first;
    if (i > 0 && r.lexicon.syntax.passiveAuxiliaries.has(r.words[i - 1]!.lower)) {
      const speaker = r.speakerBefore(i - 1);
      const content = r.contentAfter(saying.last + 1, null);
      return speaker ? candidate(this, r, speaker, { start: cue.start, end: sayingCue.end }, content) : [];
    }
    const outer = r.speakerBefore(i);
    let innerLast = saying.first - 1;
    while (innerLast > quoted.last && r.isTimeWord(r.words[innerLast]!)) innerLast--;
    if (innerLast <= quoted.last) return [];
    // "CONTENT, AFP quotes X as saying on Sunday.": what came before is quoted.
    const before = outer?.afterBreak && r.trailsOff(saying.last + 1);
    const content = before ? r.contentBefore(outer.first) : r.contentAfter(saying.last + 1, null);
    if (!content) return [];
    const source = candidate(this, r, { view: r.view, first: quoted.last + 1, last: innerLast }, sayingCue, content);
    if (!outer) return source;
    const carried = before ? { start: content.start, end: sayingCue.end, quote: null } : { start: r.words[i + 1]!.start, end: content.end, quote: null };
    return [...candidate(this, r, outer, cue, carried, 'outlet-report'), ...source];
  },
};

interface AccordingTo extends Match {
  cue: WordRange;
  speaker: WordRange;
}

/** "According to X, ..." and "..., according to X." */
export const accordingTo: Recogniser<AccordingTo> = {
  name: 'according-to',
  score: 0.9,
  pattern(r, i) {
    const according = r.lexicon.accordingTo.matchAt(r.words, i);
    if (!according) return null;
    const first = i + according.length;
    let last = first;
    while (r.words[last + 1] && !r.isBoundary(r.words[last + 1]!) && last - first < MAX_SPEAKER_WORDS) last++;
    return { at: i, resume: last, cue: { first: i, last: first - 1 }, speaker: { first, last } };
  },
  extract(r, { at, cue, speaker }) {
    const head = r.words[speaker.first];
    if (!head || r.isBoundary(head)) return [];
    // "Demo Wire, citing a senior official, reported ...": the appositive speaker reads the chain.
    if (r.words[speaker.last + 1]?.text === ',' && r.reportingCue(speaker.last + 2)) return [];
    // "CORRESPONDENT: According to the source, ...": after a colon the phrase leads its sentence too.
    const leadIn = r.lexicon.speakers.leadIn.findAll(r.words, 0, at - 1).reduce((n, m) => n + m.last - m.first + 1, 0);
    const leading = at === 0 || r.words[at - 1]!.text === ':' || leadIn === at;
    const content = leading ? r.contentAfter(speaker.last + 1, null) : r.contentBefore(at);
    // "..., according to the officials, who asked to remain anonymous.": what follows describes them.
    const description = leading ? null : r.appositiveAfter(speaker.last);
    return candidate(this, r, { view: r.view, ...speaker }, r.span(cue.first, cue.last), content, 'according-to', description);
  },
};

interface QuoteLabel extends Match {
  speaker: WordRange;
  label: WordRange;
}

/** "Quote from Syrskyi: '...'": a label, the speaker, a colon and a quotation (`quoteLabels`). */
export const quoteLabel: Recogniser<QuoteLabel> = {
  name: 'quote-label',
  score: 0.9,
  pattern(r, i) {
    const label = r.lexicon.quoteLabels.matchAt(r.words, i);
    if (!label) return null;
    const first = i + label.length;
    const colon = r.words.findIndex((w, k) => k > first && w.text === ':');
    if (colon < 0 || colon - first > MAX_SPEAKER_WORDS) return null;
    return { at: i, resume: colon, label: { first: i, last: first - 1 }, speaker: { first, last: colon - 1 } };
  },
  extract(r, { label, speaker }) {
    const quote = r.quoteOpeningAt(r.words[speaker.last + 1]!.end);
    const content = quote && { start: quote.start, end: quote.end, quote };
    return candidate(this, r, { view: r.view, ...speaker }, r.span(label.first, label.last), content);
  },
};

interface Reporting extends Match {
  cue: ReportingCue;
}

function reportingPattern(test: (r: StatementReader, cue: ReportingCue) => boolean) {
  return (r: StatementReader, i: number): Reporting | null => {
    const cue = r.reportingCue(i);
    return cue && test(r, cue) ? { at: i, resume: i, cue } : null;
  };
}

/**
 * What a speaker's cue reports. "'...,' X said (in a statement ...)": a quotation just before the
 * speaker. After a break, a cue that trails off (into a comma or the sentence end, or a hearer:
 * "told Al Jazeera.") reports what came before it ("CONTENT, the officer said, speaking on condition
 * of anonymity."); one followed by a comma and a clause is a parenthesis and reports what follows
 * ("Two days ago, the source said, another group ..."). Otherwise what follows the cue.
 */
function contentFor(r: StatementReader, speaker: SpeakerBefore, { last, verb }: ReportingCue): Content | null {
  const { words } = r;
  const quote = r.quoteClosingAt(speaker.first - 1);
  if (quote) return { start: quote.start, end: quote.end, quote };
  const parenthesis = speaker.afterBreak && words[last + 1]?.text === ',' && !!words[last + 2] && !r.isShortTail(last + 2);
  if (parenthesis) return r.contentAfter(last + 1, verb);
  if (speaker.afterBreak && r.trailsOff(last + 1)) return r.contentBefore(speaker.first);
  return r.contentAfter(last + 1, verb) ?? (speaker.afterBreak ? r.contentBefore(speaker.first) : null);
}

/** An "as" that opens a parenthesis (", as they claim,"), not a clause ("comes as X says ..."). */
function isParentheticalAs(r: StatementReader, at: number): boolean {
  return r.words[at]?.lower === 'as' && r.words[at - 1]?.text === ',';
}

/** "..., as they claim, ...": the parenthesis reports the clause before it. */
export const asParenthesis: Recogniser<Reporting> = {
  name: 'as-parenthesis',
  score: 0.85,
  pattern: reportingPattern((r, c) => c.speaker !== null && isParentheticalAs(r, c.speaker.first - 1)),
  extract(r, { cue }) {
    return candidate(this, r, cue.speaker!, cue.cue, r.contentBefore(cue.speaker!.first - 1));
  },
};

/** "X said (that) ...", "X told Demo Radio: '...'", "'...,' X said in a statement." */
export const speakerBefore: Recogniser<Reporting> = {
  name: 'speaker-before',
  score: 0.8,
  pattern: reportingPattern((r, c) => c.speaker !== null && !isParentheticalAs(r, c.speaker.first - 1)),
  extract(r, { cue }) {
    return candidate(this, r, cue.speaker!, cue.cue, contentFor(r, cue.speaker!, cue));
  },
};

interface ReportedSaying extends Match {
  outer: ReportingCue;
  inner: ReportingCue;
}

/**
 * "Demo Wire reported commander Karim Nouri said ...", "'...,' Demo Wire reported commander Karim
 * Nouri said.": the outlet carries what the speaker after its cue says.
 */
export const reportedSaying: Recogniser<ReportedSaying> = {
  name: 'reported-saying',
  score: 0.82,
  pattern(r, i) {
    const outer = r.reportingCue(i);
    if (!outer?.speaker) return null;
    for (let k = outer.last + 2; k <= outer.last + MAX_SPEAKER_WORDS && r.words[k]; k++) {
      if (r.isBoundary(r.words[k - 1]!)) return null;
      const inner = r.speakerBefore(k)?.first === outer.last + 1 ? r.reportingCue(k) : null;
      if (inner) return { at: i, resume: inner.last, outer: r.reportingCue(i)!, inner };
    }
    return null;
  },
  extract(r, { outer, inner }) {
    const quote = r.quoteClosingAt(outer.speaker!.first - 1);
    const content = quote ? { start: quote.start, end: quote.end, quote } : r.contentAfter(inner.last + 1, inner.verb);
    if (!content) return [];
    const carried = quote ? { start: content.start, end: inner.cue.end, quote: null } : { start: r.words[outer.last + 1]!.start, end: content.end, quote: null };
    return [...candidate(this, r, outer.speaker!, outer.cue, carried), ...candidate(this, r, inner.speaker!, inner.cue, content)];
  },
};

/** "..., the coalition said, adding that ...": the speaker of the statement before goes on. */
export const adding: Recogniser<Reporting> = {
  name: 'adding',
  score: 0.95,
  pattern: reportingPattern((r, c) => c.breakAt === c.first - 1 && r.words[c.first]!.lower.endsWith('ing')),
  extract(r, { cue }) {
    return candidate(this, r, null, cue.cue, r.contentAfter(cue.last + 1, cue.verb));
  },
};

/**
 * "The coalition confirmed that ..., **but denied** that ...", "X said ... **and added** that ...": a cue
 * with no speaker of its own after a conjunction (`syntax.tailOpeners`) shares the subject of the statement before it in the sentence.
 */
export const sharedSubject: Recogniser<Reporting> = {
  name: 'shared-subject',
  score: 0.9,
  pattern: reportingPattern((r, c) => c.speaker === null && c.first > 0 && !r.words[c.first - 1]!.named && r.lexicon.syntax.tailOpeners.has(r.words[c.first - 1]!.lower)),
  extract(r, { cue }) {
    return candidate(this, r, null, cue.cue, r.contentAfter(cue.last + 1, cue.verb));
  },
};

/** "Balanche, a Syria expert, told ...": the name before an appositive speaks, the appositive describes them. */
export const appositiveSpeaker: Recogniser<Reporting> = {
  name: 'appositive-speaker',
  score: 0.75,
  pattern: reportingPattern((_, c) => c.breakAt >= 0),
  extract(r, { cue }) {
    const appositive = r.appositiveSpeaker(cue.breakAt);
    if (!appositive) return [];
    const content = contentFor(r, appositive.phrase, cue);
    const cited = r.lexicon.accordingTo.matchAt(r.words, appositive.description.first);
    if (!cited || !content) return candidate(this, r, appositive.phrase, cue.cue, content, 'reported-speech', appositive.description);
    // "Demo Wire, citing a senior official, reported that ...": the outlet carries what the official says.
    const { first, last } = appositive.description;
    const source = { view: r.view, first: first + cited.length, last };
    const carried = { start: r.words[first]!.start, end: Math.max(content.end, cue.cue.end), quote: null };
    return [
      ...candidate(this, r, appositive.phrase, cue.cue, carried, 'reported-speech'),
      ...candidate(this, r, source, r.span(first, first + cited.length - 1), content, 'according-to'),
    ];
  },
};

/**
 * "CONTENT, said the spokesman." after the content; an appositive may follow the name
 * (", said Brig. Gen. Karim al-Saadi, a spokesman for the command."). A full stop inside the
 * sentence belongs to an abbreviation ("Brig. Gen.").
 */
export const speakerAfter: Recogniser<Reporting> = {
  name: 'speaker-after',
  score: 0.7,
  pattern: reportingPattern((_, c) => c.breakAt === c.first - 1),
  extract(r, { cue: { first, last: cueLast, cue } }) {
    const { words } = r;
    let last = cueLast;
    // The phrase ends at a comma, the sentence end, or the setting of the statement (", wrote the spokesman **in a tweet**.").
    while (words[last + 1] && !/^[,!?;]$/.test(words[last + 1]!.text) && !(words[last + 1]!.text === '.' && last + 2 >= words.length) && !(last > cueLast && r.isSetting(last + 1))) last++;
    const phrase = words.slice(cueLast + 1, last + 1);
    // A finite verb shows a clause, not a speaker: ", said the group was not giving up".
    const clause = phrase.some((w) => !w.named && (w.lower === 'that' || r.lexicon.syntax.notInSpeaker.has(w.lower)));
    // Punctuation is no word: "the Peoples' Protection Units (YPG)" is five.
    const wordCount = phrase.filter((w) => /[\p{L}\p{N}]/u.test(w.text)).length;
    if (wordCount === 0 || wordCount > MAX_INVERTED_SPEAKER_WORDS || clause || r.isSetting(cueLast + 1)) return [];
    return candidate(this, r, { view: r.view, first: cueLast + 1, last }, cue, r.contentBefore(first), 'reported-speech', r.appositiveAfter(last));
  },
};

/**
 * A name in a parenthesis: "a coalition spokesman, Col. Daniel Reyes, told ...". The name between
 * the commas is the speaker, and the phrase before it describes them.
 */
export const parentheticalName: Recogniser<Reporting> = {
  name: 'parenthetical-name',
  score: 0.6,
  pattern: reportingPattern((_, c) => c.breakAt >= 0),
  extract(r, { cue }) {
    const comma = r.words.slice(0, cue.breakAt).findLastIndex((w) => w.text === ',');
    const before = comma > 0 ? r.speakerBefore(comma) : null;
    const name = { view: r.view, first: comma + 1, last: cue.breakAt - 1 };
    if (!before || !r.isName(name.first, name.last)) return [];
    return candidate(this, r, name, cue.cue, contentFor(r, before, cue), 'reported-speech', before);
  },
};

// A headline's speaker after its colon is short ("Rebels seize Manbij: **Syrian monitor**").
const MAX_HEADLINE_SPEAKER_WORDS = 4;

/**
 * A headline that names its source after a colon, with no cue: "Rebels seize Manbij: monitor". A
 * headline has no closing stop, and the words after the colon must name a speaker: an actor, or a
 * `speakers` word (outlet, title, organisation, unnamed source).
 */
export const headlineSource: Recogniser = {
  name: 'headline-source',
  score: 0.6,
  pattern(r, i) {
    const { words } = r;
    const rest = words.length - 1 - i;
    if (words[i]!.text !== ':' || i < 2 || rest < 1 || rest > MAX_HEADLINE_SPEAKER_WORDS || /^[.!?"”]$/.test(words.at(-1)!.text)) return null;
    return r.namesSpeaker(i + 1, words.length - 1) ? { at: i, resume: words.length - 1 } : null;
  },
  extract(r, { at }) {
    const content = r.contentBefore(at);
    return candidate(this, r, { view: r.view, first: at + 1, last: r.words.length - 1 }, r.span(at, at), content);
  },
};

/** The statement recognisers, in the order their candidates are read; the resolver keeps the best-scored reading of a cue. */
export const RECOGNISERS: readonly Recogniser<Match>[] = [
  quotedAs, accordingTo, quoteLabel, asParenthesis, reportedSaying, speakerBefore, adding, sharedSubject, appositiveSpeaker, speakerAfter, parentheticalName, headlineSource,
] as Recogniser<Match>[];
