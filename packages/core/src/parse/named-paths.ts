import type { Node, Parent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { asciiFirst } from '../text/ascii.js';

/**
 * Finds the file paths a piece of prose names (`Create src/models/user.py`, `` `tests/contract/test_users.py` ``).
 * Text in backticks is the author saying "this is a name", so it is read more generously than bare words,
 * where `and/or`, `P1/P2`, `Node.js` and `e.g.` must not pass for paths.
 */

const KNOWN_EXTENSIONS = new Set(
  (
    'md mdx txt rst adoc py pyi ipynb ts tsx mts cts js jsx mjs cjs json jsonc json5 jsonl ndjson yaml yml toml ini cfg conf ' +
    'env lock lockb go mod sum rs java kt kts scala groovy gradle swift m mm h hpp hh c cc cpp cxx cs csproj fs fsproj sln vb ' +
    'rb php pl lua r dart ex exs erl hrl clj cljs elm hs ml zig nim sh bash zsh fish ps1 psm1 bat cmd sql prisma graphql gql ' +
    'proto html htm css scss sass less vue svelte astro xml xaml xsd svg png jpg jpeg gif webp ico pdf csv tsv tf tfvars hcl ' +
    'gd tscn tres cshtml razor log plist properties dockerfile feature snap wasm'
  ).split(' '),
);

/** Extension-less names that are files whatever the context. */
const KNOWN_NAMES = new Set([
  'Dockerfile', 'Makefile', 'Procfile', 'Justfile', 'Gemfile', 'Rakefile', 'Jenkinsfile', 'Brewfile', 'Vagrantfile',
  'LICENSE', 'CODEOWNERS', '.gitignore', '.gitattributes', '.dockerignore', '.editorconfig', '.env', '.npmrc', '.nvmrc',
  '.prettierrc', '.eslintrc',
]);

/** First segments that make a bare `a/b` a path rather than `either/or` prose. */
const KNOWN_ROOTS = new Set([
  'src', 'lib', 'libs', 'test', 'tests', 'spec', 'specs', 'docs', 'doc', 'app', 'apps', 'packages', 'pkg', 'cmd',
  'internal', 'scripts', 'bin', 'config', 'configs', 'public', 'assets', 'components', 'pages', 'api', 'backend',
  'frontend', 'server', 'client', 'web', 'tools', 'examples', 'fixtures', 'migrations', 'include', 'crates', 'modules',
  'services', 'ui', 'infra', 'deploy', 'k8s', 'templates', 'memory', 'contracts', 'e2e', 'cypress', 'prisma', 'db',
  '.github', '.specify', '.agent', '.claude', '.vscode', '.codex', '.cursor',
]);

/** Characters a path token may hold; anything else (spaces, `:`, `(`, `*`, `{`, `=`) means it is something else. */
const pathChars = asciiFirst(String.raw`^[\p{L}\p{N}_.\-/@+~[\]]+$`, 'u');
const letter = asciiFirst(String.raw`\p{L}`, 'u');
const VERSION = /^v?\d+(?:\.\d+)+$/i;
/** `Node.js`, `Next.js`: product names, not files, when written bare. */
const PRODUCT_NAME = /^[A-Z][A-Za-z0-9]*\.js$/;

function extensionOf(segment: string): string | undefined {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0 || dot === segment.length - 1) return undefined;
  return segment.slice(dot + 1).toLowerCase();
}

