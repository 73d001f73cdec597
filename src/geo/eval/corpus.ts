import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** A gold toponym: its span, type and (when it has one) its coordinates. */
export interface GoldToponym {
  start: number;
  end: number;
  text: string;
  type: string;
  lat: number | null;
  lon: number | null;
}

export interface EvalDocument {
  id: string;
  text: string;
  toponyms: GoldToponym[];
}

export interface EvalCorpus {
  name: string;
  format: 'gwn' | 'lgl' | 'brat';
  documents: EvalDocument[];
}

/** GeoWebNews types that denote a location and carry coordinates (Gritta et al. 2019). */
export const LOCATIONAL_TYPES = new Set([
  'Literal', 'Metonymic', 'Mixed', 'Literal_Modifier', 'Non_Literal_Modifier', 'Coercion', 'Embedded_Literal', 'Embedded_Non_Lit',
]);

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const num = (v: unknown): number | null => (v === undefined || v === '' || v === null || Number.isNaN(Number(v)) ? null : Number(v));

interface XmlToponym {
  start?: number; end?: number; type?: string; extractedName?: string; phrase?: string;
  latitude?: number | string; longitude?: number | string;
  gaztag?: { lat?: number | string; lon?: number | string; name?: string };
}

/**
 * Reads GeoWebNews (`GWN.xml`), LGL (`lgl.xml`) and TR-News (`TR-News.xml`):
 * all three list articles with their text and toponyms with character
 * offsets; GWN carries `latitude`/`longitude` and a type, LGL and TR-News a
 * `gaztag` with `lat`/`lon`.
 */
function readXmlCorpus(file: string): EvalCorpus {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, trimValues: false, parseTagValue: false, isArray: (name) => name === 'article' || name === 'toponym' });
  const root = parser.parse(readFileSync(file, 'utf8')) as { articles?: { article?: Record<string, unknown>[] } };
  const articles = asArray(root.articles?.article);
  if (!articles.length) throw new Error(`${file}: no <article> elements (expected GeoWebNews, LGL or TR-News XML)`);
  const gwnLike = articles.some((a) => asArray((a.toponyms as { toponym?: XmlToponym[] })?.toponym).some((t) => t.type !== undefined));
  const documents = articles.map((a, i): EvalDocument => {
    const text = String(a.text ?? '');
    const toponyms = asArray((a.toponyms as { toponym?: XmlToponym[] } | undefined)?.toponym).map((t): GoldToponym => {
      const start = Number(t.start), end = Number(t.end);
      return {
        start, end, text: text.slice(start, end), type: t.type ? String(t.type).trim() : 'Literal',
        lat: num(t.latitude ?? t.gaztag?.lat), lon: num(t.longitude ?? t.gaztag?.lon),
      };
    });
    return { id: String(a['@file'] ?? a['@docid'] ?? i), text, toponyms };
  });
  return { name: basename(file), format: gwnLike ? 'gwn' : 'lgl', documents };
}

/** Reads brat annotations: `T1<TAB>Type start end<TAB>text`. Discontinuous spans keep their outer bounds. */
export function readBratAnnotations(annText: string): { start: number; end: number; type: string; text: string }[] {
  const out: { start: number; end: number; type: string; text: string }[] = [];
  for (const line of annText.split('\n')) {
    const m = /^(?:T\d+|INDEX)\t(\S+) (\d+)(?: \d+;\d+)* (\d+)\t(.*)$/.exec(line);
    if (m) out.push({ type: m[1]!, start: Number(m[2]), end: Number(m[3]), text: m[4]! });
  }
  return out;
}

/** A brat folder of `N.txt` + `N.ann` (GeoWebNews's brat release: no coordinates, geotagging only). */
function readBratCorpus(dir: string): EvalCorpus {
  const ids = readdirSync(dir).filter((f) => f.endsWith('.ann')).map((f) => f.slice(0, -4))
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  if (!ids.length) throw new Error(`${dir}: no .ann files`);
  return {
    name: basename(dir), format: 'brat',
    documents: ids.map((id) => {
      const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
      const toponyms = readBratAnnotations(readFileSync(join(dir, `${id}.ann`), 'utf8'))
        .map((a) => ({ ...a, text: text.slice(a.start, a.end), lat: null, lon: null }));
      return { id, text, toponyms };
    }),
  };
}

export function readEvalCorpus(path: string): EvalCorpus {
  if (!existsSync(path)) throw new Error(`${path}: no such file or directory`);
  return statSync(path).isDirectory() ? readBratCorpus(path) : readXmlCorpus(path);
}

/** The gold set: toponyms of a locational type, with coordinates when `needCoordinates`. */
export function goldToponyms(doc: EvalDocument, format: EvalCorpus['format'], needCoordinates: boolean): GoldToponym[] {
  return doc.toponyms.filter((t) => (format === 'lgl' || LOCATIONAL_TYPES.has(t.type)) && (!needCoordinates || (t.lat !== null && t.lon !== null)));
}
