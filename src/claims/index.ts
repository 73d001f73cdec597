import { named, type Stage } from '../pipeline.js';
import type { Attribution, DocumentMeta, Event, EventTime, Modality, SourceLink, Span, Statement } from '../types.js';
import { lastStartingAtOrBefore, SpanIndex } from '../text/span-index.js';
import { sentenceViews, type SentenceView } from '../text/sentence-view.js';
import { loadModalityCues, type CueClass, type ModalityCueLexicon } from './lexicon.js';
import { assess, isQuestion, sentenceMarkers } from './modality.js';
import { sentenceStance } from './stance.js';
import { findStatements } from './statements.js';

export { loadModalityCues, compileModalityCues, type ModalityCueLexicon } from './lexicon.js';
export { findQuotes, type Quote } from './quotes.js';
export { UNATTRIBUTED } from './resolver.js';
export { RECOGNISERS, type Recogniser, type Candidate } from './recognisers.js';

export interface ClaimsOptions {
  cues?: ModalityCueLexicon;
}

/** The document's own voice: who speaks when nobody else is cited. */
function authorAttribution(document: Pick<DocumentMeta, 'author' | 'outlet'>): Attribution {
  const source = document.author ?? document.outlet ?? 'author';
  return { source, sourceKind: 'author', cueStart: null, cueEnd: null, chain: [{ source, sourceKind: 'author', affiliation: null, cueStart: null, cueEnd: null }], rule: 'claims:author' };
}

function link(s: Statement): SourceLink {
  return { source: s.speaker, sourceKind: s.speakerKind, affiliation: s.affiliation, cueStart: s.cueStart, cueEnd: s.cueEnd };
}

/** The chain of statements, outermost first, around the innermost non-author statement holding the span. */
function carrier(statements: readonly Statement[], position: ReadonlyMap<Statement, number>, reported: SpanIndex<Statement>, at: Span): Statement[] {
  // The shortest holder is the innermost; among equals, the first found.
  const innermost = reported.containing(at.start, at.end)
    .reduce<Statement | null>((best, s) => (!best || s.end - s.start < best.end - best.start ? s : best), null);
  const chain: Statement[] = [];
  for (let index: number | null = innermost ? position.get(innermost)! : null; index !== null; index = statements[index]!.parent) chain.unshift(statements[index]!);
  return chain;
}

/** Index of the sentence view holding `offset` (views are in text order); the first view when none starts before it. */
function viewAt(views: readonly SentenceView[], offset: number): number {
  return Math.max(0, lastStartingAtOrBefore(views, offset));
}

/** What a statement's cue says about its speaker's commitment; "did not deny" reports, "did not confirm" hedges. */
function statementCueClass(s: Statement, views: readonly SentenceView[], lexicon: ModalityCueLexicon): CueClass {
  if (s.cueStart === null || s.form === 'according-to') return 'reported';
  const view = views[viewAt(views, s.cueStart)];
  const cueWords = view && s.cueStart < view.end ? view.words.filter((w) => w.start >= s.cueStart! && w.end <= s.cueEnd!) : [];
  const verb = lexicon.reporting.findAll(cueWords)[0]?.value.class ?? 'reported';
  if (!lexicon.negators.someIn(cueWords)) return verb;
  return verb === 'denied' ? 'reported' : 'unconfirmed';
}

const NOT_YET: ReadonlySet<Modality> = new Set(['planned', 'conditional']);

/**
 * An event told as having happened happened by the time it was told: a
 * window that runs past the publication day ("said this week" read as the
 * whole calendar week) ends on that day. Plans and conditions keep theirs.
 */
function happenedBy(time: EventTime, modality: Modality, publishedAt: string | null): EventTime {
  const published = publishedAt?.slice(0, 10);
  if (!published || NOT_YET.has(modality) || time.from === null || time.to === null) return time;
  // Only whole days compare as text.
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(published) || !day.test(time.from) || !day.test(time.to)) return time;
  return time.from <= published && time.to > published ? { ...time, to: published } : time;
}

/**
 * The claims stage: finds statements, attributes every event to the
 * innermost one that carries it (else to the author), labels its modality
 * and FactBank factuality, adds PLOVER contexts (future, hypothetical,
 * negation), and gives every sentence a stance. Returns new arrays.
 *
 * @example
 * const pipeline = createPipeline([segmentStage(), ..., events(), claims()]);
 */
export function claims(options: ClaimsOptions = {}): Stage {
  const lexicon = options.cues ?? loadModalityCues();
  return named('claims', (analysis) => {
    const { document } = analysis;
    const author = authorAttribution(document);
    const views = sentenceViews(analysis);
    const { statements, messages } = findStatements(analysis, views, lexicon, author.source);
    const dates = new SpanIndex(analysis.times);
    const markers = views.map((v) => sentenceMarkers(v, lexicon, dates.overlapping(v.start, v.end)));
    const questions = analysis.sentences.map((s) => isQuestion(analysis.text, s, lexicon));

    const cueClasses = new Map<Statement, CueClass>();
    const cueClass = (s: Statement | undefined): CueClass | null => {
      if (!s) return null;
      let found = cueClasses.get(s);
      if (!found) cueClasses.set(s, found = statementCueClass(s, views, lexicon));
      return found;
    };

    const position = new Map(statements.map((s, i) => [s, i]));
    const others = statements.filter((s) => s.speakerKind !== 'author');
    const reported = new SpanIndex(others);
    const events = analysis.events.map((event): Event => {
      const chain = carrier(statements, position, reported, event.trigger);
      const innermost = chain.at(-1);
      const attribution: Attribution = innermost
        ? { source: innermost.speaker, sourceKind: innermost.speakerKind, cueStart: innermost.cueStart, cueEnd: innermost.cueEnd, chain: [author.chain[0]!, ...chain.map(link)], rule: innermost.rule }
        : author;
      const si = viewAt(views, event.trigger.start);
      const { modality, factuality, contexts } = assess(event, views[si]!, markers[si]!, questions[si]!, innermost ?? null, cueClass(innermost), attribution, lexicon);
      const plover = event.plover && contexts.length ? { ...event.plover, context: [...new Set([...event.plover.context, ...contexts])] } : event.plover;
      return { ...event, attribution, modality, factuality, plover, time: happenedBy(event.time, modality, document.publishedAt) };
    });

    const cues = new SpanIndex(others.filter((o) => o.cueStart !== null).map((o) => ({ start: o.cueStart!, end: o.cueStart! + 1, statement: o })));
    const sentences = analysis.sentences.map((s, i) => {
      const touching = new Set([...reported.overlapping(s.start, s.end), ...cues.overlapping(s.start, s.end).map((c) => c.statement)]);
      const around = [...touching].sort((a, b) => position.get(a)! - position.get(b)!);
      return { ...s, stance: sentenceStance(s, views[i]!, analysis.text, markers[i]!, questions[i]!, around, lexicon) };
    });
    return { events, statements, sentences, messages };
  });
}
