import { readdirSync, type Dirent } from 'node:fs';
import { GLOBSTAR, globSegments, lastLiteralName, matchesGlob, segmentMatches, type GlobSegment } from '../text/glob.js';
import type { DocumentKind } from '../model/types.js';
import type { GovernConfig } from '../model/config-types.js';
import { DOCUMENT_KINDS, acceptedAt, locationsOf, usesDefaultLocations } from '../kinds/index.js';
import { absoluteIn } from './repo-path.js';

/**
 * Never searched: dependencies, build output, version control, and tests' sample files (`testdata/`, `fixtures/`,
 * `__fixtures__/`, `__snapshots__/`), whose CLAUDE.md or plan is an input or expected output of a test, not the project's.
 */
export const ALWAYS_IGNORED = [
  '**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/vendor/**', '**/.venv/**',
  '**/testdata/**', '**/fixtures/**', '**/__fixtures__/**', '**/__snapshots__/**',
];

export interface DiscoveredFile {
  /** Repository-relative, `/` separators. */
  file: string;
  kinds: DocumentKind[];
}

interface Pattern {
  kind: DocumentKind;
  segments: GlobSegment[];
  /** One of the kind's own locations: the file found must also be `acceptedAt` it (a plan by its name). */
  location?: string;
}

/** A position in a pattern: the next segment to match is `patterns[pattern].segments[index]`. */
interface State {
  pattern: number;
  index: number;
}

/** The states directories share, with the answers already given for names in them. */
interface StateSet {
  states: State[];
  /** By file name: the kinds a file of that name is, each with the kind's own location that found it (when one did). */
  files: Map<string, KindMatch[]>;
  /** By directory name (links marked apart, as `**` does not enter them): the set inside, or null for none. */
  below: Map<string, StateSet | null>;
  /**
   * By which of `states` a directory name moves on (see `transitions`): most names are met once
   * (every `NNN-name` under `specs/`), and they all lead to the same set.
   */
  byTransitions: Map<string, StateSet | null>;
}

interface IgnorePattern {
  glob: string;
  /**
   * The only base name a path this pattern can newly match has, when the pattern's last segment (before
   * a trailing `/**`) is literal, as `node_modules` is in ALWAYS_IGNORED. Ancestors need no test, as
   * a matching one would have been pruned; this spares a match per entry.
   */
  name?: string;
}

interface Ignores {
  /** A path is ignored when one of these matches it, or it followed by `/`. */
  paths: IgnorePattern[];
  /** A directory's whole subtree is ignored when one of these (the `…/**` patterns) matches `dir/`. */
  subtrees: IgnorePattern[];
}

/**
 * Finds the governance documents under `root`. One file can be of several kinds
 * (BACKLOG.md is both a sequence and a state file); it is still read once.
 *
 * One directory walk serves every kind and pattern: each directory is read once, ignored
 * directories are never entered, and a directory is entered only while some pattern can still
 * match below it. Matching follows glob's `dot: true, nodir: true, follow: false`: dot files
 * match, a symbolic link is a file (whatever it points to; reading it is load/read.ts's job), a
 * named segment (`specs/*` or `docs`) enters a symbolically linked directory, and `**` does not
 * cross one: a leading `**` never, a later one only as its last directory (see `step`). So a
 * link loop ends the walk there, and a directory that cannot be read is skipped.
 */
export async function discoverDocuments(
  root: string,
  config: GovernConfig,
  kinds: readonly DocumentKind[] = DOCUMENT_KINDS,
  listings?: DirectoryListings,
): Promise<DiscoveredFile[]> {
  return walkDocuments(root, config, kinds, listings);
}

