import type { Sentence, Stance, Statement } from '../types.js';
import type { SentenceView } from '../text/sentence-view.js';
import type { ModalityCueLexicon } from './lexicon.js';
import type { FoundMarker } from './modality.js';

const REPORTED_COVERAGE = 0.5;

function covered(sentence: Sentence, statements: readonly Statement[]): number {
  let total = 0;
  let reach = sentence.start;
  const spans = statements
    .map((s) => ({ start: Math.max(s.start, sentence.start), end: Math.min(s.end, sentence.end) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start);
  for (const s of spans) {
    const from = Math.max(s.start, reach);
    if (s.end > from) total += s.end - from;
    reach = Math.max(reach, s.end);
  }
  return total / (sentence.end - sentence.start);
}

/**
 * The stance of a sentence, given the statements of speakers other than the author around it; first that applies: a question; reported (mostly
 * inside what someone else says, or framing it: "X said that ..."); opinion
 * (opinion markers, evaluative words, an exclamation); speculation (the
 * author hedging); otherwise fact.
 */
export function sentenceStance(
  sentence: Sentence, view: SentenceView, text: string, markers: readonly FoundMarker[], question: boolean,
  statements: readonly Statement[], lexicon: ModalityCueLexicon,
): Stance {
  if (question) return 'question';
  const frames = statements.some((s) => s.cueStart !== null && s.cueStart >= sentence.start && s.cueStart < sentence.end && s.end > sentence.start && s.start < sentence.end);
  if (frames || covered(sentence, statements) >= REPORTED_COVERAGE) return 'reported';
  const body = text.slice(sentence.start, sentence.end).replace(/["'”’)\]\s]+$/u, '');
  const evaluative = lexicon.evaluative.findAll(view.words).some((m) => !view.words[m.first]!.named);
  if (markers.some((m) => m.marker.stance === 'opinion') || evaluative || (lexicon.exclamationIsOpinion && body.endsWith('!'))) return 'opinion';
  if (markers.some((m) => m.marker.stance === 'speculation')) return 'speculation';
  return 'fact';
}
