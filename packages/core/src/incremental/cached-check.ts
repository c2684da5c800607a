import { lstatSync } from 'node:fs';
import { findDocuments, loadedDocument, readFound, type LoadProjectOptions, type ProjectFiles } from '../load/project.js';
import { absoluteIn } from '../load/repo-path.js';
import type { Analyse, AnalysisJob } from '../lint/engine.js';
import type { DocumentAnalysis } from '../lint/analysis.js';
import type { LoadedDocument } from '../model/project.js';
import type { DocumentText } from '../model/types.js';
import type { Diagnostic } from '../model/types.js';
import { buildFeatures } from '../model/identity/build-features.js';
import { featureShape, featuresFromShape, type FeatureInput } from '../model/identity/feature-shape.js';
import type { Feature } from '../model/project.js';
import type { ParseResult } from '../model/types.js';
import { AnalysisCache, contentHash, SHAPE_LINE, type CacheEntry, type ReadRecord } from './cache.js';

/** What `readKnownFiles` read: the project's files, and each document's content hash and how it read now. */
interface KnownFiles {
  files: ProjectFiles;
  /** The documents recognised by their size and modification time, and so not read. */
  recognised: Set<string>;
  hashes: Map<string, string>;
  records: Map<string, ReadRecord>;
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
  return { files, recognised, hashes, records };
}

/**
 * The files a cached check reads, how it analyses them (from the cache where it can) and works out the
 * features (kept from the last run while only task lists changed), and how it stores all that after.
 */
export interface CachedFiles {
  files: ProjectFiles;
  /** The documents recognised by their size and modification time, and so not read. */
  recognised: ReadonlySet<string>;
  analyse: Analyse;
  features: (input: FeatureInput) => ParseResult<Feature[]>;
  /** Stores the analyses of this run (call once the check is done). */
  save(): void;
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
 * `govern check --cache`: the documents' analyses are kept in `cache.file` between runs. A document whose
 * content, kinds and rules are as they were is not parsed again, and one whose size and modification time
 * are as they were is not even read; `analyse` analyses the others. The project is still built from all
 * the analyses and every project rule runs, so the results are those of a run without the cache.
 */
export async function openCachedFiles(root: string, options: LoadProjectOptions, cache: CacheSettings, analyse: Analyse): Promise<CachedFiles> {
  const store = AnalysisCache.open(cache.file, cache.version, cache.within === undefined ? {} : { within: cache.within });
  const known = await readKnownFiles(root, options, store, cache.strategy ?? 'metadata');
  const entries = new Map<string, CacheEntry>();
  /** Which documents identity is worked out from, and whether each that changed since reads as before in what it looks at. */
  let identity: { key: string; same: boolean } | undefined;
  const fromCache: Analyse = async (jobs, files) => {
    const analyses = new Map<string, DocumentAnalysis>();
    const misses: AnalysisJob[] = [];
    for (const job of jobs) {
      const hash = known.hashes.get(job.file);
      if (hash === undefined) {
        misses.push(job);
        continue;
      }
      const key = store.key(job.kinds, job.settings, hash);
      const entry: CacheEntry = { key };
      const record = known.records.get(job.file);
      if (record) entry.record = record;
      entries.set(job.file, entry);
      const hit = store.analysis(job.file, key);
      if (hit) analyses.set(job.file, hit);
      else misses.push(job);
    }
    let same = true;
    for (const [file, analysis] of await analyse(misses, files)) {
      analyses.set(file, analysis);
      const entry = entries.get(file);
      if (entry) entry.analysis = analysis;
      if (same && identityPart(analysis) !== identityPart(store.analysis(file, undefined))) same = false;
    }
    identity = { key: contentHash(jobs.map((job) => `${job.file}\0${job.kinds.join(',')}`).join('\n')), same };
    return analyses;
  };
  const features = (input: FeatureInput): ParseResult<Feature[]> => {
    const kept = identity?.same ? store.shape(identity.key) : undefined;
    const restored = kept && featuresFromShape(kept, input);
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
  return { files: known.files, recognised: known.recognised, analyse: fromCache, features, save: () => store.save(entries) };
}
