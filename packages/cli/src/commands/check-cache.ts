import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createResult, type LintMessage, type LintResult, type ProjectFiles } from '@govern/core';

/** Bumped whenever the layout of the cache file changes, so an old file is simply a miss. */
const CACHE_FORMAT = 1;

export const DEFAULT_CACHE_FILE = '.governcache';

interface CachedResult {
  /** Repository-relative path. */
  file: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  /** The result carried the file's text (`source`), which is restored from the text read now. */
  source?: true;
}

interface CacheFile {
  format: number;
  /** Hash of govern's version, the resolved config and the rules with their options. */
  settings: string;
  /** Content hash per document. */
  files: Record<string, string>;
  results: CachedResult[];
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Where the cache lives: `--cache-location` names a file, or a directory (an existing one, or a path
 * ending in a separator) that gets `.governcache` inside, as ESLint does; the default is the root.
 */
export async function cacheFilePath(root: string, location: string | undefined): Promise<string> {
  if (location === undefined) return path.join(root, DEFAULT_CACHE_FILE);
  const absolute = path.resolve(root, location);
  if (/[\\/]$/.test(location)) return path.join(absolute, DEFAULT_CACHE_FILE);
  try {
    if ((await stat(absolute)).isDirectory()) return path.join(absolute, DEFAULT_CACHE_FILE);
  } catch {
    // Not there yet: it will be created as a file.
  }
  return absolute;
}

/** Everything besides the documents that decides the results; a change to any of it is a miss. */
export function settingsKey(parts: { version: string; files: ProjectFiles; ruleIds: string[]; presets: unknown; cliOptions: unknown }): string {
  return hash(
    JSON.stringify({
      version: parts.version,
      config: parts.files.config,
      configFile: parts.files.configFile ?? null,
      rules: [...parts.ruleIds].sort(),
      presets: parts.presets,
      cli: parts.cliOptions,
    }),
  );
}

function contentHashes(files: ProjectFiles): Record<string, string> {
  const out: Record<string, string> = {};
  for (const doc of files.documents) {
    const text = files.texts.get(doc.file);
    // An unreadable file is keyed by its state, so becoming readable is a change.
    out[doc.file] = text ? hash(`${text.bom ? '\uFEFF' : ''}${text.text}`) : 'unread';
  }
  return out;
}

function sameHashes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => b[key] === a[key]);
}

function isCacheFile(value: unknown): value is CacheFile {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<CacheFile>;
  return (
    v.format === CACHE_FORMAT &&
    typeof v.settings === 'string' &&
    v.files !== null &&
    typeof v.files === 'object' &&
    Array.isArray(v.results) &&
    v.results.every((r) => r !== null && typeof r === 'object' && typeof r.file === 'string' && Array.isArray(r.messages) && Array.isArray(r.suppressedMessages))
  );
}

/**
 * The results of the last run when neither the settings nor any document changed since; otherwise
 * undefined. Project rules read every document, so any change reruns the whole check. An unreadable
 * or corrupt cache file is a miss, never an error.
 */
export async function readCachedResults(cacheFile: string, settings: string, files: ProjectFiles): Promise<LintResult[] | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(cacheFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isCacheFile(parsed) || parsed.settings !== settings || !sameHashes(parsed.files, contentHashes(files))) return undefined;
  return parsed.results.map((r) => {
    const text = r.source ? files.texts.get(r.file)?.text : undefined;
    return createResult(path.join(files.root, r.file), r.messages, r.suppressedMessages, text);
  });
}

/** Stores the results of a full run; a cache that cannot be written only costs the next run its speed. */
export async function writeCachedResults(cacheFile: string, settings: string, files: ProjectFiles, results: LintResult[]): Promise<void> {
  const content: CacheFile = {
    format: CACHE_FORMAT,
    settings,
    files: contentHashes(files),
    results: results.map((r) => {
      const cached: CachedResult = {
        file: path.relative(files.root, r.filePath).split(path.sep).join('/'),
        messages: r.messages,
        suppressedMessages: r.suppressedMessages,
      };
      if (r.source !== undefined) cached.source = true;
      return cached;
    }),
  };
  // Written aside and renamed, so a run that is interrupted leaves the old cache or the new one, never half.
  const temp = `${cacheFile}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeFile(temp, JSON.stringify(content));
    await rename(temp, cacheFile);
  } catch {
    await unlink(temp).catch(() => undefined);
  }
}
