/**
 * `/api/places` counts the events at, from or to each place: `event_places`
 * holds those places (one row per event and role), filled here from the
 * stored events. The times, statements and corridors tables were written on
 * every save and never read (each document keeps its whole extraction): they
 * go.
 */
export const sql = `
CREATE TABLE event_places (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  event_idx INTEGER NOT NULL,
  role TEXT NOT NULL,
  geonameid INTEGER,
  name TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  PRIMARY KEY (doc_id, event_idx, role)
);
INSERT INTO event_places (doc_id, event_idx, role, geonameid, name, lat, lon)
  SELECT e.doc_id, e.idx, r.role, json_extract(e.json, '$.' || r.role || '.geonameid'), json_extract(e.json, '$.' || r.role || '.name'),
    json_extract(e.json, '$.' || r.role || '.lat'), json_extract(e.json, '$.' || r.role || '.lon')
  FROM events e, (SELECT 'location' AS role UNION ALL SELECT 'origin' UNION ALL SELECT 'destination') r
  WHERE json_type(e.json, '$.' || r.role) = 'object';
DROP TABLE times;
DROP TABLE statements;
DROP TABLE corridors;
`;
