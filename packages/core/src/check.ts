import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { GovernError } from './errors.js';
import { cacheFilePath } from './incremental/cache.js';
import { openCachedFiles, type CacheStrategy } from './incremental/cached-check.js';
import { analyseInParallel } from './incremental/pool.js';
import { analyseJobs, lint, lintFiles, lintInput, outputFixes, type Analyse, type LintOptions } from './lint/engine.js';
import type { LintResult } from './lint/types.js';
import { loadConfig, type ImportModule } from './load/config.js';
import { buildProject, loadProject, readProjectFiles, type LoadProjectOptions, type ProjectFiles } from './load/project.js';
import type { GovernConfig } from './model/config-types.js';
import { resolveRuleSet } from './lint/rule-set.js';

export interface CheckOptions extends Omit<LintOptions, 'files' | 'config'> {
  /** The repository root. */
  root: string;
  /** Settings to use instead of the repository's config file. */
  config?: GovernConfig;
  /** A config file to use instead of searching the root (relative to it, or absolute). */
  configFile?: string;
  /**
   * Report problems only in these files or folders (relative to `root`; a folder stands for the documents
   * under it), as lint-staged passes them; project rules still read the whole repository.
   */
  paths?: string[];
  /**
   * Keep each document's analysis between runs in a file (`location`: a file, or a folder to keep
   * `.governcache` in; default the root), for this `version` of govern. Not used with `fix`, which must see
   * every fix, nor with `diffBase`, since git is an input too. `strategy` says how a document is told
   * unchanged: `metadata` (default) by its size and modification time, `content` by reading and hashing it.
   */
  cache?: { location?: string; version: string; strategy?: CacheStrategy };
  /**
   * Analyse documents on worker threads as well, when there is enough text to repay starting them: at
   * most `threads` besides the main one (`'auto'`: one fewer than the cores), each started from `worker`,
   * a script that calls `serveAnalyses` with the same rules.
   */
  concurrency?: { threads: number | 'auto'; worker: string | URL };
  /**
   * Check this input instead of the repository's documents (a pull request body), as a document named
   * `filename` (default: a state document). Bytes are decoded as a file's are, and input over the
   * document size limit (`MAX_DOCUMENT_BYTES`; read at most one byte past it) is refused, not parsed.
   */
  text?: { content: string | Uint8Array; filename?: string };
  /** The user's home, for CLAUDE.md's `@~/` imports. */
  home?: string;
  /** How to load a JavaScript config file (see `ImportModule`). */
  importModule?: ImportModule;
  /** `false` refuses a JavaScript config file (it would run code from the repository). */
  configJs?: boolean;
  /** Read documents that are symbolic links to files outside the repository (by default they are refused with a diagnostic). */
  allowOutsideLinks?: boolean;
}

export interface CheckOutcome {
  results: LintResult[];
  /** Files `fix` could not write; each also has a fatal problem in its result. */
  writeFailures: number;
}

/** Repository-relative files for the given paths; a directory stands for the documents under it. */
function selectFiles(paths: readonly string[], root: string, documents: readonly string[]): string[] {
  const selected = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(root, given);
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new GovernError('usage', `${given} is outside the repository ${root}`);
    if (!existsSync(absolute)) throw new GovernError('usage', `No such file or directory: ${given}`);
    if (statSync(absolute).isDirectory()) {
      const prefix = relative === '' ? '' : `${relative}/`;
      for (const doc of documents) if (doc.startsWith(prefix)) selected.add(doc);
    } else selected.add(relative);
  }
  return [...selected];
}

/**
 * What `govern check` does for a repository, as ESLint's class does for its CLI: finds and reads the
 * documents (through the cache when asked and allowed), runs every rule, and with `fix` writes the
 * fixes and checks again what they left. Throws a GovernError only for input it cannot work with
 * (a missing root, an invalid config, a path outside the repository).
 */