function walkDocuments(root: string, config: GovernConfig, kinds: readonly DocumentKind[], listings: DirectoryListings | undefined): DiscoveredFile[] {
  const patterns = compilePatterns(config, kinds);
  const ignores = compileIgnores([...ALWAYS_IGNORED, ...(config.ignore ?? [])]);
  const byFile = new Map<string, DocumentKind[]>();

  // Directories reached by the same patterns share one set (every `specs/NNN-name/`), and with it the
  // answers for the names seen there: `spec.md` is matched against the patterns once, not per folder.
  const interned = new Map<string, StateSet>();
  const intern = (states: State[]): StateSet | undefined => {
    if (states.length === 0) return undefined;
    const key = states.map((s) => `${s.pattern}:${s.index}`).join(',');
    let set = interned.get(key);
    if (!set) interned.set(key, (set = { states, files: new Map(), below: new Map(), byTransitions: new Map() }));
    return set;
  };

  // An explicit stack: directory depth is the repository's, not ours to bound by the call stack.
  const pending: Array<{ dir: string; set: StateSet }> = [];
  const start = intern(
    closure(
      patterns,
      patterns.map((_, pattern) => ({ pattern, index: 0 })),
    ),
  );
  if (start) pending.push({ dir: '', set: start });

  for (let next = pending.pop(); next; next = pending.pop()) {
    const { dir, set } = next;
    let entries: Dirent[];
    const absolute = absoluteIn(root, dir);
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      continue;
    }
    listings?.set(absolute, entries);
    for (const entry of entries) {
      const name = entry.name;
      const file = dir === '' ? name : `${dir}/${name}`;
      const isDirectory = entry.isDirectory();
      const isLink = entry.isSymbolicLink();
      if (!isDirectory) {
        let fileKinds = set.files.get(name);
        if (!fileKinds) set.files.set(name, (fileKinds = matchFile(patterns, set.states, name)));
        // A kind's own location also asks the kind about the path (a plan by its name, not an index of specs).
        const accepted = [...new Set(fileKinds.filter((m) => m.location === undefined || acceptedAt(m.kind, file, m.location)).map((m) => m.kind))];
        // Each path is reached once, so its kinds are this directory's answer.
        if (accepted.length > 0 && !isIgnored(ignores, file, name)) byFile.set(file, accepted);
      }
      if (!isDirectory && !isLink) continue;
      const way = isDirectory ? name : `${name}\0link`;
      let below = set.below.get(way);
      if (below === undefined) {
        const moves = transitions(patterns, set.states, name, isDirectory);
        below = set.byTransitions.get(moves);
        if (below === undefined) set.byTransitions.set(moves, (below = intern(step(patterns, set.states, name, isDirectory)) ?? null));
        set.below.set(way, below);
      }
      if (!below) continue;
      if (ignores.subtrees.some((p) => (p.name === undefined || p.name === name) && matchesGlob(`${file}/`, p.glob))) continue;
      pending.push({ dir: file, set: below });
    }
  }

  // The default sort compares strings as `<` does, without calling back into JavaScript per comparison.
  return [...byFile.keys()].sort().map((file) => {
    const fileKinds = byFile.get(file)!;
    return { file, kinds: fileKinds.length > 1 ? fileKinds.sort((a, b) => DOCUMENT_KINDS.indexOf(a) - DOCUMENT_KINDS.indexOf(b)) : fileKinds };
  });
}

/**
 * What each directory the walk read held, by its absolute path: names and what they are, without
 * following links. Project rules ask whether paths exist thousands of times, mostly in folders the walk
 * has just read (`specs/NNN-name/`), and get the answer from here instead of another system call.
 */
export type DirectoryListings = Map<string, readonly Dirent[]>;

/** What `name` is in a listing (links not followed), or undefined when it is not there. */
export function listedKind(entries: readonly Dirent[], name: string): 'file' | 'directory' | 'link' | 'other' | undefined {
  const entry = entries.length > 32 ? byName(entries).get(name) : entries.find((e) => e.name === name);
  if (!entry) return undefined;
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : entry.isSymbolicLink() ? 'link' : 'other';
}

/** A large listing's entries by name, made on its first lookup: most listings are a handful of names, and most are never looked in. */
const indexes = new WeakMap<readonly Dirent[], Map<string, Dirent>>();
function byName(entries: readonly Dirent[]): Map<string, Dirent> {
  let index = indexes.get(entries);
  if (!index) indexes.set(entries, (index = new Map(entries.map((e) => [e.name, e]))));
  return index;
}

interface KindMatch {
  kind: DocumentKind;
  location?: string;
}

