import { francAll } from 'franc-min';

/** Shorter texts are `und`: trigram statistics on a headline-length string are a coin toss. */
const MIN_LENGTH = 40;
/** The opening is enough to tell the language and keeps detection cheap on long documents. */
const SAMPLE = 4000;
/**
 * When the runner-up scores this close to the best (scores are relative, the
 * best is 1), the guess is not trusted: one short English sentence can come
 * out as Romanian 1.000, Dutch 0.994, English 0.969. Long English texts put
 * the runner-up near 0.95-0.97, so the bar sits above that.
 */
const UNSURE_MARGIN = 0.99;

/** ISO 639-3 code of the text's language, `und` when it is too short or unclear. */
export function detectLanguage(text: string): string {
  const [best, runnerUp] = francAll(text.slice(0, SAMPLE), { minLength: MIN_LENGTH });
  if (!best || (runnerUp && runnerUp[1] >= UNSURE_MARGIN)) return 'und';
  return best[0];
}
