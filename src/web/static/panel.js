// The evidence panel. Everything that comes from a document — its text, title,
// outlet, names — is put in the page as text nodes (see dom.js): a document
// holding markup or script shows it as text and never runs it.
import { contradictionSentence, sideSentence } from './contradiction-sentence.js';
import { barChart, countBy } from './charts.js';
import { clear, h, safeUrl } from './dom.js';
import { TYPE_ICONS, relativeDay } from './feed.js';
import { STANCES, STATUS_LABELS, TYPE_COLORS, dayRangeLabel, eventPoint, groupLabel, groupsAtPoint, newestFirst, toDay } from './model.js';

const MARK_PRIORITY = { cue: 4, place: 3, actor: 2, time: 1 };
const MAX_LIST = 300;

/** Spans to highlight, overlaps resolved: earlier first, then cues over places over actors over times, then longer. */
export function pickMarks(extraction) {
  const all = [
    ...extraction.events.map((e) => ({ start: e.trigger.start, end: e.trigger.end, kind: 'cue', title: `Event cue: ${e.type}${e.subtype ? ` (${e.subtype})` : ''}` })),
    ...extraction.places.map((p) => ({ start: p.start, end: p.end, kind: 'place', title: `Place: ${p.name}${p.country ? `, ${p.country}` : ''} (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)})` })),
    ...extraction.actors.map((a) => ({ start: a.start, end: a.end, kind: 'actor', title: `Actor: ${a.name}` })),
    ...extraction.times.map((t) => ({ start: t.start, end: t.end, kind: 'time', title: `Time: ${t.from === t.to ? t.from : `${t.from} – ${t.to}`}` })),
  ].sort((a, b) => a.start - b.start || MARK_PRIORITY[b.kind] - MARK_PRIORITY[a.kind] || b.end - a.end);
  const picked = [];
  let reach = 0;
  for (const mark of all) {
    if (mark.start >= reach && mark.end > mark.start) {
      picked.push(mark);
      reach = mark.end;
    }
  }
  return picked;
}

/**
 * The document text cut at every sentence, highlight and focus boundary;
 * each piece a text node inside a span (sentence stance) or mark (highlight).
 */
