import type { Span } from '../types.js';
import type { PhraseSet, SentenceView, Word } from '../text/sentence-view.js';
import type { ModalityCueLexicon, ReportingVerb, SyntaxWords } from './lexicon.js';
import { passiveAuxiliaryBefore } from './complements.js';
import type { Quote } from './quotes.js';
import type { SpeakerPhrase } from './speakers.js';

// Punctuation that ends a noun phrase; the clause words that do too are `syntax.clauseWords` in modality-cues.json.
const PHRASE_BREAKS = new Set([',', ';', ':', '(', ')', '“', '”', '"', '‘', '’', "'", '—', '–', '.', '!', '?', '«', '»']);
export const CLOSING_MARKS = new Set(['”', '"', '’', "'", '»']);
export const MAX_SPEAKER_WORDS = 12;
// An appositive may run longer than a speaker phrase: "a rebel group opposing the Republic of the Congo (DRC) army".
const MAX_APPOSITIVE_WORDS = 20;
// How far after a cue a "that" may open the content ("said on Monday in a statement that ...").
const THAT_WINDOW = 8;
// A dateline or a speaker label opening a sentence is short ("ERBIL, Kurdistan Region —", "November 28, 2020 (KHARTOUM) -").
const MAX_DATELINE_WORDS = 12;
// A recipient of "told" is at most this long ("told Demo Radio", "told the Associated Press").
const MAX_RECIPIENT_WORDS = 4;

/** Words `first..last` (inclusive) of a sentence. */
export interface WordRange {
  first: number;
  last: number;
}

/** What a statement reports: a span of the text, and the quotation it is when it is one. */
export interface Content extends Span {
  quote: Quote | null;
}

/** A speaker phrase before a cue; `afterBreak` when a comma or a closing quotation mark stands before it. */
export interface SpeakerBefore extends SpeakerPhrase {
  afterBreak: boolean;
}

/** A reporting verb read as a cue: the verb, its words, the speaker phrase before it and the cue span (with a negation: "did not deny"). */
export interface ReportingCue extends WordRange {
  verb: ReportingVerb;
  speaker: SpeakerBefore | null;
  cue: Span;
  /** The comma or closing quotation mark just before the cue, past filler ("an FSA commander, ..., **also** told"), or -1. */
  breakAt: number;
}

/** What every sentence of a document shares while its statements are read. */
export interface DocumentContext {
  text: string;
  quotes: readonly Quote[];
  lexicon: ModalityCueLexicon;
  /** Start offsets of the tokens inside time mentions ("on Monday" is no speaker). */
  timeWordStarts: ReadonlySet<number>;
  /** Quotations an accepted statement has taken: no later statement's content. */
  consumed: ReadonlySet<Quote>;
}

/**
 * One sentence as the statement recognisers read it: the syntax around a
 * cue (the speaker phrase before or after it, appositives, the content
 * after or before it), over the sentence view's words.
 */
export class StatementReader {
  readonly words: readonly Word[];
  readonly lexicon: ModalityCueLexicon;
  private readonly syntax: SyntaxWords;
  private cueCache: { at: number; cue: ReportingCue | null } | null = null;

  constructor(readonly view: SentenceView, readonly doc: DocumentContext) {
    this.words = view.words;
    this.lexicon = doc.lexicon;
    this.syntax = doc.lexicon.syntax;
  }

  span(first: number, last: number): Span {
    return { start: this.words[first]!.start, end: this.words[last]!.end };
  }

  isTimeWord(w: Word): boolean {
    return this.doc.timeWordStarts.has(w.start);
  }

  isBoundary(w: Word): boolean {
    return !w.named && (PHRASE_BREAKS.has(w.lower) || this.syntax.clauseWords.has(w.lower) || this.isTimeWord(w) || (this.lexicon.reportingVerbForms.has(w.lower) && !isCapitalised(w)));
  }

  isActor(w: Word): boolean {
    return w.entity >= 0 && this.view.entities[w.entity]!.kind === 'actor';
  }

