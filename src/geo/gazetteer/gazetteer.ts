import type { GazetteerEntry, EntrySource, NamedEntry } from './entry.js';
import type { GazetteerData, PostingList } from './build.js';
import type { FoldedWord, NameNormalizer } from '../../text/normalize.js';
import { buildKeyTable, findKey } from './key-table.js';

/** Key -> entries: offsets into one typed array of postings, the keys found through a saved hash table. */
class PostingIndex {
  private readonly keys: readonly string[];
  private readonly slots: Int32Array;
  private readonly offsets: Uint32Array;
  private readonly postings: Uint32Array;

  constructor(list: PostingList) {
    this.keys = list.keys;
    this.slots = list.slots ?? buildKeyTable(list.keys);
    this.offsets = list.offsets instanceof Uint32Array ? list.offsets : Uint32Array.from(list.offsets);
    this.postings = list.postings instanceof Uint32Array ? list.postings : Uint32Array.from(list.postings);
  }

  get(key: string): Uint32Array | undefined {
    const i = findKey(this.slots, this.keys, key);
    return i === undefined ? undefined : this.postings.subarray(this.offsets[i]!, this.offsets[i + 1]!);
  }

  has(key: string): boolean {
    return findKey(this.slots, this.keys, key) !== undefined;
  }
}

const EMPTY = new Uint32Array(0);
const AS_WRITTEN = { keepArticles: true } as const;

/** What a run of words names, and which key found it: the name as written, or its Arabic key. */
export interface WordsMatch {
  by: 'name' | 'arabic';
  entries: readonly GazetteerEntry[];
}

/** A run of folded words in `Gazetteer.byWords`'s memo: what it finds with each Arabic option, and the runs it starts. */
interface WordsNode {
  next: WeakMap<FoldedWord, WordsNode>;
  found: (WordsMatch | null | undefined)[];
}

/** Distinct lookups remembered before the memo starts over (a corpus repeats few names, a huge one many). */
const MEMO_LIMIT = 200_000;

/** Remembers results per key: news repeats the same names, and each lookup otherwise builds a new array. */
class LookupMemo {
  private readonly results = new Map<string, readonly GazetteerEntry[]>();

  get(key: string, compute: () => readonly GazetteerEntry[]): readonly GazetteerEntry[] {
    let found = this.results.get(key);
    if (found === undefined) {
      if (this.results.size >= MEMO_LIMIT) this.results.clear();
      found = Object.freeze(compute());
      this.results.set(key, found);
    }
    return found;
  }
}

/**
 * Read-only gazetteer: candidate lookup by normalised name, acronym and
 * demonym. Loaded once and handed to the stages that need it.
 *
 * @example
 * gazetteer.lookup("Tall 'Afar").map((e) => e.name) // ['Tall ‘Afar', ...]
 */
export class Gazetteer {
  private readonly names: PostingIndex;
  private readonly arabicNames: PostingIndex;
  /** Entries with a name that carries an Arabic article, built-in and imported. */
  private readonly articleEntries: Set<number>;
  private readonly acronyms: PostingIndex;
  private readonly containerAcronyms: PostingIndex;
  private readonly demonyms: PostingIndex;
  private readonly cache: (GazetteerEntry | undefined)[];
  /** Longest name in words: bounds the n-grams the recogniser tries. */
  readonly maxWords: number;

  /** Entries imported from a full GeoNames dump, layered over the built-in data. */
  private readonly imported: GazetteerEntry[];
  private readonly importedNames = new Map<string, number[]>();
  private readonly importedArabicNames = new Map<string, number[]>();
  private readonly byKeyMemo = new LookupMemo();
  private readonly arabicMemo = new LookupMemo();
  private readonly acronymMemo = new LookupMemo();
  private readonly containerAcronymMemo = new LookupMemo();
  private readonly demonymMemo = new LookupMemo();
  private readonly wordsMemo: WordsNode = { next: new WeakMap(), found: [undefined, undefined, undefined] };

