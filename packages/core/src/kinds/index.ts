import type { GovernConfig } from '../model/config-types.js';
import type { DocumentModels } from '../model/project.js';
import type { Diagnostic, DocumentKind, MarkdownDocument } from '../model/types.js';
import { matchesGlob } from '../text/glob.js';
import { agents } from './agents.js';
import { claude } from './claude.js';
import { constitution } from './constitution.js';
import { plan } from './plan.js';
import { product } from './product.js';
import { review } from './review.js';
import { sequence } from './sequence.js';
import { spec } from './spec.js';
import { state } from './state.js';
import { steering } from './steering.js';
import { capability } from './capability.js';
import { tasks } from './tasks.js';
import type { DocumentKindDefinition, ModelName, ModelReader } from './types.js';

export type { DocumentKindDefinition, ModelName, ModelReader, ProjectAssembly, ProjectParts } from './types.js';

/**
 * Every kind of document govern reads, in the order the project is assembled and a file's kinds are
 * listed. Discovery, the loader, document rules and any cache of models all read kinds from here.
 */
export const KINDS: readonly DocumentKindDefinition[] = [constitution, product, sequence, agents, claude, spec, plan, tasks, state, review, steering, capability];

export const DOCUMENT_KINDS: readonly DocumentKind[] = KINDS.map((kind) => kind.name);

const BY_NAME = new Map(KINDS.map((kind) => [kind.name, kind]));

export function kindNamed(name: DocumentKind): DocumentKindDefinition {
  return BY_NAME.get(name)!;
}

/** Where each kind of document is looked for when the config does not say; see docs/formats.md. */
export const DEFAULT_DOCUMENT_GLOBS: Readonly<Record<DocumentKind, readonly string[]>> = Object.fromEntries(
  KINDS.map((kind) => [kind.name, kind.locations]),
) as Record<DocumentKind, readonly string[]>;

/** The globs that find documents of `kind`: the config's when it names them, else the kind's own. */
export function locationsOf(kind: DocumentKind, config: GovernConfig): readonly string[] {
  return config.documents?.[kind] ?? kindNamed(kind).locations;
}

/**
 * Whether the globs that find `kind` are its own locations, which match without regard to case
 * (`docs/development.md`, `Status.md`) and ask the kind whether it `accepts` what they find; a user's globs
 * match as written and take every file.
 */
export function usesDefaultLocations(kind: DocumentKind, config: GovernConfig): boolean {
  return config.documents?.[kind] === undefined;
}

/** Whether `file`, found by the kind's own `location`, is of `kind`. */
export function acceptedAt(kind: DocumentKind, file: string, location: string): boolean {
  return kindNamed(kind).accepts?.(file, location) ?? true;
}

/** The kinds a repository-relative path has by the configured (or default) globs. */
export function kindsForFile(file: string, config: GovernConfig): DocumentKind[] {
  return DOCUMENT_KINDS.filter((kind) => {
    if (!usesDefaultLocations(kind, config)) return locationsOf(kind, config).some((glob) => matchesGlob(file, glob));
    return kindNamed(kind).locations.some((glob) => matchesGlob(file, glob, true) && acceptedAt(kind, file, glob));
  });
}

/**
 * Whether every model of a document comes from its text alone, so that it can be read apart from the
 * project (on a worker thread, or kept from an earlier run): a Markdown file all of whose kinds have readers.
 */
export function readsAlone(file: string, kinds: readonly DocumentKind[]): boolean {
  return file.toLowerCase().endsWith('.md') && kinds.length > 0 && kinds.every((kind) => kindNamed(kind).readers !== undefined);
}

/** The models a document of `kinds` at `file` gives from its tree, each once, in the order the kinds come. */
export function modelsAt(file: string, kinds: readonly DocumentKind[]): ModelName[] {
  const names: ModelName[] = [];
  for (const kind of kinds) {
    const definition = kindNamed(kind);
    const readers = definition.readers;
    if (!readers) continue;
    for (const name of definition.modelsAt?.(file) ?? (Object.keys(readers) as ModelName[])) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The reader of one model, from the kinds that read it. */
function readerOf<M extends ModelName>(name: M, kinds: readonly DocumentKind[]): ModelReader<M> | undefined {
  for (const kind of kinds) {
    const reader = kindNamed(kind).readers?.[name];
    if (reader) return reader as ModelReader<M>;
  }
  return undefined;
}

/** The models read from a document's tree, with the problems each reader found. */
export interface ModelsRead {
  models: DocumentModels;
  diagnostics: Partial<Record<ModelName, Diagnostic[]>>;
}

/** Reads the models a document of `kinds` gives (all of `modelsAt`, or only `only`). */
export function readModels(document: MarkdownDocument, kinds: readonly DocumentKind[], only?: readonly ModelName[]): ModelsRead {
  const read: ModelsRead = { models: {}, diagnostics: {} };
  for (const name of only ?? modelsAt(document.file, kinds)) {
    const reader = readerOf(name, kinds);
    if (!reader) continue;
    const result = reader(document);
    if (result.diagnostics.length > 0) read.diagnostics[name] = result.diagnostics;
    (read.models as Record<ModelName, unknown>)[name] = result.value;
  }
  return read;
}
