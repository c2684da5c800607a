import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, ftruncateSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { DirectoryListings } from '../load/discover.js';
import type { KnownDocument, KnownDocuments, ProjectFiles } from '../load/project.js';
import { readFileBounded, type LineEnding, type ReadLimits } from '../load/read.js';
import type { DocumentKind } from '../model/types.js';
import { isAnalysable, type DocumentAnalysis } from './analysis.js';
import { isFeatureShape, type FeatureShape } from '../model/feature-shape.js';
import { createResult, type SpecReports } from './engine.js';
import { currentDigest, inputsUnchanged, type FileInputs } from './file-inputs.js';
import type { LintMessage, LintResult } from './types.js';
import { absoluteIn, repositoryPathOf } from '../load/repo-path.js';
import { decodeAnalysis, encodeAnalysis } from './cache-codec.js';

/** Bumped whenever the layout of the cache file changes, so an old file is simply a miss. */
const CACHE_FORMAT = 16;

export const DEFAULT_CACHE_FILE = '.governcache';

/** A result with no messages is written as its path alone: most are. */
type CachedResultEntry = string | CachedResult;

interface CachedResult {
  /** Repository-relative path. */
  file: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  /** The result carried the file's text (`source`), which is restored from the text read now. */
  source?: true;
}

interface CachedDocument {
  /**
   * What the analysis was computed from: govern's version, the document's kinds and rules, and its
   * content hash, as `<settings hash>.<content hash>` (the path is the line's own).
   */
  key: string;
  /**
   * The line is `bytes` from `start` to `end` (its newline excluded): written back as it is while the
   * key holds, without decoding or re-encoding. Offsets rather than a slice each: a slice costs more
   * than everything else done per line.
   */
  bytes: Buffer;
  start: number;
  end: number;
  /** Where the document's read record (see `readRecord`) starts in `bytes`; it ends at the tab before the analysis. */
  recordAt: number;
  /** Where the analysis (JSON) starts in `bytes`; it is parsed only when used. */
  analysisAt: number;
}

/** A document's line with its newline, to write. */
function lineBytes(doc: CachedDocument): Buffer[] {
  return [doc.bytes.subarray(doc.start, doc.end), NEWLINE_BYTES];
}

/**
 * How a document read when it was read whole and without problems: its size and modification time
 * (to recognise it unread next time), bytes, BOM and line endings.
 */
interface ReadRecord {
  size: number;
  mtimeMs: number;
  bytes: number;
  bom: boolean;
  eol: LineEnding;
}

/** A document whose content changed since the last run, with how it read then. */
type ChangedDocument = [ProjectFiles['documents'][number], ReadRecord | undefined];

/**
 * A document that has no line of its own (AGENTS.md, CLAUDE.md, one that could not be read): its path
 * and content hash and, when it was read without problems, its read record's fields in order. A list
 * rather than an object keyed by path: parsing an object of many keys costs more than making a Map.
 */
type HeaderRecord = [string, string] | [string, string, number, number, number, boolean, LineEnding];

/**
 * The last line of the cache file. The lines before it are one per analysed document (its path as a
 * JSON string, a tab, its key, a tab, its read record, a tab, its analysis as `encodeAnalysis` writes
 * it), then the features' shape (see FeatureShape; `null` when there is none), then the results. A
 * replay reads the header and the results only, and a run that changed one document writes only that
 * document's line and what follows the lines: a document's record lives on its line, so the header
 * stays small.
 */
interface CacheHeader {
  format: number;
  /** Hash of govern's version, the resolved config and the rules with their options. */
  settings: string;
  /** The documents without a line of their own, to recognise them unread next time. */
  others: HeaderRecord[];
  /** What project rules read outside the documents, with digests: the results hold only while these do. */
  inputs: Record<string, string>;
  /**
   * The documents whose text (not just their analysis) the model or a project rule read: a change to
   * one of them can change the results even when its analysis stays the same.
   */
  textReads: string[];
  /** What project rules' `spec` visitors reported, to keep for the specs a later run need not visit. */
  specReports: SpecReports;
}

