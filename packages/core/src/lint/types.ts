import type { Node, Nodes, Root } from 'mdast';
import type { RuleSetting } from '../model/config-types.js';
import type { DocumentModels, Project } from '../model/project.js';
import type { DocumentKind, GitStatus, MarkdownDocument, SourcePosition } from '../model/types.js';

/** A JSON Schema (draft-04 to draft-07), as ESLint's `meta.schema` takes it. */
export interface JSONSchema {
  [keyword: string]: unknown;
}

export interface RuleDocs {
  description: string;
  /** `true`: in `govern:recommended` (and strict); `'strict'`: only in `govern:strict`. */
  recommended: boolean | 'strict';
  url?: string;
}

export interface GovernRuleMeta {
  /** `document` rules visit one file's tree; `project` rules see the whole model. Default `document`. */
  scope: 'document' | 'project';
  /** Which documents a document rule visits; absent: every Markdown document. */
  kinds?: DocumentKind[];
}

export interface RuleMeta<MessageIds extends string = string> {
  type: 'problem' | 'suggestion' | 'layout';
  docs: RuleDocs;
  messages: Record<MessageIds, string>;
  /** Options schema in ESLint's form: an array (one schema per option; `[]` means no options) or one schema for the whole options array. */
  schema: JSONSchema | JSONSchema[];
  fixable?: 'code' | 'whitespace';
  govern?: GovernRuleMeta;
}

/** One text edit: replace the characters in `range` (offsets into the text without BOM) by `text`. */
export interface Fix {
  range: [number, number];
  text: string;
}

/** What a fixer can edit: an mdast node (by its position offsets) or anything with a range, as ESLint tokens. */
export type FixTarget = Node | { range: readonly [number, number] };

export interface RuleFixer {
  insertTextAfter(target: FixTarget, text: string): Fix;
  insertTextAfterRange(range: readonly [number, number], text: string): Fix;
  insertTextBefore(target: FixTarget, text: string): Fix;
  insertTextBeforeRange(range: readonly [number, number], text: string): Fix;
  remove(target: FixTarget): Fix;
  removeRange(range: readonly [number, number]): Fix;
  replaceText(target: FixTarget, text: string): Fix;
  replaceTextRange(range: readonly [number, number], text: string): Fix;
}

export type FixResult = Fix | Iterable<Fix> | null | undefined;
export type FixFunction = (fixer: RuleFixer) => FixResult;

/** Line and column start at 1, as in mdast (ESLint's Markdown language uses the same origin). */
export interface LinePosition {
  line: number;
  column: number;
}

export type ReportLocation = LinePosition | { start: LinePosition; end?: LinePosition };

interface ReportMessage<MessageIds extends string> {
  /** A key of `meta.messages`; `message` may be given instead, as in ESLint. */
  messageId?: MessageIds;
  message?: string;
  data?: Record<string, unknown>;
  fix?: FixFunction | null;
}

export type DocumentReportDescriptor<MessageIds extends string = string> = ReportMessage<MessageIds> &
  ({ node: Node; loc?: ReportLocation } | { node?: Node; loc: ReportLocation });

export interface ProjectReportDescriptor<MessageIds extends string = string> extends ReportMessage<MessageIds> {
  /** Where the problem is; fixes apply to `position.file`. */
  position: SourcePosition;
  /**
   * The other places one cause shows (every folder of a spec-number collision): one cause, one
   * report. When `govern check <paths>` leaves out `position.file`, the problem is reported at the
   * first of these that is among the paths, so a collision shows whichever of its files is checked.
   */
  related?: SourcePosition[];
}

export interface SourceCode {
  text: string;
  ast: Root;
  lines: string[];
  getText(node?: Node): string;
  getLoc(node: Node): { start: LinePosition; end: LinePosition };
  getRange(node: Node): [number, number];
}

/** Shared settings; govern's own live under `govern`. */
export interface RuleSettings {
  govern?: { root: string; file: string; kinds: DocumentKind[] };
  [key: string]: unknown;
}

/** The `context` a document rule's `create` receives: ESLint's shape plus `settings`, `document` and `models`. */
export interface DocumentRuleContext<Options extends readonly unknown[] = unknown[], MessageIds extends string = string> {
  id: string;
  options: Options;
  /** Absolute path of the file. */
  filename: string;
  physicalFilename: string;
  /** The repository root. */
  cwd: string;
  sourceCode: SourceCode;
  settings: RuleSettings;
  /** The document as core's parsers read it: its file, text, tree and front matter. */
  document: MarkdownDocument;
  /**
   * The models the run read from this document (its state file, spec, constitution, …, by its kinds):
   * read once, shared with the project model. Under ESLint the plugin reads them from the source text.
   */
  models: DocumentModels;
  report(descriptor: DocumentReportDescriptor<MessageIds>): void;
}