export function renderText(text, extraction, focus) {
  const marks = pickMarks(extraction);
  const sentences = [...extraction.sentences].sort((a, b) => a.start - b.start);
  const cuts = new Set([0, text.length]);
  for (const span of [...sentences, ...marks, ...(focus ? [focus] : [])]) {
    cuts.add(Math.max(0, Math.min(text.length, span.start)));
    cuts.add(Math.max(0, Math.min(text.length, span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const container = h('div', { class: 'doc-text' });
  let si = 0;
  let mi = 0;
  let focusElement = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    while (si < sentences.length && sentences[si].end <= from) si++;
    while (mi < marks.length && marks[mi].end <= from) mi++;
    const sentence = sentences[si] && sentences[si].start <= from ? sentences[si] : null;
    const mark = marks[mi] && marks[mi].start <= from ? marks[mi] : null;
    const focused = focus && focus.start <= from && to <= focus.end;
    const classes = [sentence?.stance ? `st-${sentence.stance}` : null, mark ? `hl hl-${mark.kind}` : null, focused ? 'focus' : null].filter(Boolean);
    const piece = h(mark ? 'mark' : 'span', { class: classes.join(' ') || null, title: mark?.title ?? null }, text.slice(from, to));
    if (focused && !focusElement) focusElement = piece;
    container.append(piece);
  }
  return { container, focusElement };
}

/** A search snippet: `[[hit]]` markers become <mark> elements around text nodes. */
export function renderSnippet(snippet) {
  const parts = snippet.split(/\[\[|\]\]/);
  return h('span', { class: 'snippet' }, parts.map((part, i) => (i % 2 === 1 ? h('mark', {}, part) : part)));
}

/** "Demo Monitor → Orlov (Russia's defence ministry) · reported": who relays whom, and whom a source speaks for. */
function attributionLine(m) {
  const chain = (m.chain ?? []).map((c) => (c.affiliation ? `${c.source} (${c.affiliation})` : c.source))
    .filter((source, i, all) => source !== all[i - 1]);
  const who = chain.length > 1 ? chain.join(' → ') : chain[0] ?? m.source;
  // An event the claims stage has not read has no source or modality to show.
  return `${who ?? 'unattributed'} · ${m.modality ?? 'unchecked'}${m.negated ? ', negated' : ''}`;
}

function statusBadge(status) {
  return status ? h('span', { class: `badge status-${status}` }, STATUS_LABELS[status] ?? status) : null;
}

function typeDot(type) {
  const dot = h('span', { class: 'type-dot', 'aria-hidden': 'true' });
  dot.style.backgroundColor = TYPE_COLORS[type] ?? '#333';
  return dot;
}

/** The type's symbol in its colour, named for screen readers. */
function typeIcon(type) {
  const icon = h('span', { class: 'type-icon', role: 'img', 'aria-label': type, title: type }, TYPE_ICONS[type] ?? '•');
  icon.style.color = TYPE_COLORS[type] ?? '#333';
  return icon;
}

/** "2017-08-27 · 9 years ago": the last day a group covers, and how long ago that was. */
function whenLabel(g) {
  if (g.to === null || g.to === undefined) return dayRangeLabel(g.from, g.to);
  return `${dayRangeLabel(g.from, g.to)} · ${relativeDay(g.to, toDay(new Date().toISOString()))}`;
}

function quote(text, spans) {
  if (!text || !spans?.length) return null;
  const widest = spans.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  return h('blockquote', { class: 'evidence-quote' }, text.slice(widest.start, widest.end));
}

function widestSpan(spans) {
  return spans?.length ? spans.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a)) : null;
}

/** A mention as fusion describes it; built from the event itself when fusion has not seen it. */
function mentionsOf(group) {
  if (group.cluster) return group.cluster.mentions;
  return group.events.map((e) => ({
    docId: e.docId, eventId: e.id, outlet: e.outlet, publishedAt: e.publishedAt, source: e.attribution?.source ?? null,
    chain: e.attribution?.chain ?? [], modality: e.modality, negated: e.negated, evidence: e.evidence, weight: null, stance: null,
  }));
}

/**
 * `focusGroup(group | null)` is told when a list item gains or loses focus.
 * `views` renders more kinds of view (`place:<id>` → `views.place(id, tools)`), with the panel's own
 * pieces as tools; `groupLinks(group, button)` adds links under an event's head.
 */
export function createPanel({ root, title, body, back, close, openButton, cache, data, navigate, views = {}, groupLinks = () => null, focusGroup = () => {} }) {
  const history = [];
  let current = null;
  let token = 0;

  const button = (label, view, extra = {}) => h('button', { type: 'button', class: 'link', ...extra, on: { click: () => navigate(view) } }, label);

  function setOpen(open) {
    root.hidden = !open;
    openButton.hidden = open;
    document.body.classList.toggle('panel-closed', !open);
  }

  close.addEventListener('click', () => setOpen(false));
  openButton.addEventListener('click', () => {
    setOpen(true);
    root.focus();
  });
  back.addEventListener('click', () => {
    if (history.length) navigate(history.pop(), { fromHistory: true });
  });

  /** The groups newest first, each opening its evidence. */
  function groupList(groups) {
    const list = h('ul', { class: 'group-list' });
    for (const g of [...groups].sort(newestFirst).slice(0, MAX_LIST)) {
      list.append(h('li', {},
        // Focus shows the item's mark on the map (the list and the map in step); Enter opens it.
        h('button', { type: 'button', class: 'group-item', on: { click: () => navigate(`cluster:${g.key}`), focus: () => focusGroup(g), blur: () => focusGroup(null) } },
          typeIcon(g.type), h('span', { class: 'group-label' }, groupLabel(g)),
          h('span', { class: 'group-meta' }, `${whenLabel(g)} · ${g.reports} report${g.reports === 1 ? '' : 's'}`),
          statusBadge(g.status))));
    }
    return [list, groups.length > MAX_LIST ? h('p', {}, `First ${MAX_LIST} shown; narrow the filters or zoom in to see the others.`) : null];
  }

  /** Events in view by type, actor (the eight most frequent) and status, as small bar charts. */
  function countCharts(groups) {
    const axis = 'events in view';
    const byType = countBy(groups, (g) => g.type).map(([type, count]) => ({ label: type, count, color: TYPE_COLORS[type] }));
    const byActor = countBy(groups, (g) => g.agent?.name ?? null, 8).map(([label, count]) => ({ label, count }));
    const byStatus = countBy(groups, (g) => g.status ?? null).map(([status, count]) => ({ label: STATUS_LABELS[status] ?? status, count }));
    const chart = (title, rows) => (rows.length ? h('figure', { class: 'chart' }, h('figcaption', {}, title), barChart({ title, rows, axis })) : null);
    return h('details', { class: 'counts', open: true }, h('summary', {}, 'Counts'),
      chart('By type', byType), chart('By actor (agent)', byActor), chart('By status', byStatus));
  }

  function overview() {
    const { groups, groupsInView, contradictionsInView: contradictions, documents, groupByKey } = data();
    title.textContent = 'Overview';
    const reports = groupsInView.reduce((n, g) => n + g.events.length, 0);
    const cxList = h('ul', { class: 'cx-list' }, contradictions.map((cx) =>
      h('li', {}, button(contradictionSentence(cx, groupByKey), `contradiction:${cx.id}`))));
    if (documents === 0) {
      return [h('p', {}, 'No documents yet. Add some with `corridor ingest <files, folders or URLs>` (or `npm start` for the demo corpus), '
        + 'or POST them to /api/documents, then reload this page.')];
    }
    const outside = groups.length - groupsInView.length;
    // The status line counts what the filters and dates keep; this line, the part of it the map shows.
    return [
      h('p', { class: 'summary' }, `${groupsInView.length} events in view (${reports} reports of them; ${documents} documents stored)`
        + `${outside ? `; ${outside} more match the filters outside the map's view or without a place` : ''}.`),
      groupsInView.length ? countCharts(groupsInView) : null,
      contradictions.length ? h('section', {}, h('h3', {}, `Contradictions (${contradictions.length})`), cxList) : null,
      h('section', {}, h('h3', {}, 'Events in view'),
        groupsInView.length ? groupList(groupsInView) : h('p', {}, 'No event in view matches the filters and time range.')),
    ];
  }

  /** Every event drawn at one point (`at:<lat>,<lon>`): marks at one place would hide each other. */
  function atPoint(arg) {
    const here = groupsAtPoint(data().groups, arg);
    const name = here.length ? eventPoint(here[0]).name : arg;
    title.textContent = `${name}: ${here.length} event${here.length === 1 ? '' : 's'}`;
    return here.length ? groupList(here) : [h('p', {}, 'No event at this place matches the filters and time range.')];
  }

  function searchResults(q, hits, eventsAtPlace, groupsAtPlace) {
    title.textContent = `Search: ${q}`;
    const place = eventsAtPlace
      ? h('section', {},
        h('p', { class: 'summary' }, `${eventsAtPlace} report${eventsAtPlace === 1 ? '' : 's'} of events at the place “${q}” names, whatever name they give it: shown on the map.`),
        h('h3', {}, `Events at the place (${groupsAtPlace.length} in the filters and time range)`), groupList(groupsAtPlace))
      : null;
    if (!hits.length) return [place, h('p', {}, 'No document text matches.')];
    return [place, h('h3', {}, `Documents (${hits.length})`), h('ul', { class: 'search-list' }, hits.map((hit) => h('li', {},
      h('button', { type: 'button', class: 'search-item', on: { click: () => navigate(`doc:${hit.docId}`) } },
        h('strong', {}, hit.title ?? hit.docId.slice(0, 12)),
        h('span', { class: 'group-meta' }, [hit.outlet, hit.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ')),
        renderSnippet(hit.snippet)))))];
  }

  async function mentionItem(m) {
    const doc = await cache.document(m.docId).catch(() => null);
    return h('li', { class: 'mention' },
      h('div', { class: 'mention-head' },
        h('strong', {}, m.outlet ?? doc?.outlet ?? 'Unknown outlet'),
        ` · ${(m.publishedAt ?? '').slice(0, 10) || 'undated'}`,
        m.weight ? h('span', { class: `badge weight-${m.weight}` }, m.weight) : null),
      h('div', { class: 'mention-source' }, attributionLine(m)),
      quote(doc?.text, m.evidence),
      button('Read the document', `doc:${m.docId}@${m.eventId}`));
  }

  async function contradictionSide(side) {
    return h('div', { class: 'cx-side' },
      h('h4', {}, sideSentence(side, data().groupByKey(side.clusterId))),
      h('p', { class: 'cx-claim' }, side.claim),
      h('ul', { class: 'mention-list' }, await Promise.all(side.mentions.map(mentionItem))),
      button('Open this claim', `cluster:${side.clusterId}`));
  }

  async function contradictionView(cx) {
    return [
      h('p', { class: 'cx-kind' }, h('span', { class: 'badge status-contested' }, cx.kind)),
      h('p', {}, cx.explanation),
      h('div', { class: 'cx-sides' }, await contradictionSide(cx.a), await contradictionSide(cx.b)),
    ];
  }

  async function groupView(group) {
    const { contradictions } = data();
    title.textContent = groupLabel(group);
    const cluster = group.cluster;
    const mentions = mentionsOf(group);
    const parts = [
      h('p', { class: 'group-head' }, typeDot(group.type), ` ${dayRangeLabel(group.from, group.to)} `, statusBadge(group.status),
        h('span', { class: 'corroboration' }, ` corroboration ${group.corroboration}`)),
      groupLinks(group, button),
    ];
    if (cluster) {
      parts.push(h('details', { class: 'explanation' },
        h('summary', {}, `Why ${cluster.corroboration.score} independent source${cluster.corroboration.score === 1 ? '' : 's'}`),
        h('ul', {}, cluster.corroboration.explanation.map((x) =>
          h('li', { class: x.counted ? 'counted' : 'not-counted' }, `${x.counted ? '✓' : '✗'} ${x.source}: ${x.reason}`)))));
    }
    parts.push(h('h3', {}, `Reports (${mentions.length})`), h('ul', { class: 'mention-list' }, await Promise.all(mentions.map(mentionItem))));
    for (const id of cluster?.contradictions ?? []) {
      const cx = contradictions.find((c) => c.id === id);
      if (cx) parts.push(h('section', { class: 'cx' }, h('h3', {}, 'Contradicted'), ...await contradictionView(cx)));
    }
    return parts;
  }

  async function documentView(docId, eventId) {
    const [doc, extraction] = await Promise.all([cache.document(docId), cache.extraction(docId)]);
    title.textContent = doc.title ?? 'Untitled document';
    const focusEvent = eventId ? extraction.events.find((e) => e.id === eventId) : null;
    const { container, focusElement } = renderText(doc.text, extraction, widestSpan(focusEvent?.evidence));
    const href = safeUrl(doc.url);
    const { groupOfEvent } = data();
    const eventItems = extraction.events.map((e) => {
      const group = groupOfEvent(docId, e.id);
      const reports = group?.reports ?? 1;
      return h('li', { class: e.id === eventId ? 'doc-event current' : 'doc-event' },
        h('div', {}, typeDot(e.type), ' ', h('strong', {}, groupLabel(e))),
        h('div', { class: 'mention-source' }, `Asserted by ${attributionLine({ ...e.attribution, modality: e.modality, negated: e.negated })}`),
        h('div', { class: 'doc-event-actions' },
          button('Show in text', `doc:${docId}@${e.id}`),
          reports > 1 ? button(`Other reports (${reports - 1})`, `cluster:${group.key}`) : null));
    });
    return {
      parts: [
        h('p', { class: 'doc-meta' },
          [doc.outlet, doc.publishedAt?.slice(0, 10), doc.author].filter(Boolean).join(' · '),
          href ? h('span', {}, ' · ', h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')) : null),
        h('ul', { class: 'stance-legend', 'aria-label': 'Sentence stance' }, STANCES.map((st) => h('li', { class: `st-${st}` }, st))),
        h('ul', { class: 'mark-legend', 'aria-label': 'Highlights' },
          ['place', 'actor', 'time', 'cue'].map((kind) => h('li', {}, h('mark', { class: `hl hl-${kind}` }, kind === 'cue' ? 'event cue' : kind)))),
        container,
        h('h3', {}, `Events in this document (${extraction.events.length})`),
        h('ul', { class: 'doc-events' }, eventItems),
      ],
      focusElement,
    };
  }

  async function render(view) {
    const mine = ++token;
    const [kind, ...rest] = (view ?? 'overview').split(':');
    const arg = rest.join(':');
    let parts;
    let focusElement = null;
    try {
      if (kind === 'cluster') {
        const group = data().groupByKey(arg);
        parts = group ? await groupView(group) : [h('p', {}, 'This event is not in the current view (check the filters and time range).')];
      } else if (kind === 'doc') {
        const [docId, eventId] = arg.split('@');
        ({ parts, focusElement } = await documentView(docId, eventId));
      } else if (kind === 'contradiction') {
        const cx = data().contradictions.find((c) => c.id === arg);
        title.textContent = 'Contradiction';
        parts = cx ? await contradictionView(cx) : [h('p', {}, 'Unknown contradiction.')];
      } else if (kind === 'at') {
        parts = atPoint(arg);
      } else if (views[kind]) {
        parts = await views[kind](arg, { title, mentionItem, statusBadge, button });
      } else if (kind === 'search') {
        parts = searchResults(arg, data().searchHits, data().searchEvents, data().searchGroups);
      } else {
        parts = overview();
      }
    } catch (error) {
      title.textContent = 'Error';
      parts = [h('p', { class: 'error', role: 'alert' }, error.message)];
    }
    if (mine !== token) return;
    clear(body).append(...parts.flat().filter(Boolean));
    body.scrollTop = 0;
    focusElement?.scrollIntoView({ block: 'center' });
  }

  return {
    /** Shows a view; the previous one goes on the Back stack unless coming back. */
    async show(view, { fromHistory = false } = {}) {
      if (!fromHistory && current !== null && current !== view) history.push(current);
      current = view;
      back.disabled = history.length === 0;
      setOpen(true);
      await render(view);
    },
    refresh: () => render(current),
    close: () => setOpen(false),
    isOpen: () => !root.hidden,
    current: () => current,
  };
}

export function featureSummary(properties) {
  const rows = Object.entries(properties ?? {}).slice(0, 12);
  return h('div', { class: 'feature-summary' },
    rows.length ? h('dl', {}, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]))
      : h('p', {}, 'No properties'));
}

/** The hover summary of a mark; `others` more marks lie under the pointer. */
export function groupSummary(group, others = 0) {
  const reports = group.reports;
  return h('div', { class: 'group-summary' },
    h('strong', {}, groupLabel(group)),
    h('div', {}, dayRangeLabel(group.from, group.to)),
    h('div', {}, `${reports} report${reports === 1 ? '' : 's'} · corroboration ${group.corroboration} `, statusBadge(group.status)),
    h('div', { class: 'hint' }, others ? `and ${others} more event${others === 1 ? '' : 's'} here: click for the list` : 'Click for the evidence'));
}
