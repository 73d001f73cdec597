import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { segment } from '../text/segment.js';
import { createNameNormalizer, loadTransliterationRules, type NameNormalizer } from '../text/normalize.js';
import type { ActorKind } from '../types.js';
import { PhraseIndex } from './phrase-index.js';
import { actorWords, type ActorWord } from './words.js';

const ACTOR_KINDS = [
  'armed-group', 'state', 'state-force', 'coalition', 'militia', 'organisation', 'civilians', 'generic',
] as const satisfies readonly ActorKind[];
// Fails to compile when src/types.ts gains a kind this list lacks.
const everyKindListed: ActorKind extends (typeof ACTOR_KINDS)[number] ? true : never = true;
void everyKindListed;

const phrases = z.array(z.string().min(1));
const kinds = z.array(z.enum(ACTOR_KINDS)).min(1);

const lexiconSchema = z.object({
  $comment: z.string().optional(),
  actors: z.array(z.object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by hyphens'),
    name: z.string().min(1),
    kind: z.enum(ACTOR_KINDS),
    aliases: phrases.min(1),
    parent: z.string().optional(),
    affiliation: z.array(z.string()).optional(),
    successor: z.string().optional(),
    refersTo: z.enum(ACTOR_KINDS).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'country is an ISO 3166-1 alpha-2 code').optional(),
    note: z.string().optional(),
  }).strict()).min(1),
  demonymForms: z.object({
    nouns: phrases.min(1),
    demonyms: z.array(z.object({
      demonyms: phrases.min(1),
      actor: z.string(),
      byNoun: z.record(z.string(), z.string()).optional(),
      exceptNouns: phrases.optional(),
    }).strict()),
  }).strict(),
  memberNouns: z.object({ kinds, nouns: phrases.min(1), prepositions: phrases.optional(), determiners: phrases.optional() }).strict(),
  prefixes: z.object({ kinds, phrases: phrases.min(1) }).strict(),
  locatives: z.object({ kinds, words: phrases.min(1) }).strict(),
  anaphors: z.array(z.object({ phrases: phrases.min(1), compatible: kinds }).strict()),
  pronouns: z.array(z.object({
    words: phrases.min(1),
    compatible: kinds,
    notBefore: phrases.optional(),
  }).strict()),
  clauseOpeners: phrases,
  bareForces: z.object({
    kinds,
    nouns: phrases.min(1),
    notAfter: phrases.optional(),
    notBefore: phrases.optional(),
  }).strict(),
}).strict();

type LexiconFile = z.infer<typeof lexiconSchema>;

export type ActorEntry = LexiconFile['actors'][number];

/** What an alias or a demonym form points to. */
export interface NameValue {
  actorId: string;
  /** How the phrase got into the index, for debug traces. */
  rule: 'alias' | 'demonym-form';
}

export interface PronounRule {
  compatible: ReadonlySet<ActorKind>;
  /** Words after the pronoun that make it something else ("it is unclear"). */
  notBefore: ReadonlySet<string>;
}

/** The actor lexicon, compiled once and handed to the `actors` stage. */
export interface ActorLexicon {
  /** Where it was loaded from, for messages. */
  source: string;
  /** The shared name normalizer the indexes were built with; the stage reads the text with it too. */
  normalize: NameNormalizer;
  actors: ReadonlyMap<string, ActorEntry>;
  names: PhraseIndex<NameValue>;
  /** The demonym forms each actor is named by ("Malian army" -> malian-armed-forces), as written. */
  demonymNames: ReadonlyMap<string, readonly string[]>;
  memberNouns: PhraseIndex<true>;
  memberNounKinds: ReadonlySet<ActorKind>;
  /** Word keys joining a member noun to its group ("fighters of IS"), and the determiners that may follow them. */
  memberPrepositions: ReadonlySet<string>;
  memberDeterminers: ReadonlySet<string>;
  prefixes: PhraseIndex<true>;
  prefixKinds: ReadonlySet<ActorKind>;
  /** Word keys before a name of these kinds that make it a place ("in Syria"). */
  locativeWords: ReadonlySet<string>;
  locativeKinds: ReadonlySet<ActorKind>;
  anaphors: PhraseIndex<ReadonlySet<ActorKind>>;
  /** Keyed by word key. */
  pronouns: ReadonlyMap<string, PronounRule>;
  clauseOpeners: ReadonlySet<string>;
  /** Bare "army", "troops": read as the first force of these kinds the document names (see resolveBareForces). */
  bareForces: {
    nouns: PhraseIndex<true>;
    kinds: ReadonlySet<ActorKind>;
    /** Word keys right before the noun that make it someone else's ("foreign troops"). */
    notAfter: ReadonlySet<string>;
    /** Word keys right after it that make it a modifier ("army commander"). */
    notBefore: ReadonlySet<string>;
  };
}

// The compiled file lives at dist/src/actors/lexicon.js; resources/ sits at the package root.
const DEFAULT_LEXICON = new URL('../../../resources/actors.json', import.meta.url);

/**
 * Loads and compiles an actor lexicon (default: `resources/actors.json`,
 * format in `resources/actors.md`). Throws one clear error naming the file
 * and the first problem. Aliases are folded with `normalize`, by default the
 * one built from resources/transliteration.json that the gazetteer uses.
 *
 * @example
 * const lexicon = loadActorLexicon();
 * createPipeline([segmentStage(), actors({lexicon})]);
 */
