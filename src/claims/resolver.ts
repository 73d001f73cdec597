import type { Analysis } from '../pipeline.js';
import type { Message, Span, Statement } from '../types.js';
import { lastStartingAtOrBefore, SpanIndex } from '../text/span-index.js';
import { affiliationOf, SpeakerMemory, type Affiliated } from './affiliation.js';
import type { ModalityCueLexicon } from './lexicon.js';
import type { Quote } from './quotes.js';
import type { Candidate } from './recognisers.js';
import { classifySpeaker, sentenceSubject, withholdsName, type SpeakerPhrase } from './speakers.js';

/** The speaker of a quotation nobody in the text is credited with. */
export const UNATTRIBUTED = 'unattributed';

interface Draft extends Omit<Statement, 'parent'> {
  /** Cue and content together: what an enclosing statement must contain. */
  outer: Span;
}

/**
 * Chooses among the recognisers' candidates, cue by cue in text order, and
 * turns the chosen ones into statements: says who the speaker is (in order,
 * so a pronoun finds the speaker before it), whom they speak for, which
 * quotation they take, and which statement encloses which.
 */
export class StatementResolver {
  /** Quotations an accepted statement has taken: recognisers skip them. */
  readonly consumed = new Set<Quote>();
  /** What the resolver dropped or doubts: `claims:dropped` (another recogniser's reading won), `claims:no-speaker`. */
  readonly messages: Message[] = [];
  private readonly drafts: Draft[] = [];
  private readonly memory = new SpeakerMemory();
  /** Title words of speakers who withheld their names ("officials"): the same unnamed officials elsewhere in the text are anonymous too. */
  private readonly withheldTitles = new Set<string>();

  constructor(private readonly analysis: Readonly<Analysis>, private readonly lexicon: ModalityCueLexicon, private readonly authorName: string) {}

  /**
   * Keeps the candidates of the best-scored recogniser at one cue (an outlet
   * quoting a source gives two statements from one recogniser); the first
   * listed wins a tie.
   */
  resolve(candidates: readonly Candidate[]): void {
    if (candidates.length === 0) return;
    const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
    for (const c of candidates) {
      if (c.rule === best.rule) this.accept(c);
      else this.note(c, 'claims:dropped', `${c.rule} read this cue too; ${best.rule} (score ${best.score}) kept over it (${c.score})`);
    }
  }

  /** A message on the document about a candidate, at its cue (or its content). */
  private note(c: Candidate, ruleId: string, reason: string): void {
    const at = c.cue ?? c.content;
    this.messages.push({ ruleId, reason, start: at.start, end: at.end, fatal: false });
  }

  private accept(c: Candidate): void {
    const who = c.phrase ? this.speakerOf(c, c.phrase) : this.previousInSentence(c);
    if (!who) {
      this.note(c, 'claims:no-speaker', `${c.rule}: no statement or actor before it in the sentence says who goes on speaking`);
      return;
    }
    const { speaker, speakerKind, affiliation } = who;
    if (c.content.quote) this.consumed.add(c.content.quote);
    const form = c.form === 'reported-speech' && c.content.quote ? 'direct-quote'
      : c.form === 'reported-speech' && speakerKind === 'outlet' ? 'outlet-report' : c.form;
    const { cue, content } = c;
    const draft: Draft = {
      speaker, speakerKind, affiliation, cueStart: cue?.start ?? null, cueEnd: cue?.end ?? null,
      start: content.start, end: content.end, form, rule: c.rule,
      outer: { start: Math.min(cue?.start ?? content.start, content.start), end: Math.max(cue?.end ?? content.end, content.end) },
    };
    this.drafts.push(draft);
    this.memory.remember(draft);
  }

