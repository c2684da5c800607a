import { GLOBSTAR, Minimatch } from 'minimatch';

/**
 * Every glob a user writes (document locations, `ignore`, `overrides`) is read by minimatch, the
 * matcher `glob` uses, with glob's `dot: true`: dot files match. Paths are repository-relative with `/`.
 */

/** One path segment of a glob: a name, a name pattern, or `**`. */
export type GlobSegment = string | RegExp | typeof GLOBSTAR;
export { GLOBSTAR };

const compiled = new Map<string, Minimatch>();
const compiledBase = new Map<string, Minimatch>();
const compiledNocase = new Map<string, Minimatch>();

/**
 * At most this many `*` in one glob taken from a document or a repository file: each `*` in a segment
 * multiplies the ways a regular expression can split a name (`*a*a*a*c` tried on a long name never ends).
 */
const MAX_GLOB_STARS = 2;

/** Whether a glob from untrusted text has few enough wildcards to be matched in bounded time. */
export function isTameGlob(glob: string): boolean {
  let stars = 0;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] !== '*') continue;
    // A whole-segment `**` crosses directories, not characters of a name: it does not count.
    if (glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/') && (i + 2 === glob.length || glob[i + 2] === '/')) {
      i++;
      continue;
    }
    stars++;
    while (glob[i + 1] === '*') i++;
  }
  return stars <= MAX_GLOB_STARS;
}

/** A leading `./` names the root itself; minimatch would look for a folder called `.`. */
function normalise(glob: string): string {
  let out = glob;
  while (out.startsWith('./')) out = out.slice(2);
  // `a/**/**/b` is `a/**/b`, and each further `**/` would multiply the ways a long path can be split.
  while (out.includes('**/**/')) out = out.replace('**/**/', '**/');
  return out;
}

/**
 * `matchBase`: a glob without a `/` matches the path's last name, wherever it is (ESLint's `overrides`).
 * `nocase`: letters match in either case (govern's own document locations; a user's globs match as written).
 */
function matcher(glob: string, matchBase = false, nocase = false): Minimatch {
  const cache = nocase ? compiledNocase : matchBase ? compiledBase : compiled;
  let found = cache.get(glob);
  if (!found) cache.set(glob, (found = new Minimatch(normalise(glob), { dot: true, matchBase, nocase })));
  return found;
}

/** Whether `file` matches `glob`; with `nocase`, letters match in either case. */
export function matchesGlob(file: string, glob: string, nocase = false): boolean {
  return matcher(glob, false, nocase).match(file);
}

/**
 * Whether a repository-relative path matches any of `globs`. As in ESLint's `overrides`, a pattern
 * without a `/` matches the file's base name anywhere in the tree.
 */
export function matchesAny(file: string, globs: readonly string[]): boolean {
  return globs.some((glob) => matcher(glob, true).match(file));
}

/** A path without wildcards, escapes or `.` segments: minimatch reads it as its names, so it need not be compiled. */
const LITERAL = /^(?!\.\/)(?:[^/*?[\]{}()!+@\\]+)(?:\/(?!\.{0,2}(?:\/|$))[^/*?[\]{}()!+@\\]+)*$/;

/** The segments of each alternative `glob` stands for (`{a,b}` gives two), as minimatch reads them: for a directory walk. */
export function globSegments(glob: string, nocase = false): GlobSegment[][] {
  // Most document locations are plain paths (`docs/PRODUCT.md`): compiling them all would cost a start-up.
  // Without regard to case, a name is compared by a pattern, so it is compiled.
  if (!nocase && LITERAL.test(glob) && !glob.split('/').some((name) => name === '.' || name === '..')) return [glob.split('/')];
  return matcher(glob, false, nocase).set as GlobSegment[][];
}

/** Whether a path segment matches a glob segment other than `**`. */
export function segmentMatches(segment: string | RegExp, name: string): boolean {
  return typeof segment === 'string' ? segment === name : segment.test(name);
}

/** Whether a glob can match a path only in its last segment `name` (its last segment holds no wildcard). */
export function lastLiteralName(glob: string): string | undefined {
  const sets = globSegments(glob);
  if (sets.length !== 1) return undefined;
  const segments = sets[0]!.filter((s, i, all) => !(s === GLOBSTAR && i === all.length - 1));
  const last = segments[segments.length - 1];
  return typeof last === 'string' && last !== '' ? last : undefined;
}
