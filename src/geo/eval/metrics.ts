import type { GoldToponym } from './corpus.js';

/** A system's toponym: a span and, when it geocodes, coordinates. */
export interface Prediction {
  start: number;
  end: number;
  lat: number | null;
  lon: number | null;
  /** What the system placed it at, for error listings ("Paris, FR PPLC"). */
  label?: string;
}

export interface TaggingScore { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number }

export interface GeocodingScore {
  n: number;
  acc161: number;
  meanKm: number;
  medianKm: number;
  /** Area under the curve of sorted log errors (Gritta et al.); lower is better. */
  auc: number;
}

/**
 * Pairs predictions with gold toponyms one-to-one: exact spans first, then
 * (when `overlap`) spans that share at least one character.
 */
export function matchSpans(gold: readonly GoldToponym[], predicted: readonly Prediction[], overlap: boolean): [GoldToponym, Prediction][] {
  const pairs: [GoldToponym, Prediction][] = [];
  const usedGold = new Set<number>();
  const usedPred = new Set<number>();
  predicted.forEach((p, pi) => {
    const gi = gold.findIndex((g, i) => !usedGold.has(i) && g.start === p.start && g.end === p.end);
    if (gi >= 0) { usedGold.add(gi); usedPred.add(pi); pairs.push([gold[gi]!, p]); }
  });
  if (overlap) {
    predicted.forEach((p, pi) => {
      if (usedPred.has(pi)) return;
      const gi = gold.findIndex((g, i) => !usedGold.has(i) && g.start < p.end && p.start < g.end);
      if (gi >= 0) { usedGold.add(gi); usedPred.add(pi); pairs.push([gold[gi]!, p]); }
    });
  }
  return pairs;
}

export function taggingScore(tp: number, predicted: number, gold: number): TaggingScore {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: round(precision), recall: round(recall), f1: round(f1), tp, fp: predicted - tp, fn: gold - tp };
}

/** Errors in km of geocoded pairs; a pair the system left without coordinates counts as the worst error. */
export function geocodingScore(errorsKm: readonly number[]): GeocodingScore {
  const n = errorsKm.length;
  if (!n) return { n: 0, acc161: 0, meanKm: 0, medianKm: 0, auc: 0 };
  const sorted = [...errorsKm].sort((a, b) => a - b);
  const logs = sorted.map((e) => Math.log(e + 1));
  let area = 0;
  for (let i = 1; i < logs.length; i++) area += (logs[i - 1]! + logs[i]!) / 2;
  const auc = n > 1 ? area / (Math.log(20039) * (n - 1)) : logs[0]! / Math.log(20039);
  const mid = Math.floor(n / 2);
  return {
    n,
    acc161: round(sorted.filter((e) => e <= MAX_CORRECT_KM).length / n),
    meanKm: Math.round(sorted.reduce((s, e) => s + e, 0) / n),
    medianKm: Math.round(n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2),
    auc: round(auc),
  };
}

/** The error within which a toponym counts as right (100 miles, as in the literature). */
export const MAX_CORRECT_KM = 161;

/** The largest distance on Earth: the error of a toponym left without coordinates. */
export const MAX_ERROR_KM = 20039;

const round = (x: number): number => Math.round(x * 1000) / 1000;