export function loadActorLexicon(path?: string, normalize?: NameNormalizer): ActorLexicon {
  const file = path ?? fileURLToPath(DEFAULT_LEXICON);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read actor lexicon: ${(error as Error).message}`);
  }
  return compileActorLexicon(data, file, normalize);
}

export function compileActorLexicon(
  data: unknown,
  source = '<actor lexicon>',
  normalize: NameNormalizer = createNameNormalizer(loadTransliterationRules()),
): ActorLexicon {
  const parsed = lexiconSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const fail = (problem: string): never => {
    throw new Error(`${source}: ${problem}`);
  };

  const actors = new Map<string, ActorEntry>();
  for (const entry of file.actors) {
    if (actors.has(entry.id)) fail(`actor id "${entry.id}" is used twice`);
    actors.set(entry.id, entry);
  }
  const known = (id: string, where: string) => {
    if (!actors.has(id)) fail(`${where} refers to unknown actor "${id}"`);
  };
  for (const entry of file.actors) {
    if (entry.parent) known(entry.parent, `${entry.id}.parent`);
    if (entry.successor) known(entry.successor, `${entry.id}.successor`);
    for (const id of entry.affiliation ?? []) known(id, `${entry.id}.affiliation`);
    if (entry.refersTo && (entry.kind !== 'generic' || entry.refersTo === 'generic')) {
      fail(`${entry.id}.refersTo: only a generic entry may stand for a named actor, of another kind`);
    }
  }

  // Phrases are segmented and folded exactly as the text is.
  const wordsOf = (phrase: string): ActorWord[] => actorWords(segment(phrase).tokens, normalize.words);
  const keyOf = (word: string): string => wordsOf(word).map((w) => w.key).join(' ');

  const names = new PhraseIndex<NameValue>();
  const addPhrase = <T>(index: PhraseIndex<T>, phrase: string, value: T, where: string) => {
    if (!index.add(wordsOf(phrase), value)) fail(`${where}: "${phrase}" has no words`);
  };
  for (const entry of file.actors) {
    for (const alias of entry.aliases) {
      const owner = names.get(wordsOf(alias)).find((v) => v.actorId !== entry.id);
      if (owner) fail(`alias "${alias}" belongs to both "${owner.actorId}" and "${entry.id}"`);
      addPhrase(names, alias, { actorId: entry.id, rule: 'alias' }, `${entry.id}.aliases`);
    }
  }
  // Demonym forms go in after every alias: an explicit alias of the same words wins.
  const demonymNames = new Map<string, string[]>();
  for (const form of file.demonymForms.demonyms) {
    known(form.actor, `demonymForms "${form.demonyms[0]}"`);
    for (const [noun, id] of Object.entries(form.byNoun ?? {})) known(id, `demonymForms "${form.demonyms[0]}".byNoun.${noun}`);
    for (const demonym of form.demonyms) {
      for (const noun of [...file.demonymForms.nouns, ...Object.keys(form.byNoun ?? {})]) {
        if (form.exceptNouns?.includes(noun)) continue;
        const words = wordsOf(`${demonym} ${noun}`);
        if (names.get(words).length > 0) continue;
        const actorId = form.byNoun?.[noun] ?? form.actor;
        names.add(words, { actorId, rule: 'demonym-form' });
        demonymNames.set(actorId, [...(demonymNames.get(actorId) ?? []), `${demonym} ${noun}`]);
      }
    }
  }

  const flagIndex = (list: readonly string[], where: string) => {
    const index = new PhraseIndex<true>();
    for (const phrase of list) addPhrase(index, phrase, true, where);
    return index;
  };
  const anaphors = new PhraseIndex<ReadonlySet<ActorKind>>();
  for (const rule of file.anaphors) {
    for (const phrase of rule.phrases) addPhrase(anaphors, phrase, new Set(rule.compatible), 'anaphors');
  }
  const pronouns = new Map<string, PronounRule>();
  for (const rule of file.pronouns) {
    const compiled = { compatible: new Set(rule.compatible), notBefore: new Set((rule.notBefore ?? []).map(keyOf)) };
    for (const word of rule.words) pronouns.set(keyOf(word), compiled);
  }

  return {
    source,
    normalize,
    actors,
    names,
    demonymNames,
    memberNouns: flagIndex(file.memberNouns.nouns, 'memberNouns'),
    memberNounKinds: new Set(file.memberNouns.kinds),
    memberPrepositions: new Set((file.memberNouns.prepositions ?? []).map(keyOf)),
    memberDeterminers: new Set((file.memberNouns.determiners ?? []).map(keyOf)),
    prefixes: flagIndex(file.prefixes.phrases, 'prefixes'),
    prefixKinds: new Set(file.prefixes.kinds),
    locativeWords: new Set(file.locatives.words.map(keyOf)),
    locativeKinds: new Set(file.locatives.kinds),
    anaphors,
    pronouns,
    clauseOpeners: new Set(file.clauseOpeners.map(keyOf)),
    bareForces: {
      nouns: flagIndex(file.bareForces.nouns, 'bareForces.nouns'),
      kinds: new Set(file.bareForces.kinds),
      notAfter: new Set((file.bareForces.notAfter ?? []).map(keyOf)),
      notBefore: new Set((file.bareForces.notBefore ?? []).map(keyOf)),
    },
  };
}
