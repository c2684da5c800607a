import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { listedKind, type DirectoryListings } from '../load/discover.js';
import { decodeDocument } from '../load/read.js';
import type { RuleFiles } from './types.js';

/**
 * What project rules read outside the documents, each read with a digest of what it gave: a cache
 * may replay a run only while every one of them still gives the same.
 */
export type FileInputs = Map<string, string>;

type EntryKind = ReturnType<RuleFiles['kind']>;

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

function kindOf(info: Stats | undefined): EntryKind {
  if (!info) return 'none';
  return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : info.isSymbolicLink() ? 'link' : 'other';
}

function entryKind(path: string, followLinks: boolean): EntryKind {
  try {
    // Without throwing for a missing path: a repository of thousands of tasks asks this thousands of times.
    return kindOf(followLinks ? statSync(path, { throwIfNoEntry: false }) : lstatSync(path, { throwIfNoEntry: false }));
  } catch {
    return 'none';
  }
}

function readText(path: string, maxBytes: number): string | undefined {
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    const outcome = decodeDocument(readFileSync(path), path);
    return outcome.ok ? outcome.value.text : undefined;
  } catch {
    return undefined;
  }
}

function readDir(path: string): string[] | undefined {
  try {
    return readdirSync(path, { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
      .sort();
  } catch {
    return undefined;
  }
}

function digestOfListing(names: readonly string[]): string {
  return digest(names.join('\n'));
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** How long git may take to list what the history removed; past it, the history is not used. */
const GIT_TIMEOUT_MS = 10_000;

/** Every path some commit on any branch deleted or moved away, or undefined where git cannot say. */
function removedFromHistory(root: string): string[] | undefined {
  // Only at the top of a work tree: a fixture inside another repository does not borrow its history.
  if (!existsSync(join(root, '.git'))) return undefined;
  try {
    const out = execFileSync('git', ['log', '--all', '--no-renames', '--diff-filter=D', '--name-only', '--format=', '-z'], {
      cwd: root,
      encoding: 'utf8',
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const paths = new Set<string>();
    for (const name of out.split('\0')) {
      const trimmed = name.trim();
      if (trimmed !== '') paths.add(trimmed);
    }
    return [...paths].sort();
  } catch {
    return undefined;
  }
}

/**
 * Each kind of read, by the argument string a recorded key holds, giving what the rule asked for and
 * a digest of it.
 */
const readers = {
  kind: (arg: string) => {
    const follow = arg.startsWith('follow:');
    const value = entryKind(arg.slice(arg.indexOf(':') + 1), follow);
    return { value, digest: value };
  },
  text: (arg: string) => {
    const colon = arg.indexOf(':');
    const value = readText(arg.slice(colon + 1), Number(arg.slice(0, colon)));
    return { value, digest: value === undefined ? 'none' : digest(value) };
  },
  dir: (arg: string) => {
    const value = readDir(arg);
    return { value, digest: value === undefined ? 'none' : digestOfListing(value) };
  },
  realpath: (arg: string) => {
    const value = realPath(arg);
    return { value, digest: value ?? 'none' };
  },
  removed: (arg: string) => {
    const value = removedFromHistory(arg);
    return { value, digest: value === undefined ? 'none' : digestOfListing(value) };
  },
};

/** Above this, a file is not read for a rule: no governance document or import is that large. */
const MAX_RULE_READ_BYTES = 5 * 1024 * 1024;

/** Where a listing saying a name is absent may be wrong: file systems that match names without regard to case or normalisation. */
const NAMES_FOLD = process.platform === 'darwin' || process.platform === 'win32';

/** No empty, `.` or `..` segment and no trailing separator; asked thousands of times, so a POSIX path is checked without `path.normalize`. */
function isNormalised(path: string): boolean {
  if (sep !== '/') return !path.endsWith(sep) && normalize(path) === path;
  return !path.endsWith('/') && !/\/\/|\/\.\.?(?:\/|$)/.test(path);
}

/**
 * What a listing of the path's folder says is there, when that settles it: a missing name (where
 * names are matched exactly), or an entry that is not a link or one that is not to be followed.
 */
function kindFromListing(listings: DirectoryListings, path: string, followLinks: boolean): EntryKind | undefined {
  // Only a normalised path names what its folder's listing holds (`a/b/` and `a/./b` do not).
  if (!isNormalised(path)) return undefined;
  const listing = listings.get(dirname(path));
  if (!listing) return undefined;
  const kind = listedKind(listing, basename(path));
  if (kind === undefined) return NAMES_FOLD ? undefined : 'none';
  if (kind === 'link') return followLinks ? undefined : 'link';
  return kind;
}

/**
 * The file access project rules get; with `record`, each read is noted there with its digest. With
 * `listings`, whether a path exists in a folder listed there is answered from the listing.
 */
export function ruleFiles(record?: FileInputs, listings?: DirectoryListings): RuleFiles {
  // Asked once per run: git walks the whole history for it.
  const removed = new Map<string, ReadonlySet<string> | undefined>();
  const read = <K extends keyof typeof readers>(kind: K, arg: string): ReturnType<(typeof readers)[K]>['value'] => {
    const { value, digest: seen } = readers[kind](arg);
    record?.set(`${kind}:${arg}`, seen);
    return value;
  };
  return {
    kind: (path, options = {}) => {
      const followLinks = options.followLinks !== false;
      const key = `${followLinks ? 'follow' : 'nofollow'}:${path}`;
      const listed = listings && kindFromListing(listings, path, followLinks);
      if (listed === undefined) return read('kind', key);
      record?.set(`kind:${key}`, listed);
      return listed;
    },
    readText: (path, maxBytes = MAX_RULE_READ_BYTES) => read('text', `${maxBytes}:${path}`),
    readDir: (path) => {
      const listing = listings && isNormalised(path) ? listings.get(path) : undefined;
      if (!listing) return read('dir', path);
      const names = listing.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort();
      record?.set(`dir:${path}`, digestOfListing(names));
      return names;
    },
    realPath: (path) => read('realpath', path),
    removedPaths: (root) => {
      let answer = removed.get(root);
      if (!removed.has(root)) {
        const listed = read('removed', root);
        answer = listed === undefined ? undefined : new Set(listed);
        removed.set(root, answer);
      }
      return answer;
    },
  };
}

/** The digest a recorded read gives now, or undefined for a key no reader knows. */
export function currentDigest(key: string): string | undefined {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  if (!Object.hasOwn(readers, kind)) return undefined;
  return readers[kind as keyof typeof readers](key.slice(colon + 1)).digest;
}

/**
 * Whether every recorded read still gives what it gave. With `listings`, what a path is, where its
 * folder was listed moments ago, is answered from the listing, as `ruleFiles` would answer it now.
 */
export function inputsUnchanged(inputs: Readonly<Record<string, string>>, listings?: DirectoryListings): boolean {
  for (const [key, seen] of Object.entries(inputs)) {
    const listed = listings && key.startsWith('kind:') ? listedDigest(listings, key) : undefined;
    if ((listed ?? currentDigest(key)) !== seen) return false;
  }
  return true;
}

/** What the listings say a recorded `kind:` read gives now, when they settle it. */
function listedDigest(listings: DirectoryListings, key: string): string | undefined {
  const follow = key.startsWith('kind:follow:');
  return kindFromListing(listings, key.slice(follow ? 12 : 14), follow);
}
