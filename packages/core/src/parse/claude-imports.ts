import { posix } from 'node:path';
import type { MarkdownDocument } from './markdown.js';
import type { ClaudeFile, ClaudeImport, Diagnostic, ParseResult } from '../model/types.js';
import { lineStarts, locate, maskNodes } from './source-text.js';

/**
 * Reads the `@path` imports of a CLAUDE.md (or any file Claude Code loads as memory).
 * Claude Code's rule: an `@` at the start of a line or after whitespace, followed by a path
 * (`\ ` escapes a space); nothing inside code spans or code blocks. HTML comments are skipped too,
 * since what is commented out is not meant to be read. See docs/formats/claude.md.
 */
export function parseClaudeImports(doc: MarkdownDocument, options: { root: string; home: string }): ParseResult<ClaudeFile> {
  const diagnostics: Diagnostic[] = [];
  const prose = maskNodes(doc.text, doc.tree, NOT_IMPORTS);
  const starts = lineStarts(doc.text);
  const root = toPosix(options.root).replace(/(?<!\/)\/+$/, '') || '/';
  const home = toPosix(options.home).replace(/(?<!\/)\/+$/, '') || '/';
  const dir = posix.dirname(toPosix(doc.file));
  const imports: ClaudeImport[] = [];

  for (const match of prose.matchAll(IMPORT)) {
    const raw = match[2] ?? '';
    const path = trimTrailing(raw).replace(/\\ /g, ' ');
    if (!isImportPath(path)) continue;
    const at = (match.index ?? 0) + (match[1]?.length ?? 0);
    const { line, column } = locate(starts, at);
    imports.push({
      ...resolveImport(path, { root, home, dir }),
      position: { file: doc.file, line, column, endLine: line, endColumn: column + 1 + trimTrailing(raw).length },
    });
  }
  return { value: { file: doc.file, imports }, diagnostics };
}

/** Code spans, code blocks, HTML (comments included) and front matter never hold imports. */
const NOT_IMPORTS: ReadonlySet<string> = new Set(['code', 'inlineCode', 'html', 'yaml']);

/** The pattern Claude Code uses: `(?:^|\s)@((?:[^\s\\]|\\ )+)`. */
const IMPORT = /(^|\s)@((?:[^\s\\]|\\ )+)/gm;

/** Sentence punctuation after a path ("see @AGENTS.md.") belongs to the sentence. */
function trimTrailing(path: string): string {
  return path.replace(/(?<![.,;:!?)\]}'"’”>*_])[.,;:!?)\]}'"’”>*_]+$/, '');
}

/**
 * Which `@word`s are imports. Claude Code tries any; govern counts only what reads as a path, so
 * `@username`, `@types/node` and `@latest` raise no false alarms:
 * - an explicit path: `./x`, `../x`, `~/x`, an absolute `/dir/x` (not an alias like `@/shared`);
 * - a name with an extension: `@AGENTS.md`, `@docs/git-instructions.md`, `@package.json`;
 * - an all-caps file name without one: `@README`, `@LICENSE`.
 */
export function isImportPath(path: string): boolean {
  if (!path || path === '~' || /^[\s@#%^&*()=+<>|{}[\]`'"]/.test(path)) return false;
  if (/^(?:\.{1,2}|~)\//.test(path)) return true;
  const last = path.replace(/(?<!\/)\/+$/, '').split('/').pop() ?? '';
  // `/home/me/notes.md` is a path; `@/` and `@/shared`, a bundler's alias written in prose, are not.
  if (path.startsWith('/')) return last !== '' && (last.includes('.') || path.split('/').filter(Boolean).length >= 2);
  if (/^[^.]+\.[A-Za-z0-9][A-Za-z0-9_-]{0,9}$/.test(last) || /^\.[\w-]+(?:\.[A-Za-z0-9]+)?$/.test(last)) return !/^\d+(?:\.\d+)+$/.test(last);
  return !path.includes('/') && /^[A-Z][A-Z0-9_-]*$/.test(path);
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

/** Where an import points: absolute always; repository-relative when it stays inside `root`. */
function resolveImport(path: string, where: { root: string; home: string; dir: string }): Omit<ClaudeImport, 'position'> {
  if (path === '~' || path.startsWith('~/')) {
    return { path, fromHome: true, absolute: posix.join(where.home, path.slice(2)) };
  }
  const target = toPosix(path);
  const absolute = isAbsolute(target) ? posix.normalize(target) : posix.join(where.root, where.dir, target);
  const result: Omit<ClaudeImport, 'position'> = { path, fromHome: false, absolute };
  const relative = posix.relative(where.root, absolute);
  if (relative && !relative.startsWith('..') && !isAbsolute(relative)) result.resolved = relative;
  return result;
}

/**
 * Walks an import graph breadth-first from `start`, as Claude Code loads it: a file `maxHops`
 * imports away is still loaded, one further is not (the memory docs give "a maximum depth of four
 * hops"; older versions said five). `getImports` answers the imports of a file (repository-relative,
 * or absolute outside the repository), or undefined when it cannot be read. Import targets are
 * keyed the same way: `resolved` when set, else `absolute`.
 * Returns every file reached with its distance, each cycle once (as the path that closes it,
 * first file repeated at the end), and the files that lie beyond the limit.
 */
export function followImports(
  start: string,
  getImports: (file: string) => ClaudeImport[] | undefined,
  maxHops = 4,
): { reached: Map<string, number>; cycles: Array<string[]>; tooDeep: Array<{ file: string; hops: number }> } {
  const reached = new Map<string, number>([[start, 0]]);
  const edges = new Map<string, string[]>();
  const tooDeep: Array<{ file: string; hops: number }> = [];
  const beyond = new Set<string>();
  const queue: string[] = [start];

  for (let head = 0; head < queue.length; head++) {
    const file = queue[head]!;
    const hops = reached.get(file) ?? 0;
    const targets = [...new Set((getImports(file) ?? []).map((i) => i.resolved ?? i.absolute))];
    edges.set(file, targets);
    for (const target of targets) {
      if (reached.has(target)) continue;
      if (hops + 1 > maxHops) {
        if (!beyond.has(target)) {
          beyond.add(target);
          tooDeep.push({ file: target, hops: hops + 1 });
        }
        continue;
      }
      reached.set(target, hops + 1);
      queue.push(target);
    }
  }
  return { reached, cycles: findCycles(start, edges), tooDeep };
}

/** Each back edge of an iterative depth-first search closes one cycle. */
function findCycles(start: string, edges: Map<string, string[]>): Array<string[]> {
  const cycles: Array<string[]> = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const stack: Array<{ file: string; next: number }> = [{ file: start, next: 0 }];
  state.set(start, 'open');
  path.push(start);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const targets = edges.get(frame.file) ?? [];
    if (frame.next >= targets.length) {
      state.set(frame.file, 'done');
      stack.pop();
      path.pop();
      continue;
    }
    const target = targets[frame.next++]!;
    if (!edges.has(target)) continue;
    const seen = state.get(target);
    if (seen === 'open') {
      cycles.push([...path.slice(path.indexOf(target)), target]);
    } else if (seen === undefined) {
      state.set(target, 'open');
      path.push(target);
      stack.push({ file: target, next: 0 });
    }
  }
  return cycles;
}
