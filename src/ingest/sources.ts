import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { decodeText, sniffHtmlCharset } from './decode.js';
import type { RawDocument } from './document.js';
import { formatBytes, IngestError, reasonOf } from './errors.js';
import { EXTENSION_FORMATS, formatOfContentType, formatOfPath, readContent } from './formats/index.js';
import { DEFAULT_MAX_BYTES } from './limits.js';

export { DEFAULT_MAX_BYTES };
const FETCH_TIMEOUT_MS = 30_000;

/** One file or URL to read. `path`/`url` is spelled as the user (or the directory walk) gave it. */
export type Input = { kind: 'file'; path: string } | { kind: 'url'; url: string };

export function inputName(input: Input): string {
  return input.kind === 'file' ? input.path : input.url;
}

/**
 * Command-line arguments to the files and URLs they name. Directories are
 * walked recursively for the known extensions, skipping hidden entries,
 * node_modules and what a `.corridorignore` lists; a directory without any
 * document is an error, as is a missing path. Files named explicitly are
 * always read.
 */
export async function expandInputs(args: readonly string[]): Promise<{ inputs: Input[]; errors: IngestError[] }> {
  const inputs: Input[] = [];
  const errors: IngestError[] = [];
  for (const arg of args) {
    if (/^https?:\/\//i.test(arg)) {
      inputs.push({ kind: 'url', url: arg });
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (error) {
      errors.push(new IngestError('CORRIDOR_ERR_INGEST_UNREADABLE', arg, { reason: describeFsError(error) }));
      continue;
    }
    if (info.isDirectory()) {
      const found = await walk(arg, new Set(), errors);
      if (found.length === 0) {
        errors.push(new IngestError('CORRIDOR_ERR_INGEST_NO_DOCUMENTS', arg, { extensions: Object.keys(EXTENSION_FORMATS).join(', ') }));
      }
      inputs.push(...found.map((path): Input => ({ kind: 'file', path })));
    } else if (info.isFile()) {
      inputs.push({ kind: 'file', path: arg });
    } else {
      errors.push(new IngestError('CORRIDOR_ERR_INGEST_UNREADABLE', arg, { reason: 'not a regular file or directory' }));
    }
  }
  return { inputs, errors };
}

/** A pattern from a `.corridorignore` file, relative to the folder holding that file. */
interface IgnoreRule {
  base: string;
  pattern: RegExp;
  /** Patterns with a slash match the path below `base`; others match the name at any depth. */
  anchored: boolean;
}

/** Name of the file listing what a directory walk skips (one glob per line, `#` comments). */
export const IGNORE_FILE = '.corridorignore';

async function walk(dir: string, visited: Set<string>, errors: IngestError[], inherited: readonly IgnoreRule[] = []): Promise<string[]> {
  let entries;
  try {
    // Symbolic links may loop back; each real directory is read once.
    const real = await realpath(dir);
    if (visited.has(real)) return [];
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(new IngestError('CORRIDOR_ERR_INGEST_UNREADABLE', dir, { reason: describeFsError(error) }));
    return [];
  }
  const rules = [...inherited, ...await readIgnoreRules(dir)];
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (rules.some((rule) => rule.pattern.test(rule.anchored ? relative(rule.base, path).split(sep).join('/') : entry.name))) continue;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      isDirectory = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory) files.push(...await walk(path, visited, errors, rules));
    else if (isFile && formatOfPath(path)) files.push(path);
  }
  return files;
}

