import type { Attribution, Event, Factuality, Modality, Span, Statement } from '../types.js';
import type { SentenceView } from '../text/sentence-view.js';
import { firstEndingAfter } from '../text/span-index.js';
import { askingWhether, conjunctHead, syntacticMarkers, verbForm } from './complements.js';
import type { CueClass, Marker, ModalityCueLexicon } from './lexicon.js';

const NEAR_WINDOW = 4;
/** How far after the opener of a time clause its verb may stand: "while **federal police** apprehend". */
const TIME_CLAUSE_WINDOW = 5;
const CERTAINTY_RANK: Record<Factuality['certainty'], number> = { certain: 3, probable: 2, possible: 1, underspecified: 0 };

/** A scope marker found in a sentence, with its word range. */
export interface FoundMarker {
  marker: Marker;
  first: number;
  last: number;
  /** The word an infinitive marker governs: the verb after "to". */
  target?: number;
  /** The infinitive is passive ("to **be** later exchanged"): it governs a participle, not a bare verb. */
  passive?: boolean;
  /** A marker right before a preposition hedges the phrase it opens, not a trigger before it ("a strike **apparently** against rebels"). */
  opensPhrase?: boolean;
}

export interface Assessment {
  modality: Modality;
  factuality: Factuality;
  /** PLOVER contexts this adds: future, hypothetical, negation. */
  contexts: string[];
}

/**
 * The markers of one sentence, found once and shared by its events and its
 * stance. A cue word inside a name or a date is no cue: "May" in "in May 2015"
 * is the month the times stage found, not the modal. An "if" after a verb of
 * knowing asks whether ("unable to verify **if** anyone was killed"): it hedges and sets no condition.
 */
export function sentenceMarkers(view: SentenceView, lexicon: ModalityCueLexicon, dates: readonly Span[] = []): FoundMarker[] {
  const inDate = (w: Span) => dates.some((d) => w.start >= d.start && w.end <= d.end);
  const cues = lexicon.markers.findAll(view.words)
    .filter((m) => !view.words.slice(m.first, m.last + 1).some((w) => w.named || inDate(w)))
    .map((m) => askingWhether({ marker: m.value, first: m.first, last: m.last, opensPhrase: lexicon.complements.prepositions.has(view.words[m.last + 1]?.lower ?? '') }, view, lexicon));
  return [...cues, ...syntacticMarkers(view, lexicon, cues)];
}

