import type {
  AgentsFile,
  ClaudeFile,
  Constitution,
  Diagnostic,
  DocumentKind,
  DocumentText,
  LineEnding,
  MarkdownDocument,
  Product,
  ProductFeature,
  SpecDocument,
  TaskList,
  ReviewOutput,
  Sequence,
  SequenceEntry,
  SourcePosition,
  Spec,
  StateEntry,
  StateFile,
  SteeringFile,
  CapabilitySpec,
} from './types.js';
import type { GovernConfig } from './config-types.js';

/** A file govern found and read, whatever became of its parse. */
export interface LoadedDocument {
  file: string;
  kinds: DocumentKind[];
  absolutePath: string;
  bytes: number;
  bom: boolean;
  eol: LineEnding;
  /** Whether the file could be read and parsed; when false, a diagnostic says why. */
  parsed: boolean;
}

/**
 * One feature as the whole repository speaks of it: its definition in PRODUCT.md, its specs,
 * its place in the sequence, and what state files say. The identity module decides what belongs here.
 */
export interface Feature {
  /** The canonical id: PRODUCT.md's id, else the spec's number-slug, else a slug of the title. */
  id: string;
  title: string;
  /** Where the feature is defined: PRODUCT.md when it is there, else its spec, else its first mention. */
  position: SourcePosition;
  product?: ProductFeature;
  specs: Spec[];
  /** Its entries in plans. `rows`: the rows of a board that are its tasks, which `entry` sums up (`1/2 rows done`). */
  sequence: Array<{ file: string; entry: SequenceEntry; rows?: SequenceEntry[] }>;
  stateEntries: Array<{ file: string; entry: StateEntry }>;
  /** Dependencies resolved to feature ids, with the reference as written. */
  dependencies: Array<{ id?: string; reference: string; position: SourcePosition }>;
}

export interface Project {
  /** Absolute path of the repository root. */
  root: string;
  config: GovernConfig;
  /** Absolute path of the config file, when one was found. */
  configFile?: string;
  documents: LoadedDocument[];
  constitution?: Constitution;
  product?: Product;
  sequences: Sequence[];
  agents: AgentsFile[];
  claude: ClaudeFile[];
  specs: Spec[];
  states: StateFile[];
  reviews: ReviewOutput[];
  /** Kiro steering files: project context, playing PRODUCT.md's and AGENTS.md's roles where those are absent. */
  steering?: SteeringFile[];
  /** OpenSpec capability specs: current truth and the active changes' deltas (what changes-overlap compares). */
  capabilities?: CapabilitySpec[];
  features: Feature[];
  diagnostics: Diagnostic[];
  /** A document's text as read, by repository-relative path: rules and fixes work on these, never re-reading the file. */
  text(file: string): DocumentText | undefined;
  /**
   * A Markdown document's tree, by repository-relative path. Documents whose models were read without
   * the project holding their tree (on a worker thread, say) are parsed when first asked for.
   */
  tree(file: string): MarkdownDocument | undefined;
  /** The tree if the document has been parsed already, without parsing it. */
  parsedTree(file: string): MarkdownDocument | undefined;
  /** The models read from a document, by its kinds (its state file, spec, …): read once, the same objects the project holds. */
  models(file: string): DocumentModels;
}

/** What one document gives the project model: plain data, no tree. */
export interface DocumentModels {
  constitution?: Constitution;
  product?: Product;
  sequence?: Sequence;
  spec?: SpecDocument;
  tasks?: TaskList;
  state?: StateFile;
}

/** A document's models read apart from the project (on another thread, or earlier), for the loader to take as they are. */
export interface PreparsedDocument {
  models: DocumentModels;
  /** Problems of the Markdown parse. */
  diagnostics: Diagnostic[];
  /** Problems each model reader found: reported only for the models the project uses (the first of several PRODUCT.md files). */
  modelDiagnostics: Partial<Record<keyof DocumentModels, Diagnostic[]>>;
}
