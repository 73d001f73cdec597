/**
 * Long documents, one at a time: extraction should grow linearly with length,
 * so a 10 MB document should take ten times a 1 MB one, and the inputs that
 * make backtracking expressions and pairwise loops blow up (long runs of one
 * character or phrase, a long line without a full stop) should take about as
 * long as ordinary text of their length. The reliability tests check that
 * these texts are read with exact spans; this measures how long they take.
 */
import { performance } from 'node:perf_hooks';
import type { Pipeline } from '../src/pipeline.js';
import type { DocumentMeta } from '../src/types.js';
import { documentOf } from './corpora.js';

/** Units repeated into 100 000-character runs; several took minutes to hours before the fixes. */
export const PATHOLOGICAL_UNITS = ['.', '!?', ' ', '\t', '\u00a0', '"', '’', ')', '—', ';', 'a', '😀', '\ud800', '\u202e', 'Mosul ', 'July ', 'IS ', 'Al-', 'said ', '"a" ', 'U.S. '];

/** A run of one unit between two ordinary sentences. */
export function pathologicalRun(unit: string, length = 100_000): string {
  return `Fighters left Mosul. ${unit.repeat(Math.ceil(length / unit.length))}x. They reached Raqqa on July 3.`;
}

/** About 200 000 characters of one sentence repeated without a full stop. */
export function unpunctuatedLine(): string {
  return 'IS fighters left Mosul for Tal Afar through the desert road, officials said '.repeat(2_700);
}

/** The texts of the benchmark corpora repeated up to `bytes` of UTF-8. */
function filledText(texts: readonly string[], bytes: number): string {
  const parts: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const part = `${texts[i % texts.length]}\n\n`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('');
}

function seconds(pipeline: Pipeline, text: string): number {
  const started = performance.now();
  pipeline.extract(documentOf('long', text, '2017-07-11'));
  return Math.round(performance.now() - started) / 1000;
}

export interface LongDocumentsResult {
  oneMegabyteSeconds: number;
  tenMegabytesSeconds: number;
  /** 10 MB time over ten times the 1 MB time: 1 is linear. */
  linearity: number;
  unpunctuatedLineSeconds: number;
  runs: { unit: string; seconds: number }[];
}

export function benchLongDocuments(pipeline: Pipeline, corpora: readonly DocumentMeta[], options: { log?: (line: string) => void } = {}): LongDocumentsResult {
  const log = options.log ?? (() => {});
  const texts = corpora.map((d) => d.text);
  const oneMegabyteSeconds = seconds(pipeline, filledText(texts, 1e6));
  log(`  1 MB document of reports      ${oneMegabyteSeconds.toFixed(1).padStart(6)} s`);
  const tenMegabytesSeconds = seconds(pipeline, filledText(texts, 1e7));
  const linearity = Math.round((tenMegabytesSeconds / (10 * oneMegabyteSeconds)) * 100) / 100;
  log(`  10 MB document of reports     ${tenMegabytesSeconds.toFixed(1).padStart(6)} s  (${linearity} x linear)`);
  const unpunctuatedLineSeconds = seconds(pipeline, unpunctuatedLine());
  log(`  200 000 characters, no stop   ${unpunctuatedLineSeconds.toFixed(1).padStart(6)} s`);
  const runs = PATHOLOGICAL_UNITS.map((unit) => ({ unit, seconds: seconds(pipeline, pathologicalRun(unit)) }));
  const slowest = runs.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const total = runs.reduce((sum, r) => sum + r.seconds, 0);
  log(`  ${runs.length} runs of one unit (100 000 characters each): ${total.toFixed(1)} s in all, slowest ${JSON.stringify(slowest.unit)} ${slowest.seconds.toFixed(1)} s`);
  return { oneMegabyteSeconds, tenMegabytesSeconds, linearity, unpunctuatedLineSeconds, runs };
}
