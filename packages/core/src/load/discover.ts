import type { DocumentKind } from '../model/types.js';
import type { GovernConfig } from './config-types.js';
import { ALWAYS_IGNORED, DEFAULT_DOCUMENT_GLOBS, DOCUMENT_KINDS } from './defaults.js';

export interface DiscoveredFile {
  /** Repository-relative, `/` separators. */
  file: string;
  kinds: DocumentKind[];
}

/**
 * Finds the governance documents under `root`. One file can be of several kinds
 * (BACKLOG.md is both a sequence and a state file); it is still read once.
 */
export async function discoverDocuments(
  root: string,
  config: GovernConfig,
  kinds: readonly DocumentKind[] = DOCUMENT_KINDS,
): Promise<DiscoveredFile[]> {
  const { Glob } = await import('glob');
  const ignore = [...ALWAYS_IGNORED, ...(config.ignore ?? [])];
  const byFile = new Map<string, DocumentKind[]>();
  // One file-system cache for every kind's walk: `**/AGENTS.md`, `**/CLAUDE.md` and the three
  // `specs/*/…` patterns would otherwise each read the same directories again.
  let scurry: InstanceType<typeof Glob>['scurry'] | undefined;
  for (const kind of kinds) {
    const patterns = config.documents?.[kind] ?? DEFAULT_DOCUMENT_GLOBS[kind];
    const walker = new Glob([...patterns], { cwd: root, dot: true, nodir: true, ignore, posix: true, follow: false, ...(scurry ? { scurry } : {}) });
    scurry ??= walker.scurry;
    for (const file of await walker.walk()) {
      const list = byFile.get(file) ?? [];
      if (!list.includes(kind)) list.push(kind);
      byFile.set(file, list);
    }
  }
  return [...byFile.entries()]
    .map(([file, fileKinds]) => ({ file, kinds: fileKinds.sort((a, b) => DOCUMENT_KINDS.indexOf(a) - DOCUMENT_KINDS.indexOf(b)) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
