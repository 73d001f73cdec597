/** Where an entry came from; also its rough rank in a tie. */
export type EntrySource = 'country' | 'region' | 'admin1' | 'admin2' | 'city' | 'facility' | 'import';

/** One gazetteer entry as the resolver sees it. */
export interface GazetteerEntry {
  index: number;
  geonameid: number | null;
  name: string;
  lat: number;
  lon: number;
  featureClass: string;
  featureCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** GeoNames admin1 code within the country (`15` for Nineveh). */
  admin1Code: string | null;
  population: number;
  source: EntrySource;
}

/** An entry with every name it should be found under, before indexing. */
export interface NamedEntry extends Omit<GazetteerEntry, 'index'> {
  names: string[];
  /** Adjectival forms ("Syrian") found as `kind: 'demonym'`. */
  demonyms?: string[];
  /** Short names ("US", "UK", "Calif.") that match only in exactly this spelling. */
  acronyms?: string[];
  /** Short names that name this place only after another place and a comma ("Portland, OR", "Boston, Mass."). */
  containerAcronyms?: string[];
}
