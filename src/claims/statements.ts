import type { Analysis } from '../pipeline.js';
import type { Span, Statement } from '../types.js';
import type { PhraseSet, SentenceView, Word } from '../events/text.js';
import type { ModalityCueLexicon, ReportingVerb } from './lexicon.js';
import { findBlockQuoteLines, findQuotes, type Quote } from './quotes.js';
import { affiliationOf, SpeakerMemory } from './affiliation.js';
import { classifySpeaker, type SpeakerPhrase } from './speakers.js';
import { firstStartingAtOrAfter, SpanIndex } from '../text/span-index.js';

/** The speaker of a quotation nobody in the text is credited with. */
export const UNATTRIBUTED = 'unattributed';

// Punctuation that ends a noun phrase; the clause words that do too are `syntax.clauseWords` in modality-cues.json.
const PHRASE_BREAKS = new Set([',', ';', ':', '(', ')', '“', '”', '"', '‘', '’', "'", '—', '–', '.', '!', '?', '«', '»']);
const CLOSING_MARKS = new Set(['”', '"', '’', "'", '»']);
const MAX_SPEAKER_WORDS = 12;
const MAX_INVERTED_SPEAKER_WORDS = 8;
const THAT_WINDOW = 8;

interface Draft extends Omit<Statement, 'parent'> {
  /** Cue and content together: what an enclosing statement must contain. */
  outer: Span;
}

/** Words `first..last` (inclusive) of a sentence. */
interface WordRange {
  first: number;
  last: number;
}

interface Content extends Span {
  quote: Quote | null;
}

/**
 * Finds who says what: reported speech ("X said that ..."), quotations with
 * their speaker before or after, "according to X", outlets quoting sources
 * (kept as two nested statements), and block quotes nobody is credited with.
 * Statements come sorted outermost first; `parent` points to the smallest
 * statement whose content holds this one.
 */
