import type { Migration } from '../migrate.js';

/**
 * `/api/places` counts the events at, from or to each place: `event_places`
 * holds those places (one row per event and role), filled here from the
 * stored events. The times, statements and corridors tables were written on
 * every save and never read (each document keeps its whole extraction): they
 * go. The same change as SQLite's migration 3.
 */
export const eventPlaces: Migration = {
  version: 5,
  name: 'event places',
  async up(client) {
    await client.query(`
      CREATE TABLE event_places (
        doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
        event_idx integer NOT NULL,
        role text NOT NULL,
        geonameid integer,
        name text NOT NULL,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        PRIMARY KEY (doc_id, event_idx, role)
      );
      INSERT INTO event_places (doc_id, event_idx, role, geonameid, name, lat, lon)
        SELECT e.doc_id, e.idx, r.role, (p.place ->> 'geonameid')::integer, p.place ->> 'name', (p.place ->> 'lat')::double precision, (p.place ->> 'lon')::double precision
        FROM events e
        CROSS JOIN (VALUES ('location'), ('origin'), ('destination')) AS r(role)
        CROSS JOIN LATERAL (SELECT e.json::jsonb -> r.role AS place) AS p
        WHERE jsonb_typeof(p.place) = 'object';
      DROP TABLE times, statements, corridors;
    `);
  },
};
