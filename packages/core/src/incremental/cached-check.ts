import { lstatSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import { findDocuments, loadedDocument, readFound, type LoadProjectOptions, type ProjectFiles } from '../load/project.js';
import { absoluteIn } from '../load/repo-path.js';
import { createResult, type Analyse, type AnalysisJob, type LintFilesHow, type LintOptions } from '../lint/engine.js';
import { createGitAccess } from '../lint/git.js';
import { ruleFiles } from '../lint/rule-files.js';
import type { GitAccess, LintResult, RuleFiles } from '../lint/types.js';
import type { DocumentAnalysis } from '../lint/analysis.js';
import type { LoadedDocument } from '../model/project.js';
import type { DocumentText } from '../model/types.js';
import type { Diagnostic } from '../model/types.js';
import { buildFeatures } from '../model/identity/build-features.js';
import { featureShape, featuresFromShape, type FeatureInput } from '../model/identity/feature-shape.js';
import type { Feature } from '../model/project.js';
import type { ParseResult } from '../model/types.js';
import { AnalysisCache, contentHash, RESULTS_LINE, SHAPE_LINE, type CacheEntry, type ReadRecord } from './cache.js';

/** What `readKnownFiles` read: the project's files, and each document's content hash and how it read now. */
interface KnownFiles {
  files: ProjectFiles;
  /** The documents recognised by their size and modification time, and so not read. */
  recognised: Set<string>;
  hashes: Map<string, string>;
  records: Map<string, ReadRecord>;
  /** Documents that are not regular files (links), each with where it leads: a change there changes the model without changing a text. */
  links: string[];
}

function linkTarget(absolutePath: string): string {
  try {
    return readlinkSync(absolutePath);
  } catch {
    return '';
  }
}

function lstatQuietly(absolutePath: string) {
  try {
    return lstatSync(absolutePath, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Finds and reads the documents as `readProjectFiles` does, except that (with the `metadata` strategy) a
 * document whose size and modification time are those the cache recorded is not read: its text is read
 * only if something asks for it (a rule quoting a line, a result that carries its source), as ESLint's
 * cache does by default. A link, or a file below a linked directory, is read (and where it leads checked) every time.
 */
async function readKnownFiles(root: string, options: LoadProjectOptions, cache: AnalysisCache, strategy: CacheStrategy): Promise<KnownFiles> {
  const where = await findDocuments(root, options);
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, DocumentText>();
  const unread = new Map<string, string>();
  const hashes = new Map<string, string>();
  const records = new Map<string, ReadRecord>();
  const recognised = new Set<string>();
  const links: string[] = [];
  for (const found of where.found) {
    const absolutePath = absoluteIn(where.root, found.file);
    // Not following a link: a link is a file whose target may change without its own size or time changing.
    const info = lstatQuietly(absolutePath);
    const known = strategy === 'metadata' && info?.isFile() && !where.linked?.(found.file) ? cache.recorded(found.file) : undefined;
    if (info && known && known.size === info.size && known.mtimeMs === info.mtimeMs) {
      documents.push({ file: found.file, kinds: found.kinds, absolutePath, bytes: known.bytes, bom: known.bom, eol: known.eol, parsed: true });
      unread.set(found.file, absolutePath);
      hashes.set(found.file, cache.hashOf(found.file)!);
      records.set(found.file, known);
      recognised.add(found.file);
      continue;
    }
    if (info && !info.isFile()) links.push(`${found.file}\0${linkTarget(absolutePath)}`);
    const outcome = readFound(where, found.file, absolutePath);
    const read = loadedDocument(found, absolutePath, outcome);
    documents.push(read.document);
    for (const item of read.diagnostics) diagnostics.push(item);
    if (!read.text) continue;
    texts.set(found.file, read.text);
    hashes.set(found.file, contentHash(read.text.text));
    // A file read with a warning (invalid UTF-8) is read every time, so the warning is given every time.
    if (info?.isFile() && read.diagnostics.length === 0) {
      records.set(found.file, { size: info.size, mtimeMs: info.mtimeMs, bytes: read.document.bytes, bom: read.document.bom, eol: read.document.eol });
    }
  }
  const text = (file: string): DocumentText | undefined => {
    const held = texts.get(file);
    if (held) return held;
    const absolutePath = unread.get(file);
    if (absolutePath === undefined) return undefined;
    unread.delete(file);
    const outcome = readFound(where, file, absolutePath);
    if (!outcome.ok) return undefined;
    texts.set(file, outcome.value);
    return outcome.value;
  };
  const files: ProjectFiles = { root: where.root, config: where.config, documents, diagnostics, listings: where.listings, text };
  if (where.configFile) files.configFile = where.configFile;
  return { files, recognised, hashes, records, links };
}

/**
 * The files a cached check reads, how it analyses them (from the cache where it can) and works out the
 * features (kept from the last run while only task lists changed), and how it stores all that after.
 */
export interface CachedFiles {
  files: ProjectFiles;
  /** The documents recognised by their size and modification time, and so not read. */
  recognised: ReadonlySet<string>;
  /** How `lintFiles` checks `files` with these options through the cache (call once). */
  how(options: LintOptions): LintFilesHow;
  /** Stores the analyses and results of this run (call once the check is done, with its results). */
  save(results: readonly LintResult[]): void;
}

/** An analysis as feature identity sees it: the models `buildFeatures` reads (not task lists, the constitution or AGENTS.md). */
function identityPart(analysis: DocumentAnalysis | undefined): string | undefined {
  if (!analysis) return undefined;
  const { product, sequence, spec, state } = analysis.models;
  return JSON.stringify([product, sequence, spec, state]);
}

/** How a document is told unchanged: by its size and modification time, or by reading and hashing it. */
export type CacheStrategy = 'metadata' | 'content';

export interface CacheSettings {
  file: string;
  version: string;
  /** The cache file is not read when it is a link leading out of this directory (the repository, for the default location). */
  within?: string;
  /** Default `metadata`. */
  strategy?: CacheStrategy;
}


/**
 * A run's results kept to be printed again, and what they were computed from besides the analyses:
 * the texts the model, the project rules and the results read (with their content hashes), and what the
 * project rules asked of the file system (with a digest of each answer).
 */
interface KeptRun {
  /** A digest of the keys of the document lines stored with these results: they are the analyses the results came from. */
  lines: string;
  texts: Array<[file: string, hash: string]>;
  queries: Array<[kind: QueryKind, path: string, option: number, answer: string]>;
  /**
   * Each result as it was, without its source, and the repository file whose text is its source (null:
   * none); a result without problems is only its path, relative to the root.
   */
  results: Array<string | [result: LintResult, source: string | null]>;
}

type QueryKind = 'kind' | 'text' | 'dir' | 'real' | 'removed';

function isKeptRun(value: unknown): value is KeptRun {
  const run = value as Partial<KeptRun> | null;
  return typeof run === 'object' && run !== null && typeof run.lines === 'string' && Array.isArray(run.texts) && Array.isArray(run.queries) && Array.isArray(run.results);
}

/** The file access project rules get, each question noted in `asked` with a digest of its answer. */
function recordingFiles(files: RuleFiles, asked: Map<string, KeptRun['queries'][number]>): RuleFiles {
  const note = (kind: QueryKind, path: string, option: number, answer: string) => asked.set(`${kind}\0${option}\0${path}`, [kind, path, option, answer]);
  return {
    kind(path, options) {
      const answer = files.kind(path, options);
      note('kind', path, options?.followLinks === false ? 0 : 1, answer);
      return answer;
    },
    readText(path, maxBytes) {
      const answer = files.readText(path, maxBytes);
      note('text', path, maxBytes ?? -1, answer === undefined ? '' : contentHash(answer));
      return answer;
    },
    readDir(path) {
      const answer = files.readDir(path);
      note('dir', path, 0, answer === undefined ? '' : contentHash(answer.join('\n')));
      return answer;
    },
    realPath(path) {
      const answer = files.realPath(path);
      note('real', path, 0, answer ?? '');
      return answer;
    },
    // Git's history is asked again before a replay (one git call), so a commit since is seen.
    removedPaths(root) {
      const answer = files.removedPaths(root);
      note('removed', root, 0, answer === undefined ? '' : contentHash([...answer].sort().join('\n')));
      return answer;
    },
  };
}

/** `target` with `onUse` called whenever any of its methods is taken, whatever methods it gains later. */
function watched<T extends object>(target: T, onUse: () => void): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      onUse();
      return Reflect.get(object, key, receiver) as unknown;
    },
  });
}

