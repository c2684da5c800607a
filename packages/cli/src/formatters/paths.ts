import path from 'node:path';

/** A result's path as formats show it: relative to the repository root, with `/`. */
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
