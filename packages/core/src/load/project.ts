import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GovernError } from '../errors.js';
import { DEFAULT_DOCUMENT_GLOBS, DOCUMENT_KINDS, KINDS, modelsAt, readModels, type ModelName, type ProjectAssembly } from '../kinds/index.js';
import type { GovernConfig } from '../model/config-types.js';
import { buildFeatures } from '../model/identity/build-features.js';
import type { FeatureInput } from '../model/identity/feature-shape.js';
import type { DocumentModels, Feature, LoadedDocument, PreparsedDocument, Project } from '../model/project.js';
import type { Diagnostic, DocumentKind, DocumentText, MarkdownDocument, ParseResult, Spec } from '../model/types.js';
import { loadMarkdownParser, type MarkdownParser } from '../parse/markdown.js';
import { plansNamedIn, titledAsPlan } from '../parse/named-plans.js';
import { assembleSpecs } from '../parse/spec-paths.js';
import { matchesGlob } from '../text/glob.js';
import { loadConfig, type ImportModule } from './config.js';
import { ALWAYS_IGNORED, discoverDocuments, listedKind, type DirectoryListings, type DiscoveredFile } from './discover.js';
import { MAX_DOCUMENT_BYTES, readDocumentSync, type ReadOutcome } from './read.js';
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
  /** How to load a JavaScript config file (see `ImportModule`). */
  importModule?: ImportModule;
  /** `false` refuses a JavaScript config file (it would run code from the repository). */
  configJs?: boolean;
  /** Read documents that are symbolic links to files outside the repository (by default they are refused with a diagnostic). */
  allowOutsideLinks?: boolean;
}

/** A repository's governance documents found on disk and read, not yet parsed: what a project is built from. */
export interface ProjectFiles {
  root: string;
  config: GovernConfig;
  /** Absolute path of the config file, when one was found. */
  configFile?: string;
  /** Sorted by path. */
  documents: LoadedDocument[];
  /** Problems reading the files. */
  diagnostics: Diagnostic[];
  /** What each directory the search for documents read held (see `DirectoryListings`). */
  listings: DirectoryListings;
  /** A document's text, as read. */
  text(file: string): DocumentText | undefined;
}

/** Where the documents are: the root, its config, and the files found with their kinds. */
export interface FoundDocuments {
  root: string;
  config: GovernConfig;
  configFile?: string;
  found: DiscoveredFile[];
  listings: DirectoryListings;
  /**
   * Whether a found file lies below a directory that is a symbolic link, when links leading out of the
   * repository are refused: such a file, like a file that is a link itself, has its real path checked.
   */
  linked?: (file: string) => boolean;
}

/** Finds the documents under `root` without reading any. Throws only for an unusable root or config. */
export async function findDocuments(root: string, options: LoadProjectOptions = {}): Promise<FoundDocuments> {
  const absoluteRoot = path.resolve(root);
  assertDirectory(absoluteRoot, root);
  const configOptions = { ...(options.configJs === false ? { configJs: false } : {}), ...(options.importModule ? { importModule: options.importModule } : {}) };
  const loaded = options.config ? { config: options.config } : await loadConfig(absoluteRoot, options.configFile, configOptions);
  const listings: DirectoryListings = new Map();
  const kinds = options.kinds ?? DOCUMENT_KINDS;
  const found = await discoverDocuments(absoluteRoot, loaded.config, kinds, listings);
  const where: FoundDocuments = { root: absoluteRoot, config: loaded.config, found, listings };
  if (loaded.file) where.configFile = loaded.file;
  if (!options.allowOutsideLinks) where.linked = linkedDirectories(absoluteRoot, listings);
  addNamedPlans(where, kinds);
  return where;
}

/**
 * Adds the plans the root agent files name by what they hold rather than by a plan's name (`docs/IMPLEMENTATION.md`
 * "— follow this for build order", see `plansNamedIn`): read as plans, or as state files when their name says so.
 * Only where the config leaves those kinds' places to govern, and never a file the search skips.
 */
