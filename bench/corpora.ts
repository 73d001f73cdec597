/**
 * The corpora every throughput benchmark reads: the demo corpus, a seeded
 * synthetic corpus and, when present, the GeoWebNews texts. Built the same
 * way in every process, so Corridor and its peer read identical texts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expandInputs, loadInput, prepareDocument } from '../src/ingest/index.js';
import type { DocumentMeta } from '../src/types.js';
import { readEvalCorpus, goldToponyms, type EvalCorpus } from '../src/geo/eval/corpus.js';
import { matchSpans, taggingScore, type Prediction } from '../src/geo/eval/metrics.js';
import { syntheticCorpus } from './synthetic.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const GWN = fileURLToPath(new URL('../../../shared/eval/geowebnews/GWN.xml', import.meta.url));

export interface BenchCorpus {
  name: string;
  documents: DocumentMeta[];
}

export function documentOf(id: string, text: string, publishedAt: string | null = null, outlet: string | null = null): DocumentMeta {
  return { id, title: null, url: null, outlet, author: null, publishedAt, publishedAtSource: publishedAt ? 'metadata' : null, language: 'eng', text };
}

async function demoDocuments(): Promise<DocumentMeta[]> {
  const { inputs } = await expandInputs([`${root}examples/demo`]);
  const out: DocumentMeta[] = [];
  for (const input of inputs) {
    const { documents } = await loadInput(input);
    for (const raw of documents) out.push(prepareDocument(raw).document);
  }
  return out;
}

/** GeoWebNews with its gold toponyms, or null when ../shared is absent. */
export function geoWebNews(): EvalCorpus | null {
  return existsSync(GWN) ? readEvalCorpus(GWN) : null;
}

export async function benchCorpora(syntheticCount: number): Promise<BenchCorpus[]> {
  const corpora: BenchCorpus[] = [
    { name: 'demo', documents: await demoDocuments() },
    { name: `synthetic-${syntheticCount}`, documents: syntheticCorpus(syntheticCount).map((d) => documentOf(d.id, d.text, d.publishedAt, d.outlet)) },
  ];
  const gwn = geoWebNews();
  if (gwn) corpora.push({ name: 'geowebnews', documents: gwn.documents.map((d) => documentOf(`gwn-${d.id}`, d.text)) });
  return corpora;
}

/** Exact-span geotagging F1 of a tagger on GeoWebNews, with the evaluation's own matching code. */
export function geotaggingF1(corpus: EvalCorpus, tag: (text: string) => Prediction[]): number {
  let tp = 0, predicted = 0, gold = 0;
  for (const doc of corpus.documents) {
    const g = goldToponyms(doc, corpus.format, true);
    const ours = tag(doc.text);
    gold += g.length;
    predicted += ours.length;
    tp += matchSpans(g, ours, false).length;
  }
  return taggingScore(tp, predicted, gold).f1;
}

export function docsPerSecond(count: number, ms: number): number {
  return Math.round(count / (ms / 1000));
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
