import { z } from 'zod';
import { readJsonResource, resourcePath } from '../resources.js';
import type { EventType } from '../types.js';
import { nounPlural, verbForms } from './inflect.js';
import { PhraseSet } from '../text/sentence-view.js';

/** An event argument a clause constituent can fill. */
export type ArgumentRole = 'agent' | 'patient' | 'origin' | 'destination' | 'location';

const role = z.enum(['agent', 'patient', 'origin', 'destination', 'location']);
const slot = z.object({ actor: role.nullable().optional(), place: role.nullable().optional() }).strict();
const eventType = z.enum(['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration', 'protest']);
const actorKind = z.enum(['armed-group', 'state', 'state-force', 'coalition', 'militia', 'organisation', 'civilians', 'generic']);

const frameSchema = z.object({
  scope: z.enum(['clause', 'sentence']).default('clause'),
  subject: slot.default({}),
  passiveSubject: slot.default({}),
  object: slot.default({}),
  prepositions: z.record(z.string(), slot).default({}),
  prepositionsBefore: z.record(z.string(), slot).default({}),
  otherPlace: role.nullable().default(null),
  /** Event types whose later triggers do not take this frame's phrases ("a corridor to let fighters move towards X"). */
  reachesPast: z.array(eventType).default([]),
  /** Words after the trigger past which no argument is read ("the highway **linking** A to B" names a road, not a destination). */
  stopAt: z.array(z.string()).default([]),
}).strict();

const refinementSchema = z.object({
  words: z.array(z.string()).optional(),
  scope: z.enum(['clause', 'following', 'preceding', 'sentence', 'patient']).default('clause'),
  has: z.array(role).optional(),
  agentKind: z.array(actorKind).optional(),
  type: eventType.optional(),
  subtype: z.string(),
  /** The subject fills this role instead of agent ("civilians fled" -> civilians displaced). */
  agentRole: z.literal('patient').optional(),
}).strict();

const cueSchema = z.object({
  lemma: z.string().min(1),
  pos: z.enum(['verb', 'noun']),
  type: eventType,
  subtype: z.string().nullable(),
  frame: z.string(),
  third: z.string().optional(),
  past: z.string().optional(),
  participle: z.string().optional(),
  ing: z.string().optional(),
  plural: z.string().optional(),
  forms: z.array(z.string()).default([]),
  prepositions: z.record(z.string(), slot).default({}),
  when: z.array(refinementSchema).default([]),
  exclude: z.object({
    next: z.array(z.string()).default([]),
    prev: z.array(z.string()).default([]),
    near: z.array(z.string()).default([]),
    /** As `next` and `prev`, for the base form only: a verb whose base form is also an adjective ("it is **clear** of mines", "had been **cleared** of IS"). */
    baseNext: z.array(z.string()).default([]),
    basePrev: z.array(z.string()).default([]),
    /** A verb form of a cue right after makes it no event: "ready to **leave**" is the leaving, as an aim. */
    cueNext: z.boolean().default(false),
  }).strict().default({ next: [], prev: [], near: [], baseNext: [], basePrev: [], cueNext: false }),
  requires: z.object({ before: z.array(z.string()), window: z.number().int().positive().default(4) }).strict().optional(),
  /** A noun read inside its prepositional phrase: the clause subject is still its argument ("Raqqa was **under the control** of IS"). */
  phraseSubject: z.boolean().default(false),
  /** The word is an event with nobody and nowhere attached ("at least ten people **were killed**"). */
  bare: z.boolean().default(false),
  /** As `bare`, for the passive only: "he **was captured** in May" happened, "capture the moment" did not. */
  barePassive: z.boolean().default(false),
  /** Prepositions whose phrase right after a `bare` noun must name an actor or a place for it to stay bare ("the attack **on** reason"). */
  targetPhrases: z.array(z.string()).default([]),
}).strict();

