import { named, type Stage } from '../pipeline.js';
import { resolveAnaphora } from './coreference.js';
import type { ActorLexicon } from './lexicon.js';
import { findNamedMentions, toActorMention } from './match.js';
import { wordTokens } from './normalize.js';

export { compileActorLexicon, loadActorLexicon, type ActorEntry, type ActorLexicon } from './lexicon.js';

export interface ActorsOptions {
  lexicon: ActorLexicon;
}

/**
 * Finds armed groups, forces, states and generic actors by name (aliases,
 * acronyms in capitals, demonym forms such as "Russian jets"), then resolves
 * "the group" and clause-initial pronouns within a paragraph. Mentions come
 * out sorted by start and never overlap.
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
    const { text } = a.document;
    const tokens = wordTokens(text);
    const mentions = findNamedMentions(text, tokens, lexicon);
    // Coreference stops at paragraph ends and needs sentences to find clause starts.
    if (a.sentences.length === 0) return { actors: mentions.map(toActorMention) };
    return { actors: resolveAnaphora(text, tokens, mentions, a.sentences, lexicon) };
  });
}
