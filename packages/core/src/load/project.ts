import { lstatSync, readlinkSync, statSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GovernError } from '../errors.js';
import { featureShape, featuresFromShape, type FeatureShape } from '../model/feature-shape.js';
import { buildFeatures } from '../model/identity.js';
import type { DocumentModels, LoadedDocument, PreparsedDocument, Project } from '../model/project.js';
import type {
  AgentsFile,
  ClaudeFile,
  Constitution,
  Diagnostic,
  DocumentKind,
  Product,
  ReviewOutput,
  Sequence,
  SpecDocument,
  StateFile,
  TaskList,
} from '../model/types.js';
import { parseAgents } from '../parse/agents.js';
import { parseClaudeImports } from '../parse/claude-imports.js';
import { parseConstitution } from '../parse/constitution.js';
import { loadMarkdownParser, type MarkdownDocument, type MarkdownParser } from '../parse/markdown.js';
import { parseProduct } from '../parse/product.js';
import { extractReviewJson, loadReviewValidator, parseReview } from '../parse/review.js';
import { parseSequence } from '../parse/sequence.js';
import { parseSpecDocument } from '../parse/spec.js';
import { assembleSpecs, classifySpecPath, type SpecPart } from '../parse/spec-paths.js';
import { parseState } from '../parse/state.js';
import { parseTasks } from '../parse/tasks.js';
import type { GovernConfig } from './config-types.js';
import { loadConfig } from './config.js';
import { DEFAULT_DOCUMENT_GLOBS, DOCUMENT_KINDS } from './defaults.js';
import { discoverDocuments, listedKind, type DirectoryListings } from './discover.js';
import { MAX_DOCUMENT_BYTES, readDocumentSync, type DocumentText, type LineEnding } from './read.js';
import { DocumentTexts } from './texts.js';
import { DocumentTrees } from './trees.js';
import { absoluteIn } from './repo-path.js';

export interface LoadProjectOptions {
  /** Use this config instead of searching the root for one. */
  config?: GovernConfig;
  /** A config file to load instead of searching (relative to root or absolute). */
  configFile?: string;
  /** Load only these kinds of document: a query that needs no constitution does not read one. */
  kinds?: readonly DocumentKind[];
  /** The user's home, for `@~/` imports in CLAUDE.md. */
  home?: string;
  /**
   * Documents an earlier run recorded (a cache): one whose size and modification time are unchanged
   * is not read now; its text is read only if something asks for it.
   */
  known?: KnownDocuments;
  /** Read documents that are symbolic links to files outside the repository (by default they are refused with a diagnostic). */
  allowOutsideLinks?: boolean;
  /** `false` refuses a JavaScript config file (it would run code from the repository). */
  configJs?: boolean;
}

/** What an earlier run recorded of a document it read. */
export interface KnownDocument {
  /** Its content hash then (see `ProjectFiles.knownHashes`). */
  hash: string;
  bytes: number;
  bom: boolean;
  eol: LineEnding;
}

export interface KnownDocuments {
  /** The record of `file` if it was read when it had this size and modification time. */
  lookup(file: string, size: number, mtimeMs: number): KnownDocument | undefined;
}

export interface LoadFromFilesOptions extends LoadProjectOptions {
  /** What `readProjectFiles` read, to build the model from without reading again. */
  files?: ProjectFiles;
  /**
   * Documents already analysed (by `analyseDocument`, on another thread or from a cache): their
   * models are taken as they are, and their trees are parsed only if a rule asks for one.
   */
  analyses?: ReadonlyMap<string, PreparsedDocument>;
  /**
   * Feature identity kept between runs (by a cache): `given` is the shape `buildFeatures` gave for this
   * same input before, and is taken instead of working identity out again; without it the features are
   * built and their shape is left in `made`, for the caller to keep.
   */
  identity?: { given?: FeatureShape; made?: FeatureShape };
}

/** A repository's governance documents read from disk, not yet parsed: what `loadProject` builds its model from. */
export interface ProjectFiles {
  root: string;
  config: GovernConfig;
  /** Absolute path of the config file, when one was found. */
  configFile?: string;
  /** Sorted by path. */
  documents: LoadedDocument[];
  texts: Map<string, DocumentText>;
  /** Problems reading the files. */
  diagnostics: Diagnostic[];
  /** Size and modification time of each document read whole and without problems, for a cache to recognise it later. */
  stats?: Map<string, { size: number; mtimeMs: number }>;
  /** What each directory the search for documents read held (see `DirectoryListings`). */
  listings?: DirectoryListings;
  /** The content hash `known` gave for each document it recognised (and that was therefore not read). */
  knownHashes?: Map<string, string>;
}

