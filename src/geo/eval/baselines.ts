import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalCorpus } from './corpus.js';
import { readBratAnnotations } from './corpus.js';
import type { Prediction } from './metrics.js';

/** Another system's output, aligned to the corpus documents (by index). */
export interface Baseline {
  name: string;
  /** Whether it geocodes (brat NER outputs only tag). */
  geocodes: boolean;
  predictions: Map<string, Prediction[]>;
}

/**
 * GeoWebNews's brat `.txt` files open with a `TITLE: ... LINK: ...` line, so
 * brat offsets sit that many characters after GWN.xml's. The shift is found
 * per document by locating the XML text inside the brat text.
 */
function bratShift(bratText: string, xmlText: string): number {
  const at = bratText.indexOf(xmlText.slice(0, 200));
  return at < 0 ? bratText.indexOf('\n') + 1 : at;
}

function readBratBaseline(name: string, dir: string, bratTextDir: string, corpus: EvalCorpus): Baseline {
  const predictions = new Map<string, Prediction[]>();
  for (const doc of corpus.documents) {
    const ann = join(dir, `${doc.id}.ann`);
    if (!existsSync(ann)) { predictions.set(doc.id, []); continue; }
    const txt = join(bratTextDir, `${doc.id}.txt`);
    const shift = corpus.format === 'brat' || !existsSync(txt) ? 0 : bratShift(readFileSync(txt, 'utf8'), doc.text);
    predictions.set(doc.id, readBratAnnotations(readFileSync(ann, 'utf8'))
      .map((a) => ({ start: a.start - shift, end: a.end - shift, lat: null, lon: null }))
      .filter((p) => p.start >= 0));
  }
  return { name, geocodes: false, predictions };
}

/** `name,,matched text,,lat,,lon,,start,,end` items joined by `||`, one line per GWN.xml article in order. */
function readGeocodeLines(name: string, file: string, corpus: EvalCorpus): Baseline {
  const lines = readFileSync(file, 'utf8').split('\n');
  const predictions = new Map<string, Prediction[]>();
  corpus.documents.forEach((doc, i) => {
    const items = (lines[i] ?? '').split('||').filter(Boolean).map((item) => item.split(',,'));
    predictions.set(doc.id, items.filter((f) => f.length >= 6).map((f) => ({
      start: Number(f[4]), end: Number(f[5]),
      lat: f[2] === '' ? null : Number(f[2]), lon: f[3] === '' ? null : Number(f[3]),
    })));
  });
  return { name, geocodes: true, predictions };
}

/**
 * Reads every baseline found in a folder laid out like GeoWebNews's
 * `baselines/`: `spacy/` and `google/` (brat) and `gwn_<system>.txt`.
 */
export function readBaselines(dir: string, corpus: EvalCorpus, bratTextDir: string): Baseline[] {
  if (!existsSync(dir)) throw new Error(`${dir}: no such directory`);
  const out: Baseline[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (!entry.includes('.') && readdirSync(path).some((f) => f.endsWith('.ann'))) out.push(readBratBaseline(entry, path, bratTextDir, corpus));
    const m = /^gwn_(\w+)\.txt$/.exec(entry);
    if (m && m[1] !== 'full') out.push(readGeocodeLines(m[1]!, path, corpus));
  }
  return out;
}
