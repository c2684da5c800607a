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
  sequence: Array<{ file: string; entry: SequenceEntry }>;
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
  features: Feature[];
  diagnostics: Diagnostic[];
  /** Each file's text as read, by repository-relative path: rules and fixes work on these, never re-reading. */
  texts: Map<string, DocumentText>;
  /** Each Markdown file's parsed tree, parsed once during load. */
  markdown: Map<string, MarkdownDocument>;
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

/** A document read into its models elsewhere (another thread, a cache), for `loadProject` to take as it is. */
export interface PreparsedDocument {
  models: DocumentModels;
  /** Problems of the Markdown parse. */
  diagnostics: Diagnostic[];
  /** Problems each model reader found: reported only for the models the project uses (the first of several PRODUCT.md files). */
  modelDiagnostics: Partial<Record<keyof DocumentModels, Diagnostic[]>>;
}
