/**
 * A worker process for the crash test: its pipeline announces each document
 * on stdout (`started <id>`) and then blocks on documents containing SLOW, so
 * the test can kill it while it holds the job.
 *
 * Usage: node slow-worker.js <postgres-url>
 */
import { createPipeline, named, segmentStage } from '../../src/pipeline.js';
import { startWorker } from '../../src/queue/index.js';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: slow-worker.js <postgres-url>');
const blocker = new Int32Array(new SharedArrayBuffer(4));
const pipeline = createPipeline([
  segmentStage(),
  named('announce', (analysis) => {
    process.stdout.write(`started ${analysis.document.id}\n`);
    // Holds the job (and the event loop) far longer than the test waits.
    if (analysis.document.text.includes('SLOW')) Atomics.wait(blocker, 0, 0, 120_000);
    return {};
  }),
]);
await startWorker({ url, pipeline, fusion: false, pollingIntervalSeconds: 0.5 });
