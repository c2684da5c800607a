import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { DocumentAnalysis } from '../lint/analysis.js';
import { emptyAnalysis } from '../lint/analysis.js';
import { readFileBounded, type ReadLimits } from '../load/read.js';
import type { DocumentKind, LineEnding } from '../model/types.js';
import { decodeAnalysis, encodeAnalysis } from './codec.js';
import { isFeatureShape, type FeatureShape } from '../model/identity/feature-shape.js';

/** Bumped whenever the layout of the cache file changes, so an old file is simply a miss. */
const CACHE_FORMAT = 18;

export const DEFAULT_CACHE_FILE = '.governcache';

/** A cache file larger than this is a miss: thousands of documents' analyses take a few megabytes. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** 128 bits of SHA-256: plenty to tell contents apart, and half the bytes in every cache line. */
export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Where the cache lives: `--cache-location` names a file, or a directory (an existing one, or a path
 * ending in a separator) that gets `.governcache` inside, as ESLint does; the default is the root.
 */
export function cacheFilePath(root: string, location: string | undefined): string {
  if (location === undefined) return path.join(root, DEFAULT_CACHE_FILE);
  const absolute = path.resolve(root, location);
  if (/[\\/]$/.test(location)) return path.join(absolute, DEFAULT_CACHE_FILE);
  try {
    if (statSync(absolute).isDirectory()) return path.join(absolute, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: it will be created as a file.
  }
  return absolute;
}

/**
 * How a document read when its analysis was stored: its size and modification time (to recognise it
 * unread next time), and the bytes, BOM and line endings the run needs to know of it without its text.
 */
export interface ReadRecord {
  size: number;
  mtimeMs: number;
  bytes: number;
  bom: boolean;
  eol: LineEnding;
}

/** One document's line: its key, and where its read record and analysis are in the file's bytes (decoded only when used). */
interface CachedLine {
  key: string;
  bytes: Buffer;
  start: number;
  /** Where the newline that ends the line is. */
  end: number;
  recordAt: number;
  analysisAt: number;
  /** The read record, once read (`null`: none). */
  record?: ReadRecord | null;
}

/**
 * A line in the file written now: a document's key and read record, and its analysis unless it is the
 * stored line's. The line under the path `""` holds the features' shape instead (see `shape`).
 */
export interface CacheEntry {
  key: string;
  record?: ReadRecord;
  analysis?: DocumentAnalysis | FeatureShape | object;
}

/** Where the features' shape is kept: a line under a path no document has. */
export const SHAPE_LINE = '';
/** Where the last run's results are kept (see `cached-check.ts`): a line under another path no document has. */
export const RESULTS_LINE = '/';
/** Lines that hold plain JSON rather than a document's analysis. */
const isJsonLine = (file: string) => file === SHAPE_LINE || file === RESULTS_LINE;

const NEWLINE = 0x0a;
const TAB = 0x09;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const ONE = 0x31;
/** An analysis with nothing in it (every Spec Kit plan.md under the recommended rules) is written as `0`. */
const EMPTY = '0';
const LINE_ENDINGS: readonly LineEnding[] = ['lf', 'crlf', 'cr', 'mixed', 'none'];

function recordText(record: ReadRecord | undefined): string {
  return record ? `${record.size},${record.mtimeMs},${record.bytes},${record.bom ? 1 : 0},${record.eol}` : '';
}

/** The whole number written in `bytes` from `start` to `end`, or -1 when that is not one. */
function digits(bytes: Buffer, start: number, end: number): number {
  if (start === end) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The read record `recordText` wrote from `start` to `end` of `bytes`; undefined for none or one that
 * does not read. Read in place, without making strings: it is asked for every document on every run.
 */
function readRecord(bytes: Buffer, start: number, end: number): ReadRecord | undefined {
  // The four commas, found in one pass without making an array per document.
  let a = -1;
  let b = -1;
  let c = -1;
  let d = -1;
  for (let i = start; i < end; i++) {
    if (bytes[i] !== COMMA) continue;
    if (a < 0) a = i;
    else if (b < 0) b = i;
    else if (c < 0) c = i;
    else if (d < 0) d = i;
    else return undefined;
  }
  if (d < 0 || d - c !== 2) return undefined;
  const size = digits(bytes, start, a);
  const mtimeMs = Number(bytes.toString('latin1', a + 1, b));
  const length = digits(bytes, b + 1, c);
  const bom = bytes[c + 1];
  const eol = lineEnding(bytes, d + 1, end);
  if (size < 0 || length < 0 || b === a + 1 || !Number.isFinite(mtimeMs) || (bom !== ONE && bom !== ZERO) || !eol) return undefined;
  return { size, mtimeMs, bytes: length, bom: bom === ONE, eol };
}

/** The line ending written in `bytes` from `start` to `end`, told apart by its first byte and length and checked whole. */
function lineEnding(bytes: Buffer, start: number, end: number): LineEnding | undefined {
  const first = bytes[start];
  const eol = LINE_ENDINGS.find((name) => name.charCodeAt(0) === first && name.length === end - start);
  if (eol === undefined || end - start !== eol.length) return undefined;
  for (let i = 1; i < eol.length; i++) if (bytes[start + i] !== eol.charCodeAt(i)) return undefined;
  return eol;
}

function isEmpty(analysis: DocumentAnalysis): boolean {
  return (
    analysis.messages.length === 0 &&
    analysis.directives.length === 0 &&
    analysis.diagnostics.length === 0 &&
    Object.keys(analysis.models).length === 0 &&
    Object.keys(analysis.modelDiagnostics).length === 0
  );
}


/**
 * Each document's analysis from the last run, keyed by what it was computed from: govern's version,
 * the document's kinds, the document rules enabled for it and its content. The file is a header line
 * (the format and version), then one line per analysed document: its path as a JSON string, its key,
 * its read record and its analysis as JSON, separated by tabs. A missing, unreadable, foreign or
 * corrupt file is a miss, never an error.
 */
export class AnalysisCache {
  readonly file: string;
  readonly version: string;
  readonly #lines: Map<string, CachedLine>;
  /** Document lines in the file, those a later line for the same document replaced included; -1: no usable file. */
  readonly #written: number;
  /** The hashed settings part of document keys, by rule settings (one string per group of files) and kinds. */
  readonly #settings = new Map<string, Map<string, string>>();

  private constructor(file: string, version: string, read: { lines: Map<string, CachedLine>; written: number }) {
    this.file = file;
    this.version = version;
    this.#lines = read.lines;
    this.#written = read.written;
  }

  /**
   * Opens the cache at `file` for this version of govern. It is read like a document (a regular file,
   * under a size limit; with `within`, not a link leading out of that directory): anything else is a miss.
   */
  static open(file: string, version: string, links: Pick<ReadLimits, 'within'> = {}): AnalysisCache {
    const read = readFileBounded(file, { maxBytes: MAX_CACHE_BYTES, ...links });
    return new AnalysisCache(file, version, read.ok ? readLines(read.bytes, version) : { lines: new Map(), written: -1 });
  }

  /** The key of a document's analysis: what it is computed from (`rules`: the enabled document rules' settings as JSON), ending in its content hash. */
  key(kinds: readonly DocumentKind[], rules: string, hash: string): string {
    const kindList = kinds.length === 1 ? kinds[0]! : kinds.join(',');
    let byKinds = this.#settings.get(rules);
    if (!byKinds) this.#settings.set(rules, (byKinds = new Map()));
    let settings = byKinds.get(kindList);
    if (settings === undefined) byKinds.set(kindList, (settings = contentHash(`${this.version}\0${kindList}\0${rules}`)));
    return `${settings}.${hash}`;
  }

  /**
   * The features' shape the last run worked out, stored under `key` (what identity was worked out from:
   * which documents, of which kinds). It holds while the documents that changed since read the same in
   * what identity looks at.
   */
  shape(key: string): FeatureShape | undefined {
    const shape = this.json(SHAPE_LINE, key);
    return isFeatureShape(shape) ? shape : undefined;
  }

  /** What a JSON line (the shape's, the results') holds, when it was stored under `key`. */
  json(file: string, key: string): unknown {
    const line = this.#lines.get(file);
    if (!line || line.key !== key) return undefined;
    try {
      return JSON.parse(line.bytes.toString('utf8', line.analysisAt, line.end)) as unknown;
    } catch {
      return undefined;
    }
  }

  /** The key `file`'s line was stored under. */
  keyOf(file: string): string | undefined {
    return this.#lines.get(file)?.key;
  }

  /** Whether `analysis` is, as written, the analysis stored for `file` (under any key). */
  holds(file: string, analysis: DocumentAnalysis): boolean {
    const line = this.#lines.get(file);
    if (!line) return false;
    const written = isEmpty(analysis) ? EMPTY : encodeAnalysis(analysis);
    return line.end - line.analysisAt === Buffer.byteLength(written) && line.bytes.toString('utf8', line.analysisAt, line.end) === written;
  }

  /** The read record stored for `file`, to recognise it unread. */
  recorded(file: string): ReadRecord | undefined {
    const line = this.#lines.get(file);
    return line && recordOf(line);
  }

  /** The content hash `file` had when its line was stored. */
  hashOf(file: string): string | undefined {
    const key = this.#lines.get(file)?.key;
    return key?.slice(key.indexOf('.') + 1);
  }

  /** The stored analysis of `file`, when it was stored under `key` (any key when undefined). */
  analysis(file: string, key: string | undefined): DocumentAnalysis | undefined {
    const line = this.#lines.get(file);
    if (!line || (key !== undefined && line.key !== key)) return undefined;
    if (line.end - line.analysisAt === 1 && line.bytes[line.analysisAt] === EMPTY.charCodeAt(0)) return emptyAnalysis();
    try {
      return decodeAnalysis(JSON.parse(line.bytes.toString('utf8', line.analysisAt, line.end)));
    } catch {
      return undefined;
    }
  }

  /** About how many bytes the file's live lines would take once `added` bytes of new lines replace the stored lines of `entries`. */
  #liveBytes(entries: ReadonlyMap<string, CacheEntry>, added: number): number {
    let live = added;
    for (const [file, entry] of entries) {
      const stored = this.#lines.get(file);
      if (stored && stored.key === entry.key && entry.analysis === undefined) live += stored.end + 1 - stored.start;
    }
    return live;
  }

  /**
   * Stores this run's analyses: the lines of `entries` (in path order) that differ from the stored ones
   * are appended (a later line for a document replaces an earlier one), unless replaced lines would
   * then outnumber the live ones, or take more than half their bytes; the file is then written whole, aside and renamed. A run that changed
   * nothing writes nothing, and a cache that cannot be written only costs the next run its speed.
   */
  save(entries: ReadonlyMap<string, CacheEntry>): void {
    const added: Buffer[] = [];
    let changed = 0;
    for (const [file, entry] of entries) {
      const stored = this.#lines.get(file);
      const sameKey = stored?.key === entry.key;
      if (sameKey && entry.analysis === undefined && sameRecord(stored!, entry.record)) continue;
      // Only a hit comes without an analysis: its stored one is written again, under a new read record.
      if (!sameKey && entry.analysis === undefined) continue;
      const value = entry.analysis;
      const analysis =
        value === undefined
          ? stored!.bytes.subarray(stored!.analysisAt, stored!.end)
          : Buffer.from(isJsonLine(file) ? JSON.stringify(value) : isEmpty(value as DocumentAnalysis) ? EMPTY : encodeAnalysis(value as DocumentAnalysis));
      added.push(Buffer.from(`${JSON.stringify(file)}\t${entry.key}\t${recordText(entry.record)}\t`), analysis, NEWLINE_BYTES);
      changed++;
    }
    if (changed === 0 && this.#written >= 0) return;
    // Replaced lines are dead weight every later run reads: by count (many small documents' lines) and by
    // bytes (the results' line, large and replaced by every run that works the results out).
    let addedBytes = 0;
    for (const part of added) addedBytes += part.length;
    const fileBytes = this.#lines.values().next().value?.bytes.length ?? 0;
    const appendable = this.#written >= 0 && this.#written + changed <= 2 * entries.size && 2 * (fileBytes + addedBytes) <= 3 * this.#liveBytes(entries, addedBytes);
    if (appendable && appendTo(this.file, added)) return;
    const whole: Buffer[] = [Buffer.from(`${JSON.stringify({ format: CACHE_FORMAT, version: this.version })}\n`)];
    for (const [file, entry] of entries) {
      const stored = this.#lines.get(file);
      if (stored?.key === entry.key && entry.analysis === undefined && sameRecord(stored, entry.record)) whole.push(stored.bytes.subarray(stored.start, stored.end + 1));
    }
    for (const line of added) whole.push(line);
    replaceFile(this.file, whole);
  }
}

const NEWLINE_BYTES = Buffer.from('\n');

function recordOf(line: CachedLine): ReadRecord | undefined {
  if (line.record === undefined) line.record = readRecord(line.bytes, line.recordAt, line.analysisAt - 1) ?? null;
  return line.record ?? undefined;
}

function sameRecord(line: CachedLine, record: ReadRecord | undefined): boolean {
  const stored = recordOf(line);
  if (stored === record) return true;
  if (!stored || !record) return false;
  return stored.size === record.size && stored.mtimeMs === record.mtimeMs && stored.bytes === record.bytes && stored.bom === record.bom && stored.eol === record.eol;
}

/** Appends lines to the cache file; false when it cannot be written. */
function appendTo(file: string, lines: Buffer[]): boolean {
  let fd: number | undefined;
  try {
    // Not through a link: the file was read as the cache, and only the cache is written in place.
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0));
    writeSync(fd, Buffer.concat(lines));
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the whole cache file aside and renames it over the old one, so a reader sees the old file or the new one. */
function replaceFile(file: string, parts: Buffer[]): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, Buffer.concat(parts));
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Never written.
    }
  }
}