/** A support verb: its lemma, or the lemma with its irregular forms ("begin": "began", "begun"). */
const supportEntry = z.union([z.string().min(1), z.object({
  lemma: z.string().min(1), third: z.string().optional(), past: z.string().optional(), participle: z.string().optional(), ing: z.string().optional(),
}).strict()]);

const fileSchema = z.object({
  version: z.literal(1),
  frames: z.record(z.string(), frameSchema),
  cues: z.array(cueSchema),
  negators: z.array(z.string()),
  passiveAuxiliaries: z.array(z.string()),
  prepositions: z.array(z.string()),
  nearby: z.object({ prepositions: z.array(z.string()), nouns: z.array(z.string()), compass: z.array(z.string()) }).strict(),
  phraseFiller: z.array(z.string()),
  endingVerbs: z.array(z.string()),
  intent: z.object({ phrases: z.array(z.string()), nouns: z.array(z.string()) }).strict(),
  causatives: z.array(z.string()),
  unnamedSubjects: z.object({ words: z.array(z.string()), between: z.array(z.string()) }).strict().default({ words: [], between: [] }),
  placeParts: z.object({ words: z.array(z.string()), completing: z.array(z.string()) }).strict().default({ words: [], completing: [] }),
  goingOn: z.object({ words: z.array(z.string()), fillers: z.array(z.string()), durations: z.array(z.string()).default([]) }).strict(),
  supportVerbs: z.object({
    object: z.array(supportEntry),
    subject: z.array(supportEntry),
    generic: z.array(z.string()),
    gap: z.array(z.string()),
  }).strict(),
  clauses: z.object({
    subordinators: z.array(z.string()),
    relativePronouns: z.array(z.string()),
    coordinators: z.array(z.string()),
    coordinatedVerbStarts: z.array(z.string()),
    punctuation: z.array(z.string()),
    complementizer: z.string(),
  }).strict(),
}).strict();

export type EventCueFile = z.infer<typeof fileSchema>;
export type Frame = z.infer<typeof frameSchema>;
export type SlotRoles = z.infer<typeof slot>;
export type Refinement = z.infer<typeof refinementSchema>;
type CueEntry = z.infer<typeof cueSchema>;

/** Which inflection a matched form is; passives need the participle. */
export type FormKind = 'base' | 'third' | 'past' | 'participle' | 'ing' | 'noun';

/** One lexicon entry, ready to match: its surface forms and its resolved frame. */
/** A refinement with its word list ready to match. */
export interface CompiledRefinement extends Omit<Refinement, 'words'> {
  words: PhraseSet | null;
}

export interface EventCue {
  lemma: string;
  pos: 'verb' | 'noun';
  type: EventType;
  subtype: string | null;
  frame: Frame;
  forms: Map<string, FormKind[]>;
  when: CompiledRefinement[];
  /**
   * `beforeNumber`: a number in digits right after excludes the cue (`"#"` in `exclude.next`: "left 12 people dead");
   * `afterNumber`: one right before does (`"#"` in `exclude.prev`: "4,000 pounds of").
   */
  exclude: { next: PhraseSet; prev: PhraseSet; near: Set<string>; beforeNumber: boolean; afterNumber: boolean; baseNext: PhraseSet; basePrev: PhraseSet; cueNext: boolean };
  requires: { before: PhraseSet; window: number } | null;
  phraseSubject: boolean;
  bare: boolean;
  barePassive: boolean;
  targetPhrases: Set<string>;
}

/** The clause cues as sets of folded words. */
export interface ClauseCues {
  subordinators: Set<string>;
  relativePronouns: Set<string>;
  coordinators: Set<string>;
  coordinatedVerbStarts: Set<string>;
  punctuation: Set<string>;
  complementizer: string;
}

