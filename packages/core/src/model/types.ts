import type { Root, Yaml } from 'mdast';
import type { FeatureState } from '../text/state-words.js';

/**
 * The typed model of a repository's governance documents.
 * Every element carries the place it was read from, so any answer govern gives can point at a line.
 */

/** A place in a file. `file` is relative to the project root, with `/` separators. Lines and columns start at 1. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A value together with where it was written. */
export interface Located<T> {
  value: T;
  position: SourcePosition;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A problem found in a document: by a parser (what it could not understand) or by a rule. */
export interface Diagnostic extends SourcePosition {
  ruleId: string;
  severity: DiagnosticSeverity;
  message: string;
  /** The other places the same cause shows (the other copies of a repeated block): one cause, one report. */
  related?: SourcePosition[];
}

/** What a parser returns: what it understood, and what it could not. Parsers never throw on content. */
export interface ParseResult<T> {
  value: T;
  diagnostics: Diagnostic[];
}

export type DocumentKind =
  | 'constitution'
  | 'product'
  | 'sequence'
  | 'agents'
  | 'claude'
  | 'spec'
  | 'plan'
  | 'tasks'
  | 'state'
  | 'review'
  | 'steering'
  | 'capability';

/** One `### Requirement: <name>` block of an OpenSpec spec, with the delta section it sits in. */
export interface RequirementBlock {
  /** The name, spaces collapsed (`Record a hike`). */
  name: string;
  /** In a change's delta spec: the section (`## MODIFIED Requirements`); a RENAMED block is named by its `FROM:`. */
  operation?: 'ADDED' | 'MODIFIED' | 'REMOVED' | 'RENAMED';
  position: SourcePosition;
}

/**
 * An OpenSpec capability spec: current truth (`openspec/specs/<capability>/spec.md`) or a change's delta
 * (`openspec/changes/<id>/specs/<capability>/spec.md`, with `change`).
 */
export interface CapabilitySpec {
  file: string;
  capability: string;
  /** The change whose delta this is; absent for the current truth. */
  change?: string;
  requirements: RequirementBlock[];
}

/**
 * A Kiro steering file (`.kiro/steering/*.md`): project context an agent loads. `product.md` says what the
 * product is (never features to build), `tech.md` and `structure.md` how it is built; others are custom.
 */
export interface SteeringFile {
  file: string;
  role: 'product' | 'tech' | 'structure' | 'other';
  /** Its front matter's `inclusion` (`always`, `fileMatch`, `manual`); absent means always. */
  inclusion?: string;
  /** Its first paragraph, for the product file: what the product is. */
  summary?: Located<string>;
}

export type { FeatureState };

/** A state read from a file: the normalised value, the words used, and where. */
export interface StateMark {
  state: FeatureState;
  raw: string;
  position: SourcePosition;
  /** Why a feature is blocked, when the file says. */
  reason?: string;
}

/** A titled part of a document. */
export interface Section {
  title: string;
  depth: number;
  position: SourcePosition;
}

// ---------------------------------------------------------------- constitution

export interface Principle {
  /** As written: `I`, `IV`, `1`, `P3`; absent when the heading has no number. */
  id?: string;
  name: string;
  nonNegotiable: boolean;
  body: string;
  position: SourcePosition;
}

export interface SyncImpactReport {
  /** The report's version change; of several (older reports kept below the newest), the one reaching the highest version. */
  versionChange?: { from?: string; to?: string; raw: string; position?: SourcePosition };
  modifiedPrinciples: string[];
  addedSections: string[];
  removedSections: string[];
  followUpTodos: string[];
  position: SourcePosition;
}

export interface Constitution {
  file: string;
  title?: Located<string>;
  principles: Principle[];
  /** Top-level sections that are not principles (Governance, Development Workflow, ...). */
  sections: Section[];
  version?: Located<string>;
  ratified?: Located<string>;
  lastAmended?: Located<string>;
  syncImpactReport?: SyncImpactReport;
  /** Template placeholders such as `[PROJECT_NAME]` left outside code and comments. */
  templateTokens: Located<string>[];
}

// ---------------------------------------------------------------- product

export interface ProductFeature {
  /** As written (`F-001`, `G1`, `3`), or a slug derived from the title when none is written. */
  id: string;
  idSource: 'explicit' | 'derived';
  title: string;
  /** The enclosing group heading, for `### G1 — Group` style files. */
  group?: string;
  /** The enclosing group's id as written (`G1`), when its heading has one. */
  groupId?: string;
  definition?: Located<string>;
  acceptanceCriteria: Located<string>[];
  boundaryConditions: Located<string>[];
  /** References to other features, as written; resolved by the identity module. */
  dependencies: Located<string>[];
  status?: StateMark;
  position: SourcePosition;
}

/** A table in PRODUCT.md: rules judge a feature row by the columns its table has. */
export interface ProductTable {
  /** Lines of the header row and of the last row. */
  startLine: number;
  endLine: number;
  /** The header cells' text, as written. */
  headers: string[];
}

export interface Product {
  file: string;
  features: ProductFeature[];
  /** Every table of the document, in order. */
  tables?: ProductTable[];
}

// ---------------------------------------------------------------- sequence (DEVELOPMENT.md, BACKLOG.md)

/** Progress over the checkboxes and marked items among a unit's details (`- [x] step` under `## Phase 2`). */
export interface UnitTasks {
  done: number;
  total: number;
  /** The first open one, else the first. */
  position: SourcePosition;
}

/**
 * Where a unit's state came from when it is not written on the unit itself: its section's heading
 * (`## Done`), a current-focus pointer (`Current focus: Stage 5`), or its own checkboxes.
 */
export type UnitStateOrigin = 'section' | 'pointer' | 'tasks';

export interface SequenceEntry {
  /** 0-based place in the sequence. */
  index: number;
  /** The text that names the feature (`F-003`, `Tags`, `003-tags`). */
  reference: string;
  /** The entry's whole label, for display. */
  label: string;
  state?: StateMark;
  /** Absent when the entry writes its own state. */
  stateFrom?: UnitStateOrigin;
  /** Its own checkboxes, when it has some. */
  tasks?: UnitTasks;
  /** Its place is numbered (a numbered item or heading, a numbered id, a priority), not only written down in turn. */
  ranked?: boolean;
  phase?: string;
  /** Its phase is written in a column of its row (`| PX-M0-01 | M0 | … |`), not by a heading above it. */
  scopeCell?: true;
  /** The priority the entry or its section names (`P1`, `High`), as written; `normalisePriority` ranks it. */
  priority?: string;
  /** Where the priority is written: the entry's own line, its `Priority:` label or row, or the heading it is under. */
  priorityAt?: SourcePosition;
  dependencies: Located<string>[];
  position: SourcePosition;
  /** Where the entry's own paragraph links to; a link to a spec's folder names the entry's feature when its words do not. */
  links?: string[];
  /** Other names its document gives it (the name in a table row that sums the document's units up), which may name a change. */
  aliases?: string[];
}

export interface Sequence {
  file: string;
  entries: SequenceEntry[];
  /**
   * True when the document states the order of its entries (an arrow chain in an order section, `Pick the top
   * item`), not only lists them; false when it says they have none (`in no particular order`).
   */
  statedOrder?: boolean;
}

// ---------------------------------------------------------------- AGENTS.md

export type AgentCommandKind = 'install' | 'build' | 'test' | 'lint' | 'typecheck' | 'format' | 'dev' | 'other';

export interface AgentCommand {
  kind: AgentCommandKind;
  /** What decided the kind: the command's own words (`pnpm test`), or, when they say nothing, the label or heading it is under. */
  kindFrom: 'command' | 'label';
  command: string;
  position: SourcePosition;
}

/** Whether git can say what changed at a root: `ok`, or why not. */
export type GitStatus = 'ok' | 'no-commit' | 'not-a-repository' | 'git-missing';

export interface AgentsFile {
  file: string;
  sections: Section[];
  commands: AgentCommand[];
}

// ---------------------------------------------------------------- CLAUDE.md

export interface ClaudeImport {
  /** As written after `@`. */
  path: string;
  /** `@~/...`: relative to the user's home, outside the repository by design. */
  fromHome: boolean;
  /** Repository-relative target, when the path stays inside the repository. */
  resolved?: string;
  /** The absolute target the import names. */
  absolute: string;
  position: SourcePosition;
}

export interface ClaudeFile {
  file: string;
  imports: ClaudeImport[];
  /** Repository-relative (or absolute when outside) target when the file is a symbolic link. */
  symlinkTarget?: string;
}

// ---------------------------------------------------------------- specs and tasks

export type TaskPriority = string;

export interface UserStory {
  /** `US1`, or the story's number as written. */
  id?: string;
  title: string;
  priority?: TaskPriority;
  position: SourcePosition;
}

export interface ScopeBlock {
  inScope: Located<string>[];
  outOfScope: Located<string>[];
  openQuestions: Located<string>[];
  position: SourcePosition;
  /** Which of the three parts were present as labels. */
  present: { inScope: boolean; outOfScope: boolean; openQuestions: boolean };
}

export interface Task {
  id?: string;
  text: string;
  done: boolean;
  parallel: boolean;
  story?: string;
  phase?: string;
  /** File paths the task names, as written. */
  paths: string[];
  position: SourcePosition;
  /** Marked as under way (Kiro's `- [-]`), or the first open sub-task of a summary so marked: not done, but started. */
  inProgress?: boolean;
  /** Requirements the task says it serves, as written (Kiro's `_Requirements: 1.2, 3.1_`). */
  requirementRefs?: Located<string>[];
}

export interface TaskList {
  file: string;
  /** The tasks whose state the list records: checkboxes, status cells, marked bold-id lines and headings. */
  tasks: Task[];
  /**
   * How many tasks the list names without recording whether they are done (bold-id lines or task headings
   * with no mark, no Status line and no checklist anywhere in the list); absent when none.
   */
  unrecorded?: number;
  /**
   * Checkboxes that are conditions, not work: in acceptance, validation and checklist sections, or after an
   * `Acceptance:` label; absent when there are none. `position` is the first open one, else the first.
   */
  checks?: { done: number; total: number; position: SourcePosition };
  /**
   * Optional tasks (Kiro's `- [ ]*`, and a task whose sub-tasks are all optional), kept out of `tasks`: they
   * are work that may be left undone. Absent when there are none.
   */
  optional?: { done: number; total: number };
  /** Summary tasks (a task with required sub-tasks), kept out of `tasks`: their sub-tasks are the work. */
  summaries?: number;
  /** The user stories the list serves (`US1`, `US4`), from its tasks' `[US1]` labels and its headings; absent when none. */
  stories?: string[];
  /** The list's own Status line, under its title and above its first section or task (`**Status**: Done`); absent when none. */
  status?: Located<string>;
}

export interface SpecDocument {
  file: string;
  title?: Located<string>;
  status?: Located<string>;
  userStories: UserStory[];
  /**
   * `[NEEDS CLARIFICATION: …]` markers that are open questions in the spec's own words: not the
   * template's instructions, checklist items about markers, struck-through or deferred text.
   */
  clarifications: Located<string>[];
  /** A ticked checklist item saying no `[NEEDS CLARIFICATION]` marker remains. */
  clarificationsClaimedNone?: SourcePosition;
  scope?: ScopeBlock;
  /** The feature the spec says it is for (`- **Feature**: F-001` in its header, before the first section), as written. */
  feature?: Located<string>;
  /**
   * Other work this one waits for, as ids written in code spans after a Dependencies, Depends on or Requires
   * label or in a Dependencies section's list (OpenSpec proposals: `**Dependencies:** \`add-auth\``).
   */
  dependencies?: Located<string>[];
  /**
   * Numbered requirements (Kiro's `### Requirement 2`), each with how many acceptance criteria it lists:
   * what `_Requirements: 2.3_` in a task points at. Absent when the document numbers none.
   */
  requirements?: NumberedRequirement[];
}

export interface NumberedRequirement {
  /** As written, without leading zeros (`2`). */
  number: string;
  /** Items of its acceptance criteria list (criterion M is the M-th). */
  criteria: number;
  position: SourcePosition;
}

export interface Spec {
  /** The layout it is written in: Spec Kit folder, single-file `.agent/specs` spec, OpenSpec change, Kiro spec, Backlog.md task, a PRD in `tasks/` with its task list, a BMAD story file. */
  kind: 'speckit' | 'agent' | 'openspec' | 'kiro' | 'conductor' | 'execplan' | 'backlog' | 'prd' | 'story';
  /** The spec's folder (`specs/003-tags`) or, for single-file specs, the file. */
  dir: string;
  /** `003` as written in the folder name. */
  number?: string;
  slug: string;
  spec?: SpecDocument;
  planFile?: string;
  tasks?: TaskList;
  position: SourcePosition;
  /**
   * Moved aside as finished (an OpenSpec change under `changes/archive/`, a Kiro spec under `archive/`): the
   * date its folder name starts with (`2025-06-01`), or `''` when it has none.
   */
  archived?: string;
  /** An archived change's active folder, left behind when it was archived (same id). */
  activeCopy?: string;
  /**
   * The stage a spec's JSON record gives: a Kiro spec's `spec.json` phase (cc-sdd: `tasks-generated`,
   * `implementation-completed`), a Conductor track's `metadata.json` status (`new`, `in_progress`, `completed`).
   */
  phase?: Located<string>;
  /** Where Spec Kit's `.specify/feature.json` names this spec as the feature being worked on. */
  current?: SourcePosition;
}

// ---------------------------------------------------------------- state, handoffs, attempts

export interface StateEntry {
  /** The text that names the feature or task. */
  reference: string;
  mark: StateMark;
  /** Absent when the entry writes its own state. */
  stateFrom?: UnitStateOrigin;
  /** Its own checkboxes, when it has some. */
  tasks?: UnitTasks;
  /** Its place is numbered (a numbered item or heading, a numbered id, a priority), not only written down in turn. */
  ranked?: boolean;
  /** The entry's whole words, for display, where they say more than the reference (`Phase 3: Alerts`). */
  label?: string;
  /** Where the entry's own lines link to (`**Spec**: \`specs/001-library/\``); a spec's folder names its feature. */
  links?: string[];
}

export type HandoffFieldName =
  | 'goalStatus'
  | 'evidence'
  | 'diffScope'
  | 'riskNote'
  | 'nextOwner'
  | 'nextActionDue';

export interface HandoffField {
  /** The label as written (`Goal status`). */
  label: string;
  /** The text after the label on its line. */
  value: string;
  /** Nested items under the field (`lint: pass (pnpm lint)`). */
  items: Located<string>[];
  position: SourcePosition;
}

export interface Handoff {
  from: string;
  to: string;
  position: SourcePosition;
  fields: Partial<Record<HandoffFieldName, HandoffField>>;
  /** Labels the block has that are not among the contract's fields. */
  otherFields: HandoffField[];
  /** Template text left in (`<pass/fail + command>`, `done | partial | blocked`). */
  placeholders: Located<string>[];
  /**
   * The feature the handoff is for, as written: a `Feature:` / `Spec:` / `Task:` field, else a reference
   * in the head (`Handoff: implement -> verify (F-001)`), else the heading the block sits under
   * (`## F-001 Tags`). Resolved to a feature by the queries that need it; absent when none is written.
   */
  feature?: Located<string>;
}

/** One attempt a state file writes out (`- Attempt 2 — failed: unique index missing`). */
export interface AttemptOutcome {
  /** The attempt's number as written (`Attempt 2`, `2nd attempt` → 2). */
  number: number;
  result: 'failed' | 'passed' | 'unknown';
  /** What went wrong, as written after the outcome (`unique index missing`); absent when none is given. */
  cause?: string;
  /** The line says the cause is the previous attempt's (`Same error.`, `no change`). */
  sameAsPrevious?: boolean;
  /** The attempt line (or attempt heading). */
  position: SourcePosition;
}

/** Attempts recorded against a task or feature, for the 3-attempt circuit breaker. */
export interface AttemptRecord {
  reference: string;
  attempts: number;
  failures: number;
  escalated: boolean;
  /** The latest attempt line (or the count, or the table row's count cell). */
  position: SourcePosition;
  /** Where the attempts are written: the task heading, the item they are nested under, the line or the table row. */
  recordedAt: SourcePosition;
  /** The words of that heading, item, line or row's task cell (`T014 Tag filter UI`). */
  recordedUnder: string;
  /** One per attempt the file writes out, by number; empty for a bare count (`Attempts: 3`, a table row). */
  outcomes: AttemptOutcome[];
  /** The latest attempt passed: the task converged, and the record is history. */
  resolved: boolean;
  /** The two latest attempts failed in a row with the same cause: the approach is not converging. */
  repeatedCause?: { cause: string; positions: [SourcePosition, SourcePosition] };
}

export interface StateFile {
  file: string;
  entries: StateEntry[];
  handoffs: Handoff[];
  attempts: AttemptRecord[];
}

// ---------------------------------------------------------------- reviews

export type ReviewVerdict = 'approved' | 'approve' | 'changes_requested' | 'request_changes' | 'rejected' | string;

export interface ReviewItem {
  text: string;
  file?: string;
  line?: number;
}

export interface ReviewOutput {
  file: string;
  valid: boolean;
  verdict?: ReviewVerdict;
  blocking: ReviewItem[];
  shouldFix: ReviewItem[];
  nits: ReviewItem[];
  scopeViolations: ReviewItem[];
  /** `markdown`: a prose review with a `VERDICT:` line and no JSON block; absent for reviewer JSON. */
  format?: 'json' | 'markdown';
  /** Where the verdict is written (the `"verdict"` value, the `VERDICT:` line). */
  verdictPosition?: SourcePosition;
  /** The feature or spec the review says it is for (`"feature"`, `"spec"` keys; a `Feature:` label), as written. */
  declared?: Located<string>;
  /** The branch the review says it looked at (`"branch"` key, `Branch:` label). */
  branch?: string;
  /** The review round the review states (`"round"`, `"cycle"`, `"iteration"`). */
  round?: number;
  /** The date the review states (`"date"`, `"reviewed_at"`, `"created_at"`), as written. */
  date?: string;
  /** The In-scope items of a Scope block the review carries (the dispatch prompt's), as written. */
  inScope?: string[];
}

/** How a text file ends its lines. */
export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';

export interface DocumentText {
  /** The text without a leading byte-order mark; line endings as in the file. */
  text: string;
  bom: boolean;
  eol: LineEnding;
  /** Invalid UTF-8 was read as U+FFFD: writing the text back would change bytes nobody edited. */
  lossy?: true;
}

/** A parsed Markdown document: the input of every document parser. */
export interface MarkdownDocument {
  /** Repository-relative path with `/` separators. */
  file: string;
  /** The text as read (BOM removed, line endings kept). */
  text: string;
  tree: Root;
  /** Front matter data when the document starts with a YAML block that parses to a mapping. */
  frontmatter?: Record<string, unknown>;
  /** The front matter node, when there is one (valid or not). */
  frontmatterNode?: Yaml;
}
