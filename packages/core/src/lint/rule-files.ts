import { lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, normalize, sep } from 'node:path';
import { listedKind, type DirectoryListings } from '../load/discover.js';
import { decodeDocument } from '../load/read.js';
import type { RuleFiles } from './types.js';

type EntryKind = ReturnType<RuleFiles['kind']>;

/** Above this, a file is not read for a rule: no governance document or import is that large. */
const MAX_RULE_READ_BYTES = 5 * 1024 * 1024;

/** Where a listing saying a name is absent may be wrong: file systems that match names without regard to case or normalisation. */
const NAMES_FOLD = process.platform === 'darwin' || process.platform === 'win32';

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

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

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
 * The file access project rules get. With `listings` (what the search for documents just read),
 * whether a path in one of those folders exists is answered from the listing, without a system call.
 */
export function ruleFiles(listings?: DirectoryListings): RuleFiles {
  return {
    kind: (path, options = {}) => {
      const followLinks = options.followLinks !== false;
      return (listings && kindFromListing(listings, path, followLinks)) ?? entryKind(path, followLinks);
    },
    readText: (path, maxBytes = MAX_RULE_READ_BYTES) => readText(path, maxBytes),
    readDir: (path) => {
      const listing = listings && isNormalised(path) ? listings.get(path) : undefined;
      if (!listing) return readDir(path);
      return listing.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort();
    },
    realPath,
  };
}
