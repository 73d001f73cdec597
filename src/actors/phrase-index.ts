import { areAdjacent, isAcronym, wordTokens, type WordToken } from './normalize.js';

interface Node<T> {
  children: Map<string, Node<T>>;
  /** Values ending here, each with the acronym words it must see in capitals. */
  values: Array<{ value: T; exact: ReadonlyArray<string | null> }>;
}

export interface PhraseMatch<T> {
  value: T;
  /** Number of tokens matched. */
  length: number;
}

/**
 * A word trie over normalised phrases (Pelias-style: the same `wordTokens`
 * builds it and reads the text). Acronym words must match in capitals.
 */
export class PhraseIndex<T> {
  private readonly root: Node<T> = { children: new Map(), values: [] };

  /** Adds a phrase; returns false when it adds no word (punctuation only). */
  add(phrase: string, value: T): boolean {
    const words = wordTokens(phrase);
    if (words.length === 0) return false;
    let node = this.root;
    for (const word of words) {
      let child = node.children.get(word.norm);
      if (!child) node.children.set(word.norm, (child = { children: new Map(), values: [] }));
      node = child;
    }
    node.values.push({ value, exact: words.map((w) => (isAcronym(w.raw) ? w.raw : null)) });
    return true;
  }

  /** Values already stored for exactly this phrase (same words, same acronym casing). */
  get(phrase: string): T[] {
    const words = wordTokens(phrase);
    let node: Node<T> | undefined = this.root;
    for (const word of words) node = node?.children.get(word.norm);
    const exact = words.map((w) => (isAcronym(w.raw) ? w.raw : null));
    return (node?.values ?? []).filter((v) => v.exact.every((e, i) => e === exact[i])).map((v) => v.value);
  }

  /**
   * The longest phrase starting at `tokens[at]` whose words are adjacent in
   * `text`; among phrases of that length, the first added that fits.
   */
  longestAt(text: string, tokens: readonly WordToken[], at: number): PhraseMatch<T> | null {
    let node: Node<T> | undefined = this.root;
    let best: PhraseMatch<T> | null = null;
    for (let i = at; i < tokens.length; i++) {
      if (i > at && !areAdjacent(text, tokens[i - 1]!, tokens[i]!)) break;
      node = node.children.get(tokens[i]!.norm);
      if (!node) break;
      const length = i - at + 1;
      const fit = node.values.find((v) => v.exact.every((raw, k) => raw === null || raw === tokens[at + k]!.raw));
      if (fit) best = { value: fit.value, length };
    }
    return best;
  }
}
