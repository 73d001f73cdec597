import type { Pipeline } from '../pipeline.js';
import type { SaveOutcome, Snapshot, Store } from '../store/store.js';
import type { Extraction, Message } from '../types.js';
import { prepareDocument, type RawDocument, type UserMetadata } from './document.js';
import { IngestError, reasonOf } from './errors.js';
import { eachDocument, type InputProgress, type LoadOptions } from './sources.js';

export interface IngestOptions extends LoadOptions, InputProgress {
  store: Store;
  /**
   * The extraction pipeline, or a function that creates it. The function is
   * called once, when the first document not yet stored needs extracting, so
   * re-reading a known corpus loads no resources.
   */
  pipeline: Pipeline | (() => Promise<Pipeline>);
  /**
   * What the user states about the document (`--published`, `--outlet`,
   * `--title`); it wins over the text. An input holding several documents is
   * refused when a title or date is given, as those describe one.
   */
  metadata?: UserMetadata;
  /** Called for each failed input or record, as soon as it fails. */
  onError?: (error: IngestError) => void;
  /**
   * Called with each message of a new extraction that the user should see
   * at once (`NOTICE_RULES`: a language Corridor does not read), with the
   * document's source.
   */
  onNotice?: (source: string, message: Message) => void;
  /** Label of the snapshot recorded when the run changed the store. */
  snapshotLabel?: string | null;
  /**
   * Records the snapshot of a run that changed the store. Callers that keep
   * derived knowledge (fusion) pass a function that refreshes it and records
   * the snapshot with it; the default records a bare snapshot.
   */
  snapshot?: (label: string | null) => Promise<Snapshot>;
}

/** Rule ids of the extraction messages told to the user as documents are ingested. */
export const NOTICE_RULES: ReadonlySet<string> = new Set(['language:not-read']);

export interface IngestedDocument {
  id: string;
  outcome: SaveOutcome;
  /** As stored: for an `unchanged` document, what the store already held. */
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  source: string;
}

export interface IngestSummary {
  /** Files and URLs read (after walking directories). */
  inputs: number;
  new: number;
  unchanged: number;
  updated: number;
  failed: number;
  documents: IngestedDocument[];
  errors: IngestError[];
  /** The snapshot recorded for this run; null when nothing changed. */
  snapshot: Snapshot | null;
}

/**
 * Reads files, directories and URLs into the store: each document is
 * identified, extracted and saved in one transaction. A failing input or
 * record is reported and the batch goes on.
 *
 * @example
 * const summary = await ingest(['examples/demo'], {store, pipeline: () => createDefaultPipeline()});
 * // {inputs: 9, new: 9, unchanged: 0, updated: 0, failed: 0, ...}
 */
export async function ingest(args: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  const { store } = options;
  const summary: IngestSummary = { inputs: 0, new: 0, unchanged: 0, updated: 0, failed: 0, documents: [], errors: [], snapshot: null };
  const fail = (error: IngestError) => {
    summary.failed++;
    summary.errors.push(error);
    options.onError?.(error);
  };
  const pipeline = lazyPipeline(options.pipeline);
  const { metadata = {} } = options;
  summary.inputs = await eachDocument(args, options, fail, async (raw, { index, count }) => {
    if (count > 1 && (metadata.title || metadata.publishedAt)) {
      if (index === 0) throw new IngestError('CORRIDOR_ERR_INGEST_ONE_DOCUMENT', raw.input, { count });
      return;
    }
    const result = await ingestDocument(raw, metadata, store, pipeline, options.onNotice);
    summary[result.outcome]++;
    summary.documents.push(result);
  });

  if (summary.new + summary.updated > 0 || await unfinishedRun(store)) {
    const record = options.snapshot ?? ((label: string | null) => store.createSnapshot(label));
    summary.snapshot = await record(options.snapshotLabel ?? null);
  }
  return summary;
}

/**
 * Whether an earlier run stored documents but was stopped (killed, crashed)
 * before recording its snapshot: the newest snapshot counts fewer documents
 * than the store holds. That run's fusion refresh is then still owed.
 */
async function unfinishedRun(store: Store): Promise<boolean> {
  const latest = (await store.listSnapshots()).at(-1);
  return (latest?.documents ?? 0) !== await store.countDocuments();
}

async function ingestDocument(
  raw: RawDocument, metadata: UserMetadata, store: Store, pipeline: () => Promise<Pipeline>, onNotice: IngestOptions['onNotice'],
): Promise<IngestedDocument> {
  const { document, source, messages } = prepareDocument(raw, metadata);
  const done = (outcome: SaveOutcome, { title, outlet, publishedAt } = document): IngestedDocument => ({ id: document.id, outcome, title, outlet, publishedAt, source });
  // Failures name the record: its line in JSON Lines, its item address in a feed.
  const fail = (code: 'CORRIDOR_ERR_INGEST_EXTRACT' | 'CORRIDOR_ERR_INGEST_STORE', error: unknown) =>
    new IngestError(code, raw.line == null ? source : raw.input, { reason: reasonOf(error) }, raw.line ?? null);
  const stored = await store.getDocument(document.id);
  if (stored) return done('unchanged', stored);

  // A pipeline that cannot be created stops the run (nothing could be extracted); one document failing does not.
  const ready = await pipeline();
  let extraction: Extraction;
  try {
    const extracted = ready.extract(document);
    extraction = { ...extracted, messages: [...messages, ...extracted.messages] };
  } catch (error) {
    throw fail('CORRIDOR_ERR_INGEST_EXTRACT', error);
  }
  for (const message of extraction.messages) if (NOTICE_RULES.has(message.ruleId)) onNotice?.(source, message);
  try {
    return done(await store.saveDocument(document, extraction, source));
  } catch (error) {
    throw fail('CORRIDOR_ERR_INGEST_STORE', error);
  }
}

function lazyPipeline(pipeline: IngestOptions['pipeline']): () => Promise<Pipeline> {
  if (typeof pipeline !== 'function') return () => Promise.resolve(pipeline);
  let created: Promise<Pipeline> | null = null;
  return () => (created ??= pipeline());
}
