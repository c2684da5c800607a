/** A result's path as formats show it: relative to the repository root, with `/`. */
export function relativePath(cwd: string, filePath: string, sep: string): string {
  const relative = filePath.startsWith(cwd + sep) ? filePath.slice(cwd.length + 1) : filePath;
  return relative.split(sep).join('/');
}
