/**
 * Regular English inflection for cue lemmas, so a lexicon entry lists one
 * lemma and matches its inflected forms. Irregular forms are given in the
 * lexicon (`past`, `participle`, ...), never guessed: "withdraw" does not
 * become "withdrawed".
 */

export interface VerbForms {
  base: string;
  third: string;
  past: string;
  participle: string;
  ing: string;
}

const VOWEL = /[aeiou]/;

/** "flee" -> "flees", "carry" -> "carries", "push" -> "pushes". */
export function sForm(word: string): string {
  if (/(s|sh|ch|x|z)$/.test(word)) return `${word}es`;
  if (/y$/.test(word) && !VOWEL.test(word.at(-2) ?? '')) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** "capture" -> "captured", "carry" -> "carried", "shell" -> "shelled". */
export function edForm(word: string): string {
  if (word.endsWith('e')) return `${word}d`;
  if (/y$/.test(word) && !VOWEL.test(word.at(-2) ?? '')) return `${word.slice(0, -1)}ied`;
  return `${word}ed`;
}

/** "capture" -> "capturing", "flee" -> "fleeing", "die" -> "dying". */
export function ingForm(word: string): string {
  if (word.endsWith('ie')) return `${word.slice(0, -2)}ying`;
  if (/[^aeiouy]e$/.test(word)) return `${word.slice(0, -1)}ing`;
  return `${word}ing`;
}

/** Inflects the head (first word) of a verb lemma: "pull out" -> "pulled out". */
export function verbForms(lemma: string, irregular: Partial<Omit<VerbForms, 'base'>> = {}): VerbForms {
  const [head = '', ...rest] = lemma.split(' ');
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  const past = irregular.past ?? `${edForm(head)}${tail}`;
  return {
    base: lemma,
    third: irregular.third ?? `${sForm(head)}${tail}`,
    past,
    participle: irregular.participle ?? past,
    ing: irregular.ing ?? `${ingForm(head)}${tail}`,
  };
}

/** Pluralises the last word of a noun lemma: "air strike" -> "air strikes". */
export function nounPlural(lemma: string): string {
  const words = lemma.split(' ');
  const last = words.pop() ?? '';
  return [...words, sForm(last)].join(' ');
}
