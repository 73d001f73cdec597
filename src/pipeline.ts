import type { ActorMention, Corridor, DocumentMeta, Event, Extraction, Message, PlaceMention, Sentence, Statement, TimeMention, Span } from './types.js';
import { segment, type Token } from './text/segment.js';
import { givenOffset, workingText } from './text/working-text.js';

/**
 * The working state a document carries through the pipeline. Each stage reads
 * it and returns only the fields it adds or refines; the pipeline merges them.
 * Nothing in here is ever mutated in place.
 */
export interface Analysis {
  document: DocumentMeta;
  /**
   * What the stages read, and what every offset below indexes: the document
   * text made uniform (see `workingText`). Stages never read `document.text`.
   */
  text: string;
  /** Where each offset into `text` falls in `document.text`, null when nowhere else; `toExtraction` applies it. */
  givenOffsets: Int32Array | null;
  sentences: Sentence[];
  paragraphs: Span[];
  tokens: Token[];
  places: PlaceMention[];
  actors: ActorMention[];
  times: TimeMention[];
  events: Event[];
  statements: Statement[];
  corridors: Corridor[];
  messages: Message[];
}

/** A pipeline stage: a pure function of the analysis so far (plus read-only resources bound at creation). */
export type Stage = ((analysis: Readonly<Analysis>) => Partial<Analysis>) & { stageName?: string };

/** Names a stage so debug traces and benchmarks can report it. */
export function named(stageName: string, fn: (analysis: Readonly<Analysis>) => Partial<Analysis>): Stage {
  return Object.assign(fn, { stageName });
}

/** The first stage of every pipeline: paragraphs, sentences and tokens. */
export function segmentStage(): Stage {
  return named('segment', (a) => segment(a.text));
}

export function emptyAnalysis(document: DocumentMeta): Analysis {
  const { text, givenOffsets } = workingText(document.text);
  return {
    document, text, givenOffsets, sentences: [], paragraphs: [], tokens: [], places: [], actors: [], times: [],
    events: [], statements: [], corridors: [], messages: [],
  };
}

/** Called after each stage with its name and duration in milliseconds (benchmarks, debug traces). */
export type StageTrace = (stageName: string, ms: number) => void;

export interface Pipeline {
  stages: readonly Stage[];
  analyse(document: DocumentMeta, trace?: StageTrace): Analysis;
  extract(document: DocumentMeta): Extraction;
}

/**
 * Composes stages in order, unified-style.
 *
 * @example
 * const pipeline = createPipeline([segmentStage(), geoparse({gazetteer}), ...]);
 * const extraction = pipeline.extract(document);
 */
export function createPipeline(stages: readonly Stage[]): Pipeline {
  const analyse = (document: DocumentMeta, trace?: StageTrace): Analysis => {
    let analysis = emptyAnalysis(document);
    for (const stage of stages) {
      const started = trace ? performance.now() : 0;
      const added = stage(analysis);
      if (trace) trace(stage.stageName ?? stage.name ?? 'stage', performance.now() - started);
      const messages = added.messages ? [...analysis.messages, ...added.messages] : analysis.messages;
      analysis = { ...analysis, ...added, messages };
    }
    return analysis;
  };
  return { stages, analyse, extract: (document) => toExtraction(analyse(document)) };
}

/**
 * The analysis as the extraction contract states it: every offset moved from
 * the working text to the text as given, and every quoted `text` sliced from
 * the text as given (the two differ where a span crosses a CR or a cluster NFC
 * composed).
 */
export function toExtraction(a: Analysis): Extraction {
  const { id, title, url, outlet, publishedAt, text: given } = a.document;
  const at = (offset: number) => givenOffset(a, offset);
  const atOrNull = (offset: number | null) => (offset === null ? null : at(offset));
  const span = <T extends Span>(s: T): T => ({ ...s, start: at(s.start), end: at(s.end) });
  const quoted = <T extends Span & { text: string }>(s: T): T => {
    const moved = span(s);
    return { ...moved, text: given.slice(moved.start, moved.end) };
  };
  const cue = <T extends { cueStart: number | null; cueEnd: number | null }>(c: T): T => ({ ...c, cueStart: atOrNull(c.cueStart), cueEnd: atOrNull(c.cueEnd) });
  return {
    document: { id, title, url, outlet, publishedAt },
    places: a.places.map(quoted),
    actors: a.actors.map((m) => (m.antecedent ? { ...quoted(m), antecedent: span(m.antecedent) } : quoted(m))),
    times: a.times.map(quoted),
    events: a.events.map((e) => ({
      ...e, evidence: e.evidence.map(span), trigger: quoted(e.trigger),
      attribution: e.attribution && { ...cue(e.attribution), chain: e.attribution.chain.map(cue) },
    })),
    statements: a.statements.map((s) => cue(span(s))),
    sentences: a.sentences.map(span),
    corridors: a.corridors.map((c) => ({ ...quoted(c), waypoints: c.waypoints.map((w) => ({ ...w, start: atOrNull(w.start), end: atOrNull(w.end) })) })),
    messages: a.messages.map((m) => (m.start === undefined || m.end === undefined ? m : { ...m, start: at(m.start), end: at(m.end) })),
  };
}
