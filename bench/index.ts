/**
 * `npm run bench [-- --json] [-- --docs N]`: throughput per stage and for the
 * whole pipeline on one core, peak memory and gazetteer load time, on the
 * demo corpus, a seeded synthetic corpus and the GeoWebNews texts (when
 * present), beside a peer (compromise's `.places()`) measured on the same
 * texts, the time of single long documents up to 10 MB (bench/long-documents.ts),
 * and the cost of fusing one more document as the state grows to
 * 100k events (bench/fusion.ts), and the time to draw the areas of control
 * for a day (bench/control-areas.ts), and the resident memory the pipeline
 * alone needs (bench/pipeline-memory.ts). Ratios matter more than absolute figures,
 * which vary by machine.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadGeoResources, geoparseText, type GeoResources } from '../src/geo/index.js';
import { createDefaultPipeline } from '../src/default-pipeline.js';
import type { Pipeline } from '../src/pipeline.js';
import { benchCorpora, docsPerSecond, geoWebNews, geotaggingF1, peakRssMb, type BenchCorpus } from './corpora.js';
import { benchControlAreas } from './control-areas.js';
import { benchFusion } from './fusion.js';
import { benchLongDocuments } from './long-documents.js';
import type { PeerResult } from './peer.js';
import type { PipelineMemory } from './pipeline-memory.js';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const docsArg = args.indexOf('--docs');
const syntheticCount = docsArg >= 0 ? Number(args[docsArg + 1]) : 10_000;
/** The heap the pipeline-memory run may use: the gazetteer, the lexicons and one document's work fit in it. */
const PIPELINE_OLD_SPACE_MB = 320;

