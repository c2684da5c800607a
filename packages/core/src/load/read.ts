import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { Diagnostic, DocumentText, LineEnding } from '../model/types.js';
import { isInside } from './repo-path.js';

export type { DocumentText, LineEnding };

/** Documents above this size are not parsed: a governance document that large is a mistake or not a document. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type ReadOutcome =
  | { ok: true; value: DocumentText; diagnostics: Diagnostic[] }
  | { ok: false; diagnostic: Diagnostic };

/** Why a file was not read. */
export type ReadRefusal =
  /** A directory, FIFO, device or socket: reading a FIFO or `/dev/zero` would never end. */
  | { kind: 'not-file'; what: string | undefined }
  | { kind: 'too-large'; size: number; limit: number }
  /** A symbolic link whose target lies outside the repository. */
  | { kind: 'outside'; target: string }
  | { kind: 'unreadable'; reason: string };

export interface ReadLimits {
  /** Larger files are refused from their size alone, without being read. */
  maxBytes: number;
  /**
   * The repository root. A file that is a symbolic link (or, with `throughLink`, lies under a linked
   * directory) is read only when its real path is inside the root; without `within`, links are followed anywhere.
   */
  within?: string;
  /** Some directory on the way to the file is a symbolic link, so its real path must be checked too. */
  throughLink?: boolean;
}

export type FileBytes = { ok: true; bytes: Buffer } | { ok: false; refusal: ReadRefusal };

/** The real path of each repository root asked about, worked out on the first link met. */
const realRoots = new Map<string, string>();

function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}

function whatIs(info: Stats): string | undefined {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return undefined;
}

function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'ENOENT') return 'it does not exist: a symbolic link to a missing file?';
  return code;
}

/**
 * The bytes of a regular file of at most `maxBytes`, or why it was not read. The one way govern reads
 * a file a repository supplies (documents, config, the cache): a FIFO or a device is refused from its
 * `stat` before anything is read (a read would hang or never end), a large file from its size.
 */
export function readFileBounded(absolutePath: string, limits: ReadLimits): FileBytes {
  try {
    let info = lstatSync(absolutePath);
    if (limits.within !== undefined && (info.isSymbolicLink() || limits.throughLink)) {
      const target = realpathSync.native(absolutePath);
      if (!isInside(realRootOf(limits.within), target)) return { ok: false, refusal: { kind: 'outside', target } };
    }
    if (info.isSymbolicLink()) info = statSync(absolutePath);
    if (!info.isFile()) return { ok: false, refusal: { kind: 'not-file', what: whatIs(info) } };
    if (info.size > limits.maxBytes) return { ok: false, refusal: { kind: 'too-large', size: info.size, limit: limits.maxBytes } };
    const bytes = readFileSync(absolutePath);
    // A file that grew since its `stat` is held to the same limit.
    if (bytes.length > limits.maxBytes) return { ok: false, refusal: { kind: 'too-large', size: bytes.length, limit: limits.maxBytes } };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, refusal: { kind: 'unreadable', reason: unreadableReason(error) } };
  }
}

const megabytes = (bytes: number, digits: number) => (bytes / 1024 / 1024).toFixed(digits);

/** Why a file was not read, as words that follow "cannot read <file>:" (`what` names the limit: "a config file"). */
export function refusalReason(refusal: ReadRefusal, what: string): string {
  switch (refusal.kind) {
    case 'not-file':
      return refusal.what === undefined ? 'not a regular file' : `not a regular file (${refusal.what})`;
    case 'too-large':
      return `${megabytes(refusal.size, 1)} MB, over the ${megabytes(refusal.limit, 0)} MB limit for ${what}`;
    case 'outside':
      return `a symbolic link to ${refusal.target}, outside the repository`;
    case 'unreadable':
      return refusal.reason;
  }
}

