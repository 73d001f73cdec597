/**
 * The peer of `npm run bench`, in a process of its own so that its memory
 * never counts as Corridor's: compromise's `.places()` on the same corpora.
 * Prints one JSON object: docs/s per corpus, GeoWebNews F1, peak memory.
 * Usage: node dist/bench/peer.js <syntheticCount>
 */
import nlp from 'compromise';
import { benchCorpora, docsPerSecond, geoWebNews, geotaggingF1, peakRssMb } from './corpora.js';

export interface PeerResult {
  name: string;
  docsPerSec: Record<string, number>;
  f1: number | null;
  peakRssMb: number;
}

function places(text: string) {
  return (nlp(text).places().json({ offset: true }) as { offset: { start: number; length: number } }[]).map(({ offset }) => {
    // compromise's offsets take in trailing punctuation ("Syria."); trim it as a reader would.
    const raw = text.slice(offset.start, offset.start + offset.length);
    return { start: offset.start, end: offset.start + raw.replace(/[\s.,;:!?'"”’)]+$/u, '').length, lat: null, lon: null };
  });
}

const syntheticCount = Number(process.argv[2] ?? 10_000);
const docsPerSec: Record<string, number> = {};
for (const corpus of await benchCorpora(syntheticCount)) {
  for (const d of corpus.documents.slice(0, 20)) places(d.text);
  const started = performance.now();
  for (const d of corpus.documents) places(d.text);
  docsPerSec[corpus.name] = docsPerSecond(corpus.documents.length, performance.now() - started);
}
const gwn = geoWebNews();
const result: PeerResult = { name: 'compromise', docsPerSec, f1: gwn ? geotaggingF1(gwn, places) : null, peakRssMb: peakRssMb() };
process.stdout.write(`${JSON.stringify(result)}\n`);
