// Shared by the reliability tests: span invariants, the compiled CLI in a child
// process, temporary folders, and a consistency check of a SQLite store.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { createContext } from '../../src/cli/context.js';
import { runCorridor } from '../../src/cli/program.js';
import { packageRoot } from '../../src/resources.js';
import type { DocumentMeta, Extraction, Span } from '../../src/types.js';

export const ROOT = packageRoot;
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'index.js');
export const HOSTILE_FIXTURES = join(ROOT, 'test', 'fixtures', 'hostile');

/** A document as ingestion would hand it to the pipeline, for any text. */
export function documentOf(text: string, overrides: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    id: 'a'.repeat(64), title: null, url: null, outlet: null, author: null,
    publishedAt: '2017-07-11', publishedAtSource: 'metadata', language: 'eng', text, ...overrides,
  };
}

/** A temporary folder removed when the test (or suite) ends. */
export function tempDir(t: { after: (fn: () => void) => void }, prefix = 'corridor-reliability-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function assertWithin(text: string, span: { start: number; end: number }, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets ${JSON.stringify(span)}`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: ${span.start}..${span.end} within 0..${text.length}`);
}

function assertExact(text: string, span: Span & { text: string }, what: string): void {
  assertWithin(text, span, what);
  assert.equal(text.slice(span.start, span.end), span.text, `${what}: text.slice(start, end) is the span's text`);
}

/**
 * The extraction contract's offset rules on any output: every span with a
 * text is exactly that slice of the document, and every other offset lies
 * inside the document with start <= end.
 */
export function assertSpansValid(text: string, extraction: Extraction): void {
  extraction.places.forEach((p, i) => assertExact(text, p, `places[${i}]`));
  extraction.actors.forEach((a, i) => {
    assertExact(text, a, `actors[${i}]`);
    if (a.antecedent) assertWithin(text, a.antecedent, `actors[${i}].antecedent`);
  });
  extraction.times.forEach((t, i) => assertExact(text, t, `times[${i}]`));
  extraction.corridors.forEach((c, i) => {
    assertExact(text, c, `corridors[${i}]`);
    c.waypoints.forEach((w, k) => {
      if (w.start !== null || w.end !== null) assertWithin(text, { start: w.start ?? -1, end: w.end ?? -1 }, `corridors[${i}].waypoints[${k}]`);
    });
  });
  extraction.events.forEach((e, i) => {
    assertExact(text, e.trigger, `events[${i}].trigger`);
    e.evidence.forEach((span, k) => assertWithin(text, span, `events[${i}].evidence[${k}]`));
    if (e.attribution && e.attribution.cueStart !== null) assertWithin(text, { start: e.attribution.cueStart, end: e.attribution.cueEnd ?? -1 }, `events[${i}].attribution cue`);
  });
  extraction.statements.forEach((s, i) => {
    assertWithin(text, s, `statements[${i}]`);
    if (s.cueStart !== null || s.cueEnd !== null) assertWithin(text, { start: s.cueStart ?? -1, end: s.cueEnd ?? -1 }, `statements[${i}] cue`);
  });
  extraction.sentences.forEach((s, i) => assertWithin(text, s, `sentences[${i}]`));
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled CLI, run to completion (no CORRIDOR_DB from the caller's environment), `input` on its standard input. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
  const { CORRIDOR_DB: _ignored, CORRIDOR_TOKEN: _token, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...inherited, ...env }, input, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * The CLI run in this process, as runCli runs it in a child: the same
 * environment rules, `input` on its standard input. It shares this process's
 * loaded modules (the gazetteer, the pipeline's word lists), which spares each
 * run a second of start-up; runCli stays for tests of the process itself.
 */
export async function runCliInProcess(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  const { CORRIDOR_DB: _ignored, CORRIDOR_TOKEN: _token, ...inherited } = process.env;
  const stdout = collector();
  const stderr = collector();
  const ctx = createContext({
    stdout: stdout.stream, stderr: stderr.stream as unknown as NodeJS.WriteStream,
    stdin: Readable.from(input === undefined ? [] : [Buffer.from(input)]), env: { ...inherited, ...env },
  });
  const status = await runCorridor([process.execPath, CLI, ...args], ctx);
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** The CLI without waiting, for runs the test stops itself. */
export function spawnCli(args: string[], env: Record<string, string> = {}) {
  const { CORRIDOR_DB: _ignored, CORRIDOR_TOKEN: _token, ...inherited } = process.env;
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Per-document item tables and how many rows a stored extraction gives each. */
const ITEM_TABLES: Readonly<Record<string, (x: Extraction) => number>> = {
  places: (x) => x.places.length,
  actors: (x) => x.actors.length,
  events: (x) => x.events.length,
  event_places: (x) => x.events.reduce((n, e) => n + [e.location, e.origin, e.destination].filter(Boolean).length, 0),
};

export interface StoreReport {
  documents: number;
  current: number;
  texts: string[];
}

/**
 * Opens a SQLite store file read-only and checks it is whole: SQLite's own
 * integrity and foreign-key checks, the full-text index in step with the
 * documents, and for every document exactly the rows its stored extraction
 * lists — so no document was left half-written.
 */
export function checkStore(file: string): StoreReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }], `${file}: PRAGMA integrity_check`);
    assert.deepEqual(db.pragma('foreign_key_check'), [], `${file}: PRAGMA foreign_key_check`);
    const documents = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    assert.equal(db.prepare('SELECT count(*) FROM documents_fts').pluck().get(), documents, 'one full-text row per document');
    const rows = db.prepare('SELECT id, text, extraction FROM documents').all() as Array<{ id: string; text: string; extraction: string }>;
    const tables = Object.entries(ITEM_TABLES).map(([table, rowsOf]) => ({
      table, rowsOf, byDocument: new Map((db.prepare(`SELECT doc_id, count(*) AS n FROM ${table} GROUP BY doc_id`).all() as Array<{ doc_id: string; n: number }>).map((r) => [r.doc_id, r.n])),
    }));
    for (const row of rows) {
      const extraction = JSON.parse(row.extraction) as Extraction;
      assert.equal(extraction.document.id, row.id, `the stored extraction belongs to ${row.id}`);
      for (const { table, rowsOf, byDocument } of tables) {
        assert.equal(byDocument.get(row.id) ?? 0, rowsOf(extraction), `${row.id.slice(0, 8)}: rows in ${table} = items in its extraction`);
      }
      assertSpansValid(row.text, extraction);
    }
    for (const { table, byDocument } of tables) {
      for (const docId of byDocument.keys()) assert.ok(rows.some((r) => r.id === docId), `${table} rows of a stored document only (${docId})`);
    }
    const current = db.prepare('SELECT count(*) FROM documents WHERE superseded_by IS NULL').pluck().get() as number;
    return { documents, current, texts: rows.map((r) => r.text) };
  } finally {
    db.close();
  }
}

/** Lines a file on this machine holds and no stored text may (external entities, path traversal). */
export const SECRET_MARKERS = [/root:x?:0:0:/, /^daemon:/m];

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