  /** Who a speaker phrase is, and whom they speak for. */
  private speakerOf(c: Candidate, phrase: SpeakerPhrase): Affiliated {
    const { analysis, lexicon } = this;
    const { paragraph } = analysis.sentences[c.view.index]!;
    const recentFrom = analysis.paragraphs[Math.max(0, paragraph - 1)]?.start ?? 0;
    const named = classifySpeaker(phrase, analysis, lexicon, this.drafts, this.authorName, recentFrom);
    // One person, one kind: a last name alone is the titled person quoted before ("Isik said" after "Defence Minister Fikri Isik").
    const titled = named.speakerKind === 'named-person' && this.memory.wasTitled(named.speaker) ? { ...named, speakerKind: 'official' as const } : named;
    const withheld = (c.description && withholdsName(c.view, c.description, lexicon)) || settingWithholds(c, lexicon) || clauseWithholds(phrase, lexicon);
    if (withheld) this.rememberWithheld(phrase);
    const who = withheld ? { speaker: surfaceOf(analysis.text, phrase), speakerKind: 'anonymous' as const } : titled;
    // The phrase itself may describe the speaker too ("ministry spokesman Igor Konashenkov").
    const descriptions = c.description ? [c.description, phrase] : [phrase];
    // A group's titled voice ("an SDF commander") is tied to the group like an official to a state.
    const titledVoice = who.speakerKind === 'group' && lexicon.speakers.titles.someIn(c.view.words, phrase.first, phrase.last);
    const affiliation = affiliationOf(analysis, c.view, descriptions, titledVoice ? { ...who, speakerKind: 'official' } : who, this.memory, { ...lexicon.speakers, beforeOrganisation: lexicon.syntax.beforeOrganisation });
    return { ...who, affiliation };
  }

  private rememberWithheld({ view, first, last }: SpeakerPhrase): void {
    for (let k = first; k <= last; k++) if (this.lexicon.speakers.titles.hasWord(view.words[k]!.lower)) this.withheldTitles.add(view.words[k]!.lower);
  }

  /**
   * "officials said" early in a story, "the officials, who asked not to be named" later: unnamed
   * officials whose title word a withholding speaker had are the same anonymous sources. An
   * indefinite one ("a local official") is somebody else.
   */
  private unnamedWithheld(d: Draft): boolean {
    const words = d.speaker.split(/\s+/);
    return d.speakerKind === 'official' && !this.lexicon.syntax.indefinites.has(words[0]!.toLowerCase()) && words.every((w, k) => k === 0 || !/^\p{Lu}/u.test(w))
      && words.some((w) => this.withheldTitles.has(w.toLowerCase()));
  }

  /** The speaker of the latest statement whose cue lies in the sentence, else the actor the sentence opens with before the cue, or null. */
  private previousInSentence({ view, cue }: Candidate): Affiliated | null {
    const last = this.drafts.at(-1);
    if (last && last.cueStart !== null && last.cueStart >= view.start) return last;
    // Else the sentence's subject: "**The rebels** withdrew from Manbij, but claimed ...".
    const before = cue ? view.words.findIndex((w) => w.start >= cue.start) : -1;
    const subject = before > 0 ? sentenceSubject(view, before, this.analysis, this.lexicon) : null;
    return subject && { ...subject, affiliation: null };
  }

  /** The statements chosen, with the quotations nobody is credited with that fill their own lines as block quotes; outermost first. */
  statements(quotes: readonly Quote[]): Statement[] {
    const { text } = this.analysis;
    for (const d of this.drafts) if (this.unnamedWithheld(d)) d.speakerKind = 'anonymous';
    const quoted = this.drafts.filter((d) => d.form === 'direct-quote');
    for (const q of quotes) {
      if (this.consumed.has(q)) continue;
      const lines = fillsLines(text, q);
      // A quoted sentence with no cue of its own goes on with the quotation just before it in its paragraph
      // ('"...," Saleh told reporters. "We will ..."'); only a quotation filling its lines may stand unattributed.
      const speaker = lines || fillsSentences(this.analysis, q) ? this.quoteGoingOn(q, quoted, lines) : null;
      if (!speaker && !lines) continue;
      this.drafts.push(speaker
        ? { ...speaker, cueStart: null, cueEnd: null, start: q.start, end: q.end, form: 'direct-quote', rule: 'claims:quote-continues', outer: { start: q.start, end: q.end } }
        : {
          speaker: UNATTRIBUTED, speakerKind: 'anonymous', affiliation: null, cueStart: null, cueEnd: null,
          start: q.start, end: q.end, form: 'block-quote', rule: 'claims:block-quote', outer: { start: q.start, end: q.end },
        });
      if (speaker) quoted.push(this.drafts.at(-1)!);
    }
    return withParents(this.drafts);
  }

