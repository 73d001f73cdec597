import type { Analysis } from '../pipeline.js';
import type { Message, Statement } from '../types.js';
import type { SentenceView } from '../text/sentence-view.js';
import { firstStartingAtOrAfter } from '../text/span-index.js';
import type { ModalityCueLexicon } from './lexicon.js';
import { findBlockQuoteLines, findQuotes } from './quotes.js';
import { StatementReader, type DocumentContext } from './reader.js';
import { RECOGNISERS, type Candidate, type Match, type Recogniser } from './recognisers.js';
import { StatementResolver } from './resolver.js';

/**
 * Finds who says what: every recogniser (src/claims/recognisers.ts) reads
 * each word of each sentence, and the resolver keeps the best reading of
 * each cue, with a message for each reading it drops. Statements come sorted
 * outermost first; `parent` points to the smallest statement whose content
 * holds this one.
 */
export function findStatements(
  analysis: Readonly<Analysis>, views: readonly SentenceView[], lexicon: ModalityCueLexicon, authorName: string,
  recognisers: readonly Recogniser<Match>[] = RECOGNISERS,
): { statements: Statement[]; messages: Message[] } {
  const { text } = analysis;
  const quotes = [...findQuotes(text, analysis.paragraphs), ...findBlockQuoteLines(text, analysis.paragraphs)];
  const resolver = new StatementResolver(analysis, lexicon, authorName);
  const doc: DocumentContext = { text, quotes, lexicon, timeWordStarts: timeWordStarts(analysis), consumed: resolver.consumed };
  for (const view of views) readSentence(new StatementReader(view, doc), recognisers, resolver);
  return { statements: resolver.statements(quotes), messages: resolver.messages };
}

/** Runs the recognisers at each word of a sentence; a match may skip the words it read ("according to **the ministry**"). */
function readSentence(reader: StatementReader, recognisers: readonly Recogniser<Match>[], resolver: StatementResolver): void {
  const { words } = reader;
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.named) continue;
    const candidates: Candidate[] = [];
    let resume = i;
    for (const recogniser of recognisers) {
      const match = recogniser.pattern(reader, i);
      if (!match) continue;
      candidates.push(...recogniser.extract(reader, match));
      resume = Math.max(resume, match.resume);
    }
    resolver.resolve(candidates);
    i = resume;
  }
}

/** Start offsets of the tokens inside a time mention ("on Monday" is no speaker). */
function timeWordStarts(analysis: Readonly<Analysis>): Set<number> {
  const starts = new Set<number>();
  const { tokens } = analysis;
  for (const t of analysis.times) {
    for (let k = firstStartingAtOrAfter(tokens, t.start); k < tokens.length && tokens[k]!.start < t.end; k++) {
      if (tokens[k]!.end <= t.end) starts.add(tokens[k]!.start);
    }
  }
  return starts;
}