/** The kinds whose patterns a file called `name` completes from `states`, in pattern order, with the kind's own location of each match. */
function matchFile(patterns: readonly Pattern[], states: readonly State[], name: string): KindMatch[] {
  const matches: KindMatch[] = [];
  for (const { pattern, index } of states) {
    const { segments, kind, location } = patterns[pattern]!;
    const segment = segments[index]!;
    if (index !== segments.length - 1 || (segment !== GLOBSTAR && !segmentMatches(segment, name))) continue;
    if (!matches.some((m) => m.kind === kind && m.location === location)) matches.push(location === undefined ? { kind } : { kind, location });
  }
  return matches;
}

function compilePatterns(config: GovernConfig, kinds: readonly DocumentKind[]): Pattern[] {
  const patterns: Pattern[] = [];
  for (const kind of kinds) {
    // govern's own locations match without regard to case (`docs/development.md`, `Status.md`); a user's as written.
    const own = usesDefaultLocations(kind, config);
    for (const glob of locationsOf(kind, config)) {
      for (const segments of globSegments(glob, own)) {
        // `a/**/**/b` is `a/**/b`; collapsing keeps the state sets small.
        const pattern: Pattern = { kind, segments: segments.filter((s, i) => !(s === GLOBSTAR && segments[i - 1] === GLOBSTAR)) };
        if (own) pattern.location = glob;
        patterns.push(pattern);
      }
    }
  }
  return patterns;
}

function compileIgnores(globs: readonly string[]): Ignores {
  const ignores: Ignores = { paths: [], subtrees: [] };
  for (const glob of globs) {
    const pattern: IgnorePattern = { glob };
    const name = lastLiteralName(glob);
    if (name !== undefined) pattern.name = name;
    ignores.paths.push(pattern);
    if (globSegments(glob).some((segments) => segments[segments.length - 1] === GLOBSTAR)) ignores.subtrees.push(pattern);
  }
  return ignores;
}

function isIgnored(ignores: Ignores, file: string, name: string): boolean {
  return ignores.paths.some((p) => (p.name === undefined || p.name === name) && (matchesGlob(file, p.glob) || matchesGlob(`${file}/`, p.glob)));
}

/**
 * What decides `step`'s answer for `name`: whether it is a real directory, and which named segments it
 * matches. Names with the same transitions lead to the same states.
 */
function transitions(patterns: readonly Pattern[], states: readonly State[], name: string, realDirectory: boolean): string {
  let key = realDirectory ? 'd' : 'l';
  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    const segments = patterns[state.pattern]!.segments;
    const segment = segments[state.index]!;
    if (segment !== GLOBSTAR && state.index < segments.length - 1 && segmentMatches(segment, name)) key += `,${i}`;
  }
  return key;
}

/** The states reached after entering directory `name`; `**` consumes it only when it is a real directory. */
function step(patterns: readonly Pattern[], states: readonly State[], name: string, realDirectory: boolean): State[] {
  const out: State[] = [];
  for (const state of states) {
    const segments = patterns[state.pattern]!.segments;
    const segment = segments[state.index]!;
    if (segment === GLOBSTAR) {
      if (realDirectory) out.push(state);
      // glob's rule for a `**` after the first segment with more pattern after it: a linked
      // directory may end what `**` matches (`specs/**/spec.md` finds `specs/link/spec.md`).
      else if (state.index > 0 && state.index < segments.length - 1) out.push({ pattern: state.pattern, index: state.index + 1 });
    } else if (state.index < segments.length - 1 && segmentMatches(segment, name)) {
      // A named last segment matches files only; it leads nowhere below.
      out.push({ pattern: state.pattern, index: state.index + 1 });
    }
  }
  return closure(patterns, out);
}

/** Adds, for each state at a `**`, the state after it (`**` matching no directory), without duplicates. */
function closure(patterns: readonly Pattern[], states: readonly State[]): State[] {
  const out: State[] = [];
  const seen = new Set<number>();
  const add = (state: State): void => {
    const key = state.pattern * 65536 + state.index;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(state);
    const segments = patterns[state.pattern]!.segments;
    if (segments[state.index] === GLOBSTAR && state.index < segments.length - 1) add({ pattern: state.pattern, index: state.index + 1 });
  };
  for (const state of states) add(state);
  return out;
}
