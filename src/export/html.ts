/**
 * A dossier in one HTML file that opens offline: a summary, the map and the
 * timeline as inline SVG, the claims with their evidence quotes and sources,
 * the contradictions side by side, and the documents cited. Inline CSS, no
 * script, nothing loaded from anywhere; links to the documents' own pages are
 * only followed if the reader clicks them. Every text value is escaped.
 */
import type { ClaimStatus, Contradiction, ContradictionSide } from '../fusion/index.js';
import type { Countries } from './countries.js';
import type { Evidence, ExportDataset, ExportEvent } from './dataset.js';
import type { ExportSettings } from './settings.js';
import { escapeHtml, mapSvg, timelineSvg } from './svg.js';

export interface HtmlOptions {
  countries: Countries;
  settings: ExportSettings;
  title?: string;
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1000px;padding:1.5em;color:#1d2327;background:#fff}
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #ddd;padding-bottom:.2em}
.meta{color:#555}.counts{display:flex;flex-wrap:wrap;gap:.6em;padding:0;list-style:none}
.counts li{background:#f3f4f6;border-radius:4px;padding:.3em .7em}
svg{max-width:100%;height:auto;display:block;margin:1em 0}
.sea{fill:#eef4f8}.country{fill:#fbfaf5;stroke:#9aa3a8;stroke-width:.6}
.event-mark{stroke:#fff;stroke-width:1;fill-opacity:.9}.status-contested{stroke:#000;stroke-dasharray:2 1}
.movement-arrow{stroke-width:2;fill:none;stroke-opacity:.8}.corridor-line{fill:none;stroke:#555;stroke-width:2;stroke-dasharray:6 4}
.place-label{font-size:11px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:3px}.extent{font-size:10px;fill:#666}
.timeline .tick{stroke:#ddd}.tick-label{font-size:10px;fill:#666;text-anchor:middle}.lane-label{font-size:12px;fill:#333}
.legend{display:flex;flex-wrap:wrap;gap:1em;padding:0;list-style:none}.legend span{display:inline-block;width:.9em;height:.9em;border-radius:50%;margin-right:.3em;vertical-align:middle}
table{border-collapse:collapse;width:100%;font-size:.93em}th,td{border-top:1px solid #e3e3e3;padding:.45em;vertical-align:top;text-align:left}
th{background:#f7f7f7}blockquote{margin:.3em 0 .6em;padding:.2em .7em;border-left:3px solid #c8c8c8;background:#fafafa}
.who{display:block;font-size:.85em;color:#555}.badge{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;white-space:nowrap}
.b-corroborated{background:#d9f2dd}.b-single-source{background:#eef0f2}.b-contested{background:#fde2c8}.b-unsupported{background:#f3d6d6}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1em}.side{border:1px solid #e3e3e3;border-radius:4px;padding:.6em}
.contradiction{margin-bottom:1.5em}code{font-size:.85em;word-break:break-all}
`;

const STATUSES: ClaimStatus[] = ['corroborated', 'single-source', 'contested', 'unsupported'];

const when = (e: ExportEvent) => (e.time ? (e.time.from === e.time.to ? e.time.from : `${e.time.from} – ${e.time.to}`) : 'undated');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A link only for web addresses: nothing else may end up in an href. */
function link(url: string | null, text: string): string {
  return url && /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function quote(text: string, who: string, url: string | null, title: string | null): string {
  return `<blockquote>${escapeHtml(text.replace(/\s+/g, ' ').trim())}<span class="who">${escapeHtml(who)}${title ? ` — ${link(url, title)}` : ''}</span></blockquote>`;
}

function evidenceQuote(ev: Evidence): string {
  const d = ev.document;
  const who = [`${ev.source} (${ev.sourceKind}, ${ev.modality}${ev.negated ? ', negated' : ''})`, d.outlet, d.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ');
  return quote(ev.quote, who, d.url, d.title);
}

function summary(dataset: ExportDataset): string {
  const { events } = dataset;
  const documents = new Set(events.flatMap((e) => e.evidence.map((ev) => ev.document.id)));
  const outlets = new Set(events.flatMap((e) => e.evidence.map((ev) => ev.document.outlet).filter(Boolean)));
  const dates = events.flatMap((e) => (e.time ? [e.time.from, e.time.to] : [])).sort();
  const byStatus = STATUSES.map((s) => `<li><span class="badge b-${s}">${s}</span> ${events.filter((e) => e.status === s).length}</li>`);
  const filter = Object.entries(dataset.filter).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`);
  return [
    '<section id="summary"><h2>Summary</h2>',
    `<ul class="counts"><li>${plural(events.length, 'event')}</li><li>${plural(documents.size, 'document')}</li><li>${plural(outlets.size, 'outlet')}</li><li>${plural(dataset.contradictions.length, 'contradiction')}</li>${dates.length ? `<li>${escapeHtml(dates[0]!)} – ${escapeHtml(dates.at(-1)!)}</li>` : ''}</ul>`,
    `<ul class="counts">${byStatus.join('')}</ul>`,
    `<p class="meta">Events are fused across documents; a status says how many independent sources assert each one. ${filter.length ? `Filters: ${escapeHtml(filter.join('; '))}.` : 'No filters.'}</p>`,
    '</section>',
  ].join('\n');
}

function legend(dataset: ExportDataset, settings: ExportSettings): string {
  const types = [...new Set(dataset.events.map((e) => e.type))].sort();
  return `<ul class="legend">${types.map((t) => `<li><span style="background:${settings.colours[t]}"></span>${escapeHtml(t)}</li>`).join('')}</ul>`;
}

function outside(events: readonly ExportEvent[]): string {
  if (events.length === 0) return '';
  const items = events.map((e) => `<li><a href="#${escapeHtml(e.id)}">${escapeHtml(e.place!.name)}${e.place!.country ? `, ${escapeHtml(e.place!.country.name)}` : ''}</a>: ${escapeHtml(e.label)}</li>`);
  return `<details><summary>${plural(events.length, 'event')} outside the map</summary><ul>${items.join('')}</ul></details>`;
}

function claimsTable(dataset: ExportDataset): string {
  const rows = dataset.events.map((e) => [
    `<tr id="${escapeHtml(e.id)}">`,
    `<td>${escapeHtml(when(e))}</td>`,
    `<td><strong>${escapeHtml(`${e.type}/${e.subtype}`)}</strong><br>${escapeHtml(e.label)}<br><code>${escapeHtml(e.id)}</code></td>`,
    `<td>${escapeHtml(e.place ? `${e.place.name}${e.place.country ? `, ${e.place.country.name}` : ''}` : '—')}</td>`,
    `<td><span class="badge b-${e.status}">${e.status}</span><br>${plural(e.corroboration.score, 'source')}${e.corroboration.independentSources.length ? `: ${escapeHtml(e.corroboration.independentSources.join(', '))}` : ''}</td>`,
    `<td>${e.evidence.map(evidenceQuote).join('')}</td>`,
    '</tr>',
  ].join(''));
  return `<section id="claims"><h2>Claims and evidence</h2><table><thead><tr><th>When</th><th>What</th><th>Where</th><th>Status</th><th>Evidence</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

function sideHtml(side: ContradictionSide, texts: ReadonlyMap<string, string>): string {
  const quotes = side.mentions.map((m) => {
    const text = texts.get(m.docId)?.slice(m.start, m.end) ?? '';
    const who = [`${m.source} (${m.modality}${m.negated ? ', negated' : ''})`, m.outlet, m.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ');
    return quote(text, who, null, null);
  });
  return `<div class="side"><p><strong>${escapeHtml(side.claim)}</strong> <a href="#${escapeHtml(side.clusterId)}"><code>${escapeHtml(side.clusterId)}</code></a></p>${quotes.join('')}</div>`;
}

function contradictions(list: readonly Contradiction[], texts: ReadonlyMap<string, string>): string {
  if (list.length === 0) return '<section id="contradictions"><h2>Contradictions</h2><p>None among these events.</p></section>';
  const items = list.map((cx) => `<div class="contradiction" id="${escapeHtml(cx.id)}"><h3>${escapeHtml(cx.kind)}</h3><p>${escapeHtml(cx.explanation)}</p><div class="sides">${sideHtml(cx.a, texts)}${sideHtml(cx.b, texts)}</div></div>`);
  return `<section id="contradictions"><h2>Contradictions</h2>${items.join('\n')}</section>`;
}

function documents(dataset: ExportDataset): string {
  const docs = new Map<string, Evidence['document']>();
  for (const e of dataset.events) for (const ev of e.evidence) docs.set(ev.document.id, ev.document);
  const rows = [...docs.values()]
    .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id.localeCompare(b.id))
    .map((d) => `<tr><td>${escapeHtml(d.publishedAt?.slice(0, 10) ?? 'undated')}</td><td>${escapeHtml(d.outlet ?? '')}</td><td>${link(d.url, d.title ?? d.id)}${d.url ? `<br><code>${escapeHtml(d.url)}</code>` : ''}</td><td><code>${escapeHtml(d.id.slice(0, 12))}</code></td></tr>`);
  return `<section id="documents"><h2>Documents cited</h2><table><thead><tr><th>Published</th><th>Outlet</th><th>Title</th><th>Id</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

/**
 * @example
 * writeFileSync('dossier.html', toHtml(dataset, {countries: loadCountries(), settings: loadExportSettings()}));
 */
export function toHtml(dataset: ExportDataset, options: HtmlOptions): string {
  const title = options.title ?? 'Corridor dossier';
  const svgOptions = { countries: options.countries, colours: options.settings.colours };
  const map = mapSvg(dataset, svgOptions);
  const timeline = timelineSvg(dataset, svgOptions);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be fetched: not even an image, a font or a favicon.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(title)}</h1><p class="meta">Generated by ${escapeHtml(`${dataset.generator.name} ${dataset.generator.version}`)} on ${escapeHtml(dataset.generatedAt)}.</p></header>`,
    summary(dataset),
    `<section id="map"><h2>Map</h2>${map ? map.svg : '<p>No event has a place.</p>'}${legend(dataset, options.settings)}<p class="meta">Dots are events (larger: more independent sources; dashed outline: contested), arrows movements, dashed lines corridors.</p>${outside(map?.outside ?? [])}</section>`,
    `<section id="timeline"><h2>Timeline</h2>${timeline ?? '<p>No event has a date.</p>'}</section>`,
    claimsTable(dataset),
    contradictions(dataset.contradictions, dataset.texts),
    documents(dataset),
    '</body></html>',
    '',
  ].join('\n');
}
