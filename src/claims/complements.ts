import type { SentenceView } from '../text/sentence-view.js';
import { verbForms } from '../events/inflect.js';
import type { Event } from '../types.js';
import type { Marker, ModalityCueLexicon } from './lexicon.js';
import type { FoundMarker } from './modality.js';

/** How many words before a reporting verb a future auxiliary may stand: "**will** be able to **say**". */
const SPEECH_WINDOW = 4;
/** How many words before "to" the word that governs it may stand: "used **drones** to", "the first **city** to". */
const GOVERNOR_WINDOW = 3;
/** How far before "to" a verb may stand across its object: "**allowing** Islamic State fighters and their families to". */
const OBJECT_WINDOW = 8;

const AIM: Marker = { phrase: 'to', class: 'planned', certainty: 'possible', scope: 'infinitive', stance: null };
/** "unable to verify **if** anyone was killed": what is asked is neither told nor conditioned. */
const WHETHER: Marker = { phrase: 'if', class: 'hedge', certainty: 'underspecified', scope: 'clause', stance: null };
/** "we will rebuild **while** the police apprehend them": a time clause under a future tells of the future in the present tense. */
const FUTURE_TIME: Marker = { phrase: 'while', class: 'planned', certainty: 'probable', scope: 'future-clause', stance: null };
/** "fighting **was reported** in the city": a report with no speaker, of the event just before it. */
const PASSIVE_REPORT: Marker = { phrase: 'was reported', class: 'reported', certainty: 'certain', scope: 'subject', stance: null };
/** "Taking Afrin **has been the main objective**": an event named as an aim is not told as done. */
const AIM_PREDICATE: Marker = { phrase: 'is the objective', class: 'planned', certainty: 'possible', scope: 'subject', stance: null };
const HYPOTHETICAL_SPEECH: Marker = { phrase: 'will say', class: 'conditional', certainty: 'underspecified', scope: 'following', stance: null };

/** An adverb in "-ly" ("**widely** reported", "to **fully** take over"). */
const ADVERB = /^\p{L}+ly$/u;

/** The reporting verbs of a sentence, as `PhraseSet.findAll` gives them. */
type ReportingMatch = ReturnType<ModalityCueLexicon['reporting']['findAll']>[number];

/** Whether a word may stand between "to" and its verb: "to **be later** exchanged", "to **fully** take over". */
function isFiller(view: SentenceView, k: number, lexicon: ModalityCueLexicon): boolean {
  const w = view.words[k]!;
  return !w.named && (lexicon.complements.fillers.has(w.lower) || ADVERB.test(w.lower));
}

/**
 * Whether the "to" at `k` is governed by a word that says its act was done: one of `notAimBefore` up to
 * three words before it ("managed **to** escape", "the **first** city **to** fall"), or a verb of
 * `doneByObject` before its object, in the same clause ("**allowing** IS fighters and their families **to** leave").
 */
