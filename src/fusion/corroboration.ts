import type { NormalizeName } from './state.js';
import type { ClusterMention, Corroboration, CorroborationEntry } from './types.js';

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
}

/** Name of the outlet that published a mention (or of its document when the outlet is unknown). */
export function outletName(m: Pick<ClusterMention, 'outlet' | 'docId'>): string {
  return m.outlet ?? `document ${m.docId.slice(0, 12)}`;
}

/**
 * Where a claim comes from, read from the innermost end of its attribution
 * chain: the first named person, official or group quoted (a spokesman as
 * the institution he speaks for: "Orlov" and "Russia's defence ministry" are
 * one source); else an outlet the document relays; else the publishing
 * outlet itself. Anonymous sources are only as independent as the outlet
 * that relays them.
 */
export function originOf(m: ClusterMention, normalize: NormalizeName): Origin {
  const own = normalize(outletName(m));
  const links = m.chain.length > 0 ? m.chain : [{ source: m.source, sourceKind: m.sourceKind, affiliation: null }];
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i]!;
    if (IDENTIFIABLE.has(link.sourceKind)) {
      const label = link.affiliation ?? link.source;
      return { key: `source:${normalize(label)}`, label, relayed: true, spokesperson: link.affiliation ? link.source : null };
    }
    if (link.sourceKind === 'outlet' && normalize(link.source) !== own) {
      return { key: `outlet:${normalize(link.source)}`, label: link.source, relayed: true, spokesperson: null };
    }
  }
  return { key: `outlet:${own}`, label: outletName(m), relayed: false, spokesperson: null };
}

function describe(m: ClusterMention, origin: Origin): string {
  if (!origin.relayed) return outletName(m);
  return `${outletName(m)} quoting ${origin.spokesperson ? `${origin.spokesperson} for ${origin.label}` : origin.label}`;
}

const NOT_EVIDENCE: Record<Exclude<ClusterMention['weight'], 'evidence'>, string> = {
  denial: 'denies the event, so cannot confirm it',
  opinion: 'opinion, speculation or a question is not evidence',
  prospective: 'planned or conditional, not an occurrence',
};

/**
 * Counts the independent sources asserting a cluster's event. One mention
 * per origin counts (the outlet's own reporting first, then the lowest key);
 * the rest are explained as repeats.
 */
export function corroborate(mentions: readonly ClusterMention[], normalize: NormalizeName): Corroboration {
  const origins = new Map<ClusterMention, Origin>();
  const counting = new Map<string, ClusterMention>();
  for (const m of mentions) {
    if (m.weight !== 'evidence') continue;
    const origin = originOf(m, normalize);
    origins.set(m, origin);
    const holder = counting.get(origin.key);
    if (!holder || (origins.get(holder)!.relayed && !origin.relayed)) counting.set(origin.key, m);
  }
  const explanation = mentions.map((m): CorroborationEntry => {
    const origin = origins.get(m);
    if (!origin) return { mention: m.key, source: outletName(m), origin: null, counted: false, reason: NOT_EVIDENCE[m.weight as keyof typeof NOT_EVIDENCE] };
    const source = describe(m, origin);
    const counter = counting.get(origin.key)!;
    if (counter === m) {
      return { mention: m.key, source, origin: origin.key, counted: true, reason: origin.relayed ? `independent source: ${origin.label}` : `independent report by ${source}` };
    }
    const reason = counter.docId === m.docId
      ? 'the same document already counts this source'
      : origin.key.startsWith('source:')
        ? `quotes ${origin.label}, already counted through ${outletName(counter)}`
        : origin.relayed
          ? `repeats ${origin.label}, already counted`
          : `${source} already counted`;
    return { mention: m.key, source, origin: origin.key, counted: false, reason };
  });
  const independentSources = [...counting.values()].map((m) => origins.get(m)!.label).sort();
  return { score: independentSources.length, independentSources, explanation };
}
