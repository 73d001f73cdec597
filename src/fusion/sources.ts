import { originOf, outletName } from './corroboration.js';
import { compareKeys } from './mentions.js';
import type { FusionState } from './state.js';
import type { SourceProfile } from './types.js';

/**
 * How each outlet, and each named source they quote, fares across clusters:
 * how many events it makes claims about (assertions or denials), how many of
 * its assertions others confirm, how many are contradicted, and how many rest
 * on it alone.
 */
export function sourceProfiles(state: FusionState): SourceProfile[] {
  const normalize = state.context.normalizeName;
  const profiles = new Map<string, SourceProfile & { clusters: Set<string>; asserted: Set<string> }>();
  const profile = (kind: SourceProfile['kind'], name: string) => {
    const key = `${kind}:${normalize(name)}`;
    let p = profiles.get(key);
    if (!p) {
      p = { kind, name, claims: 0, corroborated: 0, contradicted: 0, alone: 0, clusters: new Set(), asserted: new Set() };
      profiles.set(key, p);
    } else if (name < p.name) {
      // Spellings of one name: keep the same one whatever the order.
      p.name = name;
    }
    return p;
  };
  for (const cluster of state.clusters.values()) {
    for (const m of cluster.mentions) {
      if (m.weight !== 'evidence' && m.weight !== 'denial') continue;
      const speakers = [profile('outlet', outletName(m))];
      const origin = originOf(m, state.context.sourceNames);
      if (origin.key.startsWith('source:')) speakers.push(profile('source', origin.label));
      for (const p of speakers) {
        p.clusters.add(cluster.id);
        if (m.weight === 'evidence') p.asserted.add(cluster.id);
      }
    }
  }
  return [...profiles.values()]
    .map(({ clusters, asserted, ...p }) => {
      for (const id of clusters) {
        const c = state.clusters.get(id)!;
        p.claims++;
        if (c.contradictions.length > 0) p.contradicted++;
        if (!asserted.has(id)) continue;
        if (c.corroboration.score >= 2) p.corroborated++;
        if (c.corroboration.score === 1) p.alone++;
      }
      return p;
    })
    .sort((a, b) => b.claims - a.claims || compareKeys(a.kind, b.kind) || compareKeys(a.name, b.name));
}