/** Whether a sentence reads as a question: its last mark, before closing quotes and brackets, is "?". */
export function isQuestion(text: string, sentence: Span, lexicon: ModalityCueLexicon): boolean {
  const body = text.slice(sentence.start, sentence.end).replace(/["'”’)\]\s]+$/u, '');
  return lexicon.questionMarks.some((q) => body.endsWith(q));
}

/** A trigger's words, and where the coordination it closes begins ("searching for and **detaining**" begins at "searching"). */
interface TriggerWords {
  first: number;
  last: number;
  head: number;
  /** The trigger's verb form: bare ("to **retake**"), present third person ("once it **ends**"), participle ("to be **exchanged**"), or null. */
  form: 'bare' | 'third' | 'participle' | null;
}

/**
 * Whether a relative clause opened by a comma stands between the marker and a trigger after it: "ISIS **it
 * appears** has lost its nerve, **which** explains why hundreds were killed" describes, and is not hedged.
 */
function inRelativeAfter(found: FoundMarker, view: SentenceView, first: number, relativePronouns: ReadonlySet<string>): boolean {
  for (let k = found.last + 1; k < first; k++) {
    if (view.words[k]!.text === ',' && relativePronouns.has(view.words[k + 1]?.lower ?? '')) return true;
  }
  return false;
}

function applies(found: FoundMarker, view: SentenceView, trigger: TriggerWords, clause: Span, relativePronouns: ReadonlySet<string>): boolean {
  const start = view.words[found.first]!.start;
  const before = (first: number) => found.last < first && first - found.last <= NEAR_WINDOW;
  switch (found.marker.scope) {
    // The first verb of a coordination may stand in the clause before the trigger's.
    case 'near': return (before(trigger.first) && start >= clause.start) || (trigger.head < trigger.first && before(trigger.head));
    case 'infinitive': return trigger.form === (found.passive ? 'participle' : 'bare') && (found.target === trigger.first || found.target === trigger.head);
    case 'future-clause': return (trigger.form === 'bare' || trigger.form === 'third') && found.last < trigger.first && trigger.first - found.last <= TIME_CLAUSE_WINDOW && clausePlain(view, found.last, trigger.first);
    case 'following': return found.last < trigger.first;
    case 'subject': return trigger.last < found.first && found.first - trigger.last <= NEAR_WINDOW && clausePlain(view, trigger.last, found.first);
    case 'clause': return start >= clause.start && view.words[found.last]!.end <= clause.end && !inParenthesis(found, view, trigger, clause) && !(found.opensPhrase && found.first > trigger.last);
    case 'sentence': return !inRelativeAfter(found, view, trigger.first, relativePronouns);
  }
}

/** Whether no punctuation stands between two words: they are in one clause. */
function clausePlain(view: SentenceView, from: number, to: number): boolean {
  return view.words.slice(from + 1, to).every((w) => /[\p{L}\p{N}]/u.test(w.text));
}

/** Whether a marker at `offset` is the statement's own: inside what it says, or its cue ("**vowed to** continue"). */
function inStatement(offset: number, statement: Statement): boolean {
  return offset >= statement.start || (statement.cueStart !== null && offset >= statement.cueStart && offset < statement.cueEnd!);
}

/**
 * Whether a marker before the trigger sits in a parenthesis between commas that the trigger is
 * outside of: "The rebels, **reportedly** backed by Rwanda, seized Goma" hedges the backing, not the seizure.
 */
function inParenthesis(found: FoundMarker, view: SentenceView, trigger: { first: number }, clause: Span): boolean {
  if (trigger.first < 0 || found.last >= trigger.first) return false;
  const comma = (k: number) => view.words[k]!.text === ',' && view.words[k]!.start >= clause.start;
  let opened = false;
  for (let k = found.first - 1; k >= 0 && view.words[k]!.start >= clause.start && !opened; k--) opened = comma(k);
  let closed = false;
  for (let k = found.last + 1; k < trigger.first && !closed; k++) closed = comma(k);
  return opened && closed;
}

/** Index of the word starting at `offset`, -1 when none does. */
function wordStartingAt(view: SentenceView, offset: number): number {
  const i = firstEndingAfter(view.words, offset);
  return view.words[i]?.start === offset ? i : -1;
}

/** Index of the word ending at `offset`, -1 when none does. */
function wordEndingAt(view: SentenceView, offset: number): number {
  const i = firstEndingAfter(view.words, offset - 1);
  return view.words[i]?.end === offset ? i : -1;
}

/**
 * FactBank-style factuality and the modality label of one event, from the
 * markers around its trigger, the cue of the statement that carries it and
 * its source chain. Precedence (first that applies): question, conditional,
 * denial, plan (a marker, or an aim the events stage marked), hedge (speculative when the author hedges, alleged for
 * "allegedly"), the reporting cue (claimed, alleged, reported) or a report
 * marker ("reports of", "was reported"), the author's plain assertion. See resources/modality-cues.md for the table.
 */
export function assess(
  event: Event, view: SentenceView, markers: readonly FoundMarker[], question: boolean,
  statement: Statement | null, cueClass: CueClass | null, attribution: Attribution, lexicon: ModalityCueLexicon,
): Assessment {
  const first = wordStartingAt(view, event.trigger.start);
  const trigger = { first, last: wordEndingAt(view, event.trigger.end), head: first < 0 ? first : conjunctHead(view, first, lexicon), form: verbForm(event) };
  const clause = event.evidence.at(-1)!;
  const inScope = markers.filter((m) => m.marker.class && (!statement || inStatement(view.words[m.first]!.start, statement)) && applies(m, view, trigger, clause, lexicon.syntax.relativePronouns));
  const byClass = (c: Marker['class']) => inScope.filter((m) => m.marker.class === c);
  const positive: Factuality['polarity'] = event.negated ? 'negative' : 'positive';
  const negative: Factuality['polarity'] = event.negated ? 'positive' : 'negative';
  const weakest = (found: FoundMarker[]) => found.map((m) => m.marker.certainty!).sort((a, b) => CERTAINTY_RANK[a] - CERTAINTY_RANK[b])[0]!;

  let result: Omit<Assessment, 'contexts'>;
  if (question) {
    result = { modality: 'question', factuality: { certainty: 'underspecified', polarity: 'unknown' } };
  } else if (byClass('conditional').length) {
    result = { modality: 'conditional', factuality: { certainty: 'underspecified', polarity: 'unknown' } };
  } else if (cueClass === 'denied') {
    result = { modality: 'denied', factuality: { certainty: 'certain', polarity: negative } };
  } else if (byClass('planned').length || event.intent) {
    // An aim the events stage marked ("an offensive **to** retake the town") is as uncertain as "aims to".
    const certainty = byClass('planned').length ? weakest(byClass('planned')) : 'possible';
    result = { modality: 'planned', factuality: { certainty, polarity: positive } };
  } else if (byClass('alleged').length || byClass('hedge').length || byClass('speculation').length || cueClass === 'unconfirmed') {
    const hedges = [...byClass('alleged'), ...byClass('hedge'), ...byClass('speculation')];
    const modality: Modality = byClass('alleged').length ? 'alleged'
      : byClass('speculation').length && attribution.sourceKind === 'author' ? 'speculative' : 'hedged';
    const certainty = hedges.length ? weakest(hedges) : 'possible';
    result = { modality, factuality: { certainty, polarity: positive } };
  } else if (cueClass || byClass('reported').length) {
    // Without a statement, "**reports of** clashes" and "fighting **was reported**" report all the same.
    result = { modality: cueClass ?? 'reported', factuality: { certainty: 'certain', polarity: positive } };
  } else {
    result = { modality: 'asserted', factuality: { certainty: 'certain', polarity: positive } };
  }
  const contexts: string[] = [];
  if (result.modality === 'planned') contexts.push('future');
  if (result.modality === 'conditional') contexts.push('hypothetical');
  if (result.factuality.polarity === 'negative') contexts.push('negation');
  return { modality: result.modality, factuality: result.factuality, contexts };
}