/** What a run's results depended on besides the documents' analyses and the settings. */
export interface RunReads {
  inputs: FileInputs;
  textReads: Iterable<string>;
  specReports: SpecReports;
}

/** A cache file larger than this is a miss: thousands of documents' analyses take a few megabytes. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** 128 bits of SHA-256: plenty to tell contents apart, and half the bytes in every cache line. */
export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Where the cache lives: `--cache-location` names a file, or a directory (an existing one, or a path
 * ending in a separator) that gets `.governcache` inside, as ESLint does; the default is the root.
 */
export async function cacheFilePath(root: string, location: string | undefined): Promise<string> {
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

function isCacheHeader(value: unknown): value is CacheHeader {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<CacheHeader>;
  return (
    v.format === CACHE_FORMAT &&
    typeof v.settings === 'string' &&
    Array.isArray(v.others) &&
    v.others.every((d) => Array.isArray(d) && typeof d[0] === 'string' && typeof d[1] === 'string') &&
    v.inputs !== null &&
    typeof v.inputs === 'object' &&
    Array.isArray(v.textReads) &&
    v.specReports !== null &&
    typeof v.specReports === 'object'
  );
}

function isCachedResults(value: unknown): value is CachedResultEntry[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r: Partial<CachedResult> | string | null) =>
        typeof r === 'string' || (r !== null && typeof r === 'object' && typeof r.file === 'string' && Array.isArray(r.messages) && Array.isArray(r.suppressedMessages)),
    )
  );
}

/** What a cache file holds, and where its document lines end (the shape, results and header follow them). */
interface CacheBytes {
  header: CacheHeader;
  /** The features' shape as JSON, read only when the model is built. */
  identity: Buffer;
  results: Buffer;
  documents: Map<string, CachedDocument>;
  documentsEnd: number;
  /** Document lines in the file, including those a later line for the same file replaced. */
  lines: number;
}

/**
 * Reads a cache file: one line per document, then the features' shape and the results (left as bytes:
 * only a run that builds the model needs the one, only a replay the other), then the header, each line
 * ending in a newline. A later line for a document replaces an earlier one. Undefined when it is not a
 * whole cache file (an interrupted append leaves none).
 */
function readCacheBytes(bytes: Buffer): CacheBytes | undefined {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== NEWLINE) return undefined;
  const headerStart = bytes.lastIndexOf(NEWLINE, bytes.length - 2) + 1;
  if (headerStart === 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', headerStart, bytes.length - 1));
  } catch {
    return undefined;
  }
  if (!isCacheHeader(header)) return undefined;
  const resultsStart = headerStart >= 2 ? bytes.lastIndexOf(NEWLINE, headerStart - 2) + 1 : 0;
  if (resultsStart === 0) return undefined;
  const results = bytes.subarray(resultsStart, headerStart - 1);
  const identityStart = resultsStart >= 2 ? bytes.lastIndexOf(NEWLINE, resultsStart - 2) + 1 : 0;
  const identity = bytes.subarray(identityStart, resultsStart - 1);
  const documents = new Map<string, CachedDocument>();
  let lines = 0;
  for (let start = 0; start < identityStart; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const lineStart = start;
    start = end + 1;
    lines++;
    // JSON escapes tabs, no byte of a multi-byte UTF-8 character is a tab and a read record holds none: the first three tabs are the separators.
    const first = bytes.indexOf(TAB, lineStart);
    const second = first === -1 || first > end ? -1 : bytes.indexOf(TAB, first + 1);
    const third = second === -1 || second > end ? -1 : bytes.indexOf(TAB, second + 1);
    if (third === -1 || third > end) continue;
    let file: unknown;
    // A path needs JSON's unescaping only when it holds a backslash.
    const plainPath = bytes[lineStart] === QUOTE && bytes[first - 1] === QUOTE && first - lineStart >= 2 && !holds(bytes, BACKSLASH, lineStart, first);
    if (plainPath) {
      file = bytes.toString('utf8', lineStart + 1, first - 1);
    } else {
      try {
        file = JSON.parse(bytes.toString('utf8', lineStart, first));
      } catch {
        continue;
      }
    }
    if (typeof file === 'string') documents.set(file, { key: bytes.toString('latin1', first + 1, second), bytes, start: lineStart, end, recordAt: second + 1, analysisAt: third + 1 });
  }
  return { header, identity, results, documents, documentsEnd: identityStart, lines };
}

