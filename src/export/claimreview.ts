/**
 * schema.org ClaimReview (the markup fact-checkers publish): one review per
 * fused event, rating how well the documents support it. The output is a JSON
 * array of ClaimReview objects, each with its own `@context`, so any one can
 * be embedded in a page on its own.
 */
import type { SourceKind } from '../types.js';
import type { Evidence, ExportDataset, ExportEvent } from './dataset.js';
import { ratingFor, type ExportSettings } from './settings.js';

type Thing = Record<string, unknown>;

const PEOPLE: ReadonlySet<SourceKind> = new Set(['named-person', 'official', 'anonymous']);

/** Who makes the claim in one document: a person, or the outlet or group. */
function claimant(ev: Evidence): Thing {
  const person = PEOPLE.has(ev.sourceKind) || (ev.sourceKind === 'author' && ev.document.author !== null);
  return { '@type': person ? 'Person' : 'Organization', name: ev.source };
}

function appearance(ev: Evidence): Thing {
  const { document: d } = ev;
  return {
    '@type': 'CreativeWork',
    ...(d.url ? { url: d.url } : { '@id': `urn:corridor:doc:${d.id}` }),
    ...(d.title ? { headline: d.title } : {}),
    ...(d.publishedAt ? { datePublished: d.publishedAt } : {}),
    ...(d.outlet ? { publisher: { '@type': 'Organization', name: d.outlet } } : {}),
  };
}

const distinctBy = <T>(items: readonly T[], key: (item: T) => string): T[] =>
  items.filter((item, i) => items.findIndex((other) => key(other) === key(item)) === i);

function explanation(e: ExportEvent, dataset: ExportDataset, base: string): string {
  const parts = [base];
  if (e.corroboration.independentSources.length) parts.push(`Independent sources asserting it: ${e.corroboration.independentSources.join(', ')}.`);
  const denials = e.evidence.filter((ev) => ev.weight === 'denial');
  if (denials.length) parts.push(`Denied by: ${[...new Set(denials.map((ev) => ev.source))].join(', ')}.`);
  for (const id of e.contradictions) {
    const cx = dataset.contradictions.find((c) => c.id === id);
    if (cx) parts.push(cx.explanation);
  }
  return parts.join(' ');
}

/**
 * @example
 * const reviews = toClaimReviews(dataset, loadExportSettings());
 * reviews[0]['@type']; // 'ClaimReview'
 */
export function toClaimReviews(dataset: ExportDataset, settings: ExportSettings): Thing[] {
  const { worstRating, bestRating } = settings.claimReview;
  return dataset.events.map((e) => {
    const asserting = e.evidence.filter((ev) => ev.weight === 'evidence');
    const claimed = asserting[0] ?? e.evidence[0]!;
    const appearances = distinctBy(e.evidence, (ev) => ev.document.id).map(appearance);
    const rating = ratingFor(settings, e.status, e.corroboration.score);
    const firstPublished = e.evidence.map((ev) => ev.document.publishedAt).filter((d): d is string => d !== null).sort()[0];
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      '@id': `urn:corridor:claimreview:${e.id}`,
      name: e.label,
      claimReviewed: claimed.quote.replace(/\s+/g, ' ').trim(),
      itemReviewed: {
        '@type': 'Claim',
        '@id': `urn:corridor:event:${e.id}`,
        author: distinctBy((asserting.length ? asserting : e.evidence).map(claimant), (t) => `${t['@type']}:${t['name']}`),
        ...(firstPublished ? { datePublished: firstPublished } : {}),
        appearance: appearances,
        firstAppearance: appearance(claimed),
      },
      author: { '@type': 'Organization', name: dataset.generator.name },
      datePublished: dataset.generatedAt.slice(0, 10),
      reviewRating: {
        '@type': 'Rating',
        ratingValue: rating.ratingValue,
        bestRating,
        worstRating,
        alternateName: rating.alternateName,
        ratingExplanation: explanation(e, dataset, rating.explanation),
      },
    };
  });
}
