import type { ActorMention, Corridor, DocumentMeta, Event, Extraction, Message, PlaceMention, Sentence, Statement, TimeMention, Span } from './types.js';
import { segment, type Token } from './text/segment.js';

/**
 * The working state a document carries through the pipeline. Each stage reads
 * it and returns only the fields it adds or refines; the pipeline merges them.
 * Nothing in here is ever mutated in place.
 */
export interface Analysis {
  document: DocumentMeta;
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
  return named('segment', (a) => segment(a.document.text));
}

export function emptyAnalysis(document: DocumentMeta): Analysis {
  return {
    document, sentences: [], paragraphs: [], tokens: [], places: [], actors: [], times: [],
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

export function toExtraction(a: Analysis): Extraction {
  const { id, title, url, outlet, publishedAt } = a.document;
  return {
    document: { id, title, url, outlet, publishedAt },
    places: a.places, actors: a.actors, times: a.times, events: a.events,
    statements: a.statements, sentences: a.sentences, corridors: a.corridors, messages: a.messages,
  };
}
