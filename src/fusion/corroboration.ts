import type { ClusterMention, Corroboration, CorroborationEntry, CorroborationRole, NormalizeName } from './types.js';

/** Link kinds that identify who a claim comes from. */
const IDENTIFIABLE = new Set(['named-person', 'official', 'group']);

export interface Origin {
  /** `outlet:<name>` or `source:<name>`; two mentions with the same origin are one source. */
  key: string;
  /** What the origin is, for explanations. */
  label: string;
  /** Whether the claim comes from elsewhere than the publishing outlet itself. */
  relayed: boolean;
  /** The person quoted when the origin is the institution they speak for. */
  spokesperson: string | null;
  /** Another key of the same source: the person's own (`source:<name>`) when the origin is their institution. */
  alias: string | null;
  /** Whether the key names a person (a surname alone may stand for the full name). */
  person?: boolean;
}

/**
 * A person's name as compared across reports: a word's final -yi, -iy, -y or -i
 * (after the normaliser's folding of doubled letters) read as one ending, since
 * outlets transliterate Slavic names each their way ("Syrskyi", "Syrskii",
 * "Syrsky"; "Zelensky", "Zelenskiy").
 */
const personKey = (normalized: string) => normalized.split(' ').map((w) => (w.length >= 4 ? w.replace(/(?:yi|iy|y|i)$/, 'i') : w)).join(' ');

/** How fusion names where a claim comes from: the one name key, and the outlet whose copy a publisher runs. */
export interface SourceNames {
  normalize: NormalizeName;
  /** The outlet whose copy a publisher runs, by its name: "AzVision (Reuters)" is Reuters' copy, "AFP (via SpaceWar.com)" AFP's; else the outlet itself. */
  originalOutlet(outlet: string): string;
  /**
   * The state whose government a source speaks for, read from its name: a state's name or demonym
   * alone ("Russia"), or followed by words of `governmentWords` ("Russia's defence ministry",
   * "Russian Defense Minister Sergei Shoigu"): "Russia". Null for other names ("Syrian Observatory
   * for Human Rights", "Ukrainian Pravda").
   */
  stateVoice(source: string): string | null;
}

/** States by the names and demonyms a source's name may start with (resources/actors.json), and the words of government. */
export interface StateVoices {
  states: { label: string; names: string[] }[];
  governmentWords: string[];
}

/**
 * A publisher named with the agency it reprints: "<site> (<agency>)" when
 * the parenthesis is a wire agency of `wireAgencies` ("(Reuters)", not
 * "(Bangladesh)" or "(blog)"), and "<outlet> (via <site>)" always.
 */
export function createSourceNames(normalize: NormalizeName, wireAgencies: readonly string[], voices: StateVoices = { states: [], governmentWords: [] }): SourceNames {
  const agencies = new Map(wireAgencies.map((a) => [normalize(a), a]));
  const states = new Map(voices.states.flatMap(({ label, names }) => names.map((n) => [normalize(n), label] as const)));
  const longest = Math.max(0, ...[...states.keys()].map((k) => k.split(' ').length));
  const government = new Set(voices.governmentWords.map(normalize));
  return {
    normalize,
    stateVoice(source) {
      const words = normalize(source).split(' ');
      for (let n = Math.min(longest, words.length); n >= 1; n--) {
        const label = states.get(words.slice(0, n).join(' '));
        if (label !== undefined) return n === words.length || words.slice(n).some((w) => government.has(w)) ? label : null;
      }
      return null;
    },
    originalOutlet(outlet) {
      const parts = /^(.+?)\s*\((via\s+)?([^()]+)\)\s*$/i.exec(outlet);
      if (!parts) return outlet;
      const [, before, via, inside] = parts;
      if (via) return before!.trim();
      return agencies.get(normalize(inside!)) ?? outlet;
    },
  };
}

/** Name of the outlet that published a mention (or of its document when the outlet is unknown). */
export function outletName(m: Pick<ClusterMention, 'outlet' | 'docId'>): string {
  return m.outlet ?? `document ${m.docId.slice(0, 12)}`;
}

/**
 * Where a claim comes from, read from the innermost end of its attribution
 * chain: the first named person, official or group quoted (a spokesman as
 * the institution he speaks for: "Orlov" and "Russia's defence ministry" are
 * one source; a state's ministry or minister as the state: "Russian Defense
 * Ministry" and "Russia" are one government); else an outlet the document relays; else the publishing
 * outlet itself. Anonymous sources are only as independent as the outlet
 * that relays them.
 */
