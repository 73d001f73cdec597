/**
 * Runs Corridor's default pipeline on an evaluation set and scores the
 * events it finds.
 */
import { createDefaultPipeline } from '../../default-pipeline.js';
import { documentId, normaliseText } from '../../ingest/index.js';
import type { Pipeline } from '../../pipeline.js';
import type { DocumentMeta } from '../../types.js';
import type { Predicted } from './metrics.js';
import { loadEventCues } from '../lexicon.js';
import { scoreEventLocation, type EventLocationReport } from './score-event-location.js';
import { scorePlover, type PloverReport } from './score-plover.js';
import { scoreWikiEvents, type WikiEventsReport } from './score-wikievents.js';
import type { EventSet } from './sets.js';
import { loadEventEvalTypes, type EventEvalTypes } from './type-map.js';
import { verbLemmatiser } from './verb-lemma.js';

export type EventEvalReport = WikiEventsReport | EventLocationReport | PloverReport;

/**
 * A set's text as a document. The sets are English news, so the language is
 * stated rather than detected: detection adds nothing the scores read and
 * took a third of the time on the event-location set's 4,624 sentences.
 */
export function evalDocument(text: string, publishedAt: string | null): DocumentMeta {
  return {
    id: documentId(normaliseText(text)), title: null, url: null, outlet: null, author: null,
    publishedAt, publishedAtSource: publishedAt ? 'metadata' : null, language: 'eng', text,
  };
}

/**
 * Scores the events of `set`, extracting with `pipeline` (default: the
 * default pipeline, loaded once for the whole set). `details`: the report
 * lists what it missed, where the set's scorer can say (event-location).
 *
 * @example
 * const report = await evaluateEvents(readEventSet('plover'));
 */
export async function evaluateEvents(set: EventSet, options: { pipeline?: Pipeline; types?: EventEvalTypes; details?: boolean } = {}): Promise<EventEvalReport> {
  const pipeline = options.pipeline ?? await createDefaultPipeline();
  const types = options.types ?? loadEventEvalTypes();
  const extract = (text: string, publishedAt: string | null): Predicted => pipeline.extract(evalDocument(text, publishedAt));
  switch (set.kind) {
    case 'wikievents':
      return scoreWikiEvents(set.documents, set.documents.map((d) => extract(d.text, d.publishedAt)), types.kairos, set.file);
    case 'event-location':
      return scoreEventLocation(set.records, set.records.map((r) => extract(r.text, null)), set.file,
        options.details ? { lemma: verbLemmatiser(loadEventCues()) } : {});
    case 'plover':
      return scorePlover(set.records, set.records.map((r) => extract(r.text, r.publishedAt)), types, set.file);
  }
}
