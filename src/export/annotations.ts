/**
 * W3C Web Annotations: one annotation per evidence span (an event's trigger
 * word and its clause), targeting the document with both a TextQuoteSelector
 * and a TextPositionSelector, its body linking to the fused event. The output
 * is one AnnotationCollection whose first (and only) AnnotationPage holds
 * every annotation.
 *
 * Positions count Unicode code points, as the Web Annotation model requires
 * (Corridor's own offsets count UTF-16 code units), in the text Corridor
 * extracted from the document; the quote with its prefix and suffix finds the
 * span again in a copy whose markup or whitespace differ.
 */
import type { ExportDataset } from './dataset.js';

const CONTEXT_POINTS = 32;

/** Converts UTF-16 offsets into code point offsets of one text, scanning it once. */
function codePointIndex(text: string): (utf16: number) => number {
  const points: number[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    points.push(n);
    const c = text.charCodeAt(i);
    // A high surrogate and the low one after it make one code point.
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length)) n++;
  }
  points.push(n);
  return (utf16) => points[utf16]!;
}

/**
 * @example
 * const collection = toAnnotations(dataset);
 * collection.first.items[0].target.selector[0].type; // 'TextQuoteSelector'
 */
export function toAnnotations(dataset: ExportDataset) {
  const indexes = new Map<string, { points: string[]; index: (utf16: number) => number }>();
  const forText = (docId: string) => {
    let found = indexes.get(docId);
    if (!found) {
      const text = dataset.texts.get(docId)!;
      found = { points: Array.from(text), index: codePointIndex(text) };
      indexes.set(docId, found);
    }
    return found;
  };
  const generator = { id: 'urn:corridor', type: 'Software', name: `${dataset.generator.name} ${dataset.generator.version}` };
  const items = dataset.events.flatMap((e) => e.evidence.flatMap((ev) => ev.spans.map((span) => {
    const { points, index } = forText(ev.document.id);
    const start = index(span.start);
    const end = index(span.end);
    // The widest span is the clause; the others are trigger words.
    const role = span.end - span.start === Math.max(...ev.spans.map((s) => s.end - s.start)) ? 'clause' : 'trigger';
    return {
      id: `urn:corridor:annotation:${ev.document.id}:${ev.eventId}:${span.start}-${span.end}`,
      type: 'Annotation',
      motivation: 'linking',
      generator,
      generated: dataset.generatedAt,
      body: [
        { type: 'SpecificResource', source: `urn:corridor:event:${e.id}`, purpose: 'tagging' },
        { type: 'TextualBody', value: `${e.type}/${e.subtype}`, format: 'text/plain', purpose: 'tagging' },
        {
          type: 'TextualBody',
          format: 'text/plain',
          purpose: 'describing',
          value: `The ${role} of: ${e.label}. ${ev.source} (${ev.sourceKind}), ${ev.modality}${ev.negated ? ', negated' : ''}; event ${e.status}, ${e.corroboration.score} independent source${e.corroboration.score === 1 ? '' : 's'}.`,
        },
      ],
      target: {
        source: ev.document.url ?? `urn:corridor:doc:${ev.document.id}`,
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: points.slice(start, end).join(''),
            prefix: points.slice(Math.max(0, start - CONTEXT_POINTS), start).join(''),
            suffix: points.slice(end, end + CONTEXT_POINTS).join(''),
          },
          { type: 'TextPositionSelector', start, end },
        ],
      },
    };
  })));
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'urn:corridor:annotations',
    type: 'AnnotationCollection',
    label: 'Corridor: evidence of events',
    total: items.length,
    first: { id: 'urn:corridor:annotations:page:1', type: 'AnnotationPage', startIndex: 0, items },
  };
}