export async function check(given: CheckOptions): Promise<CheckOutcome> {
  // The rule set is worked out once, for the analysis workers and every lint below.
  const options = { ...given, ...(await resolveRuleSet(given)) };
  const { root } = options;
  const loadOptions: LoadProjectOptions = {};
  if (options.config) loadOptions.config = options.config;
  if (options.configFile !== undefined) loadOptions.configFile = options.configFile;
  if (options.home !== undefined) loadOptions.home = options.home;
  if (options.importModule) loadOptions.importModule = options.importModule;
  if (options.configJs === false) loadOptions.configJs = false;
  if (options.allowOutsideLinks) loadOptions.allowOutsideLinks = true;
  const lintOptions: LintOptions = { rules: options.rules, presets: options.presets };
  if (options.reportUnusedDisableDirectives !== undefined) lintOptions.reportUnusedDisableDirectives = options.reportUnusedDisableDirectives;
  if (options.diffBase !== undefined) lintOptions.diffBase = options.diffBase;
  if (options.commitHook) lintOptions.commitHook = true;

  if (options.text) {
    const configOptions = { ...(options.configJs === false ? { configJs: false } : {}), ...(options.importModule ? { importModule: options.importModule } : {}) };
    const config = options.config ?? (await loadConfig(path.resolve(root), options.configFile, configOptions)).config;
    const { content } = options.text;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const results = await lintInput(bytes, options.text.filename ?? 'stdin.md', { ...lintOptions, config, cwd: root, fix: options.fix === true });
    return { results, writeFailures: 0 };
  }
  if (options.fix) return fixAndCheck(options, loadOptions, lintOptions);

  const local: Analyse = (jobs, files) => analyseJobs(jobs, files, options.rules);
  const analyse = options.concurrency ? analyseInParallel({ script: options.concurrency.worker, threads: options.concurrency.threads }, options.rules) : local;
  // A cache cannot know what git says, which --diff-base rules read.
  const { cache } = options;
  const cached =
    cache && options.diffBase === undefined
      ? await openCachedFiles(
          root,
          loadOptions,
          {
            file: cacheFilePath(path.resolve(root), cache.location),
            version: cache.version,
            // The default cache file is the repository's: one that is a link leading out of it is not read.
            ...(cache.location === undefined ? { within: path.resolve(root) } : {}),
            ...(cache.strategy ? { strategy: cache.strategy } : {}),
          },
          analyse,
        )
      : undefined;
  const files = cached?.files ?? (await readProjectFiles(root, loadOptions));
  const selected = withPaths(lintOptions, options.paths, files);
  const results = await lintFiles(files, selected, cached?.how(selected) ?? { analyse });
  cached?.save(results);
  return { results, writeFailures: 0 };
}

function withPaths(lintOptions: LintOptions, paths: readonly string[] | undefined, files: Pick<ProjectFiles, 'root' | 'documents'>): LintOptions {
  if (!paths || paths.length === 0) return lintOptions;
  return { ...lintOptions, files: selectFiles(paths, files.root, files.documents.map((d) => d.file)) };
}

/** `--fix`: fixes every file (a project rule's fixes too), writes them, and checks the repository again as it now is. */
async function fixAndCheck(options: CheckOptions, loadOptions: LoadProjectOptions, lintOptions: LintOptions): Promise<CheckOutcome> {
  const files = await readProjectFiles(options.root, loadOptions);
  const selected = withPaths(lintOptions, options.paths, files);
  const fixed = await lint(await buildProject(files, loadOptions), { ...selected, fix: true });
  const written = fixed.some((r) => r.output !== undefined) ? await outputFixes(fixed) : undefined;
  // What writing said of a file (it could not be written, it is not valid UTF-8, its hard links kept the old text) stays with it.
  const notes = new Map((written?.results ?? fixed).flatMap((r) => r.messages.filter((m) => m.ruleId === null).map((m) => [r.filePath, m] as const)));
  const writeFailures = [...notes.values()].filter((m) => m.fatal).length;
  if (!written) return { results: fixed, writeFailures };
  // Project rules read the model as it was; the problems left after fixing come from a fresh read.
  const after = await lint(await loadProject(options.root, loadOptions), selected);
  const results = after.map((r) => {
    const note = notes.get(r.filePath);
    if (!note) return r;
    const counts = note.severity === 2 ? { errorCount: r.errorCount + 1, fatalErrorCount: r.fatalErrorCount + (note.fatal ? 1 : 0) } : { warningCount: r.warningCount + 1 };
    return { ...r, messages: [note, ...r.messages], ...counts };
  });
  return { results, writeFailures };
}
