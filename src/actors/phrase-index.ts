import { areAdjacent, isAcronym, type ActorWord } from './words.js';

interface Node<T> {
  children: Map<string, Node<T>>;
  /** Values ending here, each with the acronym words it must see in capitals. */
  values: Array<{ value: T; exact: ReadonlyArray<string | null> }>;
}

export interface PhraseMatch<T> {
  value: T;
  /** Number of words matched. */
  length: number;
}

// Folded keys never hold an apostrophe (the normalizer drops it), so this cannot clash with a word.
const POSSESSIVE_EDGE = "'s";

/** The trie edge of a phrase word: a possessive inside a name ("People's") is part of its spelling. */
const edgeOf = (word: ActorWord, last: boolean) => (word.possessive && !last ? word.key + POSSESSIVE_EDGE : word.key);

/**
 * A word trie over phrases, keyed by the shared normalizer's word keys
 * (Pelias-style: the same `actorWords` reads the aliases and the text).
 * Looking up a word of text is one Map lookup at the root. Acronym words
 * must match in capitals.
 */
export class PhraseIndex<T> {
  private readonly root: Node<T> = { children: new Map(), values: [] };

  /** Adds a phrase given as its words; returns false when it has none (punctuation only). */
  add(words: readonly ActorWord[], value: T): boolean {
    if (words.length === 0) return false;
    let node = this.root;
    words.forEach((word, k) => {
      const edge = edgeOf(word, k === words.length - 1);
      let child = node.children.get(edge);
      if (!child) node.children.set(edge, (child = { children: new Map(), values: [] }));
      node = child;
    });
    node.values.push({ value, exact: words.map((w) => (isAcronym(w.raw) ? w.raw : null)) });
    return true;
  }

  /** Values already stored for exactly this phrase (same words, same acronym casing). */
  get(words: readonly ActorWord[]): T[] {
    let node: Node<T> | undefined = this.root;
    words.forEach((word, k) => {
      node = node?.children.get(edgeOf(word, k === words.length - 1));
    });
    const exact = words.map((w) => (isAcronym(w.raw) ? w.raw : null));
    return (node?.values ?? []).filter((v) => v.exact.every((e, i) => e === exact[i])).map((v) => v.value);
  }

  /**
   * The longest phrase starting at `words[at]` whose words are adjacent in
   * `text`; among phrases of that length, the first added that fits. A
   * phrase starts and ends at token edges ("U.S." is matched whole).
   */
  longestAt(text: string, words: readonly ActorWord[], at: number): PhraseMatch<T> | null {
    if (!words[at]!.opensToken) return null;
    let node: Node<T> | undefined = this.root;
    let best: PhraseMatch<T> | null = null;
    let throughPossessive = false;
    for (let i = at; i < words.length; i++) {
      const word = words[i]!;
      if (i > at && !areAdjacent(text, words[i - 1]!, word, throughPossessive)) break;
      const child: Node<T> | undefined = node.children.get(word.key);
      if (child && child.values.length > 0 && word.closesToken) {
        const fit = child.values.find((v) => v.exact.every((raw, k) => raw === null || raw === words[at + k]!.raw));
        if (fit) best = { value: fit.value, length: i - at + 1 };
      }
      throughPossessive = word.possessive;
      node = word.possessive ? node.children.get(word.key + POSSESSIVE_EDGE) : child;
      if (!node) break;
    }
    return best;
  }
}
