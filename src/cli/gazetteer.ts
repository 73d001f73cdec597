import { loadGazetteer, type Gazetteer } from '../geo/gazetteer/index.js';
import { readImportedEntries } from '../geo/gazetteer/imported-store.js';
import { resolveDb, type CliContext } from './context.js';

/**
 * The gazetteer the store's places were resolved with: the built-in names
 * plus any imported into the store file (`corridor gazetteer import`).
 * Commands that look a place up by name read every name of it here.
 */
export function storeGazetteer(ctx: CliContext, db: string | undefined): Gazetteer {
  return loadGazetteer({ imported: readImportedEntries(resolveDb(ctx, db)) });
}
