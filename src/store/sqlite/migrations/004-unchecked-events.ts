/**
 * An event the claims stage has not read (a pipeline without it) has no
 * source and no modality: those columns take NULL. SQLite cannot drop a NOT
 * NULL constraint in place, so the events table is rebuilt with the same
 * columns and indexes (migrations 1 and 2).
 */
export const sql = `
CREATE TABLE events_rebuilt (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  subtype TEXT NOT NULL,
  modality TEXT,
  negated INTEGER NOT NULL,
  agent_id TEXT,
  patient_id TEXT,
  source TEXT,
  source_kind TEXT,
  lat REAL,
  lon REAL,
  from_date TEXT,
  to_date TEXT,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  doc_seq INTEGER,
  PRIMARY KEY (doc_id, id)
);
INSERT INTO events_rebuilt
  SELECT doc_id, id, idx, type, subtype, modality, negated, agent_id, patient_id, source, source_kind, lat, lon, from_date, to_date, confidence, json, doc_seq
  FROM events;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;
CREATE INDEX events_type ON events(type);
CREATE INDEX events_agent ON events(agent_id);
CREATE INDEX events_patient ON events(patient_id);
CREATE INDEX events_position ON events(lon, lat) WHERE lat IS NOT NULL;
CREATE INDEX events_time ON events(from_date, to_date);
CREATE INDEX events_chronology ON events(from_date IS NULL, from_date, doc_seq, idx);
`;