/** Removes what surrounds a path in prose: quotes, brackets, sentence punctuation, `:42` line suffixes, `#anchors`. */
function trimToken(token: string): string {
  let t = token.replace(/^[("'<«“‘]+/, '').replace(/(?<![)"'>»”’,;:!?。、，；：])[)"'>»”’,;:!?。、，；：]+$/, '');
  // Up to a `#`: a token holds no line break, so the anchor runs to its end.
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  t = t.replace(/:\d+(?::\d+)?$/, '');
  // A sentence-final dot is not part of the name (`in src/app.py.`), but `./` and `../` are.
  while (t.endsWith('.') && !t.endsWith('/.') && t !== '.' && t !== '..') t = t.slice(0, -1);
  return t;
}

/** Whether `token` names a file or folder; `quoted` when it was the whole of a code span. */
export function isPathLike(raw: string, quoted: boolean): boolean {
  const token = quoted ? raw.trim() : raw;
  if (token.length < 2 || token.length > 300) return false;
  if (token.includes('://') || /^(?:www\.|mailto:)/i.test(token)) return false;
  if (!pathChars(token).test(token)) return false;
  if (!letter(token).test(token)) return false;
  if (VERSION.test(token)) return false;
  if (KNOWN_NAMES.has(token)) return true;
  if (token.includes('//')) return false;
  const segments = token.split('/');
  const last = segments[segments.length - 1] ?? '';
  const extension = extensionOf(last);
  const hasKnownExtension = extension !== undefined && KNOWN_EXTENSIONS.has(extension);
  if (!token.includes('/')) {
    if (!hasKnownExtension) return false;
    // `a.m`, `i.e`: a one-letter stem with a one-letter extension is an abbreviation.
    if (/^[a-z]\.[a-z]$/i.test(last)) return false;
    if (!quoted && PRODUCT_NAME.test(token)) return false;
    return true;
  }
  if (token === '/' || segments.every((s) => s === '' || s === '.' || s === '..')) return false;
  if (quoted || hasKnownExtension) return true;
  if (/^(?:\.\.?|~)\//.test(token)) return true;
  if (token.startsWith('/')) return segments.filter((s) => s !== '').length >= 2;
  if (KNOWN_ROOTS.has(segments[0] ?? '')) return true;
  // `components/`: a folder named with its trailing slash; `w/` (with) is not.
  if (token.endsWith('/') && segments.length === 2 && (segments[0]?.length ?? 0) >= 2 && /^[a-z._]/.test(token)) return true;
  return false;
}

/**
 * Two file names joined by a slash (`CLAUDE.md/AGENTS.md`, `package.json/tsconfig.json`): the one file or the other, as
 * `A or B` is, not a file inside a folder named like a file.
 */
function fileNamePair(token: string): [string, string] | undefined {
  const slash = token.indexOf('/');
  if (slash <= 0 || slash !== token.lastIndexOf('/')) return undefined;
  const first = token.slice(0, slash);
  const second = token.slice(slash + 1);
  const named = (name: string): boolean => !name.startsWith('.') && KNOWN_EXTENSIONS.has(extensionOf(name) ?? '') && isPathLike(name, false);
  return named(first) && named(second) ? [first, second] : undefined;
}

/** The paths named in a run of prose, in order, as written (surrounding punctuation removed). */
export function pathsInText(text: string): string[] {
  const found: string[] = [];
  for (const word of text.split(/\s+/)) {
    // Longer than any path: skip before trimming, whose end-anchored patterns would rescan it.
    if (word === '' || word.length > 320) continue;
    const token = trimToken(word);
    if (isPathLike(token, false)) found.push(...(fileNamePair(token) ?? [token]));
  }
  return found;
}

/** The paths named in a code span's text: the whole span when it is one, else its path-like words. */
export function pathsInCode(code: string): string[] {
  const whole = code.trim();
  if (whole.length > 2000) return pathsInText(whole);
  if (isPathLike(whole, true)) return fileNamePair(whole) ?? [whole];
  const trimmed = trimToken(whole);
  if (trimmed !== whole && isPathLike(trimmed, true)) return [trimmed];
  // A command in backticks (`pytest tests/unit/test_x.py -q`) still names files, read as bare words.
  return pathsInText(whole);
}

/**
 * The paths named in phrasing content (a paragraph, a heading, a table cell): text and code spans,
 * link text but not link targets, never HTML.
 */
export function pathsInPhrasing(nodes: readonly Node[]): string[] {
  const found: string[] = [];
  const stack: Node[] = [...nodes].reverse();
  let textRun = '';
  const flush = (): void => {
    if (textRun !== '') for (const item of pathsInText(textRun)) found.push(item);
    textRun = '';
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      // Adjacent text nodes (split by emphasis markers) can hold one path between them only if joined.
      textRun += (node as unknown as { value: string }).value;
      continue;
    }
    if ((node.type === 'strong' || node.type === 'emphasis') && textRun.endsWith('/')) {
      // `models/__init__.py` outside a code span reads as `models/` + strong(`init`) + `.py`, and
      // formatters rewrite `__tests__/` as `**tests**/`: a path segment in emphasis is the dunder name.
      const marker = node.type === 'strong' ? '__' : '_';
      textRun += `${marker}${toString(node)}${marker}`;
      continue;
    }
    if (node.type === 'inlineCode') {
      flush();
      for (const item of pathsInCode((node as unknown as { value: string }).value)) found.push(item);
      continue;
    }
    if (node.type === 'break') {
      textRun += ' ';
      continue;
    }
    if (node.type === 'html') {
      textRun += ' ';
      continue;
    }
    const children = (node as Parent).children;
    if (Array.isArray(children)) {
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
    }
  }
  flush();
  return found;
}

/** Words that offer the next path as an alternative to the one before: `A or B`, `A (or create B)`. */
const OR_WORDS: ReadonlySet<string> = new Set(['or', 'oder', 'ou', 'o', 'или', '或', '或者', 'または', '또는', '/']);

/**
 * The groups of paths a task's text offers as alternatives (`update docs/usage.md (or create
 * docs/admin.md)`, `src/a.ts or src/b.ts`): a group holds for any of its members. Paths not offered
 * as alternatives are groups of one. Up to two words (a verb) may stand between the "or" and the path.
 */
export function alternativePaths(text: string): string[][] {
  const groups: string[][] = [];
  let offered = false;
  let budget = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '' || word.length > 320) continue;
    const token = trimToken(word);
    const quoted = trimChars(word, '`', '`');
    const path = isPathLike(token, false) ? token : isPathLike(quoted, true) ? quoted : undefined;
    if (path !== undefined) {
      const last = groups[groups.length - 1];
      const pair = fileNamePair(path);
      if (offered && last) last.push(...(pair ?? [path]));
      else groups.push(pair ?? [path]);
      offered = false;
      continue;
    }
    if (OR_WORDS.has(trimChars(word, '([', ')],;:').toLowerCase())) {
      offered = groups.length > 0;
      budget = 2;
    } else if (offered && --budget < 0) {
      offered = false;
    }
  }
  return groups;
}

/** `word` without the characters of `lead` at its start and of `tail` at its end, by scanning (no pattern to backtrack). */
function trimChars(word: string, lead: string, tail: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && lead.includes(word[start]!)) start++;
  while (end > start && tail.includes(word[end - 1]!)) end--;
  return word.slice(start, end);
}

/** Adds `paths` to `into`, keeping the first occurrence of each. */
export function addUnique(into: string[], paths: readonly string[]): void {
  for (const path of paths) if (!into.includes(path)) into.push(path);
}
