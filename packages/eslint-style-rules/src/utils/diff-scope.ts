import { isTameGlob, matchesGlob, type Handoff, type MarkdownDocument, type SourcePosition } from '@govern/core';
import { fieldLines, handoffSources } from './handoff.js';

/** Reading a handoff's diff scope as paths, shared by the rules that compare it with git. */

export interface ScopeEntry {
  path: string;
  position: SourcePosition;
  /** `src/auth/` or a path with no extension: everything under it counts. */
  dir: boolean;
  glob: boolean;
}

/** Words with a slash or a dot that are not paths. */
const NOT_PATHS = new Set(['n/a', 'and/or', 'w/', 'w/o', 'i.e', 'e.g', 'etc', 'vs', 'a/b', 'yes/no', 'on/off', 'read/write', 'pass/fail', 'input/output']);
const LIST_LABEL = /^\s*(?:[-*+]\s+)?[*_]*\p{L}(?:[\p{L} ]{0,38}\p{L})?(?:[ ]*[*_]+)?\s*[:：]\s*/u;

function candidates(text: string): Array<{ token: string; index: number }> {
  const out: Array<{ token: string; index: number }> = [];
  for (const match of text.matchAll(/[^\s,;()`"'<>[\]]+/gu)) {
    let token = match[0].replace(/(?<![.:])[.:]+$/u, '');
    if (token.includes('://') || /^[#@]/u.test(token) || NOT_PATHS.has(token.toLowerCase())) continue;
    const pathLike = token.includes('/') || /[*?{]/u.test(token) || /^[\w@+-][\w.@+-]*\.[A-Za-z][\w]{0,9}$/u.test(token);
    if (!pathLike || !/[\p{L}\p{N}]/u.test(token)) continue;
    // `→` and `->` are prose, `—` a separator.
    if (/^(?:->|=>|—|–)$/u.test(token)) continue;
    token = token.replace(/^\.\//u, '').replace(/^\//u, '');
    out.push({ token, index: match.index });
  }
  return out;
}

/** The paths a handoff's `Diff scope` field names, each where it is written. */
export function scopeEntries(doc: MarkdownDocument, handoff: Handoff): ScopeEntry[] {
  const field = handoff.fields.diffScope;
  if (!field) return [];
  const source = handoffSources(doc, [handoff])[0]!;
  const entries: ScopeEntry[] = [];
  for (const line of fieldLines(source, field)) {
    const label = LIST_LABEL.exec(line.text);
    const offset = label ? label[0].length : 0;
    for (const { token, index } of candidates(line.text.slice(offset))) {
      const column = line.column + offset + index;
      // A glob with more wildcards than can be matched in bounded time is read as a plain path.
      const glob = /[*?{[]/u.test(token) && isTameGlob(token);
      const dir = !glob && (token.endsWith('/') || !/\.[A-Za-z][\w]{0,9}$/u.test(token.split('/').at(-1) ?? ''));
      entries.push({ path: token.replace(/(?<!\/)\/+$/u, ''), position: { file: doc.file, line: line.line, column }, dir, glob });
    }
  }
  return entries;
}

/** Whether a changed file is under (or matched by) a scope entry. */
export function covers(entry: ScopeEntry, file: string): boolean {
  if (entry.glob) return matchesGlob(file, entry.path) || matchesGlob(file, `${entry.path}/**`);
  return file === entry.path || file.startsWith(`${entry.path}/`);
}