/**
 * Finds and reads the documents without parsing any, so a caller can decide from the texts alone
 * (a cache keyed by content) whether to parse at all. Throws only for an unusable root or config.
 */
export async function readProjectFiles(root: string, options: LoadProjectOptions = {}): Promise<ProjectFiles> {
  const absoluteRoot = path.resolve(root);
  assertDirectory(absoluteRoot, root);
  const loaded = options.config
    ? { config: options.config }
    : await loadConfig(absoluteRoot, options.configFile, options.configJs === false ? { configJs: false } : {});
  const config = loaded.config;
  const kinds = options.kinds ?? DOCUMENT_KINDS;
  const listings: DirectoryListings = new Map();
  const discovered = await discoverDocuments(absoluteRoot, config, kinds, listings);

  const diagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  const texts = new DocumentTexts();
  const stats = new Map<string, { size: number; mtimeMs: number }>();
  const knownHashes = new Map<string, string>();
  const { known } = options;
  const linked = options.allowOutsideLinks ? undefined : linkedDirectories(absoluteRoot, listings);
  for (const { file, kinds: fileKinds } of discovered) {
    const absolutePath = absoluteIn(absoluteRoot, file);
    // Not following a link: a link is read (and where it leads checked) every time.
    const info = known ? lstatQuietly(absolutePath) : undefined;
    const recorded = info?.isFile() && !linked?.(file) ? known!.lookup(file, info.size, info.mtimeMs) : undefined;
    if (info && recorded) {
      texts.defer(file, absolutePath);
      knownHashes.set(file, recorded.hash);
      stats.set(file, { size: info.size, mtimeMs: info.mtimeMs });
      documents.push({ file, kinds: fileKinds, absolutePath, bytes: recorded.bytes, bom: recorded.bom, eol: recorded.eol, parsed: true });
      continue;
    }
    const outcome = readDocumentSync(absolutePath, file, MAX_DOCUMENT_BYTES, linked ? { within: absoluteRoot, throughLink: linked(file) } : {});
    if (!outcome.ok) {
      diagnostics.push(outcome.diagnostic);
      documents.push({ file, kinds: fileKinds, absolutePath, bytes: 0, bom: false, eol: 'none', parsed: false });
      continue;
    }
    for (const item of outcome.diagnostics) diagnostics.push(item);
    texts.set(file, outcome.value);
    // A file read with a warning (invalid UTF-8) is read every time, so the warning is given every time.
    if (info?.isFile() && outcome.diagnostics.length === 0) stats.set(file, { size: info.size, mtimeMs: info.mtimeMs });
    documents.push({
      file,
      kinds: fileKinds,
      absolutePath,
      bytes: Buffer.byteLength(outcome.value.text),
      bom: outcome.value.bom,
      eol: outcome.value.eol,
      parsed: true,
    });
  }
  // In path order already: one document for each discovered file, which come sorted.
  const files: ProjectFiles = { root: absoluteRoot, config, documents, texts, diagnostics, listings };
  if (known) {
    files.stats = stats;
    files.knownHashes = knownHashes;
  }
  if (loaded.file) files.configFile = loaded.file;
  return files;
}

/**
 * Reads a repository's governance documents into one model. Document content never makes it throw;
 * only an unusable root or config does (as a GovernError). `files` reuses what `readProjectFiles` read.
 */
