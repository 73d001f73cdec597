import type { Pipeline } from '../pipeline.js';
import type { SaveOutcome, Store } from '../store/store.js';
import { IngestError, loadInput, normaliseDate, prepareDocument, readContent, type RawDocument } from '../ingest/index.js';
import { ERRORS } from './errors.js';

/** The body of POST /api/documents: exactly one of text, html or url, plus optional metadata. */
export interface IngestBody {
  text?: string;
  html?: string;
  url?: string;
  title?: string;
  publishedAt?: string;
  outlet?: string;
}

export interface IngestResult {
  /** Every document the input held (a feed URL holds several), in order. */
  documents: { id: string; outcome: SaveOutcome }[];
}

export interface IngestRunnerOptions {
  store: Store;
  pipeline: () => Promise<Pipeline>;
  /** Called after documents were saved, e.g. to update fusion. */
  afterSave?: (docIds: string[]) => Promise<void>;
}

// How the ingest readers name a posted text or page in their messages.
const POSTED = { input: 'POST /api/documents', source: 'POST /api/documents' };

/**
 * Ingests one posted body: read with the ingest module's readers, prepared
 * and identified by prepareDocument, extracted, saved. Metadata given in the
 * body wins over what the reader found.
 */
export function createIngestRunner({ store, pipeline, afterSave }: IngestRunnerOptions): (body: IngestBody) => Promise<IngestResult> {
  return async (body) => {
    const raws = await readBody(body);
    const documents: IngestResult['documents'] = [];
    for (const raw of raws) {
      const { document, source, messages } = prepareDocument(raw, {
        title: body.title, outlet: body.outlet, publishedAt: body.publishedAt === undefined ? null : normaliseDate(body.publishedAt),
      });
      const extracted = (await pipeline()).extract(document);
      // A posted text has no address of its own, so it is stored without a source: the store
      // would otherwise take each posted text for a new version of the one posted before.
      const storedSource = body.url === undefined ? null : source;
      const outcome = await store.saveDocument(document, { ...extracted, messages: [...messages, ...extracted.messages] }, storedSource);
      documents.push({ id: document.id, outcome });
    }
    const changed = documents.filter((d) => d.outcome !== 'unchanged').map((d) => d.id);
    if (changed.length > 0) await afterSave?.(changed);
    return { documents };
  };
}

async function readBody(body: IngestBody): Promise<RawDocument[]> {
  if (body.url !== undefined) {
    const { documents, errors } = await loadInput({ kind: 'url', url: body.url });
    if (documents.length === 0 && errors.length > 0) throw errors[0];
    return documents;
  }
  const { documents } = body.html !== undefined
    ? readContent('html', body.html, POSTED)
    : readContent('text', body.text ?? '', POSTED);
  return documents;
}

/** A failed job's error: ingest errors keep their catalogue code and message; anything else is internal. */
export function describeIngestFailure(error: unknown): { code: string; message: string } {
  if (error instanceof IngestError) return { code: error.code, message: error.message };
  return { code: ERRORS.INTERNAL.code, message: ERRORS.INTERNAL.message };
}