function log(line: string): void {
  if (!asJson) process.stdout.write(`${line}\n`);
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

function runCorpus({ name, documents: docs }: BenchCorpus, pipeline: Pipeline, geo: GeoResources): Omit<CorpusRun, 'peer'> {
  const megabytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / 1e6;
  // Warm up the JIT first (on the whole of a small corpus), so the first documents do not dominate the figure.
  for (const d of docs.slice(0, 200)) pipeline.analyse(d);
  const stageMs = new Map<string, number>();
  const trace = (stage: string, ms: number) => stageMs.set(stage, (stageMs.get(stage) ?? 0) + ms);
  let started = performance.now();
  for (const d of docs) pipeline.analyse(d, trace);
  const pipelineMs = performance.now() - started;

  started = performance.now();
  for (const d of docs) geoparseText(d.text, geo);
  const geoMs = performance.now() - started;

  const stages: CorpusRun['stages'] = {};
  for (const [stage, ms] of stageMs) stages[stage] = { msPerDoc: round(ms / docs.length, 3), docsPerSec: docsPerSecond(docs.length, ms) };
  return {
    name, documents: docs.length, megabytes: round(megabytes, 2),
    pipeline: { docsPerSec: docsPerSecond(docs.length, pipelineMs), mbPerSec: round(megabytes / (pipelineMs / 1000), 2) },
    stages,
    geoparse: { docsPerSec: docsPerSecond(docs.length, geoMs) },
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const geo = loadGeoResources();
const gazetteer = { loadMs: Math.round(performance.now() - started), rssMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6) };
log(`gazetteer: loaded in ${gazetteer.loadMs} ms, +${gazetteer.rssMb} MB resident`);
const pipeline = await createDefaultPipeline({ geo, focus: [] });

const corpora = await benchCorpora(syntheticCount);
const measured = corpora.map((corpus) => runCorpus(corpus, pipeline, geo));
const gwn = geoWebNews();
const corridorF1 = gwn ? geotaggingF1(gwn, (text) => geoparseText(text, geo).places) : null;
// Corridor's peak is taken before the peer runs, and the peer runs in its own process: neither counts the other's memory.
const corridorPeakMb = peakRssMb();
const peerScript = fileURLToPath(new URL('./peer.js', import.meta.url));
const peer = JSON.parse(execFileSync(process.execPath, [peerScript, String(syntheticCount)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as PeerResult;
const runs: CorpusRun[] = measured.map((r) => ({ ...r, peer: { name: peer.name, docsPerSec: peer.docsPerSec[r.name] ?? 0 } }));

for (const r of runs) {
  log(`\n${r.name}: ${r.documents} documents, ${r.megabytes} MB`);
  log(`  pipeline    ${String(r.pipeline.docsPerSec).padStart(7)} docs/s  ${r.pipeline.mbPerSec} MB/s`);
  for (const [stage, s] of Object.entries(r.stages)) log(`  ${stage.padEnd(11)} ${String(s.docsPerSec).padStart(7)} docs/s  ${s.msPerDoc} ms/doc`);
  log(`  geoparse    ${String(r.geoparse.docsPerSec).padStart(7)} docs/s (segmentation + recognition + resolution)`);
  log(`  peer        ${String(r.peer.docsPerSec).padStart(7)} docs/s (${r.peer.name} .places())  -> Corridor geoparse is ${round(r.geoparse.docsPerSec / r.peer.docsPerSec, 2)}x`);
}
const main = runs.find((r) => r.name.startsWith('synthetic'))!;
if (corridorF1 !== null && peer.f1 !== null) {
  log(`\ngeotagging F1 on GeoWebNews (exact spans): Corridor ${round(corridorF1, 3)}, ${peer.name} ${round(peer.f1, 3)} (ratio ${round(corridorF1 / peer.f1, 2)})`);
}
log(`peak resident memory: Corridor ${corridorPeakMb} MB (all corpora in memory), ${peer.name} ${peer.peakRssMb} MB (its own process)`);
// V8 grows its heap far past what is live before it collects; capped, the same run shows what the pipeline needs.
const memoryScript = fileURLToPath(new URL('./pipeline-memory.js', import.meta.url));
const pipelineMemory = JSON.parse(execFileSync(process.execPath, [
  '--max-semi-space-size=32', `--max-old-space-size=${PIPELINE_OLD_SPACE_MB}`, memoryScript, String(syntheticCount),
], { encoding: 'utf8', maxBuffer: 1 << 20 })) as PipelineMemory;
log(`pipeline alone, ${pipelineMemory.documents} documents one at a time, V8 old space capped at ${PIPELINE_OLD_SPACE_MB} MB: peak resident ${pipelineMemory.peakRssMb} MB`);

log('\nlong documents, one at a time (the demo and synthetic texts joined)');
const longDocuments = benchLongDocuments(pipeline, corpora.filter((c) => c.name !== 'geowebnews').flatMap((c) => c.documents), { log });

log('\nfusion: cost of adding one document (5 events) as the state grows');
log('   events  clusters  contradictions   median ms    p95 ms  heap MB');
const fusion = await benchFusion({ log }) as { flatness: number; growToFinalSeconds: number };
log(`100k/1k median ratio: ${fusion.flatness} (flat is ~1); grown in ${fusion.growToFinalSeconds} s`);

log('\nareas of control for one day (seeded settlements in Syria and Iraq, cut to 1:50m countries)');
log('   sites   median ms');
const controlAreas = benchControlAreas({ log });

if (asJson) {
  process.stdout.write(`${JSON.stringify({
    pipeline: { docsPerSec: main.pipeline.docsPerSec, mbPerSec: main.pipeline.mbPerSec, peakRssMb: corridorPeakMb, alone: { ...pipelineMemory, oldSpaceMb: PIPELINE_OLD_SPACE_MB } },
    geoparse: { docsPerSec: main.geoparse.docsPerSec },
    gazetteer,
    peer: { name: peer.name, docsPerSec: main.peer.docsPerSec, f1: peer.f1, peakRssMb: peer.peakRssMb },
    corridor: { f1: corridorF1 },
    corpora: runs,
    longDocuments,
    fusion,
    controlAreas,
  }, null, 2)}\n`);
}