  /** The reporting verb at word `i` read as a cue, or null when it is none ("was declared", "this alleged victory", "self-declared"). Kept for the last `i` asked. */
  reportingCue(i: number): ReportingCue | null {
    if (this.cueCache?.at !== i) this.cueCache = { at: i, cue: this.readReportingCue(i) };
    return this.cueCache.cue;
  }

  private readReportingCue(i: number): ReportingCue | null {
    const { words, syntax } = this;
    const reporting = this.lexicon.reporting.matchAt(words, i);
    if (!reporting) return null;
    // Capitalised inside a sentence, a cue word is part of a name ("the Department of **State**").
    if (isCapitalised(words[i]!) && i > 0 && !/^[“"‘':(—–-]$/.test(words[i - 1]!.text)) return null;
    // "before the victory was declared": a passive cue has no speaker before it ("is claiming" is active).
    if (passiveAuxiliaryBefore(words, i, this.lexicon) >= 0 && !words[i]!.lower.endsWith('ing')) return null;
    const verb = reporting.value;
    const last = i + reporting.length - 1;
    // "wrote on its website that": the words a cue requires may follow its setting.
    const next = this.skipSettings(last + 1);
    // Right after a quotation ('"...," wrote the spokesman', '"...," the statement read') the cue needs nothing after it.
    const quoteBefore = () => {
      const speaker = this.speakerBefore(i);
      return speaker !== null && this.quoteClosingAt(speaker.first - 1) !== null;
    };
    const afterQuote = CLOSING_MARKS.has(words[i - 1]?.text ?? '') || (!!verb.requiresNext && quoteBefore());
    if (verb.requiresNext && !afterQuote && !verb.requiresNext.someIn(words, next, next + verb.window - 1)) return null;
    if (verb.excludePrev && i > 0 && verb.excludePrev.matchEndingAt(words, i - 1)) return null;
    // "this alleged victory", "amid reports of shelling": after a determiner or a preposition the verb form is a noun or an adjective.
    if (syntax.determiners.has(words[i - 1]?.lower ?? '') || this.lexicon.complements.prepositions.has(words[i - 1]?.lower ?? '') || (syntax.participleNext.has(words[last + 1]?.lower ?? '') && !this.infinitiveAfter(last, verb))) return null;
    // "the self-declared caliphate": a participle joined by a hyphen is an adjective.
    if (words[i - 1]?.text === '-' && words[i - 1]!.end === words[i]!.start) return null;
    const speaker = this.speakerBefore(i);
    // "did not deny": the cue takes its negation along, which changes what it reports.
    const negated = speaker !== null && this.lexicon.negators.someIn(words, speaker.last + 1, i - 1);
    const before = this.skipBeforeCue(i - 1);
    const breakAt = speaker === null && before >= 0 && (words[before]!.text === ',' || CLOSING_MARKS.has(words[before]!.text)) ? before : -1;
    return { verb, first: i, last, speaker, cue: this.span(negated ? speaker.last + 1 : i, last), breakAt };
  }

  /** Whether "to" after the cue ending at `last` opens its content: "vowed **to** continue", "claimed **to have** captured" (`syntax.infinitives`). */
  private infinitiveAfter(last: number, verb: ReportingVerb): boolean {
    const to = this.words[last + 1];
    return to?.lower === 'to' && (verb.infinitive || this.syntax.infinitives.has(this.words[last + 2]?.lower ?? ''));
  }

  /** Skips filler before a cue ("has also", "on Monday") and takes the noun phrase before it. */
  speakerBefore(cueFirst: number): SpeakerBefore | null {
    const { words } = this;
    const j = this.skipBeforeCue(cueFirst - 1);
    const end = this.acronymBefore(j + 1);
    if (end < 0) return null;
    // "the M23, which claims ...": the relative pronoun stands for the phrase before the comma.
    if (this.syntax.relativePronouns.has(words[end]!.lower) && words[end - 1]?.text === ',') return this.speakerBefore(end - 1);
    if (this.isBoundary(words[end]!)) return null;
    let k = this.phraseStart(end);
    // "..., state news agency SANA and a monitor group reported", "Prime Minister Haider al-Abadi and Iraqi
    // forces announced": "and" joins two speakers after a comma, or after a name opening the sentence.
    if (k > 1 && words[k - 1]!.lower === 'and' && !words[k - 1]!.named && !this.isBoundary(words[k - 2]!)) {
      const left = this.phraseStart(k - 2);
      if ((left > 0 && words[left - 1]!.text === ',') || (left === 0 && this.isName(left, k - 2))) k = left;
    }
    // A pronoun takes no modifier: "a few days ago **it** announced" is "it".
    if (this.lexicon.speakers.pronouns.has(words[end]!.lower)) k = end;
    const afterBreak = k > 0 && (words[k - 1]!.text === ',' || CLOSING_MARKS.has(words[k - 1]!.text));
    for (let lead = this.lexicon.speakers.leadIn.matchAt(words, k); lead && k <= end; lead = this.lexicon.speakers.leadIn.matchAt(words, k)) k += lead.length;
    // "in a brief press statement posted ...": a phrase opening with a preposition is no speaker.
    if (k > end || this.syntax.timePrepositions.has(words[k]!.lower)) return null;
    // "a security official who asked not to be named" is a speaker; "who are struggling for a land" is not.
    const anonymous = this.lexicon.speakers.anonymous.someIn(words, k, end) || this.lexicon.speakers.withheld.someIn(words, k, end);
    // Capitalised, such words belong to a name ("Raqqa **Is Being** Slaughtered Silently tweeted").
    const clauseWord = (w: Word, at: number) => !w.named && (at === 0 || !isCapitalised(w)) && (this.syntax.relativePronouns.has(w.lower) || this.syntax.notInSpeaker.has(w.lower));
    if (!anonymous && words.slice(k, end + 1).some((w, at) => clauseWord(w, at))) return null;
    return { view: this.view, first: k, last: end, afterBreak };
  }

  /** The first word of the noun phrase ending at word `end`: back to a boundary, across the stops of title abbreviations, never across a spaced dash. */
  private phraseStart(end: number): number {
    const { words } = this;
    let k = end;
    while (k > 0 && (!this.isBoundary(words[k - 1]!) || this.isAbbreviationStop(k - 1)) && !isSpacedDash(words, k - 1) && end - k < MAX_SPEAKER_WORDS - 1) k--;
    return k;
  }

  /** "The March 23 Movement (M23) said": the last word of the name before a bracketed acronym ending at `after - 1`, else `after - 1`. */
  private acronymBefore(after: number): number {
    const { words } = this;
    const close = after - 1;
    if (words[close]?.text !== ')' || words[close - 2]?.text !== '(' || !/^\p{Lu}/u.test(words[close - 1]!.text)) return close;
    return close - 3;
  }

  /** The last word before `from` (inclusive) that is no filler between a speaker and its cue. */
  private skipBeforeCue(from: number): number {
    const { words } = this;
    let j = from;
    for (;;) {
      const skip = j >= 0 ? this.lexicon.speakers.skipBeforeCue.matchEndingAt(words, j) : null;
      if (skip) j -= skip.length;
      else if (j >= 0 && !words[j]!.named && (this.isTimeWord(words[j]!) || (/ly$/.test(words[j]!.lower) && !isCapitalised(words[j]!)))) j--;
      // "leaders on Monday said": the preposition of a time skipped just before.
      else if (j >= 0 && this.syntax.timePrepositions.has(words[j]!.lower) && words[j + 1] && this.isTimeWord(words[j + 1]!)) j--;
      else return j;
    }
  }

  /** A full stop inside the sentence ends an abbreviation of a title ("Brig. Gen. Hamid Sarraf"), not the phrase. */
  private isAbbreviationStop(at: number): boolean {
    return this.words[at]!.text === '.' && at > 0 && this.words[at - 1]!.end === this.words[at]!.start;
  }

  /** Capitalised words, with the stops of abbreviations and the particles of names: "Col. Daniel Reyes", "Karim al-Saadi". */
  isName(first: number, last: number): boolean {
    return first <= last && last - first < MAX_SPEAKER_WORDS
      && this.words.slice(first, last + 1).every((w, k) => /^\p{Lu}/u.test(w.text)
        || (k > 0 && (/^[.'’-]$/.test(w.text) || this.syntax.nameParticles.has(w.lower))));
  }

  /** ", said NAME, a spokesman for the command.": the appositive after the name at `last`, to the next comma or the sentence end. */
  appositiveAfter(last: number): WordRange | null {
    const { words } = this;
    if (words[last + 1]?.text !== ',' || !this.syntax.appositiveOpeners.has(words[last + 2]?.lower ?? '')) return null;
    let end = last + 2;
    while (words[end + 1] && !/^[,.!?;]$/.test(words[end + 1]!.text)) end++;
    return { first: last + 2, last: end };
  }

  /** "NAME, a/the TITLE, said": the name before an appositive that ends in the comma at `comma`, and the appositive. */
  appositiveSpeaker(comma: number): { phrase: SpeakerBefore; description: WordRange } | null {
    const { words } = this;
    for (let k = comma - 1; k > 0 && comma - k <= MAX_APPOSITIVE_WORDS; k--) {
      if (words[k]!.text !== ',') continue;
      const phrase = this.isAppositive(k + 1, comma - 1) ? this.speakerBefore(k) : null;
      return phrase && { phrase, description: { first: k + 1, last: comma - 1 } };
    }
    return this.relativeSubject(comma);
  }

  /** "Families who fled the fighting, have told Demo Radio ...": the sentence's subject before a relative clause that ends in the comma at `comma`. */
  private relativeSubject(comma: number): { phrase: SpeakerBefore; description: WordRange } | null {
    const { words } = this;
    const who = words.findIndex((w, k) => k < comma && !w.named && this.syntax.relativePronouns.has(w.lower));
    if (who < 1 || comma - who > MAX_APPOSITIVE_WORDS || words.slice(0, who).some((w) => this.isBoundary(w))) return null;
    return { phrase: { view: this.view, first: 0, last: who - 1, afterBreak: false }, description: { first: who, last: comma - 1 } };
  }

  /**
   * Whether words `first..last` are an appositive describing a speaker: opened by an article, a
   * possessive or "who" ("Reyes, **a** coalition spokesman,", "Goita, **Mali's** coup leader,"),
   * holding a title but no mere name ("Syrskyi, **Commander**-in-Chief of the Armed Forces,",
   * "Yarallah, joint operations **commander**,"; "a spokesman, Col. Daniel Reyes, told" names the speaker), or the setting of a statement ("the Peshmerga, **in a statement**
   * released on Monday, said").
   */
  private isAppositive(first: number, last: number): boolean {
    const w = this.words[first];
    if (!w) return false;
    // "..., including the death of a senior commander, confirmed the army": a participle opens a clause, not a description.
    const participle = !w.named && /^\p{Ll}+ing$/u.test(w.text);
    return this.syntax.appositiveOpeners.has(w.lower) || /^\p{Lu}.*['’]s$/u.test(w.text) || this.settingAt(first) !== null
      || (this.lexicon.speakers.titles.someIn(this.words, first, last, true) && !this.isName(first, last) && !participle);
  }

  /** A participle or appositive tail after a trailing cue ("said, speaking on condition of anonymity"), not a clause. */
  isShortTail(from: number): boolean {
    const w = this.words[from]!;
    // A participle opens a tail too: "..., a commander declared, **marking** the end of the operation".
    return this.syntax.tailOpeners.has(w.lower) || this.syntax.appositiveOpeners.has(w.lower) || (!w.named && /^\p{Ll}\p{L}+ing$/u.test(w.text));
  }

  /** Whether only a time ("on Saturday") stands between a cue and a comma or the sentence end. */
  trailsOff(from: number): boolean {
    const { words } = this;
    let k = from;
    for (;;) {
      const setting = this.settingAt(k);
      if (setting) return this.settingEnds(k + setting.length);
      if (words[k] && !words[k]!.named && this.isTimeWord(words[k]!)) k++;
      // "said on Friday.", "said at a ministry meeting in Moscow.": a prepositional phrase to the end is the setting too.
      else if (words[k] && !words[k]!.named && this.syntax.timePrepositions.has(words[k]!.lower)) return this.settingEnds(k + 1);
      else return this.endsAt(k);
    }
  }

  /** Whether a statement's cue and setting end at word `k`: the sentence end, or a comma not followed by a quotation ("said in a statement, “...”" goes on). */
  private endsAt(k: number): boolean {
    const w = this.words[k];
    if (!w || /^[.!?;]$/.test(w.text)) return true;
    const next = this.words[k + 1];
    return w.text === ',' && !(next && this.quoteOpeningAt(next.start));
  }

  /** Whether what follows a setting describes it up to a comma or the sentence end ("in a statement **posted on its Facebook page**."), with no content after "that", a colon or a quotation. */
  private settingEnds(from: number): boolean {
    const { words } = this;
    let k = from;
    for (; words[k] && !/^[,.!?;]$/.test(words[k]!.text); k++) {
      if ((words[k]!.lower === 'that' && !words[k]!.named) || words[k]!.text === ':' || this.quoteOpeningAt(words[k]!.start)) return false;
    }
    return this.endsAt(k);
  }

  /** The setting of a statement at word `k` ("in a statement", "on X"; `speakers.skipAfterCue`), across names: "X" may be read as one. */
  private settingAt(k: number): { length: number } | null {
    return this.lexicon.speakers.skipAfterCue.matchAt(this.words, k, true) ?? this.documentSetting(k);
  }

  /** "in a brief press statement", "on its official Telegram channel": a preposition, a determiner, up to three words, a `speakers.documents` noun. */
  private documentSetting(k: number): { length: number } | null {
    const { words } = this;
    if (!words[k] || !/^(?:in|on|via)$/.test(words[k]!.lower) || !this.syntax.determiners.has(words[k + 1]?.lower ?? '')) return null;
    for (let last = k + 2; last <= k + 5 && words[last]; last++) {
      if (this.lexicon.speakers.documents.has(words[last]!.lower)) return { length: last - k + 1 };
    }
    return null;
  }

  /** The first word from `from` past the settings of a statement ("in a statement on its website"). */
  private skipSettings(from: number): number {
    let k = from;
    for (let skip = this.settingAt(k); skip; skip = this.settingAt(k)) k += skip.length;
    return k;
  }

  /** The first word from `from` past a time ("said **on Friday** they were in control"). */
  private skipTime(from: number): number {
    const { words } = this;
    let k = from;
    const timeAt = (at: number) => !!words[at] && !words[at]!.named && this.isTimeWord(words[at]!);
    while (timeAt(k) || (words[k] && this.syntax.timePrepositions.has(words[k]!.lower) && timeAt(k + 1))) k++;
    return k;
  }

  /** Whether a phrase at word `k` is the setting or time of a statement ("in a statement", "on X", "on Monday"), not who makes it. */
  isSetting(k: number): boolean {
    const w = this.words[k];
    return !!w && (this.settingAt(k) !== null || this.isTimeWord(w) || this.syntax.timePrepositions.has(w.lower));
  }

  /** Whether words `first..last` name a speaker by what they are: an actor throughout, or a `speakers` outlet, title, organisation or unnamed-source word. */
  namesSpeaker(first: number, last: number): boolean {
    const { words, view } = this;
    const actor = view.entities.some((e) => e.kind === 'actor' && e.first === first && e.last === last);
    const { outlets, titles, organisations, anonymous } = this.lexicon.speakers;
    return actor || [outlets, titles, organisations, anonymous].some((set) => set.someIn(words, first, last, true));
  }

  /** The first of `set`'s phrases within `window` words from `from`. */
  findAhead(set: PhraseSet, from: number, window: number): WordRange | null {
    for (let k = from; k < Math.min(this.words.length, from + window); k++) {
      const m = set.matchAt(this.words, k);
      if (m) return { first: k, last: k + m.length - 1 };
    }
    return null;
  }

  /** The quotation opening at `offset` (after blanks) that no statement has taken yet. */
  quoteOpeningAt(offset: number): Quote | null {
    const { text, quotes, consumed } = this.doc;
    let at = offset;
    while (at < text.length && /\s/.test(text[at]!)) at++;
    return at === text.length ? null : quotes.find((q) => q.open === at && !consumed.has(q)) ?? null;
  }

  /** What follows a cue: skips a recipient, "in a statement", "that"; a quotation there is the content. */
  contentAfter(from: number, verb: ReportingVerb | null): Content | null {
    const { words } = this;
    let k = this.skipPunctuation(from);
    if (verb?.recipient) {
      const afterRecipient = this.skipRecipient(k, verb.requiresNext);
      if (afterRecipient === null) return null;
      k = afterRecipient;
    }
    k = this.skipTime(this.skipSettings(k));
    k = this.skipPunctuation(k);
    const that = this.thatAhead(k);
    if (that >= 0) k = that + 1;
    if (!words[k] || this.lexicon.noContent.matchAt(words, k)) return null;
    const quote = this.quoteOpeningAt(words[k]!.start);
    if (quote) return { start: quote.start, end: quote.end, quote };
    // "declared the liberation of Raqqa, three days after ...": without "that", only the object is declared.
    if (verb?.objectOnly && that < 0 && words[k - 1]?.text !== ':') return this.objectAt(k);
    const end = Math.max(this.contentEnd(words[k]!.start), this.doc.quotes.find((q) => q.open >= words[k]!.start && q.open < this.view.end && q.close > this.view.end)?.end ?? 0);
    const cut = [this.relativeClauseAfter(k, end), this.contrastAfter(k, end), this.descriptionAfter(k, end)].filter((c) => c >= 0);
    const until = cut.length ? words[Math.min(...cut) - 1]!.end : end;
    return until > words[k]!.start ? { start: words[k]!.start, end: until, quote: null } : null;
  }

  /**
   * The comma opening a relative clause between word `from` and offset `end`, or -1: "said they held
   * the city**, which** IS had held since 2014" — the writer's description of a place or a party,
   * not what the speaker reports. Inside a quotation the speaker's own words run on.
   */
  private relativeClauseAfter(from: number, end: number): number {
    const { words } = this;
    if (this.doc.quotes.some((q) => q.start <= words[from]!.start && words[from]!.start < q.end)) return -1;
    const inside = (k: number) => words[k + 1] && words[k + 1]!.start < end;
    const relative = (k: number) => words[k]!.text === ',' && !words[k + 1]!.named && this.syntax.relativePronouns.has(words[k + 1]!.lower);
    // "the operation, which was launched in May, was over": the main clause goes on after it.
    const resumes = (k: number) => words[k]!.text === ',' && !words[k + 1]!.named && this.syntax.passiveAuxiliaries.has(words[k + 1]!.lower);
    let found = -1;
    for (let k = from + 1; inside(k); k++) {
      if (found < 0 && relative(k)) found = k;
      else if (found >= 0 && resumes(k)) return -1;
    }
    return found;
  }

  /**
   * The comma opening a contrast between word `from` and offset `end`, or -1: "officials said the town
   * was taken**, but** fighting went on" sets the writer's account against the speaker's. "..., but
   * that ..." is still reported, and inside a quotation the speaker's own words run on.
   */
  private contrastAfter(from: number, end: number): number {
    const { words } = this;
    if (this.doc.quotes.some((q) => q.start <= words[from]!.start && words[from]!.start < q.end)) return -1;
    for (let k = from + 1; words[k + 2] && words[k + 1]!.start < end; k++) {
      const opener = words[k + 1]!;
      if (words[k]!.text === ',' && !opener.named && this.syntax.contrastOpeners.has(opener.lower) && words[k + 2]!.lower !== 'that') return k;
    }
    return -1;
  }

  /**
   * The comma opening an indefinite appositive between word `from` and offset `end`, or -1: "said 50
   * people were taken to Novoazovsk**, a** town held by separatists" — the writer's description of what
   * the speaker named. A time ("**, a** day after ...") goes on reporting, and so do the speaker's own words
   * and a clause that resumes after the appositive.
   */
  private descriptionAfter(from: number, end: number): number {
    const { words, syntax } = this;
    if (this.doc.quotes.some((q) => q.start <= words[from]!.start && words[from]!.start < q.end)) return -1;
    // "a day **after** ...", but "a town **that** ..." describes.
    const clauseSoon = (k: number) => words.slice(k + 2, k + 4).some((w) => !w.named && w.lower !== 'that' && syntax.clauseWords.has(w.lower));
    // "Mekelle**,** a city of 500,000 people**,** was under fire": a clause that resumes after it is the speaker's.
    const runsOut = (k: number) => {
      const next = words.findIndex((w, at) => at > k + 1 && w.start < end && w.text === ',');
      return next < 0 || syntax.determiners.has(words[next + 1]?.lower ?? '');
    };
    for (let k = from + 1; words[k + 2] && words[k + 1]!.start < end; k++) {
      if (words[k]!.text === ',' && syntax.indefinites.has(words[k + 1]!.lower) && !clauseSoon(k) && runsOut(k)) return k;
    }
    return -1;
  }

  private skipPunctuation(from: number): number {
    let k = from;
    while (this.words[k] && /^[,:\-–—]$/.test(this.words[k]!.text)) k++;
    return k;
  }

  /**
   * Past the hearer of "told Demo Radio (that) ..."; null when only a hearer follows ("..., a commander told Demo Radio.").
   * A word the verb requires after its hearer opens the content ("informed the president **about** ...").
   */
  private skipRecipient(from: number, opener: PhraseSet | null): number | null {
    const { words } = this;
    let k = from;
    const opens = (at: number) => (words[at]!.lower === 'that' ? null : opener?.matchAt(words, at) ?? null);
    while (words[k] && k - from < MAX_RECIPIENT_WORDS && !/^[,:.!?]$/.test(words[k]!.text) && words[k]!.lower !== 'that' && !opens(k) && !this.quoteOpeningAt(words[k]!.start)) k++;
    if (!words[k] || /^[.!?]$/.test(words[k]!.text)) return null;
    if (k - from >= MAX_RECIPIENT_WORDS) return this.outletAfter(from);
    return k + (opens(k)?.length ?? 0);
  }

  /** Past an outlet heard without "that" ("told **Demo Wire** the army had left"): its name, or capitalised words ending in a `speakers.outletSuffixes` word; else `from`. */
  private outletAfter(from: number): number {
    const { words } = this;
    const known = this.lexicon.speakers.outlets.matchAt(words, from, true);
    if (known) return from + known.length;
    let k = from;
    while (words[k] && isCapitalised(words[k]!) && k - from < MAX_RECIPIENT_WORDS) k++;
    return k - from >= 2 && this.lexicon.speakers.outletSuffixes.has(words[k - 1]!.text) ? k : from;
  }

  /**
   * The "that" opening a content clause near `from`, or -1. Past a finite verb or an actor, "that" is a relative ("said aircraft
   * also struck IS vehicles that ..."); past a comma it opens a second clause ("said the convoy left, but that ...").
   */
  private thatAhead(from: number): number {
    const { words } = this;
    for (let t = from; t < Math.min(words.length, from + THAT_WINDOW); t++) {
      if (words[t]!.text === ',' || this.quoteOpeningAt(words[t]!.start) || this.syntax.clauseAuxiliaries.has(words[t]!.lower) || this.isActor(words[t]!)) return -1;
      if (words[t]!.lower === 'that' && !words[t]!.named) return t;
    }
    return -1;
  }

  /** The object of a cue, from word `k` to the next comma or the sentence end. */
  private objectAt(k: number): Content | null {
    const { words } = this;
    if (!/^[\p{L}\p{N}]/u.test(words[k]!.text)) return null;
    let last = k;
    // "announced its celebrations **after** recapturing Tabqa **in a tweet**": the object ends at a clause word or a setting.
    const ends = (at: number) => /^[,;.!?]$/.test(words[at]!.text) || (!words[at]!.named && this.syntax.clauseWords.has(words[at]!.lower)) || this.settingAt(at) !== null;
    while (words[last + 1] && !ends(last + 1)) last++;
    return { start: words[k]!.start, end: words[last]!.end, quote: null };
  }

  /** The end of reported content: the sentence end, or the end of the quotation the cue itself is in. */
  private contentEnd(cueAt: number): number {
    const { text, quotes } = this.doc;
    const inside = quotes.find((q) => q.start <= cueAt && cueAt < q.end);
    let end = inside ? Math.min(inside.end, this.view.end) : this.view.end;
    while (end > this.view.start && /[\s.!?,;:”"’»]/.test(text[end - 1]!)) end--;
    return end;
  }

  /** "CONTENT, X said.": the content runs from the sentence start to the comma or the quotation before. */
  contentBefore(first: number): Content | null {
    const { words } = this;
    let k = first - 1;
    while (k >= 0 && /^[,:]$/.test(words[k]!.text)) k--;
    if (k < 0) return null;
    const from = this.clauseStart(k);
    const quote = this.quoteClosingAt(k);
    // A quotation that opens the clause is the content; one that ends it reports only part of it
    // ("the Houthis attacked towers “which led to ...”, according to an official").
    if (quote && (quote.open < this.view.start || quote.open <= words[from]!.start)) return { start: quote.start, end: quote.end, quote };
    while (k >= 0 && /^[,:;]$/.test(words[k]!.text)) k--;
    if (k < 0) return null;
    return { start: words[from]!.start, end: words[k]!.end, quote: null };
  }

  /** The quotation, not yet taken, whose closing mark is word `k`. */
  quoteClosingAt(k: number): Quote | null {
    const w = this.words[k];
    if (!w || !CLOSING_MARKS.has(w.text)) return null;
    return this.doc.quotes.find((q) => q.close === w.end && !this.doc.consumed.has(q)) ?? null;
  }

  /**
   * The first word of the clause ending at word `k`: the sentence start, or past a dateline
   * ("MOSUL, July 4 (Demo Wire) - ") or a speaker label ("CORRESPONDENT:") opening the sentence, in names
   * and numbers.
   * Dashes further on set off a parenthesis ("the plant — the last stronghold — and the city").
   */
  private clauseStart(k: number): number {
    for (let j = 0; j < Math.min(k, MAX_DATELINE_WORDS); j++) {
      if (this.words[j]!.text === ':' || isSpacedDash(this.words, j)) return j + 1;
      // A dateline or a label is names, numbers and marks only.
      if (/^\p{Ll}/u.test(this.words[j]!.text)) return 0;
    }
    return 0;
  }
}

function isCapitalised(w: Word): boolean {
  return /^\p{Lu}/u.test(w.text);
}

/** A dash with a space on either side separates ("BAGHDAD (Demo Wire) - Iraqi ..."); inside a name it joins ("Counter-Terrorism"). */
export function isSpacedDash(words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  if (!/^[-–—]$/.test(w.text)) return false;
  return (!!words[i - 1] && words[i - 1]!.end < w.start) || (!!words[i + 1] && words[i + 1]!.start > w.end);
}
