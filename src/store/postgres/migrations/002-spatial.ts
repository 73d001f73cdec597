import { tryCreateExtension, type Migration } from '../migrate.js';

/**
 * Map queries. With PostGIS, events get a point geometry (generated from
 * lat/lon) with a GiST index and viewports are `&&` box tests; without it
 * (the extension is not installed, or the role may not create it) the btree
 * index on (lon, lat) from the first migration serves plain numeric
 * comparisons. Which one was set up is recorded as the `spatial` setting.
 */
export const spatial: Migration = {
  version: 2,
  name: 'spatial',
  async up(client, { record, postgis }) {
    const available = postgis && await tryCreateExtension(client, 'postgis');
    if (available) {
      await client.query(`ALTER TABLE events ADD COLUMN geom geometry(Point, 4326)
        GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED`);
      await client.query('CREATE INDEX events_geom ON events USING gist (geom)');
    }
    await record('spatial', available ? 'postgis' : 'btree');
  },
};
