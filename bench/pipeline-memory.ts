/**
 * The resident memory of the whole pipeline, in a process of its own: the
 * gazetteer and lexicons loaded, then every benchmark document analysed one
 * at a time, each result dropped as a stream ingest drops it once stored.
 * `npm run bench`'s own peak also counts every corpus and result it holds.
 * Prints one JSON object. Usage: node dist/bench/pipeline-memory.js <syntheticCount>
 */
import { loadGeoResources } from '../src/geo/index.js';
import { createDefaultPipeline } from '../src/default-pipeline.js';
import { benchCorpora, peakRssMb } from './corpora.js';

export interface PipelineMemory {
  documents: number;
  peakRssMb: number;
}

const syntheticCount = Number(process.argv[2] ?? 10_000);
const pipeline = await createDefaultPipeline({ geo: loadGeoResources(), focus: [] });
let documents = 0;
for (const corpus of await benchCorpora(syntheticCount)) {
  for (const d of corpus.documents) {
    pipeline.analyse(d);
    documents++;
  }
}
const result: PipelineMemory = { documents, peakRssMb: peakRssMb() };
process.stdout.write(`${JSON.stringify(result)}\n`);
