/**
 * The first schema. Documents are never updated in place: a changed text is a
 * new row whose previous_version points at the row it replaces (and that row's
 * superseded_by points back), so every version stays readable. Mention and
 * event tables hold the queryable columns of each item plus the item itself
 * as JSON; the whole extraction is kept on the document.
 */
export const sql = `
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT,
  url TEXT,
  outlet TEXT,
  author TEXT,
  published_at TEXT,
  published_at_source TEXT,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  source TEXT,
  previous_version TEXT REFERENCES documents(id),
  superseded_by TEXT,
  ingested_at TEXT NOT NULL,
  extraction TEXT NOT NULL
);
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_source ON documents(source) WHERE source IS NOT NULL;
CREATE INDEX documents_published_at ON documents(published_at);
CREATE INDEX documents_outlet ON documents(outlet);

CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text,
  content = 'documents', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE places (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  geonameid INTEGER,
  name TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  country TEXT,
  admin1 TEXT,
  feature_code TEXT,
  kind TEXT NOT NULL,
  precision TEXT NOT NULL,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE actors (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX actors_actor_id ON actors(actor_id);

CREATE TABLE times (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  precision TEXT NOT NULL,
  certainty TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE events (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  subtype TEXT NOT NULL,
  modality TEXT NOT NULL,
  negated INTEGER NOT NULL,
  agent_id TEXT,
  patient_id TEXT,
  source TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  lat REAL,
  lon REAL,
  from_date TEXT,
  to_date TEXT,
  confidence REAL NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (doc_id, id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_agent ON events(agent_id);
CREATE INDEX events_patient ON events(patient_id);
CREATE INDEX events_position ON events(lon, lat) WHERE lat IS NOT NULL;
CREATE INDEX events_time ON events(from_date, to_date);

CREATE TABLE statements (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  speaker TEXT NOT NULL,
  speaker_kind TEXT NOT NULL,
  form TEXT NOT NULL,
  parent INTEGER,
  json TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE corridors (
  doc_id TEXT NOT NULL REFERENCES documents(id),
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE derived (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  label TEXT,
  documents INTEGER NOT NULL,
  events INTEGER NOT NULL
);
`;