export function originOf(m: ClusterMention, names: SourceNames): Origin {
  const { normalize } = names;
  const publisher = outletName(m);
  const printed = names.originalOutlet(publisher);
  const own = normalize(printed);
  const links = m.chain.length > 0 ? m.chain : [{ source: m.source, sourceKind: m.sourceKind, affiliation: null }];
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i]!;
    if (IDENTIFIABLE.has(link.sourceKind)) {
      const institution = link.affiliation ?? names.stateVoice(link.source);
      const label = institution ?? link.source;
      const alias = institution && normalize(institution) !== normalize(link.source) ? `source:${normalize(link.source)}` : null;
      const person = !institution && link.sourceKind === 'named-person';
      return { key: `source:${person ? personKey(normalize(label)) : normalize(label)}`, label, relayed: true, spokesperson: alias ? link.source : null, alias, person };
    }
    if (link.sourceKind === 'outlet' && normalize(link.source) !== own) {
      return { key: `outlet:${normalize(link.source)}`, label: link.source, relayed: true, spokesperson: null, alias: null };
    }
  }
  return { key: `outlet:${own}`, label: printed, relayed: printed !== publisher, spokesperson: null, alias: null };
}

function describe(m: ClusterMention, origin: Origin): string {
  if (!origin.relayed) return outletName(m);
  return `${outletName(m)} quoting ${origin.spokesperson ? `${origin.spokesperson} for ${origin.label}` : origin.label}`;
}

const NOT_EVIDENCE: Record<Exclude<ClusterMention['weight'], 'evidence'>, string> = {
  denial: 'denies the event, so cannot confirm it',
  opinion: 'opinion, speculation or a question is not evidence',
  prospective: 'planned or conditional, not an occurrence',
  background: 'history the report recalls, dated well before it',
  nominal: 'named in passing by a modifier, not reported as news',
};

/** The role a mention plays for its cluster, from its weight (evidence is a `source` or a `repeat`). */
const ROLE_OF_WEIGHT: Record<Exclude<ClusterMention['weight'], 'evidence'>, CorroborationRole> = {
  denial: 'denial', opinion: 'opinion', prospective: 'context', background: 'context', nominal: 'context',
};

/**
 * Keys of one source, joined: a spokesman quoted by name in one report and
 * as his institution's voice in another ("Daniel Reyes"; "Daniel Reyes, a
 * coalition spokesman") is one source. Written here because it is a dozen
 * lines over the few keys of one cluster; no union-find package is worth it.
 */