/** The compiled event-cue lexicon (resources/event-cues.json, documented in event-cues.md). */
export interface EventCueLexicon {
  cues: EventCue[];
  negators: PhraseSet;
  passiveAuxiliaries: Set<string>;
  prepositions: PhraseSet;
  nearby: { prepositions: Set<string>; nouns: Set<string>; compass: Set<string> };
  phraseFiller: Set<string>;
  /** Verbs that end what the noun trigger after them names ("broke the siege"): their subject is not its agent. */
  endingVerbs: Set<string>;
  /**
   * What makes a trigger an aim, not a happening: a phrase right before it ("**aimed at** retaking",
   * "**ready to** leave"), or a noun shortly before the "to" before it ("an **offensive** on Sunday to retake").
   */
  intent: { phrases: PhraseSet; nouns: Set<string> };
  /** Verbs that make someone else move ("let the militants leave"): the mover follows them. */
  causatives: Set<string>;
  /**
   * Subjects that name no actor but say somebody did it ("**they** pulled out", "**the rest** had fled",
   * "**troops** moved into"): a verb with one of these `words` as its subject, only `between` words
   * (auxiliaries, adverbs) in between, is an event with no agent attached.
   */
  unnamedSubjects: { words: Set<string>; between: Set<string> };
  /** Words that make a control event's object a part of its place ("parts of", "outskirts of"). */
  placeParts: { words: Set<string>; completing: Set<string> };
  /** Words after a trigger that tell it as going on ("battles **continued**"), and the `fillers` that may stand before them ("was **still** raging"). */
  goingOn: { words: Set<string>; fillers: Set<string>; durations: Set<string> };
  /**
   * Verbs that name no event but carry the noun trigger of their clause, their object ("**launched** an
   * attack", "**claimed responsibility for** the bombing") or their subject ("the explosion **occurred**"):
   * every inflected form, with its lemma; `generic`, the quantifiers that make the noun a habit rather than a
   * happening ("has staged **many** abductions"); `gap`, the words that may stand between a subject and its verb.
   */
  support: { object: PhraseSet; subject: PhraseSet; generic: Set<string>; gap: Set<string> };
  clauses: ClauseCues;
  /** Every verb form of every cue, lower-cased: clause splitting reads "and" + verb as a new clause. */
  verbForms: Set<string>;
}

/** In `exclude.next`, stands for any number in digits. */
const NUMBER = '#';

function addForm(forms: Map<string, FormKind[]>, form: string, kind: FormKind): void {
  const key = form.toLowerCase();
  const kinds = forms.get(key) ?? [];
  if (!kinds.includes(kind)) kinds.push(kind);
  forms.set(key, kinds);
}

/** Every inflected form of each support verb, with its lemma. */
function supportForms(entries: readonly z.infer<typeof supportEntry>[]): PhraseSet {
  const forms: [string, string][] = [];
  for (const entry of entries) {
    const { lemma, ...irregular } = typeof entry === 'string' ? { lemma: entry } : entry;
    const { base, third, past, participle, ing } = verbForms(lemma, irregular);
    for (const form of new Set([base, third, past, participle, ing])) forms.push([form, lemma]);
  }
  return new PhraseSet(forms);
}

function cueForms(entry: CueEntry): Map<string, FormKind[]> {
  const forms = new Map<string, FormKind[]>();
  if (entry.pos === 'noun') {
    addForm(forms, entry.lemma, 'noun');
    addForm(forms, entry.plural ?? nounPlural(entry.lemma), 'noun');
  } else {
    const { base, third, past, participle, ing } = verbForms(entry.lemma, entry);
    addForm(forms, base, 'base');
    addForm(forms, third, 'third');
    addForm(forms, past, 'past');
    addForm(forms, participle, 'participle');
    addForm(forms, ing, 'ing');
  }
  // Extra forms are alternative spellings of the past ("bused"), read as past and participle.
  for (const form of entry.forms) {
    addForm(forms, form, entry.pos === 'noun' ? 'noun' : 'past');
    if (entry.pos === 'verb') addForm(forms, form, 'participle');
  }
  return forms;
}