function addNamedPlans(where: FoundDocuments, kinds: readonly DocumentKind[]): void {
  const speakers = where.found.filter((f) => (f.kinds.includes('claude') || f.kinds.includes('agents')) && (!f.file.includes('/') || f.file.toLowerCase() === '.claude/claude.md'));
  if (speakers.length === 0) return;
  const known = new Set(where.found.map((f) => f.file));
  const ignored = [...ALWAYS_IGNORED, ...(where.config.ignore ?? [])];
  let added = false;
  for (const speaker of speakers) {
    const outcome = readFound(where, speaker.file, absoluteIn(where.root, speaker.file));
    if (!outcome.ok) continue;
    // A CLAUDE.md titled `Development Plan` is the plan as well as the agents' memory.
    if (titledAsPlan(outcome.value.text) && kinds.includes('sequence') && where.config.documents?.sequence === undefined && !speaker.kinds.includes('sequence')) {
      speaker.kinds = [...speaker.kinds, 'sequence'];
    }
    for (const plan of plansNamedIn(outcome.value.text)) {
      if (known.has(plan.file) || !kinds.includes(plan.kind) || where.config.documents?.[plan.kind] !== undefined) continue;
      if (ignored.some((glob) => matchesGlob(plan.file, glob))) continue;
      if (!statSync(absoluteIn(where.root, plan.file), { throwIfNoEntry: false })?.isFile()) continue;
      known.add(plan.file);
      where.found.push({ file: plan.file, kinds: [plan.kind] });
      added = true;
    }
  }
  if (added) where.found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Reads a found document: unless links leading out are allowed, one whose real path is outside the root is refused. */
export function readFound(where: FoundDocuments, file: string, absolutePath: string): ReadOutcome {
  return readDocumentSync(absolutePath, file, MAX_DOCUMENT_BYTES, where.linked ? { within: where.root, throughLink: where.linked(file) } : {});
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

/** A document as `readDocumentSync` (or a reader like it) read it: what the project lists, and its text. */
export function loadedDocument(file: DiscoveredFile, absolutePath: string, outcome: ReadOutcome): { document: LoadedDocument; text?: DocumentText; diagnostics: Diagnostic[] } {
  if (!outcome.ok) {
    return { document: { file: file.file, kinds: file.kinds, absolutePath, bytes: 0, bom: false, eol: 'none', parsed: false }, diagnostics: [outcome.diagnostic] };
  }
  const { text, bom, eol } = outcome.value;
  return {
    document: { file: file.file, kinds: file.kinds, absolutePath, bytes: Buffer.byteLength(text), bom, eol, parsed: true },
    text: outcome.value,
    diagnostics: outcome.diagnostics,
  };
}

/**
 * Finds and reads the documents without parsing any. Files are read synchronously: thousands of small
 * files cost less that way than through the thread pool. Throws only for an unusable root or config.
 */
export async function readProjectFiles(root: string, options: LoadProjectOptions = {}): Promise<ProjectFiles> {
  const where = await findDocuments(root, options);
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, DocumentText>();
  for (const found of where.found) {
    const absolutePath = absoluteIn(where.root, found.file);
    const read = loadedDocument(found, absolutePath, readFound(where, found.file, absolutePath));
    documents.push(read.document);
    for (const item of read.diagnostics) diagnostics.push(item);
    if (read.text) texts.set(found.file, read.text);
  }
  // In path order already: one document for each discovered file, which come sorted.
  const files: ProjectFiles = { root: where.root, config: where.config, documents, diagnostics, listings: where.listings, text: (file) => texts.get(file) };
  if (where.configFile) files.configFile = where.configFile;
  return files;
}

/**
 * Reads a repository's governance documents into one model. Document content never makes it throw;
 * only an unusable root or config does (as a GovernError).
 */
export async function loadProject(root: string, options: LoadProjectOptions = {}): Promise<Project> {
  return buildProject(await readProjectFiles(root, options), options);
}

export interface BuildProjectOptions {
  /** The user's home, for `@~/` imports in CLAUDE.md. */
  home?: string;
  /**
   * Documents whose models were read apart (on a worker thread, in an earlier run), by file: their
   * models are taken as they are, and their trees are parsed only if something asks for one.
   */
  preparsed?: ReadonlyMap<string, PreparsedDocument>;
  /** Works out the features from the assembled models; default `buildFeatures`. */
  features?: (input: FeatureInput) => ParseResult<Feature[]>;
}

/**
 * Builds the project model from the files `readProjectFiles` read: each kind puts its documents'
 * models in place (`kinds/`), then specs are assembled and features worked out. A document is parsed
 * when its kind needs its tree, once.
 */
export async function buildProject(files: ProjectFiles, options: BuildProjectOptions = {}): Promise<Project> {
  const { root, config, documents } = files;
  const diagnostics: Diagnostic[] = [...files.diagnostics];
  const preparsed = options.preparsed ?? new Map<string, PreparsedDocument>();
  for (const analysis of preparsed.values()) for (const item of analysis.diagnostics) diagnostics.push(item);

  const parser: MarkdownParser | undefined = documents.some((d) => d.parsed && d.file.toLowerCase().endsWith('.md')) ? await loadMarkdownParser() : undefined;
  const trees = new Map<string, MarkdownDocument>();
  const kindsOf = new Map(documents.map((d) => [d.file, d.kinds]));
  /** Each document's models as read so far: its kinds' readers, run once. */
  const modelsByFile = new Map<string, DocumentModels>();
  const keep = <M extends ModelName>(file: string, name: M, model: DocumentModels[M] | undefined): void => {
    let models = modelsByFile.get(file);
    if (!models) modelsByFile.set(file, (models = {}));
    if (model !== undefined) models[name] = model;
  };
  /** Parses a document its kind asks for, reporting its parse problems with the project's. */
  const treeReported = (file: string): MarkdownDocument | undefined => {
    const known = trees.get(file);
    if (known) return known;
    const text = files.text(file);
    if (!text || !parser || !file.toLowerCase().endsWith('.md')) return undefined;
    const { document, diagnostics: parseDiagnostics } = parser.parse(file, text.text);
    for (const item of parseDiagnostics) diagnostics.push(item);
    trees.set(file, document);
    return document;
  };
  const collect = <T>(result: { value: T; diagnostics: Diagnostic[] }): T => {
    for (const item of result.diagnostics) diagnostics.push(item);
    return result.value;
  };

  const assembly: ProjectAssembly = {
    root,
    home: options.home ?? os.homedir(),
    config,
    parts: { sequences: [], agents: [], claude: [], specParts: [], states: [], reviews: [], steering: [], capabilities: [] },
    model<M extends ModelName>(file: string, name: M): DocumentModels[M] | undefined {
      const given = preparsed.get(file);
      if (given) {
        for (const item of (given.modelDiagnostics[name] ?? [])) diagnostics.push(item);
        return given.models[name];
      }
      const document = treeReported(file);
      if (!document) return undefined;
      const read = readModels(document, kindsOf.get(file) ?? [], [name]);
      for (const item of (read.diagnostics[name] ?? [])) diagnostics.push(item);
      keep(file, name, read.models[name]);
      return read.models[name];
    },
    tree: treeReported,
    text: (file) => files.text(file)?.text,
    collect,
    ranked: (kind, list) => [...list].sort((a, b) => rankOfDefault(kind, a) - rankOfDefault(kind, b)),
    first: (kind, list) => (config.documents?.[kind] ? list[0] : assembly.ranked(kind, list)[0]),
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
  for (const kind of KINDS) await kind.assemble(byKind.get(kind.name) ?? [], assembly);

  const { parts } = assembly;
  const specs = oneSpecPerFolder(root, assembleSpecs(parts.specParts));
  const input: FeatureInput = { specs, sequences: parts.sequences, states: parts.states };
  if (parts.product) input.product = parts.product;
  const features = collect((options.features ?? buildFeatures)(input));

  /** Trees asked for after loading (by rules): their parse problems were reported where the models came from, or are the asker's. */
  const tree = (file: string): MarkdownDocument | undefined => {
    const known = trees.get(file);
    if (known) return known;
    const text = files.text(file);
    if (!text || !parser || !file.toLowerCase().endsWith('.md')) return undefined;
    const { document } = parser.parse(file, text.text);
    trees.set(file, document);
    return document;
  };
  const project: Project = {
    root,
    config,
    documents,
    sequences: parts.sequences,
    agents: parts.agents,
    claude: parts.claude,
    specs,
    states: parts.states,
    reviews: parts.reviews,
    steering: parts.steering,
    capabilities: parts.capabilities,
    features,
    diagnostics: sortDiagnostics(diagnostics),
    text: (file) => files.text(file),
    tree,
    parsedTree: (file) => trees.get(file),
    models(file) {
      const given = preparsed.get(file);
      if (given) return given.models;
      const kinds = kindsOf.get(file) ?? [];
      const known = modelsByFile.get(file);
      const missing = modelsAt(file, kinds).filter((name) => !known || !(name in known));
      if (missing.length === 0 && known) return known;
      const document = tree(file);
      const read = document ? readModels(document, kinds, missing).models : {};
      const models = { ...read, ...known };
      modelsByFile.set(file, models);
      return models;
    },
  };
  if (files.configFile) project.configFile = files.configFile;
  if (parts.constitution) project.constitution = parts.constitution;
  if (parts.product) project.product = parts.product;
  return project;
}

/**
 * A folder reached twice, through a link (`.kiro/specs -> ../specs`) and as itself (`specs/<name>/`), is one
 * spec: the Kiro reading is kept, at the path its tool opens. Only asked of the file system when a
 * repository has Kiro specs beside others.
 */
function oneSpecPerFolder(root: string, specs: Spec[]): Spec[] {
  if (!specs.some((s) => s.kind === 'kiro') || specs.every((s) => s.kind === 'kiro')) return specs;
  const real = (dir: string): string | undefined => {
    try {
      return realpathSync(path.join(root, dir));
    } catch {
      return undefined;
    }
  };
  const kiro = new Set(specs.filter((s) => s.kind === 'kiro').map((s) => real(s.dir)).filter((dir) => dir !== undefined));
  return specs.filter((s) => s.kind === 'kiro' || s.kind === 'agent' || !kiro.has(real(s.dir) ?? ''));
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

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line !== b.line ? a.line - b.line : a.column - b.column,
  );
}
