import { readJsonResource } from '../resources.js';

/** The rules of resources/transliteration.json (documented in resources/transliteration.md). */
export interface TransliterationRules {
  marks: string;
  /** Letters written in more than one form in Arabic script, folded onto one (`ة` -> `ه`). */
  letterFolds: [string, string][];
  separators: string;
  articles: string[];
  wordVariants: Record<string, string>;
  letterRules: [string, string][];
  finalRules: [string, string][];
  collapseDoubles: boolean;
  arabic: ArabicRules;
}

/** How names in Arabic vary beyond the general rules (resources/transliteration.md, "Arabic keys"). */
export interface ArabicRules {
  /** An article written onto its word before these letters, the moon letters ("Albukamal"). */
  moonArticles: string[];
  moonLetters: string;
  /** The article in Arabic script, always written onto its word ("الموصل"). */
  scriptArticle: string;
  /**
   * One-letter words written onto the next in Arabic script, by position: a conjunction ("و", and),
   * then a preposition ("ب", in): "والموصل" and Mosul, "بالموصل" in Mosul, "وبالموصل" and in Mosul.
   */
  proclitics: string[][];
  /** A vowel written onto a doubled sun letter, the assimilated article ("Ezzor", "Assukhnah"). */
  sunVowels: string;
  sunLetters: string[];
  /** Vowel spellings that vary between transliterations, replaced in order ("ei" -> "ay", "e" -> "a"). */
  vowelRules: [string, string][];
}

/**
 * The one normalisation used both to index the gazetteer and actor lexicon
 * and to query them. Calling it on a whole name gives the key; `wordKeys`
 * and `joinKeys` give the same key word by word, so a recogniser can fold
 * each token once and build n-gram keys by joining.
 */
export interface NameNormalizer {
  (name: string): string;
  /** Folded words of a name, before articles are dropped. */
  words(name: string): FoldedWord[];
  /**
   * The key of a sequence of folded words (what the normalizer returns for
   * the whole name); with `keepArticles`, the key of the name as written.
   */
  joinKeys(words: readonly FoldedWord[], options?: { keepArticles?: boolean }): string;
  /**
   * The key of a name in Arabic: also blind to short vowels, to word breaks and
   * to articles written onto their word, so "Telafer" meets "Tall 'Afar" and
   * "Deir Ezzor" meets "Deir ez-Zor". `stripped` tells whether an article was dropped.
   */
  arabicKey(words: readonly FoldedWord[]): { key: string; stripped: boolean };
  /**
   * The ways to read a word in Arabic script as a name with proclitics written
   * onto it, fewest first: "وبالموصل" is "بالموصل" after 1 letter and "الموصل"
   * after 2. `skip` is how many letters of the word are not the name.
   */
  proclitics(word: string): { skip: number; name: string }[];
}

export interface FoldedWord {
  /** Case- and diacritic-folded, marks removed: what the article test reads. */
  folded: string;
  /** After variants, letter rules, final rules and doubled letters. */
  shaped: string;
  /** One of the `articles` ("al", "as"). */
  article: boolean;
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]\[^-]/g, '\\$&');
}

/**
 * Builds the normalizer from the rules of resources/transliteration.json.
 * Steps are order-sensitive; see resources/transliteration.md.
 *
 * @example
 * const key = createNameNormalizer(loadTransliterationRules());
 * key("Tall 'Afar") === key('Tal Afar') // true: both are 'tal afar'
 */
