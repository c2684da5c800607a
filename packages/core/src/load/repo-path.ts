import path from 'node:path';

const NOT_PLAIN = /(?:^|\/)\.{1,2}(?:\/|$)|^\/|\/\/|\\|^[A-Za-z]:/;

/**
 * The absolute path of `file`, a repository path (`/`-separated, as the directory walk gives them),
 * under the resolved absolute `root`. `path.join` normalises both parts, which costs more than
 * anything else done per document on a run that reads from the cache.
 */
export function absoluteIn(root: string, file: string): string {
  if (file === '') return root;
  // Anything else (`..`, `./`, an absolute path, backslashes) is left to `path.join`.
  if (NOT_PLAIN.test(file)) return path.join(root, file);
  const native = path.sep === '/' ? file : file.split('/').join(path.sep);
  return root.endsWith(path.sep) ? root + native : root + path.sep + native;
}

/** The repository path of `absolute` when it lies under `root` (as `absoluteIn` builds them); otherwise `path.relative`'s answer, `/`-separated. */
export function repositoryPathOf(root: string, absolute: string): string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const relative = absolute.startsWith(prefix) ? absolute.slice(prefix.length) : path.relative(root, absolute);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/** Whether the absolute path `target` is `root` or lies under it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
