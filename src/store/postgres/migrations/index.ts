import type { Migration } from '../migrate.js';
import { initial } from './001-initial.js';
import { spatial } from './002-spatial.js';
import { eventSpans } from './003-event-spans.js';
import { versionChains } from './004-version-chains.js';
import { eventPlaces } from './005-event-places.js';
import { uncheckedEvents } from './006-unchecked-events.js';

/**
 * Schema migrations in the order they apply; a database records the versions
 * it has in `schema_migrations`. Append, never edit.
 */
export const MIGRATIONS: readonly Migration[] = [initial, spatial, eventSpans, versionChains, eventPlaces, uncheckedEvents];