export function findStatements(analysis: Readonly<Analysis>, views: readonly SentenceView[], lexicon: ModalityCueLexicon, authorName: string): Statement[] {
  const { text } = analysis;
  const quotes = [...findQuotes(text, analysis.paragraphs), ...findBlockQuoteLines(text, analysis.paragraphs)];
  const consumed = new Set<Quote>();
  const drafts: Draft[] = [];
  const speakers = new SpeakerMemory();
  const inTime = timeWordStarts(analysis);
  const timeWords = (w: Word) => inTime.has(w.start);
  const { syntax } = lexicon;
  const isBoundary = (w: Word) => !w.named && (PHRASE_BREAKS.has(w.lower) || syntax.clauseWords.has(w.lower) || timeWords(w) || lexicon.reporting.hasWord(w.lower));

  /** `description`: words describing the speaker's role beside the phrase ("Orlov, **a ministry spokesman**, said"). */
  const add = (phrase: SpeakerPhrase, cue: Span | null, content: Content, form: Statement['form'], description: WordRange | null = null): void => {
    const { paragraph } = analysis.sentences[phrase.view.index]!;
    const recentFrom = analysis.paragraphs[Math.max(0, paragraph - 1)]?.start ?? 0;
    const who = classifySpeaker(phrase, analysis, lexicon, drafts, authorName, recentFrom);
    // The phrase itself may describe the speaker too ("ministry spokesman Igor Konashenkov").
    const affiliation = affiliationOf(analysis, phrase.view, description ? [description, phrase] : [phrase], who, speakers, { ...lexicon.speakers, beforeOrganisation: syntax.beforeOrganisation });
    if (content.quote) consumed.add(content.quote);
    const resolvedForm = form === 'reported-speech' && content.quote ? 'direct-quote'
      : form === 'reported-speech' && who.speakerKind === 'outlet' ? 'outlet-report' : form;
    const draft: Draft = {
      speaker: who.speaker, speakerKind: who.speakerKind, affiliation, cueStart: cue?.start ?? null, cueEnd: cue?.end ?? null, start: content.start, end: content.end, form: resolvedForm,
      outer: { start: Math.min(cue?.start ?? content.start, content.start), end: Math.max(cue?.end ?? content.end, content.end) },
    };
    drafts.push(draft);
    speakers.remember(draft);
  };

  for (const view of views) {
    const { words } = view;
    const span = (first: number, last: number): Span => ({ start: words[first]!.start, end: words[last]!.end });

    /** Skips filler before a cue ("has also", "on Monday") and takes the noun phrase before it. */
    const speakerBefore = (cueFirst: number): (SpeakerPhrase & { afterBreak: boolean }) | null => {
      let j = cueFirst - 1;
      for (;;) {
        const skip = j >= 0 ? lexicon.speakers.skipBeforeCue.matchEndingAt(words, j) : null;
        if (skip) j -= skip.length;
        else if (j >= 0 && !words[j]!.named && (timeWords(words[j]!) || /ly$/.test(words[j]!.lower))) j--;
        else break;
      }
      if (j < 0 || isBoundary(words[j]!)) return null;
      // A full stop inside the sentence ends an abbreviation of a title ("Brig. Gen. Hamid Sarraf"), not the phrase.
      const abbreviation = (at: number) => words[at]!.text === '.' && at > 0 && words[at - 1]!.end === words[at]!.start;
      let k = j;
      while (k > 0 && (!isBoundary(words[k - 1]!) || abbreviation(k - 1)) && !isSpacedDash(words, k - 1) && j - k < MAX_SPEAKER_WORDS - 1) k--;
      const afterBreak = k > 0 && (words[k - 1]!.text === ',' || CLOSING_MARKS.has(words[k - 1]!.text));
      for (let lead = lexicon.speakers.leadIn.matchAt(words, k); lead && k <= j; lead = lexicon.speakers.leadIn.matchAt(words, k)) k += lead.length;
      if (k > j) return null;
      // "a security official who asked not to be named" is a speaker; "who are struggling for a land" is not.
      const phrase = words.slice(k, j + 1);
      const anonymous = lexicon.speakers.anonymous.findAll(words, k, j).length > 0;
      if (!anonymous && phrase.some((w) => !w.named && (syntax.relativePronouns.has(w.lower) || syntax.notInSpeaker.has(w.lower)))) return null;
      return { view, first: k, last: j, afterBreak };
    };

    /** Capitalised words, with the stops of abbreviations and the particles of names: "Col. Daniel Reyes", "Karim al-Saadi". */
    const isName = (first: number, last: number): boolean => first <= last && last - first < MAX_SPEAKER_WORDS
      && words.slice(first, last + 1).every((w, k) => /^\p{Lu}/u.test(w.text)
        || (k > 0 && (/^[.'’-]$/.test(w.text) || syntax.nameParticles.has(w.lower))));

    /** ", said NAME, a spokesman for the command.": the appositive after the name at `last`, to the next comma or the sentence end. */
    const appositiveAfter = (last: number): WordRange | null => {
      if (words[last + 1]?.text !== ',' || !syntax.appositiveOpeners.has(words[last + 2]?.lower ?? '')) return null;
      let end = last + 2;
      while (words[end + 1] && !/^[,.!?;]$/.test(words[end + 1]!.text)) end++;
      return { first: last + 2, last: end };
    };

    const isActor = (w: Word) => w.entity >= 0 && view.entities[w.entity]!.kind === 'actor';

    /** A participle or appositive tail after a trailing cue ("said, speaking on condition of anonymity"), not a clause. */
    const isShortTail = (from: number): boolean => syntax.tailOpeners.has(words[from]!.lower) || syntax.appositiveOpeners.has(words[from]!.lower);

    /** Whether only a time ("on Saturday") stands between a cue and a comma or the sentence end. */
    const trailsOff = (from: number): boolean => {
      let k = from;
      while (words[k] && !words[k]!.named && (timeWords(words[k]!) || syntax.timePrepositions.has(words[k]!.lower))) k++;
      return !words[k] || /^[,.!?;]$/.test(words[k]!.text);
    };

    /** "NAME, a/the TITLE, said": the name before an appositive that ends in the comma at `comma`, and the appositive. */
    const appositiveSpeaker = (comma: number): { phrase: SpeakerPhrase; description: WordRange } | null => {
      for (let k = comma - 1; k > 0 && comma - k <= MAX_SPEAKER_WORDS; k--) {
        if (words[k]!.text !== ',') continue;
        const phrase = syntax.appositiveOpeners.has(words[k + 1]?.lower ?? '') ? speakerBefore(k) : null;
        return phrase && { phrase, description: { first: k + 1, last: comma - 1 } };
      }
      return null;
    };

    /** The end of reported content: the sentence end, or the end of the quotation the cue itself is in. */
    const contentEnd = (cueAt: number): number => {
      const inside = quotes.find((q) => q.start <= cueAt && cueAt < q.end);
      let end = inside ? Math.min(inside.end, view.end) : view.end;
      while (end > view.start && /[\s.!?,;:”"’»]/.test(text[end - 1]!)) end--;
      return end;
    };

    const quoteOpeningAt = (offset: number): Quote | null => {
      let at = offset;
      while (at < text.length && /\s/.test(text[at]!)) at++;
      return at === text.length ? null : quotes.find((q) => q.open === at && !consumed.has(q)) ?? null;
    };

    /** What follows a cue: skips a recipient, "in a statement", "that"; a quotation there is the content. */
    const contentAfter = (from: number, verb: ReportingVerb | null): Content | null => {
      let k = from;
      const skipPunctuation = () => { while (words[k] && /^[,:\-–—]$/.test(words[k]!.text)) k++; };
      skipPunctuation();
      if (verb?.recipient) {
        const start = k;
        while (words[k] && k - start < 4 && !/^[,:.!?]$/.test(words[k]!.text) && words[k]!.lower !== 'that' && !quoteOpeningAt(words[k]!.start)) k++;
        // "..., a commander told Demo Radio.": only a hearer follows, the content came before.
        if (!words[k] || /^[.!?]$/.test(words[k]!.text)) return null;
        if (k - start >= 4) k = start;
      }
      for (let skip = lexicon.speakers.skipAfterCue.matchAt(words, k); skip; skip = lexicon.speakers.skipAfterCue.matchAt(words, k)) k += skip.length;
      skipPunctuation();
      let clausal = false;
      for (let t = k; t < Math.min(words.length, k + THAT_WINDOW); t++) {
        // "said aircraft also struck IS vehicles that ...": past a finite verb or an actor, "that" is a relative.
        if (quoteOpeningAt(words[t]!.start) || syntax.clauseAuxiliaries.has(words[t]!.lower) || isActor(words[t]!)) break;
        if (words[t]!.lower === 'that' && !words[t]!.named) { k = t + 1; clausal = true; break; }
      }
      if (!words[k] || lexicon.noContent.matchAt(words, k)) return null;
      const quote = quoteOpeningAt(words[k]!.start);
      if (quote) return { start: quote.start, end: quote.end, quote };
      // "declared the liberation of Raqqa, three days after ...": without "that", only the object is declared.
      if (verb?.objectOnly && !clausal && words[k - 1]?.text !== ':') {
        if (!/^[\p{L}\p{N}]/u.test(words[k]!.text)) return null;
        let last = k;
        while (words[last + 1] && !/^[,;.!?]$/.test(words[last + 1]!.text)) last++;
        return { start: words[k]!.start, end: words[last]!.end, quote: null };
      }
      const end = Math.max(contentEnd(words[k]!.start), quotes.find((q) => q.open >= words[k]!.start && q.open < view.end && q.close > view.end)?.end ?? 0);
      return end > words[k]!.start ? { start: words[k]!.start, end, quote: null } : null;
    };

    /** "CONTENT, X said.": the content runs from the sentence start to the comma or the quotation before. */
    const contentBefore = (first: number): Content | null => {
      let k = first - 1;
      while (k >= 0 && /^[,:]$/.test(words[k]!.text)) k--;
      if (k < 0) return null;
      if (CLOSING_MARKS.has(words[k]!.text)) {
        const quote = quotes.find((q) => q.close === words[k]!.end && !consumed.has(q));
        if (quote) return { start: quote.start, end: quote.end, quote };
      }
      while (k >= 0 && /^[,:;]$/.test(words[k]!.text)) k--;
      if (k < 0) return null;
      // A dateline ("MOSUL, July 4 (Demo Wire) - ") or a speaker label ("CORRESPONDENT:") is no part of it.
      let from = 0;
      for (let j = k - 1; j >= 0; j--) {
        if (words[j]!.text === ':' || isSpacedDash(words, j)) { from = j + 1; break; }
      }
      return { start: words[from]!.start, end: words[k]!.end, quote: null };
    };

    for (let i = 0; i < words.length; i++) {
      if (words[i]!.named) continue;
      const quoted = lexicon.quotedVerbs.matchAt(words, i);
      const saying = quoted ? findAhead(lexicon.quotedSaying, words, i + quoted.length, 10) : null;
      if (quoted && saying) {
        const content = contentAfter(saying.last + 1, null);
        const cue = span(i, i + quoted.length - 1);
        const sayingCue = span(saying.first, saying.last);
        if (content) {
          const aux = i > 0 && syntax.passiveAuxiliaries.has(words[i - 1]!.lower) ? i - 1 : -1;
          if (aux >= 0) {
            const speaker = speakerBefore(aux);
            if (speaker) add(speaker, { start: cue.start, end: sayingCue.end }, content, 'reported-speech');
          } else {
            const outer = speakerBefore(i);
            let innerLast = saying.first - 1;
            while (innerLast > i && timeWords(words[innerLast]!)) innerLast--;
            if (outer && innerLast > i) add(outer, cue, { start: words[i + 1]!.start, end: content.end, quote: null }, 'outlet-report');
            if (innerLast > i) add({ view, first: i + quoted.length, last: innerLast }, sayingCue, content, 'reported-speech');
          }
        }
        i = saying.last;
        continue;
      }

      const according = lexicon.accordingTo.matchAt(words, i);
      if (according) {
        const npFirst = i + according.length;
        let npLast = npFirst;
        while (words[npLast + 1] && !isBoundary(words[npLast + 1]!) && npLast - npFirst < MAX_SPEAKER_WORDS) npLast++;
        const npHead = words[npFirst];
        if (npHead && !isBoundary(npHead)) {
          // "CORRESPONDENT: According to the source, ...": after a colon the phrase leads its sentence too.
          const leading = i === 0 || words[i - 1]!.text === ':'
            || lexicon.speakers.leadIn.findAll(words, 0, i - 1).reduce((n, m) => n + m.last - m.first + 1, 0) === i;
          const content = leading ? contentAfter(npLast + 1, null) : contentBefore(i);
          if (content) add({ view, first: npFirst, last: npLast }, span(i, i + according.length - 1), content, 'according-to');
        }
        i = npLast;
        continue;
      }

      const reporting = lexicon.reporting.matchAt(words, i);
      if (!reporting) continue;
      // "before the victory was declared": a passive cue has no speaker before it ("is claiming" is active).
      if (i > 0 && !words[i - 1]!.named && syntax.passiveAuxiliaries.has(words[i - 1]!.lower) && !words[i]!.lower.endsWith('ing')) continue;
      const verb = reporting.value;
      const cueLast = i + reporting.length - 1;
      if (verb.requiresNext && !verb.requiresNext.someIn(words, cueLast + 1, cueLast + verb.window)) continue;
      if (verb.excludePrev && i > 0 && verb.excludePrev.matchEndingAt(words, i - 1)) continue;
      if (syntax.determiners.has(words[i - 1]?.lower ?? '') || syntax.participleNext.has(words[cueLast + 1]?.lower ?? '')) continue;
      // "the self-declared caliphate": a participle joined by a hyphen is an adjective.
      if (words[i - 1]?.text === '-' && words[i - 1]!.end === words[i]!.start) continue;
      const speaker = speakerBefore(i);
      // "did not deny": the cue takes its negation along, which changes what it reports.
      const negated = speaker && lexicon.negators.findAll(words, speaker.last + 1, i - 1).length > 0;
      const cue = span(speaker && negated ? speaker.last + 1 : i, cueLast);
      if (speaker && words[speaker.first - 1]?.lower === 'as') {
        // "..., as they claim, ...": the parenthesis reports the clause before it.
        const content = contentBefore(speaker.first - 1);
        if (content) add(speaker, cue, content, 'reported-speech');
        continue;
      }
      if (speaker) {
        // "CONTENT, the officer said, speaking on condition of anonymity.": after a break, a cue that
        // trails off (into a comma or the sentence end) reports what came before it.
        // "Two days ago, the source said, another group ...": a parenthesis reports what follows it.
        const parenthesis = speaker.afterBreak && words[cueLast + 1]?.text === ',' && !!words[cueLast + 2] && !isShortTail(cueLast + 2);
        const content = parenthesis ? contentAfter(cueLast + 1, verb)
          : speaker.afterBreak && trailsOff(cueLast + 1) ? contentBefore(speaker.first)
          : contentAfter(cueLast + 1, verb) ?? (speaker.afterBreak ? contentBefore(speaker.first) : null);
        if (content) add(speaker, cue, content, 'reported-speech');
        continue;
      }
      if (words[i - 1]?.text !== ',' && !CLOSING_MARKS.has(words[i - 1]?.text ?? '')) continue;
      // An appositive between the name and its cue: "Balanche, a Syria expert, told ...".
      const appositive = appositiveSpeaker(i - 1);
      if (appositive) {
        const content = contentAfter(cueLast + 1, verb);
        if (content) add(appositive.phrase, cue, content, 'reported-speech', appositive.description);
        continue;
      }
      // ", said the spokesman." after the content; an appositive may follow the name
      // (", said Brig. Gen. Karim al-Saadi, a spokesman for the command.").
      // A full stop inside the sentence belongs to an abbreviation ("Brig. Gen.").
      let last = cueLast;
      while (words[last + 1] && !/^[,!?;]$/.test(words[last + 1]!.text) && !(words[last + 1]!.text === '.' && last + 2 >= words.length)) last++;
      const phrase = words.slice(cueLast + 1, last + 1);
      if (phrase.length > 0 && phrase.length <= MAX_INVERTED_SPEAKER_WORDS && !phrase.some((w) => w.lower === 'that')) {
        const content = contentBefore(i);
        if (content) add({ view, first: cueLast + 1, last }, cue, content, 'reported-speech', appositiveAfter(last));
        continue;
      }
      // Any other parenthesis: "a coalition spokesman, Col. Daniel Reyes, told ...". A name
      // between the commas is the speaker, and the phrase before it describes them.
      const parenthesis = words.slice(0, i - 1).findLastIndex((w) => w.text === ',');
      const before = parenthesis > 0 ? speakerBefore(parenthesis) : null;
      const content = before ? contentAfter(cueLast + 1, verb) : null;
      if (!before || !content) continue;
      const name = { view, first: parenthesis + 1, last: i - 2 };
      if (isName(name.first, name.last)) add(name, cue, content, 'reported-speech', before);
      else add(before, cue, content, 'reported-speech');
    }
  }

  // Quotations nobody is credited with: a quotation that fills its own lines is a block quote.
  for (const q of quotes) {
    if (consumed.has(q) || !fillsLines(text, q)) continue;
    drafts.push({ speaker: UNATTRIBUTED, speakerKind: 'anonymous', affiliation: null, cueStart: null, cueEnd: null, start: q.start, end: q.end, form: 'block-quote', outer: { start: q.start, end: q.end } });
  }
  return withParents(drafts);
}

/** Start offsets of the tokens inside a time mention ("on Monday" is no speaker). */
function timeWordStarts(analysis: Readonly<Analysis>): Set<number> {
  const starts = new Set<number>();
  for (const t of analysis.times) {
    for (let k = firstStartingAtOrAfter(analysis.tokens, t.start); k < analysis.tokens.length && analysis.tokens[k]!.start < t.end; k++) {
      if (analysis.tokens[k]!.end <= t.end) starts.add(analysis.tokens[k]!.start);
    }
  }
  return starts;
}

/** A dash with a space on either side separates ("BAGHDAD (Demo Wire) - Iraqi ..."); inside a name it joins ("Counter-Terrorism"). */
function isSpacedDash(words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  if (!/^[-–—]$/.test(w.text)) return false;
  return (!!words[i - 1] && words[i - 1]!.end < w.start) || (!!words[i + 1] && words[i + 1]!.start > w.end);
}

function fillsLines(text: string, q: Quote): boolean {
  const lineStart = text.lastIndexOf('\n', q.open - 1) + 1;
  const lineEnd = text.indexOf('\n', q.close);
  return !text.slice(lineStart, q.open).trim() && !text.slice(q.close, lineEnd < 0 ? text.length : lineEnd).trim();
}

function findAhead(set: PhraseSet, words: readonly Word[], from: number, window: number): { first: number; last: number } | null {
  for (let k = from; k < Math.min(words.length, from + window); k++) {
    const m = set.matchAt(words, k);
    if (m) return { first: k, last: k + m.length - 1 };
  }
  return null;
}

function withParents(drafts: Draft[]): Statement[] {
  const sorted = [...drafts].sort((a, b) => a.outer.start - b.outer.start || (b.end - b.start) - (a.end - a.start));
  const contents = new SpanIndex(sorted.map((d, index) => ({ start: d.start, end: d.end, index })));
  return sorted.map((d, index) => {
    // The parent is the shortest longer statement whose content holds this one's cue and content.
    let parent: number | null = null;
    for (const p of contents.containing(d.outer.start, d.outer.end)) {
      const size = p.end - p.start;
      if (p.index !== index && size > d.end - d.start && (parent === null || size < sorted[parent]!.end - sorted[parent]!.start)) parent = p.index;
    }
    return {
      speaker: d.speaker, speakerKind: d.speakerKind, affiliation: d.affiliation, cueStart: d.cueStart, cueEnd: d.cueEnd,
      start: d.start, end: d.end, form: d.form, parent,
    };
  });
}
