/**
 * Glob to RegExp for config `overrides` and for telling a file's kind by its name. minimatch is not a
 * dependency of core (only of glob, which does not re-export it), and these globs need only
 * `*`, `**`, `?`, `[...]` and `{a,b}`.
 */
const compiled = new Map<string, RegExp>();

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

export function globToRegExp(glob: string): RegExp {
  const cached = compiled.get(glob);
  if (cached) return cached;
  let pattern = glob.replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  // `a/**/**/b` is `a/**/b`, and each further `**/` would multiply the ways a long path can be split.
  while (pattern.includes('**/**/')) pattern = pattern.replace('**/**/', '**/');
  const regexp = new RegExp(`^${translate(pattern)}$`);
  compiled.set(glob, regexp);
  return regexp;
}

function translate(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          if (i + 2 === glob.length) {
            out += '.*';
            i += 2;
          } else {
            // `**/` matches zero or more whole directories.
            out += '(?:[^/]*/)*';
            i += 3;
          }
          continue;
        }
      }
      out += '[^/]*';
      i++;
      while (glob[i] === '*') i++;
    } else if (ch === '?') {
      out += '[^/]';
      i++;
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        i++;
      } else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close + 1;
      }
    } else if (ch === '{') {
      const close = matchingBrace(glob, i);
      if (close === -1) {
        out += '\\{';
        i++;
      } else {
        out += `(?:${splitAlternatives(glob.slice(i + 1, close)).map(translate).join('|')})`;
        i = close + 1;
      }
    } else {
      out += /[.+^$()|\\\]{}]/.test(ch) ? `\\${ch}` : ch;
      i++;
    }
  }
  return out;
}

/**
 * Expands `{a,b}` alternatives into separate globs (`docs/{a,b/c}.md` -> `docs/a.md`, `docs/b/c.md`), so a
 * caller that walks directories can split each glob into path segments even when an alternative holds a `/`.
 */
export function expandBraces(glob: string): string[] {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] !== '{') continue;
    const close = matchingBrace(glob, i);
    // As in `globToRegExp`, an unclosed brace is a literal character.
    if (close === -1) continue;
    const head = glob.slice(0, i);
    const tails = expandBraces(glob.slice(close + 1));
    return splitAlternatives(glob.slice(i + 1, close)).flatMap((alternative) =>
      expandBraces(head + alternative).flatMap((start) => tails.map((tail) => start + tail)),
    );
  }
  return [glob];
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/**
 * Whether a repository-relative path matches any of `globs`. As in ESLint's `overrides`, a pattern
 * without a `/` matches the file's base name anywhere in the tree.
 */
export function matchesAny(file: string, globs: readonly string[]): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return globs.some((glob) => globToRegExp(glob).test(glob.includes('/') ? file : base));
}
