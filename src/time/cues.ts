import { z } from 'zod';
import { readJsonResource, resourcePath } from '../resources.js';

const words = z.array(z.string().regex(/^\p{L}+$/u, 'a lead word is one word of letters')).min(1);
const phrases = z.array(z.string().trim().min(1)).min(1);

const cuesSchema = z.object({
  $comment: z.string().optional(),
  monthLeadWords: words,
  weekdayLeadWords: words,
  weekdayNouns: phrases,
  measureUnits: phrases,
  durationLeadWords: words,
  futureCues: phrases,
}).strict();

/** The context words of resources/time-cues.json, compiled once for the refiners. */
export interface TimeCues {
  /** Lower-case words before a bare month name that make it a date ("in June"). */
  monthLeadWords: ReadonlySet<string>;
  /** Lower-case words before a weekday that make it a date whatever follows ("on Monday"). */
  weekdayLeadWords: ReadonlySet<string>;
  /** Matches at the start of the text after a weekday when a noun makes it a name ("Friday prayers"). */
  weekdayNoun: RegExp;
  /** Matches at the start of the text after "March 2" when it is a measure ("March 2 km"). */
  measureUnit: RegExp;
  /** Lower-case words before a count of units that make it a duration ("for three years"). */
  durationLeadWords: ReadonlySet<string>;
  /** Matches a sentence that speaks of the future ("will", "expected"). */
  futureCue: RegExp;
}

/** One alternation of the phrases: escaped, spaces as any run of spaces, a word boundary after a word. */
function alternation(phrases: readonly string[]): string {
  return phrases
    .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+') + (/\w$/.test(phrase) ? '\\b' : ''))
    .join('|');
}

/**
 * Loads and compiles the time cue words (default `resources/time-cues.json`,
 * format in `resources/time-cues.md`). Throws one line naming the file and
 * the first problem.
 *
 * @example
 * const stage = times({cues: loadTimeCues('my-time-cues.json')});
 */
export function loadTimeCues(path?: string): TimeCues {
  const file = path ?? resourcePath('time-cues.json');
  return compileTimeCues(readJsonResource<unknown>('time-cues.json', file), file);
}

export function compileTimeCues(data: unknown, source = '<time cues>'): TimeCues {
  const parsed = cuesSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const lower = (list: readonly string[]) => new Set(list.map((w) => w.toLowerCase()));
  return {
    monthLeadWords: lower(file.monthLeadWords),
    weekdayLeadWords: lower(file.weekdayLeadWords),
    weekdayNoun: new RegExp(`^\\s+(?:${alternation(file.weekdayNouns)})`, 'i'),
    measureUnit: new RegExp(`^\\s*(?:${alternation(file.measureUnits)})`, 'i'),
    durationLeadWords: lower(file.durationLeadWords),
    futureCue: new RegExp(`\\b(?:${alternation(file.futureCues)})`, 'i'),
  };
}