export function detectLineEnding(text: string): LineEnding {
  // Scans, not `match(/\n/g)`: that builds an array as long as the file has lines.
  let crlf = 0;
  let cr = 0;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) === 10) crlf++;
    else cr++;
    if (crlf > 0 && cr > 0) return 'mixed';
  }
  let lf = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (at === 0 || text.charCodeAt(at - 1) !== 13) {
      lf++;
      break;
    }
  }
  if (lf > 0) return crlf > 0 || cr > 0 ? 'mixed' : 'lf';
  if (crlf > 0) return 'crlf';
  return cr > 0 ? 'cr' : 'none';
}

/** Byte-order marks of the encodings a text editor may save in instead of UTF-8, longest first. */
const OTHER_ENCODINGS: ReadonlyArray<readonly [name: string, bom: readonly number[]]> = [
  ['UTF-32 LE', [0xff, 0xfe, 0x00, 0x00]],
  ['UTF-32 BE', [0x00, 0x00, 0xfe, 0xff]],
  ['UTF-16 LE', [0xff, 0xfe]],
  ['UTF-16 BE', [0xfe, 0xff]],
];

function otherEncoding(bytes: Uint8Array): string | undefined {
  for (const [name, bom] of OTHER_ENCODINGS) if (bom.every((byte, i) => bytes[i] === byte)) return name;
  return undefined;
}

/** Bytes to text: BOM removed, invalid UTF-8 replaced and reported, binary content and other encodings refused. */
export function decodeDocument(bytes: Uint8Array, file: string): ReadOutcome {
  const at = { file, line: 1, column: 1 };
  const encoding = otherEncoding(bytes);
  if (encoding) {
    return {
      ok: false,
      diagnostic: { ruleId: 'govern/read', severity: 'error', message: `File is ${encoding} (it starts with that byte-order mark); govern reads UTF-8: save it as UTF-8. It was skipped.`, ...at },
    };
  }
  if (bytes.includes(0)) {
    return {
      ok: false,
      diagnostic: { ruleId: 'govern/read', severity: 'error', message: 'File is binary (it holds NUL bytes), not Markdown or JSON; it was skipped.', ...at },
    };
  }
  const diagnostics: Diagnostic[] = [];
  let text: string;
  let lossy = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    lossy = true;
    diagnostics.push({
      ruleId: 'govern/read',
      severity: 'warning',
      message: 'File is not valid UTF-8; invalid bytes were read as U+FFFD. Save it as UTF-8.',
      ...at,
    });
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const value: DocumentText = { text, bom, eol: detectLineEnding(text) };
  if (lossy) value.lossy = true;
  return { ok: true, value, diagnostics };
}

/** Reads a document once, refusing what is too large, unreadable or binary with a diagnostic instead of an exception. */
export async function readDocument(absolutePath: string, file: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<ReadOutcome> {
  return readDocumentSync(absolutePath, file, maxBytes);
}

/** A document that was not read, as its diagnostic. */
export function refusalDiagnostic(refusal: ReadRefusal, file: string): Diagnostic {
  const reason = refusalReason(refusal, 'a document');
  const message =
    refusal.kind === 'unreadable'
      ? `Cannot read file (${reason}).`
      : refusal.kind === 'outside'
        ? `File is ${reason}; it was not read (--allow-outside-links reads it).`
        : refusal.kind === 'too-large'
          ? `File is ${reason}; it was skipped.`
          : `${reason[0]!.toUpperCase()}${reason.slice(1)}; it was skipped.`;
  return { ruleId: 'govern/read', severity: 'error', message, file, line: 1, column: 1 };
}

/**
 * `readDocument` without the event loop: for thousands of small files, two synchronous calls each
 * cost less than five round trips through the thread pool. With `links.within`, a link leading out of
 * the repository is not read (see `ReadLimits`).
 */
export function readDocumentSync(absolutePath: string, file: string, maxBytes = MAX_DOCUMENT_BYTES, links: Omit<ReadLimits, 'maxBytes'> = {}): ReadOutcome {
  const read = readFileBounded(absolutePath, { maxBytes, ...links });
  if (!read.ok) return { ok: false, diagnostic: refusalDiagnostic(read.refusal, file) };
  return decodeDocument(read.bytes, file);
}
