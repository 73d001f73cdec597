import { named, type Stage } from '../pipeline.js';
import { resolveAnaphora, resolveBareForces, resolveGenericNames, resolveMembers } from './coreference.js';
import type { ActorLexicon } from './lexicon.js';
import { findNamedMentions } from './match.js';
import { actorWords } from './words.js';

export { compileActorLexicon, loadActorLexicon, type ActorEntry, type ActorLexicon } from './lexicon.js';

export interface ActorsOptions {
  lexicon: ActorLexicon;
}

/**
 * Finds armed groups, forces, states and generic actors by name (aliases,
 * acronyms in capitals, demonym forms such as "Russian jets"), then resolves
 * a generic "coalition" to the coalition the document named, a bare "the
 * army" or "troops" to the first state force it named before (rule
 * `actors:bare-force`), and "the group" and clause-initial pronouns within a
 * paragraph. Reads the
 * tokens of `segmentStage()`, which must run before it. Mentions come out
 * sorted by start and never overlap.
 *
 * @example
 * const stage = actors({lexicon: loadActorLexicon()});
 * createPipeline([segmentStage(), stage]).extract(doc).actors
 * // 'ISIS fighters left. The group ...' =>
 * // [{text: 'ISIS fighters', actorId: 'islamic-state', ...}, {text: 'The group', actorId: 'islamic-state', antecedent: {start: 0, end: 13}, ...}]
 */
export function actors(options: ActorsOptions): Stage {
  if (!options?.lexicon) throw new TypeError('actors: options.lexicon is required (load it with loadActorLexicon())');
  const { lexicon } = options;
  return named('actors', (a) => {
    const { text } = a;
    const words = actorWords(a.tokens, lexicon.normalize.words);
    const mentions = resolveGenericNames(resolveMembers(text, words, findNamedMentions(text, words, lexicon), lexicon), lexicon);
    return { actors: resolveAnaphora(text, words, resolveBareForces(text, words, mentions, lexicon), a.sentences, lexicon) };
  });
}