  constructor(private readonly data: GazetteerData, readonly normalize: NameNormalizer, imported: readonly NamedEntry[] = []) {
    this.names = new PostingIndex(data.names);
    this.arabicNames = new PostingIndex(data.arabicNames);
    this.articleEntries = new Set(Array.from(data.articleEntries));
    this.acronyms = new PostingIndex(data.acronyms);
    this.containerAcronyms = new PostingIndex(data.containerAcronyms);
    this.demonyms = new PostingIndex(data.demonyms);
    this.cache = new Array(data.name.length);
    this.maxWords = 6;
    const base = data.name.length;
    const arabicCountries = new Set(data.arabicCountries);
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = key ? map.get(key) ?? map.set(key, []).get(key)! : [];
      if (!list.includes(i)) list.push(i);
    };
    // Imported places are keyed as the build keys built-in ones.
    this.imported = imported.map(({ names, demonyms: _d, acronyms: _a, containerAcronyms: _c, ...e }, i) => {
      for (const n of names) {
        const words = normalize.words(n);
        add(this.importedNames, normalize.joinKeys(words, { keepArticles: true }), base + i);
        if (e.country === null || !arabicCountries.has(e.country)) continue;
        const arabic = normalize.arabicKey(words);
        add(this.importedArabicNames, arabic.key, base + i);
        if (!arabic.stripped) continue;
        this.articleEntries.add(base + i);
        add(this.importedNames, normalize.joinKeys(words), base + i);
      }
      return { ...e, index: base + i };
    });
  }

  get size(): number {
    return this.data.name.length + this.imported.length;
  }

  entry(i: number): GazetteerEntry {
    if (i >= this.data.name.length) return this.imported[i - this.data.name.length]!;
    let e = this.cache[i];
    if (!e) {
      const d = this.data;
      e = {
        index: i, geonameid: d.geonameid[i]! < 0 ? null : d.geonameid[i]!, name: d.name[i]!, lat: d.lat[i]!, lon: d.lon[i]!,
        featureClass: d.featureClass[i]!, featureCode: d.featureCode[i]!, country: d.country[i] ?? null,
        admin1Code: d.admin1Code[i] ?? null, population: d.population[i]!, source: d.source[i] as EntrySource,
      };
      this.cache[i] = e;
    }
    return e;
  }

  private entries(ids: Uint32Array): GazetteerEntry[] {
    return Array.from(ids, (i) => this.entry(i));
  }

  /**
   * Built-in entries under a key of `index`, then imported ones that are not their twins: the same
   * GeoNames id, or without one the same name and point (a row of resources/facilities.tsv imported again).
   */
  private withImported(index: PostingIndex, imported: Map<string, number[]>, key: string): GazetteerEntry[] {
    const base = this.entries(index.get(key) ?? EMPTY);
    const more = imported.get(key);
    if (!more) return base;
    const identity = (e: GazetteerEntry) => e.geonameid ?? `${e.name}|${e.lat}|${e.lon}`;
    const known = new Set(base.map(identity));
    return [...base, ...more.map((i) => this.entry(i)).filter((e) => !known.has(identity(e)))];
  }

  /**
   * Entries named by a run of folded words: by the name as written (articles
   * kept), else, among places named in Arabic, by its Arabic key, which is
   * blind to vowels, word breaks and articles ("Telafer", "Deir Ezzor"). A key
   * that dropped an article finds only places whose name carries one: "As"
   * and "Al" never become Ås or Ål. `arabic: false` asks for the name as written only; `arabic: 'article'`
   * uses the Arabic key only when it dropped an article, as for names in Arabic script, which always write
   * theirs: "ديرالزور" finds Deir ez-Zor ("دير الزور"), but "جديد" (new) never finds a place "الجديد".
   */
  byWords(words: readonly FoldedWord[], options: { arabic?: boolean | 'article' } = {}): WordsMatch | null {
    // The folded words decide every key below: a run of words seen before is answered, found or not, by
    // following its words (the normaliser hands out one object per word) down a tree of weak maps.
    if (!words.length) return this.findWords(words, options);
    let node = this.wordsMemo;
    for (const w of words) {
      let next = node.next.get(w);
      if (!next) node.next.set(w, (next = { next: new WeakMap(), found: [undefined, undefined, undefined] }));
      node = next;
    }
    const slot = options.arabic === false ? 0 : options.arabic === 'article' ? 1 : 2;
    let found = node.found[slot];
    if (found === undefined) node.found[slot] = found = this.findWords(words, options);
    return found;
  }

  private findWords(words: readonly FoldedWord[], options: { arabic?: boolean | 'article' }): WordsMatch | null {
    const key = this.normalize.joinKeys(words, AS_WRITTEN);
    if (this.names.has(key) || this.importedNames.has(key)) {
      return { by: 'name', entries: this.byKeyMemo.get(key, () => this.withImported(this.names, this.importedNames, key)) };
    }
    if (options.arabic === false) return null;
    const arabic = this.normalize.arabicKey(words);
    if (options.arabic === 'article' && !arabic.stripped) return null;
    if (!this.arabicNames.has(arabic.key) && !this.importedArabicNames.has(arabic.key)) return null;
    const entries = this.arabicMemo.get(`${arabic.stripped ? '-' : '+'}${arabic.key}`, () => {
      const found = this.withImported(this.arabicNames, this.importedArabicNames, arabic.key);
      return arabic.stripped ? found.filter((e) => this.articleEntries.has(e.index)) : found;
    });
    return entries.length ? { by: 'arabic', entries } : null;
  }

  lookup(name: string): readonly GazetteerEntry[] {
    return this.byWords(this.normalize.words(name))?.entries ?? [];
  }

  acronym(text: string): readonly GazetteerEntry[] {
    return this.acronymMemo.get(text, () => this.entries(this.acronyms.get(text) ?? EMPTY));
  }

  /** Entries a short name stands for only after another place and a comma ("OR" in "Portland, OR"). */
  containerAcronym(text: string): readonly GazetteerEntry[] {
    return this.containerAcronymMemo.get(text, () => this.entries(this.containerAcronyms.get(text) ?? EMPTY));
  }

  demonym(text: string): readonly GazetteerEntry[] {
    return this.demonymMemo.get(text, () => this.entries(this.demonyms.get(this.normalize(text)) ?? EMPTY));
  }

  admin1Name(country: string | null, admin1Code: string | null): string | null {
    if (!country || !admin1Code) return null;
    return this.data.admin1Names[`${country}.${admin1Code}`] ?? null;
  }

  /** The admin1 region entry holding a place, when the gazetteer has it. */
  admin1Entry(country: string, admin1Code: string): GazetteerEntry | null {
    const name = this.admin1Name(country, admin1Code);
    if (!name) return null;
    return this.lookup(name).find((e) => e.featureCode === 'ADM1' && e.country === country && e.admin1Code === admin1Code) ?? null;
  }

  /** The country entry for an ISO code. */
  country(code: string): GazetteerEntry | null {
    for (let i = 0; i < this.data.source.length && this.data.source[i] === 'country'; i++) {
      if (this.data.country[i] === code) return this.entry(i);
    }
    return null;
  }
}