/** Whether every question the project rules asked of the file system gets the answer it got. */
function sameAnswers(queries: KeptRun['queries'], files: RuleFiles): boolean {
  const now = new Map<string, KeptRun['queries'][number]>();
  const again = recordingFiles(files, now);
  for (const [kind, path, option] of queries) {
    if (kind === 'kind') again.kind(path, { followLinks: option !== 0 });
    else if (kind === 'text') again.readText(path, option < 0 ? undefined : option);
    else if (kind === 'dir') again.readDir(path);
    else if (kind === 'removed') again.removedPaths(path);
    else again.realPath(path);
  }
  return queries.every(([kind, path, option, answer]) => now.get(`${kind}\0${option}\0${path}`)?.[3] === answer);
}

/**
 * `govern check --cache`: the documents' analyses are kept in `cache.file` between runs. A document whose
 * content, kinds and rules are as they were is not parsed again, and one whose size and modification time
 * are as they were is not even read; `analyse` analyses the others. The project is then built from all
 * the analyses and every project rule runs, so the results are those of a run without the cache, unless
 * nothing they were computed from changed: every document that changed reads as before (the same
 * analysis), with the same documents, settings and read problems, no text the model, the project rules
 * or the results read changed, and the file system answers the rules' questions as it did. The last
 * results are then printed again, without building the project.
 */
