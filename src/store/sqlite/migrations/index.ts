import { sql as initial } from './001-initial.js';
import { sql as eventOrder } from './002-event-order.js';
import { sql as eventPlaces } from './003-event-places.js';
import { sql as uncheckedEvents } from './004-unchecked-events.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Schema migrations in the order they apply; a database records the versions
 * it has in `schema_migrations`. Kept as TypeScript modules so the compiled
 * package carries them (tsc does not copy .sql files). Append, never edit.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'event order', sql: eventOrder },
  { version: 3, name: 'event places', sql: eventPlaces },
  { version: 4, name: 'unchecked events', sql: uncheckedEvents },
];