/** Checks and compiles a parsed event-cue file; `source` names it in errors. */
export function compileEventCues(data: unknown, source = 'event-cues.json'): EventCueLexicon {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`corridor: ${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const file = parsed.data;
  const lower = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));
  const cues = file.cues.map((entry): EventCue => {
    const frame = file.frames[entry.frame];
    if (!frame) throw new Error(`corridor: ${source}: cue "${entry.lemma}" names unknown frame "${entry.frame}"`);
    return {
      lemma: entry.lemma,
      pos: entry.pos,
      type: entry.type,
      subtype: entry.subtype,
      frame: { ...frame, prepositions: { ...frame.prepositions, ...entry.prepositions } },
      forms: cueForms(entry),
      when: entry.when.map(({ words, ...rest }) => ({ ...rest, words: words ? PhraseSet.of(words) : null })),
      exclude: {
        next: PhraseSet.of(entry.exclude.next.filter((w) => w !== NUMBER)), prev: PhraseSet.of(entry.exclude.prev.filter((w) => w !== NUMBER)), near: lower(entry.exclude.near),
        beforeNumber: entry.exclude.next.includes(NUMBER), afterNumber: entry.exclude.prev.includes(NUMBER),
        baseNext: PhraseSet.of(entry.exclude.baseNext), basePrev: PhraseSet.of(entry.exclude.basePrev), cueNext: entry.exclude.cueNext,
      },
      requires: entry.requires ? { before: PhraseSet.of(entry.requires.before), window: entry.requires.window } : null,
      phraseSubject: entry.phraseSubject,
      bare: entry.bare,
      barePassive: entry.barePassive,
      targetPhrases: lower(entry.targetPhrases),
    };
  });
  const verbFormSet = new Set<string>();
  for (const cue of cues) {
    if (cue.pos === 'verb') for (const form of cue.forms.keys()) verbFormSet.add(form.split(' ')[0]!);
  }
  const { clauses } = file;
  return {
    cues,
    negators: PhraseSet.of(file.negators),
    passiveAuxiliaries: lower(file.passiveAuxiliaries),
    prepositions: PhraseSet.of(file.prepositions),
    nearby: { prepositions: lower(file.nearby.prepositions), nouns: lower(file.nearby.nouns), compass: lower(file.nearby.compass) },
    phraseFiller: lower(file.phraseFiller),
    endingVerbs: lower(file.endingVerbs),
    intent: { phrases: PhraseSet.of(file.intent.phrases), nouns: lower(file.intent.nouns) },
    causatives: lower(file.causatives),
    unnamedSubjects: { words: lower(file.unnamedSubjects.words), between: lower(file.unnamedSubjects.between) },
    placeParts: { words: lower(file.placeParts.words), completing: lower(file.placeParts.completing) },
    goingOn: { words: lower(file.goingOn.words), fillers: lower(file.goingOn.fillers), durations: lower(file.goingOn.durations) },
    support: { object: supportForms(file.supportVerbs.object), subject: supportForms(file.supportVerbs.subject), generic: lower(file.supportVerbs.generic), gap: lower(file.supportVerbs.gap) },
    clauses: {
      subordinators: lower(clauses.subordinators), relativePronouns: lower(clauses.relativePronouns), coordinators: lower(clauses.coordinators),
      coordinatedVerbStarts: lower(clauses.coordinatedVerbStarts), punctuation: new Set(clauses.punctuation), complementizer: clauses.complementizer.toLowerCase(),
    },
    verbForms: verbFormSet,
  };
}

/**
 * Loads the event-cue lexicon; `path` replaces the bundled resources/event-cues.json.
 *
 * @example
 * const stage = events({ cues: loadEventCues() });
 */
export function loadEventCues(path?: string): EventCueLexicon {
  return compileEventCues(readJsonResource<unknown>('event-cues.json', path), path ?? resourcePath('event-cues.json'));
}

