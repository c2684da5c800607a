import os from 'node:os';
import path from 'node:path';
import { followImports, loadMarkdownParser, parseClaudeImports, type ClaudeImport, type Project, type RuleFiles } from '@govern/core';

/** Claude Code's limit: a file four imports away is still loaded, one further is not. */
export const MAX_IMPORT_HOPS = 4;

/** The directory a CLAUDE.md speaks for: `.claude/CLAUDE.md` belongs to the directory above `.claude`. */
export function memoryDir(file: string): string {
  const dir = path.posix.dirname(file);
  return path.posix.basename(dir) === '.claude' ? path.posix.dirname(dir) : dir;
}

/** The AGENTS.md a CLAUDE.md of `dir` imports. */
export function agentsPath(dir: string): string {
  return dir === '.' ? 'AGENTS.md' : `${dir}/AGENTS.md`;
}

/** Imported files larger than this are not read for their own imports: no memory file is that big. */
const MAX_IMPORTED_BYTES = 1024 * 1024;

/** The key `followImports` uses for an import's target. */
export function targetOf(item: ClaudeImport): string {
  return item.resolved ?? item.absolute;
}

/** Whether a repository-relative path names an existing regular file (the file system is the truth; the model only holds governance documents). */
export function isFile(files: RuleFiles, root: string, file: string): boolean {
  return entryKind(files, root, file) === 'file';
}

/** What a repository-relative path names on disk, links followed. */
export function entryKind(files: RuleFiles, root: string, file: string): 'file' | 'directory' | 'none' {
  const kind = files.kind(path.join(root, file));
  return kind === 'file' || kind === 'directory' ? kind : 'none';
}

export interface ImportGraph {
  /** The imports of each file read, by repository-relative path; absent: not a Markdown file in the repository, or unreadable. */
  imports: Map<string, ClaudeImport[]>;
  /** Runs `followImports` from `start` over the files read. */
  follow(start: string): ReturnType<typeof followImports>;
}

/**
 * Reads the import graph below `starts` as Claude Code would load it: CLAUDE.md files from the model,
 * other Markdown files from disk (parsed once), to one hop past the limit. Home imports (`@~/`) and files
 * outside the repository are personal or foreign and are not read; neither are non-Markdown files, whose
 * `@` signs (package scopes in JSON) are not imports.
 */
export async function loadImportGraph(project: Project, starts: string[], files: RuleFiles): Promise<ImportGraph> {
  const imports = new Map<string, ClaudeImport[]>();
  for (const claude of project.claude) imports.set(claude.file, claude.imports);
  const tried = new Set<string>();
  const home = os.homedir();

  let frontier = starts.filter((s) => imports.has(s));
  const expanded = new Set<string>(frontier);
  for (let hop = 0; hop < MAX_IMPORT_HOPS && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const file of frontier) {
      for (const item of imports.get(file) ?? []) {
        const target = item.resolved;
        if (item.fromHome || target === undefined || expanded.has(target)) continue;
        if (!imports.has(target) && !tried.has(target)) {
          tried.add(target);
          const read = await readImports(project, target, home, files);
          if (read) imports.set(target, read);
        }
        if (imports.has(target)) {
          expanded.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return {
    imports,
    follow: (start) => followImports(start, (file) => imports.get(file), MAX_IMPORT_HOPS),
  };
}

async function readImports(project: Project, file: string, home: string, files: RuleFiles): Promise<ClaudeImport[] | undefined> {
  if (!file.toLowerCase().endsWith('.md')) return undefined;
  let doc = project.tree(file);
  if (!doc) {
    const text = files.readText(path.join(project.root, file), MAX_IMPORTED_BYTES);
    if (text === undefined) return undefined;
    const parser = await loadMarkdownParser();
    doc = parser.parse(file, text).document;
  }
  return parseClaudeImports(doc, { root: project.root, home }).value.imports;
}
