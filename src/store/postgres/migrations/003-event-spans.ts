import type { Migration } from '../migrate.js';

/**
 * Time ranges for map queries. An event's span (from its first to its last
 * date, ISO strings compared bytewise) is indexed with GiST, so "events
 * overlapping this period" is one index condition instead of two open-ended
 * comparisons that each match half the table. With PostGIS, a two-column
 * index answers "in this box and this period" at once. The exact date
 * conditions are still applied: the span is a superset filter (an event
 * whose dates are reversed is indexed from the earlier to the later).
 */
export const eventSpans: Migration = {
  version: 3,
  name: 'event spans',
  async up(client) {
    await client.query(`
      CREATE TYPE corridor_text_range AS RANGE (subtype = text, collation = "C");
      CREATE FUNCTION corridor_event_span(from_date text, to_date text) RETURNS corridor_text_range
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE WHEN coalesce(from_date, to_date) IS NULL THEN NULL ELSE corridor_text_range(
            least(coalesce(from_date, to_date) COLLATE "C", coalesce(to_date, from_date) COLLATE "C"),
            greatest(coalesce(from_date, to_date) COLLATE "C", coalesce(to_date, from_date) COLLATE "C"), '[]') END
        $$;
      CREATE INDEX events_span ON events USING gist (corridor_event_span(from_date, to_date));
    `);
    const { rows } = await client.query("SELECT value FROM store_settings WHERE key = 'spatial'");
    if (rows[0]?.value === 'postgis') {
      await client.query('CREATE INDEX events_geom_span ON events USING gist (geom, corridor_event_span(from_date, to_date))');
    }
  },
};