function doneBefore(view: SentenceView, k: number, lexicon: ModalityCueLexicon): boolean {
  const { notAimBefore, doneByObject } = lexicon.complements;
  for (let j = k - 1; j >= Math.max(0, k - OBJECT_WINDOW); j--) {
    const w = view.words[j]!;
    if (!w.named && ((k - j <= GOVERNOR_WINDOW && notAimBefore.has(w.lower)) || doneByObject.has(w.lower))) return true;
    // Punctuation ends the clause, but not an abbreviation's full stop or a hyphen ("the **U.N.** to", "Raqqa**-**Palmyra").
    if (/^[^\p{L}\p{N}.'’-]+$/u.test(w.text)) return false;
  }
  return false;
}

/**
 * Infinitives told as aims: "entered the province **to** regain control", "a campaign **to** isolate and capture".
 * Each marker's `target` is the verb after "to". An implicative before "to" says the act was done ("managed to
 * escape", "were forced to withdraw"), and a "to" inside a cue is that cue's ("is believed to", "plans to").
 */
function infinitiveMarkers(view: SentenceView, lexicon: ModalityCueLexicon, cues: readonly FoundMarker[]): FoundMarker[] {
  const { words } = view;
  const inCue = (k: number) => cues.some((m) => k >= m.first && k <= m.last);
  const found: FoundMarker[] = [];
  for (let k = 1; k < words.length - 1; k++) {
    if (!lexicon.complements.infinitive.has(words[k]!.lower) || inCue(k)) continue;
    if (doneBefore(view, k, lexicon)) continue;
    let target = k + 1;
    while (target < words.length - 1 && isFiller(view, target, lexicon)) target++;
    // "to be later exchanged": a passive infinitive governs the participle.
    const passive = words.slice(k + 1, target).some((w) => w.lower === 'be');
    found.push({ marker: AIM, first: k, last: k, target, ...(passive ? { passive } : {}) });
  }
  return found;
}

/**
 * A future auxiliary before a reporting verb ("we **will** be able to **say** that ...", "would announce that"):
 * what would be said is not yet told as done.
 */
function hypotheticalSpeech(view: SentenceView, lexicon: ModalityCueLexicon, verbs: readonly ReportingMatch[]): FoundMarker[] {
  const { words } = view;
  const found: FoundMarker[] = [];
  for (let k = 0; k < words.length; k++) {
    if (!lexicon.complements.speechModals.has(words[k]!.lower)) continue;
    const verb = verbs.find((v) => v.first > k && v.first - k <= SPEECH_WINDOW);
    if (verb && !lexicon.negators.someIn(words, k + 1, verb.first - 1)) found.push({ marker: HYPOTHETICAL_SPEECH, first: k, last: verb.last });
  }
  return found;
}

/** A conditional cue after a verb of knowing asks whether ("verify **if**", "unclear **if**"), and sets no condition. */
export function askingWhether(found: FoundMarker, view: SentenceView, lexicon: ModalityCueLexicon): FoundMarker {
  const asks = found.marker.class === 'conditional' && found.first > 0 && lexicon.complements.whetherAfter.has(view.words[found.first - 1]!.lower);
  return asks ? { ...found, marker: WHETHER } : found;
}

/** Index of the passive auxiliary before the verb at `i`, past adverbs ("were **also** reported", "was widely reported"), or -1. */
export function passiveAuxiliaryBefore(words: SentenceView['words'], i: number, lexicon: ModalityCueLexicon): number {
  const { passiveAuxiliaries } = lexicon.syntax;
  for (let aux = i - 1; aux >= 0 && !words[aux]!.named; aux--) {
    const w = words[aux]!.lower;
    if (passiveAuxiliaries.has(w)) return aux;
    if (!lexicon.complements.fillers.has(w) && !ADVERB.test(w)) return -1;
  }
  return -1;
}

/** A passive auxiliary and a reporting verb of class `reported` after it: "clashes **were also reported**". */
function passiveReports(view: SentenceView, lexicon: ModalityCueLexicon, verbs: readonly ReportingMatch[]): FoundMarker[] {
  return verbs.flatMap((verb) => {
    const aux = passiveAuxiliaryBefore(view.words, verb.first, lexicon);
    return aux >= 0 && verb.value.class === 'reported' ? [{ marker: PASSIVE_REPORT, first: aux, last: verb.last }] : [];
  });
}

/** How many words may stand between a copula and the aim noun it predicates: "has been **the main** objective". */
const AIM_NOUN_REACH = 3;

/** A copula and an aim noun after it (`complements.aimNouns`): "retaking the city **is the main goal**". */
function aimPredicates(view: SentenceView, lexicon: ModalityCueLexicon): FoundMarker[] {
  const { words } = view;
  const found: FoundMarker[] = [];
  words.forEach((w, k) => {
    if (w.named || !lexicon.complements.aimNouns.has(w.lower)) return;
    for (let j = k - 1; j >= Math.max(0, k - 1 - AIM_NOUN_REACH); j--) {
      if (!/[\p{L}\p{N}]/u.test(words[j]!.text)) return;
      if (lexicon.syntax.passiveAuxiliaries.has(words[j]!.lower)) {
        const has = j > 0 && lexicon.complements.perfectAuxiliaries.has(words[j - 1]!.lower) ? j - 1 : j;
        found.push({ marker: AIM_PREDICATE, first: has, last: k });
        return;
      }
    }
  });
  return found;
}

/**
 * The openers of time clauses ("while", "when", "once") in a sentence with a future auxiliary outside
 * them: "our focus will be on rebuilding **while** federal police apprehend the leaders".
 */
function futureTimeClauses(view: SentenceView, lexicon: ModalityCueLexicon): FoundMarker[] {
  const { futureAuxiliaries, temporalOpeners } = lexicon.complements;
  if (!view.words.some((w) => futureAuxiliaries.has(w.lower))) return [];
  return view.words.flatMap((w, k) => (temporalOpeners.has(w.lower) ? [{ marker: FUTURE_TIME, first: k, last: k }] : []));
}

/** The markers a sentence's syntax makes, besides its cue words: aims in infinitives and predicates, speech and time clauses yet to come, passive reports. */
export function syntacticMarkers(view: SentenceView, lexicon: ModalityCueLexicon, cues: readonly FoundMarker[]): FoundMarker[] {
  const verbs = lexicon.reporting.findAll(view.words);
  return [
    ...infinitiveMarkers(view, lexicon, cues), ...hypotheticalSpeech(view, lexicon, verbs), ...futureTimeClauses(view, lexicon),
    ...passiveReports(view, lexicon, verbs), ...aimPredicates(view, lexicon),
  ];
}

/**
 * Where the coordination a trigger closes begins: "searching for **and** detaining", "to isolate **and**
 * capture" start at "searching" and "isolate", so the markers of the first verb reach the second.
 */
export function conjunctHead(view: SentenceView, first: number, lexicon: ModalityCueLexicon): number {
  const { words } = view;
  const { coordinators, particles } = lexicon.complements;
  if (first < 2 || !coordinators.has(words[first - 1]!.lower)) return first;
  const head = particles.has(words[first - 2]!.lower) ? first - 3 : first - 2;
  const w = words[head];
  return w && !w.named && /^\p{L}+$/u.test(w.text) ? head : first;
}

/** The verb an event rule names (`events:verb:retake`, `events:support:launch+offensive`), null for nouns. */
const VERB_RULE = /^events:(?:verb|support):([^+]+)/;

/** The forms of the verbs event rules name, computed once per lemma. */
const FORMS = new Map<string, ReturnType<typeof verbForms>>();

/** The form of an event's verb trigger: bare ("to **retake**"), present third person ("once it **ends**"), participle ("to be **exchanged**"; regular verbs only), or another (-ing, a noun). */
export function verbForm(event: Pick<Event, 'rule' | 'trigger'>): 'bare' | 'third' | 'participle' | null {
  const lemma = VERB_RULE.exec(event.rule)?.[1]?.split(' ')[0];
  if (lemma === undefined) return null;
  const word = event.trigger.text.toLowerCase().split(/\s+/)[0];
  let forms = FORMS.get(lemma);
  if (!forms) FORMS.set(lemma, forms = verbForms(lemma));
  return word === forms.base ? 'bare' : word === forms.third ? 'third' : word === forms.participle ? 'participle' : null;
}