export async function loadProject(root: string, options: LoadFromFilesOptions = {}): Promise<Project> {
  const read = options.files ?? (await readProjectFiles(root, options));
  const { root: absoluteRoot, config, documents, texts } = read;
  const diagnostics: Diagnostic[] = [...read.diagnostics];

  const markdownFiles = documents.filter((d) => d.parsed && d.file.toLowerCase().endsWith('.md'));
  const parser: MarkdownParser | undefined = markdownFiles.length > 0 ? await loadMarkdownParser() : undefined;
  const trees = new DocumentTrees(texts, parser);
  const analyses = options.analyses ?? new Map<string, PreparsedDocument>();
  for (const [file, analysis] of analyses) if (texts.has(file)) for (const item of analysis.diagnostics) diagnostics.push(item);
  /** The model an analysis holds for a file, with the problems its reader found. */
  const analysed = <K extends keyof DocumentModels>(file: string, reader: K): { found: boolean; value?: DocumentModels[K] } => {
    const analysis = analyses.get(file);
    if (!analysis || !texts.has(file)) return { found: false };
    for (const item of (analysis.modelDiagnostics[reader] ?? [])) diagnostics.push(item);
    const value = analysis.models[reader];
    return value === undefined ? { found: true } : { found: true, value };
  };
  const markdown = (file: string): MarkdownDocument | undefined => {
    const cached = trees.peek(file);
    if (cached) return cached;
    const text = texts.get(file);
    if (!text || !parser || !file.toLowerCase().endsWith('.md')) return undefined;
    const { document, diagnostics: parseDiagnostics } = parser.parse(file, text.text);
    for (const item of parseDiagnostics) diagnostics.push(item);
    trees.set(file, document);
    return document;
  };
  // The documents of each kind, in one pass over them all rather than one per kind.
  const byKind = new Map<DocumentKind, string[]>();
  for (const d of documents) {
    if (!d.parsed) continue;
    for (const kind of d.kinds) {
      const list = byKind.get(kind);
      if (list) list.push(d.file);
      else byKind.set(kind, [d.file]);
    }
  }
  const ofKind = (kind: DocumentKind) => [...(byKind.get(kind) ?? [])];
  const collect = <T>(result: { value: T; diagnostics: Diagnostic[] }): T => {
    for (const item of result.diagnostics) diagnostics.push(item);
    return result.value;
  };
  const firstOf = (kind: DocumentKind): string | undefined => {
    const patterns = config.documents?.[kind];
    const files = ofKind(kind);
    if (patterns) return files[0];
    // Several candidates: the first default location wins (docs/PRODUCT.md before PRODUCT.md).
    return files.sort((a, b) => rankOfDefault(kind, a) - rankOfDefault(kind, b))[0];
  };

  let constitution: Constitution | undefined;
  const constitutionFile = firstOf('constitution');
  const constitutionModel = constitutionFile ? analysed(constitutionFile, 'constitution') : { found: false };
  if (constitutionModel.found) constitution = constitutionModel.value;
  else {
    const constitutionDoc = constitutionFile ? markdown(constitutionFile) : undefined;
    if (constitutionDoc) constitution = collect(parseConstitution(constitutionDoc));
  }

  let product: Product | undefined;
  const productFile = firstOf('product');
  const fromAnalysis = productFile ? analysed(productFile, 'product') : { found: false };
  if (fromAnalysis.found) product = fromAnalysis.value;
  else {
    const productDoc = productFile ? markdown(productFile) : undefined;
    if (productDoc) product = collect(parseProduct(productDoc));
  }

  const sequences: Sequence[] = [];
  for (const file of ofKind('sequence').sort((a, b) => rankOfDefault('sequence', a) - rankOfDefault('sequence', b))) {
    const given = analysed(file, 'sequence');
    if (given.found) {
      if (given.value) sequences.push(given.value);
      continue;
    }
    const doc = markdown(file);
    if (doc) sequences.push(collect(parseSequence(doc)));
  }

  const agents: AgentsFile[] = [];
  for (const file of ofKind('agents')) {
    const doc = markdown(file);
    if (doc) agents.push(collect(parseAgents(doc)));
  }

  const claude: ClaudeFile[] = [];
  const home = options.home ?? os.homedir();
  for (const file of ofKind('claude')) {
    const doc = markdown(file);
    if (!doc) continue;
    const parsed = collect(parseClaudeImports(doc, { root: absoluteRoot, home }));
    const target = symlinkTarget(absoluteRoot, file);
    if (target !== undefined) parsed.symlinkTarget = target;
    claude.push(parsed);
  }

  const specParts: SpecPart[] = [];
  for (const kind of ['spec', 'plan', 'tasks'] as const) {
    for (const file of ofKind(kind)) {
      const where = classifySpecPath(file);
      if (!where) continue;
      if (where.role === 'plan' || where.role === 'other') {
        specParts.push({ file, where });
        continue;
      }
      const given = analysed(file, where.role);
      if (given.found) {
        if (given.value) specParts.push(where.role === 'spec' ? { file, where, spec: given.value as SpecDocument } : { file, where, tasks: given.value as TaskList });
        continue;
      }
      const doc = markdown(file);
      if (!doc) continue;
      if (where.role === 'spec') specParts.push({ file, where, spec: collect(parseSpecDocument(doc)) });
      else specParts.push({ file, where, tasks: collect(parseTasks(doc)) });
    }
  }
  const specs = assembleSpecs(specParts);

  const states: StateFile[] = [];
  for (const file of ofKind('state').sort((a, b) => rankOfDefault('state', a) - rankOfDefault('state', b))) {
    const given = analysed(file, 'state');
    if (given.found) {
      if (given.value) states.push(given.value);
      continue;
    }
    const doc = markdown(file);
    if (doc) states.push(collect(parseState(doc)));
  }

  const reviews: ReviewOutput[] = [];
  const reviewFiles = ofKind('review');
  if (reviewFiles.length > 0) {
    const validate = await loadReviewValidator();
    for (const file of reviewFiles) {
      if (file.toLowerCase().endsWith('.json')) {
        reviews.push(collect(parseReview(file, texts.get(file)!.text, validate)));
        continue;
      }
      const doc = markdown(file);
      const block = doc ? extractReviewJson(doc) : undefined;
      if (!block) continue;
      const review = parseReview(file, block.text, validate);
      // Positions inside the fenced block are relative to it; move them to the file.
      for (const d of review.diagnostics) d.line += block.line - 1;
      reviews.push(collect(review));
    }
  }

  const featureInput = { product, specs, sequences, states };
  const { identity } = options;
  let built = identity?.given ? featuresFromShape(identity.given, featureInput) : undefined;
  if (!built) {
    built = buildFeatures(featureInput);
    if (identity) identity.made = featureShape(built, featureInput);
  }
  const features = collect(built);

  const project: Project = {
    root: absoluteRoot,
    config,
    documents,
    sequences,
    agents,
    claude,
    specs,
    states,
    reviews,
    features,
    diagnostics: sortDiagnostics(diagnostics),
    texts,
    markdown: trees,
  };
  if (read.configFile) project.configFile = read.configFile;
  if (constitution) project.constitution = constitution;
  if (product) project.product = product;
  return project;
}