/** The document lines of a cache file for `version` (the last for each document), and how many lines it has; none when the header is not this format's and version's. */
function readLines(bytes: Buffer, version: string): { lines: Map<string, CachedLine>; written: number } {
  const lines = new Map<string, CachedLine>();
  const headerEnd = bytes.indexOf(NEWLINE);
  try {
    const header = JSON.parse(bytes.toString('utf8', 0, headerEnd === -1 ? bytes.length : headerEnd)) as { format?: unknown; version?: unknown };
    if (headerEnd === -1 || header.format !== CACHE_FORMAT || header.version !== version) return { lines, written: -1 };
  } catch {
    return { lines, written: -1 };
  }
  let written = 0;
  for (let start = headerEnd + 1; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    // A line without its newline was cut short (an interrupted append): it is not whole.
    if (end === -1) break;
    const lineStart = start;
    start = end + 1;
    written++;
    // JSON escapes tabs, no byte of a multi-byte UTF-8 character is a tab and a read record holds none: the first three tabs are the separators.
    const first = tabIn(bytes, lineStart, end);
    const second = first === -1 ? -1 : tabIn(bytes, first + 1, end);
    const third = second === -1 ? -1 : tabIn(bytes, second + 1, end);
    if (third === -1) continue;
    const file = pathIn(bytes, lineStart, first);
    if (file !== undefined) lines.set(file, { key: bytes.toString('latin1', first + 1, second), bytes, start: lineStart, end, recordAt: second + 1, analysisAt: third + 1 });
  }
  return { lines, written };
}

/** Where the first tab from `start` is, before `end`; -1 when there is none. */
function tabIn(bytes: Buffer, start: number, end: number): number {
  const at = bytes.indexOf(TAB, start);
  return at === -1 || at >= end ? -1 : at;
}

/** The path a line starts with (a JSON string): needing JSON's unescaping only when it holds a backslash. */
function pathIn(bytes: Buffer, start: number, end: number): string | undefined {
  if (end - start < 2 || bytes[start] !== QUOTE || bytes[end - 1] !== QUOTE) return undefined;
  let escaped = false;
  for (let i = start + 1; i < end - 1; i++) if (bytes[i] === BACKSLASH) escaped = true;
  if (!escaped) return bytes.toString('utf8', start + 1, end - 1);
  try {
    const file: unknown = JSON.parse(bytes.toString('utf8', start, end));
    return typeof file === 'string' ? file : undefined;
  } catch {
    return undefined;
  }
}
