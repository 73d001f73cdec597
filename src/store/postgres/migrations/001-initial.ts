import { tryCreateExtension, type Migration } from '../migrate.js';

/**
 * How many characters of a text full-text search indexes: PostgreSQL caps a
 * tsvector at 1 MB and word positions at 16,383, so longer texts are indexed
 * by their beginning.
 */
export const SEARCHED_CHARS = 200_000;

/**
 * The first schema, the same tables as SQLite's: documents are never updated
 * in place (a changed text is a new row linked both ways to the one it
 * replaces), and item tables hold their queryable columns plus the item as
 * JSON. Dates are ISO strings compared bytewise (`COLLATE "C"`), exactly as
 * SQLite compares them, so prefixes like `2017-07` filter the same way.
 * Search uses the `corridor_search` configuration: words lower-cased, no
 * stemming, accents removed when the unaccent extension can be created.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  async up(client, { record }) {
    const unaccent = await tryCreateExtension(client, 'unaccent');
    await client.query(`CREATE TEXT SEARCH CONFIGURATION corridor_search (COPY = simple)`);
    if (unaccent) {
      await client.query(`ALTER TEXT SEARCH CONFIGURATION corridor_search
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`);
    }
    await record('search', unaccent ? 'unaccent' : 'simple');
    await client.query(sql);
  },
};

const sql = `
CREATE TABLE documents (
  seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  title text,
  url text,
  outlet text,
  author text,
  published_at text COLLATE "C",
  published_at_source text,
  language text NOT NULL,
  text text NOT NULL,
  source text,
  previous_version text COLLATE "C" REFERENCES documents(id),
  superseded_by text COLLATE "C",
  ingested_at text NOT NULL,
  extraction text NOT NULL,
  search tsvector GENERATED ALWAYS AS (
    to_tsvector('corridor_search', coalesce(title, '')) || to_tsvector('corridor_search', left(text, ${SEARCHED_CHARS}))
  ) STORED
);
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_source ON documents(source) WHERE source IS NOT NULL;
CREATE INDEX documents_published_at ON documents(published_at);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_current ON documents(id) WHERE superseded_by IS NULL;
CREATE INDEX documents_search ON documents USING gin (search);

CREATE TABLE places (
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
  idx integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  text text NOT NULL,
  geonameid integer,
  name text NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  country text,
  admin1 text,
  feature_code text,
  kind text NOT NULL,
  precision text NOT NULL,
  confidence double precision NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE actors (
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
  idx integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  text text NOT NULL,
  actor_id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX actors_actor_id ON actors(actor_id);

CREATE TABLE times (
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
  idx integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  text text NOT NULL,
  from_date text COLLATE "C" NOT NULL,
  to_date text COLLATE "C" NOT NULL,
  precision text NOT NULL,
  certainty text NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE events (
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
  id text COLLATE "C" NOT NULL,
  idx integer NOT NULL,
  type text NOT NULL,
  subtype text NOT NULL,
  modality text NOT NULL,
  negated boolean NOT NULL,
  agent_id text,
  patient_id text,
  source text NOT NULL,
  source_kind text NOT NULL,
  lat double precision,
  lon double precision,
  from_date text COLLATE "C",
  to_date text COLLATE "C",
  confidence double precision NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (doc_id, id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_agent ON events(agent_id);
CREATE INDEX events_patient ON events(patient_id);
CREATE INDEX events_position ON events(lon, lat) WHERE lat IS NOT NULL;
CREATE INDEX events_time ON events(from_date, to_date);

CREATE TABLE statements (
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
  idx integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  speaker text NOT NULL,
  speaker_kind text NOT NULL,
  form text NOT NULL,
  parent integer,
  json text NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE corridors (
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
  idx integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  name text NOT NULL,
  text text NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE derived (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE snapshots (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at text NOT NULL,
  label text,
  documents integer NOT NULL,
  events integer NOT NULL
);
`;