function lstatQuietly(absolutePath: string): Stats | undefined {
  try {
    return lstatSync(absolutePath, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Whether some directory on the way from the root to a repository file is a symbolic link, from what
 * the walk listed (no system call): only then, or when the file itself is a link, is its real path checked.
 */
function linkedDirectories(root: string, listings: DirectoryListings): (file: string) => boolean {
  const known = new Map<string, boolean>([['', false]]);
  const linked = (dir: string): boolean => {
    let answer = known.get(dir);
    if (answer === undefined) {
      const slash = dir.lastIndexOf('/');
      const parent = slash < 0 ? '' : dir.slice(0, slash);
      const listing = listings.get(absoluteIn(root, parent));
      answer = linked(parent) || listing === undefined || listedKind(listing, dir.slice(slash + 1)) !== 'directory';
      known.set(dir, answer);
    }
    return answer;
  };
  return (file) => {
    const slash = file.lastIndexOf('/');
    return slash >= 0 && linked(file.slice(0, slash));
  };
}

function rankOfDefault(kind: DocumentKind, file: string): number {
  const index = DEFAULT_DOCUMENT_GLOBS[kind].indexOf(file);
  return index === -1 ? DEFAULT_DOCUMENT_GLOBS[kind].length : index;
}

function assertDirectory(absoluteRoot: string, given: string): void {
  try {
    const info = statSync(absoluteRoot);
    if (!info.isDirectory()) throw new GovernError('io', `Not a directory: ${given}`);
  } catch (error) {
    if (error instanceof GovernError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new GovernError('io', code === 'ENOENT' ? `No such directory: ${given}` : `Cannot read directory ${given} (${code ?? 'error'})`);
  }
}

function symlinkTarget(root: string, file: string): string | undefined {
  const absolute = path.join(root, file);
  try {
    const info = lstatSync(absolute);
    if (!info.isSymbolicLink()) return undefined;
    const target = path.resolve(path.dirname(absolute), readlinkSync(absolute));
    const relative = path.relative(root, target);
    return relative.startsWith('..') || path.isAbsolute(relative) ? target : relative.split(path.sep).join('/');
  } catch {
    return undefined;
  }
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line !== b.line ? a.line - b.line : a.column - b.column,
  );
}