export interface GitAccess {
  /** `ok`; `no-commit` in a repository without a commit; `not-a-repository`; `git-missing` when git cannot be run. */
  status(): Promise<GitStatus>;
  /** Files (repository-relative) that differ from `base`, including uncommitted and untracked ones. */
  changedFiles(base: string): Promise<string[]>;
  /** A file's text at `ref`, or undefined when it did not exist there. */
  showFile(ref: string, file: string): Promise<string | undefined>;
  /** Files (repository-relative) staged for the commit being made: in the index git's `GIT_INDEX_FILE` names, against `HEAD`. */
  stagedFiles(): Promise<string[]>;
  /** The commit that last wrote a line of a file (`'uncommitted'` for a line not committed yet); undefined when git cannot tell. */
  blameLine(file: string, line: number): Promise<{ commit: string } | 'uncommitted' | undefined>;
  /**
   * The newest commit up to `upTo` that touched any of `paths` (repository-relative): its hash, its
   * committer date as git writes it in ISO form (`2025-06-10T10:00:00+00:00`) and the files of `paths` it touched.
   */
  lastCommit(paths: readonly string[], upTo: string): Promise<{ commit: string; date: string; files: string[] } | undefined>;
}

export interface ProjectRuleContext<Options extends readonly unknown[] = unknown[], MessageIds extends string = string> {
  id: string;
  options: Options;
  cwd: string;
  project: Project;
  /** `--diff-base`: rules that compare with git do nothing without it. */
  diffBase?: string;
  /**
   * Set when govern runs inside a git commit hook (git sets `GIT_INDEX_FILE` for hooks): the change
   * being committed is then the working tree against `HEAD`, unless `diffBase` names another base.
   */
  commitHook?: boolean;
  git: GitAccess;
  /**
   * The file system outside the documents (does the path a task names exist? what does a file CLAUDE.md
   * imports say?). Whether a path exists is answered from the folders the search for documents has just
   * listed where it can be, without a system call each.
   */
  files: RuleFiles;
  report(descriptor: ProjectReportDescriptor<MessageIds>): void;
}

/** Reads of files outside the documents, for project rules; paths are absolute. */
export interface RuleFiles {
  /** What is at the path; links are followed unless `followLinks` is false (then a link is `'link'`). */
  kind(path: string, options?: { followLinks?: boolean }): 'file' | 'directory' | 'link' | 'other' | 'none';
  /** A text file's content (BOM removed), or undefined when it is missing, unreadable, binary or over `maxBytes` (default 5 MB). */
  readText(path: string, maxBytes?: number): string | undefined;
  /** A folder's entry names, sorted, folders with a trailing `/`; undefined when it cannot be read. */
  readDir(path: string): string[] | undefined;
  /** The path with every link resolved, or undefined when it does not exist. */
  realPath(path: string): string | undefined;
  /**
   * The paths (relative to `root`, `/`-separated) that some commit of the git repository at `root`
   * deleted or moved away, on any branch: "did this path ever exist here". One git call, made the first
   * time it is asked in a run. Undefined when `root` is not the top of a git work tree (a folder inside
   * another repository does not borrow its history) or git cannot answer within 10 seconds. A cached
   * run that prints the last results again first asks this again and compares the answers.
   */
  removedPaths(root: string): ReadonlySet<string> | undefined;
}

type NodeOfType<T extends Nodes['type']> = Extract<Nodes, { type: T }>;

/** Visitors keyed by mdast node type; `<type>:exit` runs after the node's children. */
export type DocumentVisitors = { [T in Nodes['type']]?: (node: NodeOfType<T>) => void } & {
  [T in Nodes['type'] as `${T}:exit`]?: (node: NodeOfType<T>) => void;
};

/** What a project rule does: `project()`, once over the whole model. */
export interface ProjectVisitors {
  project?(): void | Promise<void>;
}

export interface DocumentRuleModule<Options extends readonly unknown[] = unknown[], MessageIds extends string = string> {
  meta: RuleMeta<MessageIds> & { govern?: GovernRuleMeta & { scope: 'document' } };
  create(context: DocumentRuleContext<Options, MessageIds>): DocumentVisitors;
}

export interface ProjectRuleModule<Options extends readonly unknown[] = unknown[], MessageIds extends string = string> {
  meta: RuleMeta<MessageIds> & { govern: GovernRuleMeta & { scope: 'project' } };
  create(context: ProjectRuleContext<Options, MessageIds>): ProjectVisitors;
}

export type RuleModule<Options extends readonly unknown[] = unknown[], MessageIds extends string = string> =
  | DocumentRuleModule<Options, MessageIds>
  | ProjectRuleModule<Options, MessageIds>;

/** Rule settings by rule id, as a preset (`govern:recommended`) holds them. */
export interface LintPresets {
  recommended: Record<string, RuleSetting>;
  strict: Record<string, RuleSetting>;
}

export interface LintSuppression {
  kind: 'directive';
  justification: string;
}

/** Another place of a problem's cause. */
export interface RelatedLocation {
  /** Absolute path, as a result's `filePath`. */
  filePath: string;
  line: number;
  column: number;
}

/** One problem, in ESLint's LintMessage shape. Lines and columns start at 1. */
export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: Fix;
  messageId?: string;
  /** A problem that stopped the file from being checked (unreadable, unwritable, a rule that crashed). */
  fatal?: boolean;
  /** The other places the same cause shows, when there are any (SARIF's `relatedLocations`). */
  relatedLocations?: RelatedLocation[];
  suppressions?: LintSuppression[];
}

/** One file's problems, in ESLint's LintResult shape. */
export interface LintResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fatalErrorCount: number;
  /** The fixed text (with its BOM, if the file has one) when fixes changed it. */
  output?: string;
  /** The text checked, when there are problems and no output. */
  source?: string;
}
