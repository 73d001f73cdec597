import type { GeoResources } from '../index.js';
import { geocodeSpans, geoparseText } from '../index.js';
import { goldToponyms, type EvalCorpus } from './corpus.js';
import { distanceKm } from '../distance.js';
import { geocodingScore, matchSpans, MAX_ERROR_KM, taggingScore, type GeocodingScore, type Prediction, type TaggingScore } from './metrics.js';
import type { Baseline } from './baselines.js';

export interface EvalReport {
  corpus: string;
  system: string;
  mode: 'end-to-end' | 'gold-spans';
  documents: number;
  geotagging: TaggingScore & { overlap: TaggingScore } | null;
  geocoding: GeocodingScore | null;
}

type Predict = (doc: EvalCorpus['documents'][number]) => Prediction[];

function score(corpus: EvalCorpus, system: string, mode: EvalReport['mode'], predict: Predict, geocodes: boolean): EvalReport {
  const hasCoordinates = corpus.format !== 'brat';
  let exactTp = 0, overlapTp = 0, predicted = 0, goldCount = 0;
  const errors: number[] = [];
  for (const doc of corpus.documents) {
    const gold = goldToponyms(doc, corpus.format, hasCoordinates);
    const preds = predict(doc);
    predicted += preds.length;
    goldCount += gold.length;
    exactTp += matchSpans(gold, preds, false).length;
    const pairs = mode === 'gold-spans' ? matchSpans(gold, preds, false) : matchSpans(gold, preds, true);
    overlapTp += pairs.length;
    if (geocodes && hasCoordinates) {
      for (const [g, p] of pairs) errors.push(p.lat === null || p.lon === null ? MAX_ERROR_KM : distanceKm({ lat: g.lat!, lon: g.lon! }, { lat: p.lat, lon: p.lon }));
      // In the gold-spans setting a gold toponym the system did not place is an error too.
      if (mode === 'gold-spans') for (let k = pairs.length; k < gold.length; k++) errors.push(MAX_ERROR_KM);
    }
  }
  return {
    corpus: corpus.name, system, mode, documents: corpus.documents.length,
    geotagging: mode === 'gold-spans' ? null : { ...taggingScore(exactTp, predicted, goldCount), overlap: taggingScore(overlapTp, predicted, goldCount) },
    geocoding: geocodes && hasCoordinates ? geocodingScore(errors) : null,
  };
}

/** Scores Corridor on a corpus, end to end or on the gold spans. */
export function evaluateCorridor(corpus: EvalCorpus, resources: GeoResources, mode: EvalReport['mode'], focus?: string[]): EvalReport {
  const predict: Predict = (doc) => {
    const result = mode === 'gold-spans'
      ? geocodeSpans(doc.text, goldToponyms(doc, corpus.format, corpus.format !== 'brat'), resources, { focus })
      : geoparseText(doc.text, resources, { focus });
    // Adjectival place names ("Syrian forces") count: GeoWebNews files them as (non-)literal modifiers.
    return result.places.map((p) => ({ start: p.start, end: p.end, lat: p.lat, lon: p.lon }));
  };
  return score(corpus, 'corridor', mode, predict, true);
}

/** Scores another system's shipped output with the same code. */
export function evaluateBaseline(corpus: EvalCorpus, baseline: Baseline): EvalReport {
  return score(corpus, baseline.name, 'end-to-end', (doc) => baseline.predictions.get(doc.id) ?? [], baseline.geocodes);
}
