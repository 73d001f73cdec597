import { francAll } from 'franc-min';
import { named, type Analysis, type Stage } from '../pipeline.js';

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

/** The language every reading stage is written for: cue words, verbs, month names and actor aliases are English. */
export const READ_LANGUAGE = 'eng';
/**
 * Below this length a language other than English is not trusted enough to
 * say so: of 4,600 English sentences and reports in the evaluation sets,
 * 1-3% of those under 200 characters came out as German, French, Swedish
 * and others, and none of those at 200 or more. A text mostly in another
 * script than Latin is not English at any length.
 */
const NOTICE_MIN_LENGTH = 200;

/**
 * The stage that says what was not read: for a document in a language other
 * than English, one `language:not-read` message naming the language and
 * what the stages could still find. Measured on French, Russian and Arabic
 * texts: places come only from names in Latin letters ("Mossoul") or in Arabic
 * script ("الموصل"), actors only from names in Latin letters ("ISIS"), times
 * only from dates in numbers, and events and statements only
 * from English words, so usually none. It runs last, to count what was found.
 */
export function languageScope(): Stage {
  return named('language', (a) => {
    const { language, text } = a.document;
    if (language === READ_LANGUAGE || language === 'und') return {};
    if (text.length < NOTICE_MIN_LENGTH && latinShare(text) >= 0.5) return {};
    return { messages: [{ ruleId: 'language:not-read', reason: notReadReason(language, a), fatal: false }] };
  });
}

function notReadReason(language: string, a: Readonly<Analysis>): string {
  const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const names = [counted(a.places.length, 'place'), counted(a.actors.length, 'actor'), counted(a.times.length, 'time')];
  const found = a.places.length + a.actors.length + a.times.length > 0 ? names.join(', ') : 'none';
  const stories = a.events.length + a.statements.length === 0
    ? 'extracted no events or statements'
    : `found ${counted(a.events.length, 'event')} and ${counted(a.statements.length, 'statement')} only from English words in it`;
  return `${languageLabel(language)}: Corridor reads English; in this text it recognised only names in Latin letters, place names in Arabic script and dates in numbers (${found}), and ${stories}`;
}

/** `Arabic (arb)`; the code alone when it has no English name. */
export function languageLabel(code: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** The share of letters in the Latin script. */
function latinShare(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters === 0 ? 1 : (text.match(/\p{Script=Latin}/gu)?.length ?? 0) / letters;
}