  /**
   * The speaker of a quotation just before `q` whose words `q` goes on with, with no other speaker's
   * statement between them: in `q`'s paragraph, or when `q` fills its lines in the paragraph before
   * ("Quote from X: '...'" then a quoted paragraph).
   */
  private quoteGoingOn(q: Quote, quoted: readonly Draft[], lines: boolean): Affiliated | null {
    const previous = quoted.filter((d) => d.end <= q.open).at(-1);
    if (!previous || this.drafts.some((d) => d.start >= previous.end && d.start < q.open && d.speaker !== previous.speaker)) return null;
    const paragraph = lastStartingAtOrBefore(this.analysis.paragraphs, previous.end - 1);
    return (lines && paragraph === q.paragraph - 1) || paragraph === q.paragraph ? previous : null;
  }
}

/** Whether the words between a cue and the content after it withhold the speaker's name ("told reporters **on condition of anonymity** that"). */
function settingWithholds({ view, cue, content }: Candidate, lexicon: ModalityCueLexicon): boolean {
  if (!cue || content.start < cue.end) return false;
  const first = view.words.findIndex((w) => w.start >= cue.end);
  const last = view.words.findLastIndex((w) => w.end <= content.start);
  return first >= 0 && first <= last && lexicon.speakers.withheld.someIn(view.words, first, last);
}

/** Whether a relative clause closing the speaker phrase goes on to withhold the name ("the officials **who spoke on condition of anonymity**"). */
function clauseWithholds({ view, first, last }: SpeakerPhrase, lexicon: ModalityCueLexicon): boolean {
  const relative = view.words.findIndex((w, k) => k > first && k <= last && lexicon.syntax.relativePronouns.has(w.lower));
  if (relative < 0) return false;
  const stop = view.words.findIndex((w, k) => k > last && /^[,.;:]$/.test(w.text));
  return lexicon.speakers.withheld.someIn(view.words, relative, stop < 0 ? view.words.length - 1 : stop - 1);
}

/** A speaker phrase as written: an unnamed speaker goes by it ("an SDF commander"), not by the body it mentions. */
function surfaceOf(text: string, { view, first, last }: SpeakerPhrase): string {
  return text.slice(view.words[first]!.start, view.words[last]!.end);
}

/** Whether `q` opens a sentence and runs to the end of one (only its closing stop after it). */
function fillsSentences({ text, sentences }: Readonly<Analysis>, q: Quote): boolean {
  const first = sentences[lastStartingAtOrBefore(sentences, q.open)];
  const last = sentences[lastStartingAtOrBefore(sentences, q.close - 1)];
  return !!first && !!last && !text.slice(first.start, q.open).trim() && /^[\s.!?]*$/.test(text.slice(q.close, last.end));
}

function fillsLines(text: string, q: Quote): boolean {
  const lineStart = text.lastIndexOf('\n', q.open - 1) + 1;
  const lineEnd = text.indexOf('\n', q.close);
  return !text.slice(lineStart, q.open).trim() && !text.slice(q.close, lineEnd < 0 ? text.length : lineEnd).trim();
}

/** Sorted outermost first; the parent is the shortest longer statement whose content holds this one's cue and content. */
function withParents(drafts: readonly Draft[]): Statement[] {
  const sorted = [...drafts].sort((a, b) => a.outer.start - b.outer.start || (b.end - b.start) - (a.end - a.start));
  const contents = new SpanIndex(sorted.map((d, index) => ({ start: d.start, end: d.end, index })));
  const size = (s: Span) => s.end - s.start;
  return sorted.map(({ outer, ...d }, index) => {
    let parent: number | null = null;
    for (const p of contents.containing(outer.start, outer.end)) {
      if (p.index !== index && size(p) > size(d) && (parent === null || size(p) < size(sorted[parent]!))) parent = p.index;
    }
    return { ...d, parent };
  });
}
