import { randomBytes } from 'node:crypto';
import { chmod, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { LineEnding } from '../load/read.js';
import type { Fix, FixResult, FixTarget, RuleFixer } from './types.js';

/** ESLint's limit: fixes that keep producing fixes stop here. */
export const MAX_FIX_PASSES = 10;

function rangeOf(target: FixTarget): [number, number] {
  if ('range' in target && Array.isArray(target.range)) return [target.range[0], target.range[1]];
  const position = 'position' in target ? target.position : undefined;
  const start = position?.start.offset;
  const end = position?.end.offset;
  if (start === undefined || end === undefined) throw new Error('Cannot fix a node without position offsets.');
  return [start, end];
}

export const ruleFixer: RuleFixer = {
  insertTextAfter: (target, text) => ruleFixer.insertTextAfterRange(rangeOf(target), text),
  insertTextAfterRange: (range, text) => ({ range: [range[1], range[1]], text }),
  insertTextBefore: (target, text) => ruleFixer.insertTextBeforeRange(rangeOf(target), text),
  insertTextBeforeRange: (range, text) => ({ range: [range[0], range[0]], text }),
  remove: (target) => ruleFixer.removeRange(rangeOf(target)),
  removeRange: (range) => ({ range: [range[0], range[1]], text: '' }),
  replaceText: (target, text) => ruleFixer.replaceTextRange(rangeOf(target), text),
  replaceTextRange: (range, text) => ({ range: [range[0], range[1]], text }),
};

function isFix(value: unknown): value is Fix {
  return typeof value === 'object' && value !== null && 'range' in value && 'text' in value;
}

/**
 * Several fixes from one report become one fix spanning them, as in ESLint, so a problem is fixed
 * entirely or not at all. Overlapping parts make the report's fix invalid.
 */
export function mergeFixes(result: FixResult, text: string): Fix | undefined {
  if (result === null || result === undefined) return undefined;
  if (isFix(result)) return { range: [result.range[0], result.range[1]], text: result.text };
  const fixes = [...result].filter(isFix).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  if (fixes.length === 0) return undefined;
  if (fixes.length === 1) return { range: [fixes[0]!.range[0], fixes[0]!.range[1]], text: fixes[0]!.text };
  const start = fixes[0]!.range[0];
  const end = fixes.reduce((n, f) => Math.max(n, f.range[1]), 0);
  let out = '';
  let cursor = start;
  for (const fix of fixes) {
    if (fix.range[0] < cursor) throw new Error('Fix objects must not be overlapped in a report.');
    out += text.slice(cursor, fix.range[0]) + fix.text;
    cursor = fix.range[1];
  }
  out += text.slice(cursor, end);
  return { range: [start, end], text: out };
}

/** Inserted line breaks follow the file: a CRLF file stays CRLF after a fix, a CR file CR. */
export function adaptLineEndings(fix: Fix, eol: LineEnding): Fix {
  if ((eol !== 'crlf' && eol !== 'cr') || !fix.text.includes('\n')) return fix;
  return { range: fix.range, text: fix.text.replace(/\r?\n/g, eol === 'crlf' ? '\r\n' : '\r') };
}

/**
 * Applies fixes that do not overlap, in order of their ranges; the others wait for the next pass
 * (ESLint's SourceCodeFixer). Returns the new text and the fixes applied.
 */
export function applyFixes<T extends { fix?: Fix }>(text: string, items: readonly T[]): { text: string; applied: T[]; remaining: T[] } {
  const withFix = items.filter((item) => item.fix !== undefined);
  const ordered = [...withFix].sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || a.fix!.range[1] - b.fix!.range[1]);
  const applied: T[] = [];
  const remaining: T[] = [];
  let out = '';
  let cursor = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const item of ordered) {
    const [start, end] = item.fix!.range;
    if (lastEnd >= start || start > end || start < 0 || end > text.length) {
      remaining.push(item);
      continue;
    }
    out += text.slice(cursor, start) + item.fix!.text;
    cursor = end;
    lastEnd = end;
    applied.push(item);
  }
  out += text.slice(cursor);
  return { text: applied.length > 0 ? out : text, applied, remaining };
}

export type WriteOutcome = { ok: true; note?: string } | { ok: false; message: string };

/**
 * Writes through a temporary file in the same directory and a rename, so a reader (or a crash)
 * never sees half a file; the file keeps its mode. A symbolic link is written through (its target is
 * replaced, the link stays). A rename gives the name a new file, so other hard links to the old one keep
 * the old text: the outcome says so. Refusals come back as a result: one unwritable file must not stop
 * the others from being fixed.
 */
export async function writeFileAtomic(file: string, text: string, bom = false): Promise<WriteOutcome> {
  const content = bom && text.charCodeAt(0) !== 0xfeff ? `\uFEFF${text}` : text;
  let mode: number;
  let links: number;
  let target: string;
  try {
    target = await realpath(file);
    const info = await stat(target);
    mode = info.mode & 0o7777;
    links = info.nlink;
  } catch (error) {
    return { ok: false, message: `Cannot write fixes (${describe(error)}).` };
  }
  // rename() would replace a read-only file; refusing keeps the user's protection of it.
  if ((mode & 0o222) === 0) return { ok: false, message: 'Cannot write fixes (the file is read-only).' };
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, target);
    if (links > 1) {
      const others = links - 1;
      return { ok: true, note: `Fixes were written to a new file: the ${others} other hard link${others === 1 ? '' : 's'} to the old one keep${others === 1 ? 's' : ''} the old text.` };
    }
    return { ok: true };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return { ok: false, message: `Cannot write fixes (${describe(error)}).` };
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOENT') return 'file not found';
  return code ?? (error instanceof Error ? error.message : String(error));
}
