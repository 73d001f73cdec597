import type { Migration } from '../migrate.js';

/**
 * An event the claims stage has not read (a pipeline without it) has no
 * source and no modality: those columns take NULL. The same change as
 * SQLite's migration 4.
 */
export const uncheckedEvents: Migration = {
  version: 6,
  name: 'unchecked events',
  async up(client) {
    await client.query('ALTER TABLE events ALTER COLUMN modality DROP NOT NULL, ALTER COLUMN source DROP NOT NULL, ALTER COLUMN source_kind DROP NOT NULL');
  },
};
