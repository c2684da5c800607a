import type { GovernConfig } from '../model/config-types.js';
import type { DocumentModels } from '../model/project.js';
import type {
  AgentsFile,
  ClaudeFile,
  Constitution,
  Diagnostic,
  DocumentKind,
  MarkdownDocument,
  ParseResult,
  Product,
  ReviewOutput,
  Sequence,
  StateFile,
  SteeringFile,
  CapabilitySpec,
} from '../model/types.js';
import type { SpecPart } from '../parse/spec-paths.js';

/** A model a document gives, named as `DocumentModels` holds it. */
export type ModelName = keyof DocumentModels;

/** Reads one model from a document's tree: pure, synchronous, never throws. */
export type ModelReader<M extends ModelName = ModelName> = (document: MarkdownDocument) => ParseResult<NonNullable<DocumentModels[M]>>;

/** What the documents give the project before its specs are assembled and its features worked out. */
export interface ProjectParts {
  constitution?: Constitution;
  product?: Product;
  sequences: Sequence[];
  agents: AgentsFile[];
  claude: ClaudeFile[];
  specParts: SpecPart[];
  states: StateFile[];
  reviews: ReviewOutput[];
  steering: SteeringFile[];
  capabilities: CapabilitySpec[];
}

/** What a kind's `assemble` step gets from the loader. */
export interface ProjectAssembly {
  /** Absolute path of the repository root. */
  root: string;
  /** The user's home, for CLAUDE.md's `@~/` imports. */
  home: string;
  config: GovernConfig;
  parts: ProjectParts;
  /**
   * A document's model, read from its tree now, or as read already (on another thread, in an earlier
   * run); the problems found reading it become the project's. Undefined when it gives none.
   */
  model<M extends ModelName>(file: string, name: M): DocumentModels[M] | undefined;
  /** A Markdown document's tree, parsed once; its parse problems become the project's. */
  tree(file: string): MarkdownDocument | undefined;
  /** A document's text as read. */
  text(file: string): string | undefined;
  /** Takes a reader's value, keeping its problems as the project's. */
  collect<T>(result: { value: T; diagnostics: Diagnostic[] }): T;
  /** The files ordered by where `kind` is looked for by default (docs/PRODUCT.md before PRODUCT.md), then by path. */
  ranked(kind: DocumentKind, files: readonly string[]): string[];
  /** The one document of `kind` the project takes: the first found where the config names the places, else the first by `ranked`. */
  first(kind: DocumentKind, files: readonly string[]): string | undefined;
}

/**
 * One kind of governance document: where it is found, how its model is read, and where that model
 * goes in the project. Adding a kind is adding one of these to `kinds/index.ts`.
 */
export interface DocumentKindDefinition {
  name: DocumentKind;
  /** Where documents of this kind are looked for when the config does not say (globs, repository-relative). */
  locations: readonly string[];
  /**
   * For the default locations, which are matched without regard to case: whether a file found at `location`
   * is of this kind. Plans are found by name in folders that hold other files too. Default: every file is.
   */
  accepts?(file: string, location: string): boolean;
  /**
   * The models read from a document of this kind by its tree alone, so that they can be read apart
   * (on a worker thread) and kept between runs. Kinds whose reading needs more (the file system,
   * a schema, other documents) read in `assemble` instead.
   */
  readers?: { [M in ModelName]?: ModelReader<M> };
  /** Which of `readers` a document at `file` goes through; default: all of them. */
  modelsAt?(file: string): readonly ModelName[];
  /** Puts the models of the kind's documents (`files`, in path order) where the project keeps them. */
  assemble(files: readonly string[], project: ProjectAssembly): void | Promise<void>;
}