function sameSource(links: Iterable<[string, string]>): (key: string) => string {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  for (const [key, alias] of links) {
    const [a, b] = [find(key), find(alias)];
    // The smaller key leads, so the grouping does not depend on mention order.
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  return find;
}

/** Fewer words than this are a description ("ministry"), not a name another may qualify. */
const MIN_QUALIFIED_WORDS = 2;

/**
 * A source named with a qualifier in one report and without it in another
 * ("UK-based Syrian Observatory for Human Rights", "Syrian Observatory for
 * Human Rights"; "Russian Defense Minister Sergei Shoigu", "Sergei Shoigu"):
 * a name of at least `MIN_QUALIFIED_WORDS` words (or a person's surname:
 * "Syrskyi", "Oleksandr Syrskyi") joins the one longer name
 * of the cluster that ends with it. When several do ("Russian defence
 * ministry", "Ukrainian defence ministry"), the short name could be either
 * and joins none, so it never ties two sources together.
 */
function qualifiedNames(keys: readonly string[], persons: ReadonlySet<string>): [string, string][] {
  const names = [...new Set(keys.filter((k) => k.startsWith('source:')))];
  const links: [string, string][] = [];
  for (const short of names) {
    const words = short.slice('source:'.length);
    // A person's surname alone ("Syrskyi") is a name; a one-word description ("ministry") is not.
    if (words.split(' ').length < MIN_QUALIFIED_WORDS && !persons.has(short)) continue;
    const longer = names.filter((k) => k.endsWith(` ${words}`));
    if (longer.length === 1) links.push([longer[0]!, short]);
  }
  return links;
}

/**
 * Mentions that print, in another document, the same sentence as an earlier
 * one (agency copy, a statement run verbatim: `copyKey`), each with the
 * mention it copies: the earliest published, then the lowest key. A copy is
 * the original's report again, whoever the copy names as its source.
 */
function copies(mentions: readonly ClusterMention[]): Map<ClusterMention, ClusterMention> {
  const originals = new Map<string, ClusterMention>();
  const first = (a: ClusterMention, b: ClusterMention) => (a.publishedAt ?? '9999') < (b.publishedAt ?? '9999') || (a.publishedAt === b.publishedAt && a.key < b.key);
  for (const m of mentions) {
    if (!m.copyKey) continue;
    const held = originals.get(m.copyKey);
    if (!held || first(m, held)) originals.set(m.copyKey, m);
  }
  const copyOf = new Map<ClusterMention, ClusterMention>();
  for (const m of mentions) {
    const original = m.copyKey ? originals.get(m.copyKey)! : m;
    if (original.docId !== m.docId) copyOf.set(m, original);
  }
  return copyOf;
}

/** Which mention of one source counts: the outlet's own reporting before a relay, then the earliest published. */
function countsBefore(m: ClusterMention, origin: Origin, holder: ClusterMention, holderOrigin: Origin): boolean {
  if (holderOrigin.relayed !== origin.relayed) return !origin.relayed;
  return (m.publishedAt ?? '9999') < (holder.publishedAt ?? '9999');
}

/**
 * Counts the independent sources asserting a cluster's event. One mention
 * per source counts (the outlet's own reporting first, then the earliest,
 * then the lowest key); the rest are explained as repeats, and what is not
 * evidence (background, plans, passing mentions, opinion, denials) by its role.
 */
export function corroborate(mentions: readonly ClusterMention[], names: SourceNames): Corroboration {
  const origins = new Map<ClusterMention, Origin>();
  for (const m of mentions) if (m.weight === 'evidence') origins.set(m, originOf(m, names));
  const copyOf = copies([...origins.keys()]);
  for (const copy of copyOf.keys()) origins.delete(copy);
  const links: [string, string][] = [];
  for (const { key, alias } of origins.values()) if (alias) links.push([key, alias]);
  const persons = new Set([...origins.values()].filter((o) => o.person).map((o) => o.key));
  links.push(...qualifiedNames([...origins.values()].flatMap(({ key, alias }) => (alias ? [key, alias] : [key])), persons));
  const sourceOf = sameSource(links);
  const counting = new Map<string, ClusterMention>();
  for (const [m, origin] of origins) {
    const source = sourceOf(origin.key);
    const holder = counting.get(source);
    if (!holder || countsBefore(m, origin, holder, origins.get(holder)!)) counting.set(source, m);
  }
  const explanation = mentions.map((m): CorroborationEntry => {
    const original = copyOf.get(m);
    if (original) {
      return {
        mention: m.key, source: outletName(m), origin: sourceOf(origins.get(original)!.key), counted: false, role: 'repeat',
        reason: `prints the same sentence as ${outletName(original)}: one copy, not two reports`,
      };
    }
    const origin = origins.get(m);
    if (!origin) {
      const weight = m.weight as keyof typeof NOT_EVIDENCE;
      return { mention: m.key, source: outletName(m), origin: null, counted: false, role: ROLE_OF_WEIGHT[weight], reason: NOT_EVIDENCE[weight] };
    }
    const source = describe(m, origin);
    const key = sourceOf(origin.key);
    const counter = counting.get(key)!;
    if (counter === m) {
      return { mention: m.key, source, origin: key, counted: true, role: 'source', reason: origin.relayed ? `independent source: ${origin.label}` : `independent report by ${source}` };
    }
    const reason = counter.docId === m.docId
      ? 'the same document already counts this source'
      : origin.key.startsWith('source:')
        ? `quotes ${origin.label}, already counted through ${outletName(counter)}`
        : origin.relayed
          ? `repeats ${origin.label}, already counted`
          : `${source} already counted`;
    return { mention: m.key, source, origin: key, counted: false, role: 'repeat', reason };
  });
  // A source is named as the institution when any report gives the spokesman's role ("US-led coalition", not "Daniel Reyes").
  const institution = new Map<string, string>();
  for (const origin of origins.values()) {
    const source = sourceOf(origin.key);
    if (origin.spokesperson && !(institution.get(source)! <= origin.label)) institution.set(source, origin.label);
  }
  const independentSources = [...counting].map(([source, m]) => institution.get(source) ?? origins.get(m)!.label).sort();
  return { score: independentSources.length, independentSources, explanation };
}
