import type { GazetteerData, PostingList } from './build.js';
import type { EntrySource } from './entry.js';
import { buildKeyTable } from './key-table.js';

/*
 * The gazetteer cache as one binary file: a small JSON header, then string
 * columns (joined by U+0001) and number columns as raw little-endian typed
 * arrays. Loading it is a read, a few string splits and typed-array views,
 * several times faster than JSON.parse of the same data (no JSON parser on
 * npm reads typed columns, hence this small format).
 */
const MAGIC = 'CGZ1';
const SEP = '\u0001';

type NumberKind = 'f64' | 'i32' | 'u32';
interface Section { offset: number; length: number; kind?: NumberKind }
interface Header { version: number; admin1Names: Record<string, string>; arabicCountries: string[]; featureClass: string; sections: Record<string, Section> }

const ARRAY_TYPES = { f64: Float64Array, i32: Int32Array, u32: Uint32Array } as const;

function stringColumn(values: readonly (string | null)[]): string {
  return values.map((v) => v ?? '').join(SEP);
}

export function encodeGazetteer(data: GazetteerData): Buffer {
  const strings: Record<string, string> = {
    name: stringColumn(data.name), featureCode: stringColumn(data.featureCode), country: stringColumn(data.country),
    admin1Code: stringColumn(data.admin1Code), source: stringColumn(data.source),
    namesKeys: stringColumn(data.names.keys), arabicNamesKeys: stringColumn(data.arabicNames.keys), acronymsKeys: stringColumn(data.acronyms.keys),
    containerAcronymsKeys: stringColumn(data.containerAcronyms.keys), demonymsKeys: stringColumn(data.demonyms.keys),
  };
  const numbers: Record<string, [NumberKind, ArrayLike<number>]> = {
    geonameid: ['i32', data.geonameid], lat: ['f64', data.lat], lon: ['f64', data.lon], population: ['f64', data.population],
    namesOffsets: ['u32', data.names.offsets], namesPostings: ['u32', data.names.postings], namesSlots: ['i32', data.names.slots ?? buildKeyTable(data.names.keys)],
    arabicNamesOffsets: ['u32', data.arabicNames.offsets], arabicNamesPostings: ['u32', data.arabicNames.postings], arabicNamesSlots: ['i32', data.arabicNames.slots ?? buildKeyTable(data.arabicNames.keys)],
    articleEntries: ['u32', data.articleEntries],
    acronymsOffsets: ['u32', data.acronyms.offsets], acronymsPostings: ['u32', data.acronyms.postings], acronymsSlots: ['i32', data.acronyms.slots ?? buildKeyTable(data.acronyms.keys)],
    containerAcronymsOffsets: ['u32', data.containerAcronyms.offsets], containerAcronymsPostings: ['u32', data.containerAcronyms.postings], containerAcronymsSlots: ['i32', data.containerAcronyms.slots ?? buildKeyTable(data.containerAcronyms.keys)],
    demonymsOffsets: ['u32', data.demonyms.offsets], demonymsPostings: ['u32', data.demonyms.postings], demonymsSlots: ['i32', data.demonyms.slots ?? buildKeyTable(data.demonyms.keys)],
  };
  const chunks: Buffer[] = [];
  const sections: Record<string, Section> = {};
  let offset = 0;
  const add = (name: string, chunk: Buffer, kind?: NumberKind, length = chunk.length) => {
    sections[name] = { offset, length, ...(kind ? { kind } : {}) };
    chunks.push(chunk);
    offset += chunk.length;
    // Keep every section 8-byte aligned so typed arrays can view the file without copying.
    const pad = (8 - (offset % 8)) % 8;
    if (pad) { chunks.push(Buffer.alloc(pad)); offset += pad; }
  };
  for (const [name, value] of Object.entries(strings)) add(name, Buffer.from(value, 'utf8'));
  for (const [name, [kind, values]] of Object.entries(numbers)) {
    const array = ARRAY_TYPES[kind].from(values);
    add(name, Buffer.from(array.buffer, array.byteOffset, array.byteLength), kind, array.length);
  }
  const header: Header = { version: data.version, admin1Names: data.admin1Names, arabicCountries: data.arabicCountries, featureClass: data.featureClass, sections };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 4);
  const headerPad = Buffer.alloc((8 - ((8 + headerBytes.length) % 8)) % 8);
  return Buffer.concat([prefix, headerBytes, headerPad, ...chunks]);
}

/** Reads a cache file; null when it is not one (or from another version), so the caller rebuilds it. */
export function decodeGazetteer(file: Buffer, expectedVersion: number): GazetteerData | null {
  if (file.length < 8 || file.toString('latin1', 0, 4) !== MAGIC) return null;
  const headerLength = file.readUInt32LE(4);
  const header = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as Header;
  if (header.version !== expectedVersion) return null;
  let base = 8 + headerLength;
  base += (8 - (base % 8)) % 8;
  // A Buffer from readFileSync owns its memory, but may not start 8-byte aligned: copy once if so.
  const bytes = (file.byteOffset + base) % 8 === 0 ? file : Buffer.from(file);
  const at = bytes.byteOffset + base;
  const strings = (name: string): string[] => {
    const s = header.sections[name]!;
    return bytes.toString('utf8', base + s.offset, base + s.offset + s.length).split(SEP);
  };
  const nullable = (name: string): (string | null)[] => strings(name).map((v) => v || null);
  const numbers = (name: string): Float64Array | Int32Array | Uint32Array => {
    const s = header.sections[name]!;
    return new ARRAY_TYPES[s.kind!](bytes.buffer as ArrayBuffer, at + s.offset, s.length);
  };
  const postings = (prefix: string): PostingList => ({
    keys: strings(`${prefix}Keys`), offsets: numbers(`${prefix}Offsets`), postings: numbers(`${prefix}Postings`), slots: numbers(`${prefix}Slots`) as Int32Array,
  });
  return {
    version: header.version,
    geonameid: numbers('geonameid'),
    name: strings('name'),
    lat: numbers('lat'), lon: numbers('lon'),
    featureClass: header.featureClass,
    featureCode: strings('featureCode'),
    country: nullable('country'),
    admin1Code: nullable('admin1Code'),
    population: numbers('population'),
    source: strings('source') as EntrySource[],
    admin1Names: header.admin1Names,
    names: postings('names'), arabicNames: postings('arabicNames'), articleEntries: numbers('articleEntries'), arabicCountries: header.arabicCountries,
    acronyms: postings('acronyms'), containerAcronyms: postings('containerAcronyms'), demonyms: postings('demonyms'),
  };
}