export async function openCachedFiles(root: string, options: LoadProjectOptions, cache: CacheSettings, analyse: Analyse): Promise<CachedFiles> {
  const store = AnalysisCache.open(cache.file, cache.version, cache.within === undefined ? {} : { within: cache.within });
  const known = await readKnownFiles(root, options, store, cache.strategy ?? 'metadata');
  const entries = new Map<string, CacheEntry>();
  /** Which documents identity is worked out from, and whether each that changed since reads as before in what it looks at. */
  let identity: { key: string; same: boolean } | undefined;
  /** What this run's results are computed from besides the analyses (see `KeptRun`); recorded once the documents are analysed. */
  const texts = new Set<string>();
  let watching = false;
  const asked = new Map<string, KeptRun['queries'][number]>();
  const rules = recordingFiles(ruleFiles(known.files.listings), asked);
  // What git says (a diff, a file at a commit) is not recorded: results a rule read git for are not kept.
  let askedGit = false;
  const git = watched(createGitAccess(known.files.root), () => {
    askedGit = true;
  });
  const read = known.files.text;
  known.files.text = (file) => {
    if (watching) texts.add(file);
    return read(file);
  };
  let runKey: string | undefined;
  let replayed: KeptRun | undefined;
  /** The keys of the document lines this run stores, in path order: what `KeptRun.lines` digests. */
  let lineKeys: string[] = [];

  const fromCache: Analyse = async (jobs, files) => {
    const analyses = new Map<string, DocumentAnalysis>();
    const hits: AnalysisJob[] = [];
    const misses: AnalysisJob[] = [];
    const storedKeys: string[] = [];
    lineKeys = [];
    for (const job of jobs) {
      const hash = known.hashes.get(job.file);
      storedKeys.push(store.keyOf(job.file) ?? '');
      if (hash === undefined) {
        misses.push(job);
        lineKeys.push('');
        continue;
      }
      const key = store.key(job.kinds, job.settings, hash);
      lineKeys.push(key);
      const entry: CacheEntry = { key };
      const record = known.records.get(job.file);
      if (record) entry.record = record;
      entries.set(job.file, entry);
      if (store.keyOf(job.file) === key) hits.push(job);
      else misses.push(job);
    }
    const computed = await analyse(misses, files);
    const kept = runKey === undefined ? undefined : store.json(RESULTS_LINE, runKey);
    if (
      isKeptRun(kept) &&
      kept.lines === contentHash(storedKeys.join('\n')) &&
      misses.every((job) => computed.has(job.file) && store.holds(job.file, computed.get(job.file)!)) &&
      kept.texts.every(([file, hash]) => known.hashes.get(file) === hash) &&
      sameAnswers(kept.queries, ruleFiles(known.files.listings))
    ) {
      replayed = kept;
      for (const [file, analysis] of computed) entries.get(file)!.analysis = analysis;
      return computed;
    }
    // The analyses the cache holds are read only now that they are needed; one that cannot be read is redone.
    const redo: AnalysisJob[] = [];
    for (const job of hits) {
      const hit = store.analysis(job.file, entries.get(job.file)!.key);
      if (hit) analyses.set(job.file, hit);
      else redo.push(job);
    }
    let same = true;
    for (const results of [computed, await analyse(redo, files)]) {
      for (const [file, analysis] of results) {
        analyses.set(file, analysis);
        const entry = entries.get(file);
        if (entry) entry.analysis = analysis;
        if (same && identityPart(analysis) !== identityPart(store.analysis(file, undefined))) same = false;
      }
    }
    identity = { key: contentHash(jobs.map((job) => `${job.file}\0${job.kinds.join(',')}`).join('\n')), same };
    watching = true;
    return analyses;
  };
  const features = (input: FeatureInput): ParseResult<Feature[]> => {
    const shaped = identity?.same ? store.shape(identity.key) : undefined;
    const restored = shaped && featuresFromShape(shaped, input);
    if (restored) {
      entries.set(SHAPE_LINE, { key: identity!.key });
      return restored;
    }
    const built = buildFeatures(input);
    const shape = identity && featureShape(built, input);
    // A shape that cannot be taken (never expected) leaves a line no key matches, rather than the last one.
    if (identity) entries.set(SHAPE_LINE, shape ? { key: identity.key, analysis: shape } : { key: '-', analysis: { features: [], diagnostics: [] } });
    return built;
  };
  const results = (): LintResult[] | undefined => {
    if (!replayed) return undefined;
    const shapeKey = store.keyOf(SHAPE_LINE);
    if (shapeKey !== undefined) entries.set(SHAPE_LINE, { key: shapeKey });
    const root = known.files.root;
    return replayed.results.map((kept) => {
      if (typeof kept === 'string') return createResult(absoluteIn(root, kept), [], []);
      const [result, source] = kept;
      if (source === null) return result;
      Object.defineProperty(result, 'source', { enumerable: true, configurable: true, get: () => known.files.text(source)?.text });
      return result;
    });
  };
  const save = (done: readonly LintResult[]) => {
    watching = false;
    // Results printed again with the same documents' lines keep their line as it is.
    const kept = runKey === undefined ? undefined : keptRun(done);
    if (runKey !== undefined) entries.set(RESULTS_LINE, kept && kept === replayed ? { key: runKey } : { key: runKey, analysis: kept ?? { lines: '' } });
    store.save(entries);
  };
  /** This run's results as a `KeptRun`; none when a text they read cannot be told again. */
  const keptRun = (done: readonly LintResult[]): KeptRun | undefined => {
    if (askedGit) return undefined;
    const lines = contentHash(lineKeys.join('\n'));
    if (replayed) {
      return replayed.lines === lines ? replayed : { ...replayed, lines, results: replayed.results.map((kept) => (typeof kept === 'string' ? kept : [withoutSource(kept[0]), kept[1]])) };
    }
    const textHashes: KeptRun['texts'] = [];
    for (const file of texts) {
      const hash = known.hashes.get(file);
      if (hash === undefined) return undefined;
      textHashes.push([file, hash]);
    }
    const prefix = `${known.files.root}/`;
    const documents = new Set(known.files.documents.map((d) => d.file));
    const kept: KeptRun['results'] = done.map((result) => {
      const file = result.filePath.startsWith(prefix) ? result.filePath.slice(prefix.length) : undefined;
      if (file !== undefined && absoluteIn(known.files.root, file) === result.filePath && result.messages.length === 0 && result.suppressedMessages.length === 0 && result.output === undefined) return file;
      return [withoutSource(result), 'source' in result && file !== undefined && documents.has(file) ? file : null];
    });
    return { lines, texts: textHashes, queries: [...asked.values()], results: kept };
  };
  return {
    files: known.files,
    recognised: known.recognised,
    how(lintOptions) {
      runKey = contentHash(
        JSON.stringify({
          root: known.files.root,
          config: lintOptions.config ?? known.files.config,
          configFile: known.files.configFile ?? null,
          home: options.home ?? os.homedir(),
          // Unset rules and presets are govern's own, which the cache's version already keys.
          rules: lintOptions.rules ? Object.keys(lintOptions.rules).sort() : null,
          presets: lintOptions.presets,
          files: lintOptions.files ?? null,
          reportUnused: lintOptions.reportUnusedDisableDirectives ?? false,
          diffBase: lintOptions.diffBase ?? null,
          commitHook: lintOptions.commitHook ?? false,
          documents: known.files.documents.map((d) => [d.file, d.kinds, d.parsed, d.bom, d.eol]),
          diagnostics: known.files.diagnostics,
          links: known.links,
        }),
      );
      return { analyse: fromCache, features, files: rules, git, results };
    },
    save,
  };
}

/** A result as it is kept: everything but its source, which is the document's text when printed again. */
function withoutSource(result: LintResult): LintResult {
  const kept: LintResult = {
    filePath: result.filePath,
    messages: result.messages,
    suppressedMessages: result.suppressedMessages,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    fixableErrorCount: result.fixableErrorCount,
    fixableWarningCount: result.fixableWarningCount,
    fatalErrorCount: result.fatalErrorCount,
  };
  if (result.output !== undefined) kept.output = result.output;
  return kept;
}