export function createNameNormalizer(rules: TransliterationRules): NameNormalizer {
  const marks = new RegExp(`[${escapeClass(rules.marks)}]`, 'g');
  const separators = new RegExp(`[${escapeClass(rules.separators)}\\s]+`, 'g');
  const articles = new Set(rules.articles);
  // A Map, not the object: a word like "constructor" must not find Object.prototype.
  const wordVariants = new Map(Object.entries(rules.wordVariants));
  const letterRules = rules.letterRules.map(([from, to]) => [new RegExp(from, 'g'), to] as const);
  const finalRules = rules.finalRules.map(([from, to]) => [new RegExp(`${from}$`), to] as const);
  const letterFolds = new Map(rules.letterFolds);
  const foldable = new RegExp(`[${escapeClass(rules.letterFolds.map(([from]) => from).join(''))}]`, 'g');
  const { moonArticles, moonLetters, sunVowels, sunLetters, scriptArticle, proclitics, vowelRules } = rules.arabic;
  // The article and what stays of the word, at least three letters, so that "Alma" or "Essa" are left whole.
  const fusedArticle = new RegExp(`^(?:(?:${moonArticles.join('|')})(?=[${escapeClass(moonLetters)}].{2})|[${escapeClass(sunVowels)}](?=(${sunLetters.join('|')})\\1.{2})|${scriptArticle}(?=.{3}))`);
  const arabicVowels = vowelRules.map(([from, to]) => [new RegExp(from, 'g'), to] as const);
  // Doubled letters are a transliteration habit ("Raqqa", "Raqa"); in Arabic script they are a proclitic
  // before a word starting with the same letter ("وواشنطن": and Washington), kept for the recogniser to read.
  const collapse = (w: string): string => (rules.collapseDoubles ? w.replace(/([^\p{Script=Arabic}])\1+/gu, '$1') : w);

  const shape = (w: string): string => {
    // 5. Whole-word variants before letter rules, which would otherwise change the word first.
    w = wordVariants.get(w) ?? w;
    for (const [re, to] of letterRules) w = w.replace(re, to);
    for (const [re, to] of finalRules) w = w.replace(re, to);
    return collapse(w);
  };
  // Texts repeat their words: folding each distinct word once per process saves most of the work.
  const memo = new Map<string, FoldedWord[]>();
  const words = (name: string): FoldedWord[] => {
    let cached = memo.get(name);
    if (!cached) {
      if (memo.size > 200_000) memo.clear();
      memo.set(name, (cached = foldWords(name)));
    }
    return cached;
  };
  const foldWords = (name: string): FoldedWord[] => {
    // 1. Diacritics off and case folded before anything compares letters (NFKD also parts hamza from its carrier: أ -> ا).
    const s = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
      // 2-3. Marks vanish (they sit inside words), letters written two ways fold, separators split words.
      .replace(marks, '').replace(foldable, (c) => letterFolds.get(c)!).replace(separators, ' ').trim();
    return s ? s.split(' ').map((folded) => ({ folded, shaped: shape(folded), article: articles.has(folded) })) : [];
  };
  // 4. Articles go only when a word follows, so "As" alone stays itself.
  const joinKeys = (ws: readonly FoldedWord[], options: { keepArticles?: boolean } = {}): string => {
    let key = '';
    for (let i = 0; i < ws.length; i++) {
      if (!options.keepArticles && i < ws.length - 1 && ws[i]!.article) continue;
      key = key ? `${key} ${ws[i]!.shaped}` : ws[i]!.shaped;
    }
    return key;
  };
  // Arabic keys, word by word: a fused article off, then the shape, then vowels folded (the order matters:
  // "ezzor" loses its "e" while the doubled "zz" still shows it was an article).
  const arabicWords = new Map<string, { shaped: string; stripped: boolean }>();
  const arabicWord = (folded: string): { shaped: string; stripped: boolean } => {
    let found = arabicWords.get(folded);
    if (!found) {
      if (arabicWords.size > 200_000) arabicWords.clear();
      const bare = folded.replace(fusedArticle, '');
      let w = shape(bare);
      for (const [re, to] of arabicVowels) w = w.replace(re, to);
      arabicWords.set(folded, (found = { shaped: collapse(w), stripped: bare !== folded }));
    }
    return found;
  };
  const arabicKey = (ws: readonly FoldedWord[]): { key: string; stripped: boolean } => {
    let key = '';
    let stripped = false;
    for (let i = 0; i < ws.length; i++) {
      if (i < ws.length - 1 && ws[i]!.article) { stripped = true; continue; }
      const w = arabicWord(ws[i]!.folded);
      key += w.shaped;
      stripped ||= w.stripped;
    }
    return { key, stripped };
  };
  // Proclitics in their order (a conjunction, then a preposition), each with its short-vowel mark, leaving at least
  // two letters ("وسد تشرين"). After "ل" the article loses its alef ("للموصل" is li + al-Mawsil), so a word left
  // starting with "ل" is also read with it.
  const lam = scriptArticle.slice(-1);
  const procliticReadings = (word: string): { skip: number; name: string }[] => {
    const readings: { skip: number; name: string }[] = [];
    let skip = 0;
    for (const letters of proclitics) {
      const letter = word[skip]!;
      if (!letters.includes(letter)) continue;
      let end = skip + 1;
      while (/\p{M}/u.test(word[end] ?? '')) end++;
      const rest = word.slice(end);
      if (rest.replace(/\p{M}/gu, '').length < 2) break;
      skip = end;
      readings.push({ skip, name: rest });
      if (letter === lam && rest.startsWith(lam)) readings.push({ skip, name: scriptArticle + rest.slice(1) });
    }
    return readings;
  };
  return Object.assign((name: string) => joinKeys(words(name)), { words, joinKeys, arabicKey, proclitics: procliticReadings });
}

export function loadTransliterationRules(path?: string): TransliterationRules {
  return readJsonResource<TransliterationRules>('transliteration.json', path);
}