async function readIgnoreRules(dir: string): Promise<IgnoreRule[]> {
  const content = await readFile(join(dir, IGNORE_FILE), 'utf8').catch(() => '');
  return content.split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => ({ base: dir, pattern: globToRegExp(line.replace(/^\//, '')), anchored: line.includes('/') }));
}

/** `*` and `?` stay within a path segment, `**` crosses them. */
function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/\*\*|[*?]|[.+^${}()|[\]\\]/g, (token) => (token === '**' ? '.*' : token === '*' ? '[^/]*' : token === '?' ? '[^/]' : `\\${token}`));
  return new RegExp(`^${source}$`);
}

export interface LoadOptions {
  maxBytes?: number;
}

/** What a run over inputs reports as it goes. */
export interface InputProgress {
  /** Called once the arguments are expanded into files and URLs. */
  onStart?: (totalInputs: number) => void;
  /** Called after each file or URL, whatever its outcome. */
  onInputDone?: (input: string) => void;
}

/**
 * Hands every document of the inputs to `handle`, in order: the arguments
 * expanded into files and URLs, each read and split into records. What
 * cannot be read (an input, a record), and an `IngestError` from `handle`,
 * goes to `fail` and the run goes on; a reader that breaks on hostile
 * content (a stack overflow, say) fails that input, not the batch. Returns
 * the number of files and URLs. `handle` also learns where the document
 * sits among those of its input.
 *
 * @example
 * const inputs = await eachDocument(['feeds/'], {}, console.error, async (raw) => { queue.push(raw); });
 */
export async function eachDocument(
  args: readonly string[], options: LoadOptions & InputProgress,
  fail: (error: IngestError) => void, handle: (raw: RawDocument, place: { index: number; count: number }) => Promise<void>,
): Promise<number> {
  const { inputs, errors } = await expandInputs(args);
  errors.forEach(fail);
  options.onStart?.(inputs.length);
  for (const input of inputs) {
    const loaded = await loadInput(input, options).catch((error: unknown) => {
      fail(error instanceof IngestError ? error : new IngestError('CORRIDOR_ERR_INGEST_UNREADABLE', inputName(input), { reason: reasonOf(error) }));
      return null;
    });
    loaded?.errors.forEach(fail);
    const documents = loaded?.documents ?? [];
    for (const [index, raw] of documents.entries()) {
      try {
        await handle(raw, { index, count: documents.length });
      } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        fail(error);
      }
    }
    options.onInputDone?.(inputName(input));
  }
  return inputs.length;
}

/** Reads one file or URL into raw documents (plus the records of it that failed). */
export async function loadInput(input: Input, options: LoadOptions = {}): Promise<{ documents: RawDocument[]; errors: IngestError[] }> {
  return input.kind === 'file' ? loadFile(input.path, options) : loadUrl(input.url, options);
}

async function loadFile(path: string, { maxBytes = DEFAULT_MAX_BYTES }: LoadOptions): Promise<{ documents: RawDocument[]; errors: IngestError[] }> {
  let bytes: Buffer;
  try {
    const { size } = await stat(path);
    if (size > maxBytes) throw tooLarge(path, size, maxBytes);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('CORRIDOR_ERR_INGEST_UNREADABLE', path, { reason: describeFsError(error) });
  }
  const format = formatOfPath(path);
  const text = decodeText(bytes, path, { charset: format === 'html' ? sniffHtmlCharset(bytes) : null });
  return readContent(format, text, { input: path, source: path });
}

async function loadUrl(url: string, { maxBytes = DEFAULT_MAX_BYTES }: LoadOptions): Promise<{ documents: RawDocument[]; errors: IngestError[] }> {
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: 'text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/*;q=0.8' },
    });
  } catch (error) {
    throw new IngestError('CORRIDOR_ERR_INGEST_FETCH', url, { reason: describeFetchError(error) });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new IngestError('CORRIDOR_ERR_INGEST_HTTP_STATUS', url, { status: `${response.status} ${response.statusText}`.trim() });
  }
  const contentType = response.headers.get('content-type');
  const format = formatOfContentType(contentType);
  if (format === null) {
    await response.body?.cancel();
    throw new IngestError('CORRIDOR_ERR_INGEST_CONTENT_TYPE', url, { contentType: contentType!.split(';')[0]!.trim() });
  }
  const bytes = await readBody(response, url, maxBytes);
  const declared = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? null;
  const charset = declared ?? (format === 'html' ? sniffHtmlCharset(bytes) : null);
  const text = decodeText(bytes, url, { charset });
  const finalUrl = response.url || url;
  return readContent(format ?? null, text, { input: url, source: finalUrl, url: finalUrl });
}

/** The body, stopping as soon as it passes the size limit. */
async function readBody(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, declared, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
      size += chunk.value.length;
      if (size > maxBytes) {
        await reader!.cancel().catch(() => undefined);
        throw new IngestError('CORRIDOR_ERR_INGEST_TOO_LARGE', url, { size: 'the response', limit: formatBytes(maxBytes) });
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('CORRIDOR_ERR_INGEST_FETCH', url, { reason: describeFetchError(error) });
  }
  return Buffer.concat(chunks);
}

function tooLarge(input: string, size: number, limit: number): IngestError {
  return new IngestError('CORRIDOR_ERR_INGEST_TOO_LARGE', input, { size: formatBytes(size), limit: formatBytes(limit) });
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (code && FS_REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** Node's fetch says only "fetch failed"; the cause says why (ENOTFOUND, ECONNREFUSED, timeout). */
function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