/**
 * A read record as a document line holds it: `size,mtimeMs,bytes,bom,eol` (bom `1` or `0`), or nothing
 * for a document that was not read whole and without problems.
 */
function recordText(record: ReadRecord | undefined): string {
  return record ? `${record.size},${record.mtimeMs},${record.bytes},${record.bom ? 1 : 0},${record.eol}` : '';
}

const LINE_ENDINGS: readonly LineEnding[] = ['lf', 'crlf', 'cr', 'mixed', 'none'];

/** The line ending written in `bytes` from `start` to `end`, told apart by its first byte and length and checked whole. */
function lineEnding(bytes: Buffer, start: number, end: number): LineEnding | undefined {
  const first = bytes[start];
  const eol = LINE_ENDINGS.find((name) => name.charCodeAt(0) === first && name.length === end - start);
  if (eol === undefined || end - start !== eol.length) return undefined;
  for (let i = 1; i < eol.length; i++) if (bytes[start + i] !== eol.charCodeAt(i)) return undefined;
  return eol;
}

/**
 * The read record `recordText` wrote from `start` to `end` of `bytes`; undefined for none or one that
 * does not read. Read in place, digit by digit: it is asked for every document on every run.
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

/** The content hash a document key ends with (see `LintCache.documentKey`). */
function hashOfKey(key: string): string {
  return key.slice(key.indexOf('.') + 1);
}

/** Whether `byte` is in `bytes` from `start` to `end`; `indexOf` would search on past `end`. */
function holds(bytes: Buffer, byte: number, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === byte) return true;
  return false;
}

/** The kinds of document feature identity is worked out from (see buildFeatures). */
const IDENTITY_KINDS: ReadonlySet<string> = new Set(['product', 'sequence', 'spec', 'tasks', 'plan', 'state']);

