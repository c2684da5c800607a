import path from 'node:path';
import type { LintResult, RuleMeta } from '@govern/core';
import type { Colors } from '../output/colors.js';

export interface FormatterContext {
  /** The repository root: paths are shown relative to it. */
  cwd: string;
  colors: Colors;
  /** Each rule's meta, by id, for formats that describe rules (SARIF). */
  rulesMeta: Record<string, RuleMeta>;
  version: string;
}

export type Formatter = (results: LintResult[], context: FormatterContext) => string;

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Formatters load on demand: a clean run in a hook should not pay for SARIF. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'github':
      return (await import('./github.js')).github;
    default:
      return undefined;
  }
}

export function relativePath(cwd: string, filePath: string, sep: string): string {
  const relative = filePath.startsWith(cwd + sep) ? filePath.slice(cwd.length + 1) : filePath;
  return relative.split(sep).join('/');
}

/**
 * What GitHub annotation paths are relative to: the workspace (the checkout), when the repository
 * root govern read (`-C`, the Action's working-directory) is a folder inside it.
 */
export function annotationRoot(root: string, workspace: string | undefined): string {
  if (!workspace) return root;
  const relative = path.relative(workspace, root);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative)) ? path.resolve(workspace) : root;
}
