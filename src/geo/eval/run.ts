import type { GeoResources } from '../index.js';
import { geocodeSpans, geoparseText } from '../index.js';
import { goldToponyms, type EvalCorpus, type GoldToponym } from './corpus.js';
import { distanceKm } from '../distance.js';
import { geocodingScore, matchSpans, MAX_CORRECT_KM, MAX_ERROR_KM, taggingScore, type GeocodingScore, type Prediction, type TaggingScore } from './metrics.js';
import type { Baseline } from './baselines.js';

export interface EvalReport {
  corpus: string;
  system: string;
  mode: 'end-to-end' | 'gold-spans';
  documents: number;
  geotagging: TaggingScore & { overlap: TaggingScore } | null;
  geocoding: GeocodingScore | null;
  /** Gold toponyms placed more than 161 km from their gold point (or not placed), for reading. */
  errors: GeocodingError[];
}

export interface GeocodingError { document: string; text: string; gold: [number, number]; placed: string | null; km: number }

type Predict = (doc: EvalCorpus['documents'][number]) => Prediction[];

function score(corpus: EvalCorpus, system: string, mode: EvalReport['mode'], predict: Predict, geocodes: boolean): EvalReport {
  const hasCoordinates = corpus.format !== 'brat';
  let exactTp = 0, overlapTp = 0, predicted = 0, goldCount = 0;
  const errors: number[] = [];
  const listed: GeocodingError[] = [];
  for (const doc of corpus.documents) {
    const gold = goldToponyms(doc, corpus.format, hasCoordinates);
    const preds = predict(doc);
    predicted += preds.length;
    goldCount += gold.length;
    exactTp += matchSpans(gold, preds, false).length;
    const pairs = mode === 'gold-spans' ? matchSpans(gold, preds, false) : matchSpans(gold, preds, true);
    overlapTp += pairs.length;
    if (geocodes && hasCoordinates) {
      const miss = (g: GoldToponym, p: Prediction | null, km: number): void => {
        errors.push(km);
        if (km > MAX_CORRECT_KM) listed.push({ document: doc.id, text: g.text, gold: [g.lat!, g.lon!], placed: p?.label ?? null, km: Math.round(km) });
      };
      for (const [g, p] of pairs) miss(g, p, p.lat === null || p.lon === null ? MAX_ERROR_KM : distanceKm({ lat: g.lat!, lon: g.lon! }, { lat: p.lat, lon: p.lon }));
      // In the gold-spans setting a gold toponym the system did not place is an error too.
      if (mode === 'gold-spans') for (const g of gold) if (!pairs.some(([pg]) => pg === g)) miss(g, null, MAX_ERROR_KM);
    }
  }
  return {
    corpus: corpus.name, system, mode, documents: corpus.documents.length,
    geotagging: mode === 'gold-spans' ? null : { ...taggingScore(exactTp, predicted, goldCount), overlap: taggingScore(overlapTp, predicted, goldCount) },
    geocoding: geocodes && hasCoordinates ? geocodingScore(errors) : null,
    errors: listed,
  };
}

/** Scores Corridor on a corpus, end to end or on the gold spans. */
export function evaluateCorridor(corpus: EvalCorpus, resources: GeoResources, mode: EvalReport['mode'], focus?: string[]): EvalReport {
  const predict: Predict = (doc) => {
    const result = mode === 'gold-spans'
      ? geocodeSpans(doc.text, goldToponyms(doc, corpus.format, corpus.format !== 'brat'), resources, { focus })
      : geoparseText(doc.text, resources, { focus });
    // Adjectival place names ("Syrian forces") count: GeoWebNews files them as (non-)literal modifiers.
    return result.places.map((p) => ({ start: p.start, end: p.end, lat: p.lat, lon: p.lon, label: `${p.name}, ${p.country ?? '-'} ${p.featureCode} (${p.resolution})` }));
  };
  return score(corpus, 'corridor', mode, predict, true);
}

/** Scores another system's shipped output with the same code. */
export function evaluateBaseline(corpus: EvalCorpus, baseline: Baseline): EvalReport {
  return score(corpus, baseline.name, 'end-to-end', (doc) => baseline.predictions.get(doc.id) ?? [], baseline.geocodes);
}