/** An analysis as feature identity sees it: the models buildFeatures reads (not task lists, the constitution or AGENTS.md). */
function identityPart(analysis: DocumentAnalysis): string {
  const { product, sequence, spec, state } = analysis.models;
  return JSON.stringify([product, sequence, spec, state]);
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const COMMA = 0x2c;
const ZERO = 0x30;
const ONE = 0x31;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * A check's results and each document's analysis from the last run, keyed by content: a run where
 * nothing changed (no document, no setting, nothing a project rule read elsewhere), or where the
 * changed documents read as before, replays the results; otherwise only the documents whose text (or
 * rules) changed are parsed again. An unreadable or corrupt cache file is a miss, never an error.
 */
export class LintCache implements KnownDocuments {
  readonly file: string;
  /** The version of govern the cache is for. */
  readonly version: string;
  #header: CacheHeader | undefined;
  #results: Buffer | undefined;
  #identity: Buffer | undefined;
  #documents: Map<string, CachedDocument>;
  /** The header's records by path, made when first asked for. */
  #otherMap: Map<string, HeaderRecord> | undefined;
  /** What `#changedSince` found for the files it was last asked about. */
  #since: { files: ProjectFiles; changed: ChangedDocument[] | undefined } | undefined;
  /** Where the document lines of the file on disk end, and how many there are; undefined: no usable file. */
  #onDisk: { documentsEnd: number; lines: number } | undefined;
  readonly #hashes = new Map<string, string>();
  /** The hashed settings part of document keys, by rule settings (one string per group of files) and kinds. */
  readonly #groups = new Map<string, Map<string, string>>();

  private constructor(file: string, version: string, content: CacheBytes | undefined) {
    this.file = file;
    this.version = version;
    this.#header = content?.header;
    this.#results = content?.results;
    this.#identity = content?.identity;
    if (content) this.#onDisk = { documentsEnd: content.documentsEnd, lines: content.lines };
    this.#documents = content?.documents ?? new Map();
  }

  #others(): Map<string, HeaderRecord> {
    return (this.#otherMap ??= new Map(this.#header?.others.map((record) => [record[0], record])));
  }

  /** What the last run recorded of `file`: its content hash and how it read, from its line or the header. */
  #recordOf(file: string): { hash: string; read: ReadRecord | undefined } | undefined {
    const line = this.#documents.get(file);
    if (line) return { hash: hashOfKey(line.key), read: readRecord(line.bytes, line.recordAt, line.analysisAt - 1) };
    const other = this.#others().get(file);
    if (!other) return undefined;
    return { hash: other[1], read: other.length === 7 ? { size: other[2], mtimeMs: other[3], bytes: other[4], bom: other[5], eol: other[6] } : undefined };
  }

  /**
   * Opens the cache at `file` for this version of govern. It is read like a document (a regular file,
   * under a size limit; with `within`, not a link leading out of that directory): anything else is a miss.
   */
  static async open(file: string, version: string, links: Pick<ReadLimits, 'within'> = {}): Promise<LintCache> {
    const read = readFileBounded(file, { maxBytes: MAX_CACHE_BYTES, ...links });
    return new LintCache(file, version, read.ok ? readCacheBytes(read.bytes) : undefined);
  }

  lookup(file: string, size: number, mtimeMs: number): KnownDocument | undefined {
    const was = this.#recordOf(file);
    const read = was?.read;
    if (read?.size !== size || read.mtimeMs !== mtimeMs) return undefined;
    return { hash: was!.hash, bytes: read.bytes, bom: read.bom, eol: read.eol };
  }

  #hashOf(files: ProjectFiles, file: string): string {
    let hash = this.#hashes.get(file) ?? files.knownHashes?.get(file);
    if (hash === undefined) {
      const text = files.texts.get(file);
      hash = text ? contentHash(`${text.bom ? '\uFEFF' : ''}${text.text}`) : 'unread';
      this.#hashes.set(file, hash);
    }
    return hash;
  }

  /** The last run's results when neither `settings` nor any document changed since. */
  results(settings: string, files: ProjectFiles): LintResult[] | undefined {
    return this.resultsForSameAnalyses(settings, files, new Map());
  }

  /**
   * The last run's results when only documents changed whose analyses came out the same as before
   * (`changed`: each changed document's new key and analysis), and nothing read their text: the model
   * and every project rule then see what they saw, so the results are the same. Editing the prose of a
   * spec or a plan changes no model; ticking a task does.
   */
  resultsForSameAnalyses(
    settings: string,
    files: ProjectFiles,
    changed: ReadonlyMap<string, { key: string; analysis: DocumentAnalysis }>,
  ): LintResult[] | undefined {
    const content = this.#header;
    if (!content || !this.#results || content.settings !== settings) return undefined;
    const since = this.#changedSince(files);
    if (!since) return undefined;
    const textReads = new Set(content.textReads);
    for (const [doc, was] of since) {
      const file = doc.file;
      const fresh = changed.get(file);
      // Read whole and without problems then and now, with the same BOM and line endings.
      if (!fresh || !files.stats?.has(file) || !was || was.bom !== doc.bom || was.eol !== doc.eol || textReads.has(file)) return undefined;
      const stored = this.#documents.get(file);
      if (!stored || stored.bytes.toString('utf8', stored.analysisAt, stored.end) !== encodeAnalysis(fresh.analysis)) return undefined;
    }
    if (!inputsUnchanged(content.inputs)) return undefined;
    return this.#replay(files);
  }

  /**
   * The features' shape the last run worked out, when it still holds: the same settings and the same
   * document files as then, and every document that changed since (`changed`: the analysable ones,
   * with their new analyses) reads as before in the models feature identity looks at (not task lists).
   * Ticking a task leaves it; retitling a spec does not.
   */
  featureShape(settings: string, files: ProjectFiles, changed: ReadonlyMap<string, { analysis: DocumentAnalysis }>): FeatureShape | undefined {
    const content = this.#header;
    if (!content || !this.#identity || content.settings !== settings) return undefined;
    const since = this.#changedSince(files);
    if (!since) return undefined;
    for (const [doc] of since) {
      const fresh = changed.get(doc.file);
      if (!fresh) {
        // AGENTS.md, CLAUDE.md and reviews say nothing about features; any other document that
        // changed without a new analysis (one that can no longer be read) may.
        if (isAnalysable(doc.file, doc.kinds) || (doc.kinds as string[]).some((kind) => IDENTITY_KINDS.has(kind))) return undefined;
        continue;
      }
      const before = this.#storedAnalysis(doc.file);
      if (!before || identityPart(before) !== identityPart(fresh.analysis)) return undefined;
    }
    try {
      const shape: unknown = JSON.parse(this.#identity.toString('utf8'));
      return isFeatureShape(shape) ? shape : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The documents whose content changed since the last run, each with the read record the last run
   * kept of it; undefined unless they are the same files as then (as many, each of them there then).
   * Asked by each check a run makes of the cache, and worked out once.
   */
  #changedSince(files: ProjectFiles): ChangedDocument[] | undefined {
    if (this.#since?.files === files) return this.#since.changed;
    let changed: ChangedDocument[] | undefined = [];
    // The last run saved a line for each document it analysed and a header record for each other one.
    if (this.#documents.size + this.#others().size !== files.documents.length) changed = undefined;
    for (const doc of changed ? files.documents : []) {
      const hash = this.#hashOf(files, doc.file);
      const line = this.#documents.get(doc.file);
      // The common case, a line whose key ends in the same hash, makes no string.
      if (line && line.key.endsWith(hash) && line.key.length === line.key.indexOf('.') + 1 + hash.length) continue;
      const was = this.#recordOf(doc.file);
      if (!was) {
        changed = undefined;
        break;
      }
      if (hash !== was.hash) changed!.push([doc, was.read]);
    }
    this.#since = { files, changed };
    return changed;
  }

  /** The analysis the last run stored for `file`, whatever its key. */
  #storedAnalysis(file: string): DocumentAnalysis | undefined {
    const cached = this.#documents.get(file);
    return cached ? this.analysis(file, cached.key) : undefined;
  }

  /** What the last run's results depended on besides the analyses: to store again with results that stand. */
  reads(): RunReads {
    const header = this.#header;
    return { inputs: new Map(Object.entries(header?.inputs ?? {})), textReads: header?.textReads ?? [], specReports: header?.specReports ?? {} };
  }

  /**
   * What the last run's `spec` visitors reported, for a run whose features keep their shape (see
   * `featureShape`), when nothing a project rule read outside the documents changed since: with the
   * files of the documents that changed, whose specs alone are visited again. Reads of folders the
   * walk listed moments ago (`listings`) are answered from the listings.
   */
  specReuse(settings: string, files: ProjectFiles, listings?: DirectoryListings): { changed: Set<string>; reports: SpecReports } | undefined {
    const content = this.#header;
    if (!content || content.settings !== settings) return undefined;
    const since = this.#changedSince(files);
    if (!since || !inputsUnchanged(content.inputs, listings)) return undefined;
    return { changed: new Set(since.map(([doc]) => doc.file)), reports: content.specReports };
  }

  #replay(files: ProjectFiles): LintResult[] | undefined {
    if (!this.#results) return undefined;
    let results: unknown;
    try {
      results = JSON.parse(this.#results.toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isCachedResults(results)) return undefined;
    return results.map((r) => {
      if (typeof r === 'string') return createResult(absoluteIn(files.root, r), [], []);
      const text = r.source ? () => files.texts.get(r.file)?.text : undefined;
      return createResult(absoluteIn(files.root, r.file), r.messages, r.suppressedMessages, text);
    });
  }

  /**
   * The key of a document's analysis: what it was computed from (`rules`: the enabled document rules'
   * settings, as JSON). The entry is stored under the document's path, so the path is not repeated here;
   * the settings part is hashed once per group of files that share them.
   */
  documentKey(files: ProjectFiles, file: string, kinds: readonly DocumentKind[], rules: string): string {
    const kindList = kinds.length === 1 ? kinds[0]! : kinds.join(',');
    let byKinds = this.#groups.get(rules);
    if (!byKinds) this.#groups.set(rules, (byKinds = new Map()));
    let settings = byKinds.get(kindList);
    if (settings === undefined) byKinds.set(kindList, (settings = contentHash(`${this.version}\0${kindList}\0${rules}`)));
    return `${settings}.${this.#hashOf(files, file)}`;
  }

  /** Whether the last run left an analysis of `file` under `key`. */
  hasAnalysis(file: string, key: string): boolean {
    return this.#documents.get(file)?.key === key;
  }

  /** A document's analysis from the last run, when its key still matches. */
  analysis(file: string, key: string): DocumentAnalysis | undefined {
    const cached = this.#documents.get(file);
    if (!cached || cached.key !== key) return undefined;
    return decodeAnalysis(cached.bytes, cached.analysisAt, cached.end);
  }

  /**
   * After a replay: when a document was read only because its modification time changed (its content
   * did not, or there would be no replay), stores the run again so its line carries the new time and
   * the next run recognises it unread. Otherwise writes nothing.
   */
  async keepReadRecords(settings: string, files: ProjectFiles, results: LintResult[]): Promise<void> {
    if ((files.stats?.size ?? 0) <= (files.knownHashes?.size ?? 0)) return;
    // A replay means every document reads as its line says, under the same settings: the keys hold.
    const analyses = new Map([...this.#documents].map(([file, line]) => [file, { key: line.key }]));
    await this.save(settings, files, results, analyses, this.reads(), 'same');
  }

  /**
   * The line `file` gets in the file written now: the stored one while its key and read record hold,
   * else a new one (with the stored analysis when only the record changed, as after `touch`, so the
   * next run recognises the document unread again). Undefined when there is no analysis to write.
   */
  #lineFor(
    doc: ProjectFiles['documents'][number],
    { key, analysis }: { key: string; analysis?: DocumentAnalysis },
    stored: CachedDocument | undefined,
    files: ProjectFiles,
  ): CachedDocument | undefined {
    const file = doc.file;
    const sameKey = stored?.key === key;
    // A document recognised by its line's record was not read: that record still holds.
    if (sameKey && files.knownHashes?.has(file)) return stored;
    const stat = files.stats?.get(file);
    const record = recordText(stat && { size: stat.size, mtimeMs: stat.mtimeMs, bytes: doc.bytes, bom: doc.bom, eol: doc.eol });
    if (sameKey && stored!.bytes.toString('latin1', stored!.recordAt, stored!.analysisAt - 1) === record) return stored;
    const encoded = sameKey ? stored!.bytes.subarray(stored!.analysisAt, stored!.end) : analysis ? Buffer.from(encodeAnalysis(analysis)) : undefined;
    if (!encoded) return undefined;
    const prefix = Buffer.from(`${JSON.stringify(file)}\t${key}\t${record}\t`);
    const bytes = Buffer.concat([prefix, encoded]);
    return { key, bytes, start: 0, end: bytes.length, recordAt: prefix.length - record.length - 1, analysisAt: prefix.length };
  }

  /**
   * Stores this run; documents not analysed this time keep no entry. Written aside and renamed, so an
   * interrupted run leaves the old cache or the new one; a cache that cannot be written only costs
   * the next run its speed.
   */
  async save(
    settings: string,
    files: ProjectFiles,
    results: LintResult[],
    analyses: ReadonlyMap<string, { key: string; analysis?: DocumentAnalysis }>,
    { inputs, textReads, specReports }: RunReads,
    /** The features' shape this run worked out, or `same` when it is the one the cache holds. */
    identity: FeatureShape | 'same' | undefined,
  ): Promise<void> {
    const header: CacheHeader = {
      format: CACHE_FORMAT,
      settings,
      others: [],
      inputs: Object.fromEntries(inputs),
      textReads: [...textReads].sort(),
      specReports,
    };
    const documents = new Map<string, CachedDocument>();
    const added: CachedDocument[] = [];
    /** Documents with a line in the file on disk that get one now (a new one appended after it replaces it). */
    let kept = 0;
    for (const doc of files.documents) {
      const file = doc.file;
      const entry = analyses.get(file);
      const stored = this.#documents.get(file);
      const line = entry && this.#lineFor(doc, entry, stored, files);
      if (line) {
        if (stored) kept++;
        documents.set(file, line);
        if (line !== stored) added.push(line);
        continue;
      }
      const hash = this.#hashOf(files, file);
      const stat = files.stats?.get(file);
      header.others.push(stat ? [file, hash, stat.size, stat.mtimeMs, doc.bytes, doc.bom, doc.eol] : [file, hash]);
    }
    const cachedResults = results.map((r): CachedResultEntry => {
      const file = repositoryPathOf(files.root, r.filePath);
      if (r.messages.length === 0 && r.suppressedMessages.length === 0 && r.output === undefined) return file;
      const cached: CachedResult = {
        file,
        messages: r.messages,
        suppressedMessages: r.suppressedMessages,
      };
      // `in`, not a read: the source may be read from disk only when asked for.
      if ('source' in r) cached.source = true;
      return cached;
    });
    // A line left for a document that has none now would read as a document of the last run: write the file anew.
    const previous = kept === this.#documents.size ? this.#onDisk : undefined;
    this.#header = header;
    this.#otherMap = undefined;
    this.#since = undefined;
    this.#results = Buffer.from(JSON.stringify(cachedResults));
    this.#documents = documents;
    if (identity !== 'same' || !this.#identity) this.#identity = Buffer.from(identity === undefined || identity === 'same' ? 'null' : JSON.stringify(identity));
    const afterDocuments = Buffer.concat([this.#identity, NEWLINE_BYTES, this.#results]);
    const tail = () => Buffer.from(`\n${JSON.stringify(header)}\n`);

    // The documents that did not change stay where they are: new lines are appended after them and the
    // results and header written anew, unless replaced lines would then outnumber the live ones.
    const lines = previous ? previous.lines + added.length : 0;
    let documentsEnd: number | undefined;
    if (previous && lines <= 2 * documents.size) {
      documentsEnd = appendDocuments(this.file, previous.documentsEnd, added, afterDocuments, tail());
      if (documentsEnd !== undefined) this.#onDisk = { documentsEnd, lines };
    }
    if (documentsEnd === undefined) {
      const body = [...documents.values()].flatMap(lineBytes);
      documentsEnd = body.reduce((n, line) => n + line.length, 0);
      if (!replaceFile(this.file, [...body, afterDocuments, tail()])) {
        this.#onDisk = undefined;
        return;
      }
      this.#onDisk = { documentsEnd, lines: documents.size };
    }
    // A folder a rule listed may hold the cache file itself, which did not exist when the rule looked.
    const listings = Object.keys(header.inputs).filter((key) => key.startsWith('dir:'));
    if (listings.length === 0) return;
    for (const key of listings) header.inputs[key] = currentDigest(key) ?? 'none';
    appendDocuments(this.file, documentsEnd, [], afterDocuments, tail());
  }
}

const NEWLINE_BYTES = Buffer.from('\n');

/**
 * Writes `added` document lines, what follows them (`following`: the shape and the results) and the
 * header at `documentsEnd` of the cache file and cuts what was there. An interrupted write leaves a
 * file whose last line is no header: a miss next time, never a wrong answer. Undefined when the file
 * cannot be written.
 */
function appendDocuments(file: string, documentsEnd: number, added: CachedDocument[], following: Buffer, tail: Buffer): number | undefined {
  // Synchronous, like the rest of a check's file access: a command-line run has nothing to do meanwhile.
  let fd: number | undefined;
  try {
    // Not through a link: the file was read as the cache, and only the cache is written in place.
    fd = openSync(file, constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
    const lines = Buffer.concat(added.flatMap(lineBytes));
    ftruncateSync(fd, documentsEnd);
    const bytes = Buffer.concat([lines, following, tail]);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written, documentsEnd + written);
    return documentsEnd + lines.length;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Written or not, the header check on reading decides whether the file is whole.
      }
    }
  }
}

/** Writes the whole cache file aside and renames it over the old one; false when it cannot be written. */
function replaceFile(file: string, parts: Buffer[]): boolean {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, Buffer.concat(parts));
    renameSync(temp, file);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Never written.
    }
    return false;
  }
}

