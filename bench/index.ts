/**
 * `npm run bench [-- --json] [-- --docs N]`: throughput per stage and for the
 * whole pipeline on one core, peak memory and gazetteer load time, on the
 * demo corpus, a seeded synthetic corpus and the GeoWebNews texts (when
 * present), beside a peer (compromise's `.places()`) measured on the same
 * texts. Ratios matter more than absolute figures, which vary by machine.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { loadGeoResources, geoparseText, type GeoResources } from '../src/geo/index.js';
import { createDefaultPipeline } from '../src/default-pipeline.js';
import type { Pipeline } from '../src/pipeline.js';
import { expandInputs, loadInput, prepareDocument } from '../src/ingest/index.js';
import type { DocumentMeta } from '../src/types.js';
import { readEvalCorpus, goldToponyms, type EvalCorpus } from '../src/geo/eval/corpus.js';
import { matchSpans, taggingScore, type Prediction } from '../src/geo/eval/metrics.js';
import { syntheticCorpus } from './synthetic.js';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const docsArg = args.indexOf('--docs');
const syntheticCount = docsArg >= 0 ? Number(args[docsArg + 1]) : 10_000;
const root = fileURLToPath(new URL('../../', import.meta.url));
const GWN = fileURLToPath(new URL('../../../shared/eval/geowebnews/GWN.xml', import.meta.url));

function log(line: string): void {
  if (!asJson) process.stdout.write(`${line}\n`);
}

function documentOf(id: string, text: string, publishedAt: string | null = null, outlet: string | null = null): DocumentMeta {
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

interface CorpusRun {
  name: string;
  documents: number;
  megabytes: number;
  pipeline: { docsPerSec: number; mbPerSec: number };
  stages: Record<string, { msPerDoc: number; docsPerSec: number }>;
  geoparse: { docsPerSec: number };
  peer: { name: string; docsPerSec: number };
}

function runCorpus(name: string, docs: DocumentMeta[], pipeline: Pipeline, geo: GeoResources): CorpusRun {
  const megabytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / 1e6;
  // Warm up the JIT on a few documents so the first ones do not dominate small corpora.
  for (const d of docs.slice(0, 20)) pipeline.analyse(d);
  const stageMs = new Map<string, number>();
  const trace = (stage: string, ms: number) => stageMs.set(stage, (stageMs.get(stage) ?? 0) + ms);
  let started = performance.now();
  for (const d of docs) pipeline.analyse(d, trace);
  const pipelineSec = (performance.now() - started) / 1000;

  started = performance.now();
  for (const d of docs) geoparseText(d.text, geo);
  const geoSec = (performance.now() - started) / 1000;

  started = performance.now();
  for (const d of docs) nlp(d.text).places().json({ offset: true });
  const peerSec = (performance.now() - started) / 1000;

  const stages: CorpusRun['stages'] = {};
  for (const [stage, ms] of stageMs) stages[stage] = { msPerDoc: round(ms / docs.length, 3), docsPerSec: Math.round(docs.length / (ms / 1000)) };
  return {
    name, documents: docs.length, megabytes: round(megabytes, 2),
    pipeline: { docsPerSec: Math.round(docs.length / pipelineSec), mbPerSec: round(megabytes / pipelineSec, 2) },
    stages,
    geoparse: { docsPerSec: Math.round(docs.length / geoSec) },
    peer: { name: 'compromise', docsPerSec: Math.round(docs.length / peerSec) },
  };
}

/** Exact-span geotagging F1 on GeoWebNews for Corridor and for the peer, with the same matching code. */
function geotaggingF1(corpus: EvalCorpus, geo: GeoResources): { corridor: number; peer: number } {
  let corridorTp = 0, corridorPred = 0, peerTp = 0, peerPred = 0, gold = 0;
  for (const doc of corpus.documents) {
    const g = goldToponyms(doc, corpus.format, true);
    gold += g.length;
    const ours: Prediction[] = geoparseText(doc.text, geo).places.map((p) => ({ start: p.start, end: p.end, lat: p.lat, lon: p.lon }));
    const theirs: Prediction[] = (nlp(doc.text).places().json({ offset: true }) as { offset: { start: number; length: number } }[])
      .map(({ offset }) => {
        // compromise's offsets take in trailing punctuation ("Syria."); trim it as a reader would.
        const raw = doc.text.slice(offset.start, offset.start + offset.length);
        return { start: offset.start, end: offset.start + raw.replace(/[\s.,;:!?'"”’)]+$/u, '').length, lat: null, lon: null };
      });
    corridorPred += ours.length;
    peerPred += theirs.length;
    corridorTp += matchSpans(g, ours, false).length;
    peerTp += matchSpans(g, theirs, false).length;
  }
  return { corridor: taggingScore(corridorTp, corridorPred, gold).f1, peer: taggingScore(peerTp, peerPred, gold).f1 };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const rssBefore = process.memoryUsage().rss;
let started = performance.now();
const geo = loadGeoResources();
const gazetteer = { loadMs: Math.round(performance.now() - started), rssMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6) };
log(`gazetteer: loaded in ${gazetteer.loadMs} ms, +${gazetteer.rssMb} MB resident`);
const pipeline = await createDefaultPipeline({ geo, focus: [] });

const runs: CorpusRun[] = [];
const demo = await demoDocuments();
runs.push(runCorpus('demo', demo, pipeline, geo));
const synthetic = syntheticCorpus(syntheticCount).map((d) => documentOf(d.id, d.text, d.publishedAt, d.outlet));
runs.push(runCorpus(`synthetic-${syntheticCount}`, synthetic, pipeline, geo));
let f1: { corridor: number; peer: number } | null = null;
if (existsSync(GWN)) {
  const corpus = readEvalCorpus(GWN);
  runs.push(runCorpus('geowebnews', corpus.documents.map((d) => documentOf(`gwn-${d.id}`, d.text)), pipeline, geo));
  f1 = geotaggingF1(corpus, geo);
}

for (const r of runs) {
  log(`\n${r.name}: ${r.documents} documents, ${r.megabytes} MB`);
  log(`  pipeline    ${String(r.pipeline.docsPerSec).padStart(7)} docs/s  ${r.pipeline.mbPerSec} MB/s`);
  for (const [stage, s] of Object.entries(r.stages)) log(`  ${stage.padEnd(11)} ${String(s.docsPerSec).padStart(7)} docs/s  ${s.msPerDoc} ms/doc`);
  log(`  geoparse    ${String(r.geoparse.docsPerSec).padStart(7)} docs/s (segmentation + recognition + resolution)`);
  log(`  peer        ${String(r.peer.docsPerSec).padStart(7)} docs/s (${r.peer.name} .places())  -> Corridor geoparse is ${round(r.geoparse.docsPerSec / r.peer.docsPerSec, 2)}x`);
}
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const main = runs.find((r) => r.name.startsWith('synthetic'))!;
if (f1) log(`\ngeotagging F1 on GeoWebNews (exact spans): Corridor ${f1.corridor}, compromise ${f1.peer} (ratio ${round(f1.corridor / f1.peer, 2)})`);
log(`peak resident memory: ${peakRssMb} MB`);

if (asJson) {
  process.stdout.write(`${JSON.stringify({
    pipeline: { docsPerSec: main.pipeline.docsPerSec, mbPerSec: main.pipeline.mbPerSec, peakRssMb },
    geoparse: { docsPerSec: main.geoparse.docsPerSec },
    gazetteer,
    peer: { name: 'compromise', docsPerSec: main.peer.docsPerSec, f1: f1?.peer ?? null },
    corridor: { f1: f1?.corridor ?? null },
    corpora: runs,
  }, null, 2)}\n`);
}
