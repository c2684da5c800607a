import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic, DocumentText, LineEnding } from '../model/types.js';

export type { DocumentText, LineEnding };

/** Documents above this size are not parsed: a governance document that large is a mistake or not a document. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type ReadOutcome =
  | { ok: true; value: DocumentText; diagnostics: Diagnostic[] }
  | { ok: false; diagnostic: Diagnostic };

export function detectLineEnding(text: string): LineEnding {
  // A scan, not `match(/\n/g)`: that builds an array as long as the file has lines.
  let crlf = 0;
  let lf = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (at > 0 && text.charCodeAt(at - 1) === 13) crlf++;
    else lf++;
    if (crlf > 0 && lf > 0) return 'mixed';
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf === 0) return 'lf';
  if (lf === 0) return 'crlf';
  return 'mixed';
}

/** Bytes to text: BOM removed, invalid UTF-8 replaced and reported, binary content refused. */
export function decodeDocument(bytes: Uint8Array, file: string): ReadOutcome {
  const at = { file, line: 1, column: 1 };
  if (bytes.includes(0)) {
    return {
      ok: false,
      diagnostic: { ruleId: 'govern/read', severity: 'error', message: 'File is binary (it holds NUL bytes), not Markdown or JSON; it was skipped.', ...at },
    };
  }
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    diagnostics.push({
      ruleId: 'govern/read',
      severity: 'warning',
      message: 'File is not valid UTF-8; invalid bytes were read as U+FFFD. Save it as UTF-8.',
      ...at,
    });
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { ok: true, value: { text, bom, eol: detectLineEnding(text) }, diagnostics };
}

/** Reads a document once, refusing what is too large, unreadable or binary with a diagnostic instead of an exception. */
export async function readDocument(absolutePath: string, file: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<ReadOutcome> {
  return readDocumentSync(absolutePath, file, maxBytes);
}

/**
 * `readDocument` without the event loop: for thousands of small files, two synchronous calls each
 * cost less than five round trips through the thread pool.
 */
export function readDocumentSync(absolutePath: string, file: string, maxBytes = MAX_DOCUMENT_BYTES): ReadOutcome {
  const at = { file, line: 1, column: 1 };
  try {
    const info = statSync(absolutePath);
    if (!info.isFile()) {
      return { ok: false, diagnostic: { ruleId: 'govern/read', severity: 'error', message: 'Not a regular file; it was skipped.', ...at } };
    }
    if (info.size > maxBytes) {
      const mb = (info.size / 1024 / 1024).toFixed(1);
      return {
        ok: false,
        diagnostic: {
          ruleId: 'govern/read',
          severity: 'error',
          message: `File is ${mb} MB, over the ${(maxBytes / 1024 / 1024).toFixed(0)} MB limit for a document; it was skipped.`,
          ...at,
        },
      };
    }
    return decodeDocument(readFileSync(absolutePath), file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ELOOP'
          ? 'symbolic link loop'
          : code === 'ENOENT'
            ? 'it does not exist: a symbolic link to a missing file?'
            : code;
    return { ok: false, diagnostic: { ruleId: 'govern/read', severity: 'error', message: `Cannot read file (${reason}).`, ...at } };
  }
}
