import path from 'node:path';
import { kindsForFile, readModels } from '../kinds/index.js';
import type { GovernConfig } from '../model/config-types.js';
import { buildProject, type BuildProjectOptions, type ProjectFiles } from '../load/project.js';
import { decodeDocument, detectLineEnding, MAX_DOCUMENT_BYTES } from '../load/read.js';
import { absoluteIn } from '../load/repo-path.js';
import type { DocumentModels, LoadedDocument, Project } from '../model/project.js';
import type { Diagnostic, DocumentKind, LineEnding, MarkdownDocument, SourcePosition } from '../model/types.js';
import { loadMarkdownParser, mayHaveParseDiagnostics, type MarkdownParser } from '../parse/markdown.js';
import { analyseDocument, emptyAnalysis, isAnalysable, MAY_HAVE_DIRECTIVE, needsAnalysis, type AnalysisInput, type DocumentAnalysis } from './analysis.js';
import { canonicalRuleId, resolveRuleConfig, type ResolvedRule, type RuleConfig } from './config.js';
import { applyDirectives } from './directives.js';
import { byPosition, fixFor, lintDocumentText, messageFor, type ActiveDocumentRule } from './document-runner.js';
import { applyFixes, writeFileAtomic } from './fixes.js';
import { assertGitRef, createGitAccess } from './git.js';
import { ruleFiles } from './rule-files.js';
import { resolveRuleSet, type PresetConfigs, type RuleSet } from './rule-set.js';
import type {
  DocumentRuleModule,
  LintMessage,
  LintPresets,
  LintResult,
  ProjectReportDescriptor,
  ProjectRuleContext,
  ProjectRuleModule,
  GitAccess,
  RelatedLocation,
  RuleFiles,
  RuleModule,
} from './types.js';

export interface LintOptions {
  /** Every rule that config may name, by id. Default: govern's own rules (`@govern/eslint-style-rules`). */
  rules?: Record<string, RuleModule>;
  /**
   * The settings `govern:recommended` and `govern:strict` stand for, as govern's `{ recommended: settings }`
   * or ESLint's `{ recommended: { rules: settings } }`. Default: from the rules' `meta.docs.recommended`.
   */
  presets?: LintPresets | PresetConfigs;
  /** Report only in these repository-relative files (as lint-staged passes them); project rules still read the whole model. */
  files?: string[];
  fix?: boolean;
  /** `true` or `'error'`: unused disable directives are errors; `'warn'`: warnings. */
  reportUnusedDisableDirectives?: boolean | 'warn' | 'error';
  /** `--diff-base`: the git ref rules that compare with git use. */
  diffBase?: string;
  /**
   * govern runs inside a git commit hook (git sets `GIT_INDEX_FILE` for hooks): the change being
   * committed is the working tree against `HEAD`, for rules that judge a change (tasks ticked in it).
   */
  commitHook?: boolean;
  /** Rule settings to use instead of the project's config (tests, tools). */
  config?: GovernConfig;
}

/** Options with the rule set filled in, as every entry point passes them on. */
type ResolvedLintOptions = Omit<LintOptions, 'rules' | 'presets'> & RuleSet;

async function resolved<T extends LintOptions>(options: T): Promise<Omit<T, 'rules' | 'presets'> & RuleSet> {
  return { ...options, ...(await resolveRuleSet(options)) };
}

export function isProjectRule(rule: RuleModule): rule is ProjectRuleModule {
  return rule.meta.govern?.scope === 'project';
}

function appliesTo(rule: DocumentRuleModule, kinds: readonly DocumentKind[]): boolean {
  const wanted = rule.meta.govern?.kinds;
  return !wanted || wanted.some((kind) => kinds.includes(kind));
}

function severityOf(diagnostic: Diagnostic): 1 | 2 | undefined {
  if (diagnostic.severity === 'error') return 2;
  if (diagnostic.severity === 'warning') return 1;
  // Information is not a problem to fail a check on.
  return undefined;
}

/**
 * A reader's diagnostic at the level config gives its id in that file (`"govern/parse-tasks": "off"`),
 * else at its own. A file that could not be read at all is always reported: nothing in it was checked.
 */
function configuredSeverity(diagnostic: Diagnostic, ruleConfig: RuleConfig, file: string): 1 | 2 | undefined {
  const own = severityOf(diagnostic);
  if (own === undefined) return own;
  if (own === 2 && diagnostic.ruleId === 'govern/read') return own;
  const level = ruleConfig.diagnosticLevel(file, diagnostic.ruleId);
  return level === undefined ? own : level === 0 ? undefined : level;
}

/** The places of one cause other than where it is reported, as absolute paths; undefined when there are none. */
function relatedLocations(root: string, places: readonly SourcePosition[], shown: SourcePosition): RelatedLocation[] | undefined {
  const others = places.filter((place) => place !== shown);
  if (others.length === 0) return undefined;
  return others.map((place) => ({ filePath: absoluteIn(root, normaliseFile(place.file)), line: place.line, column: place.column }));
}

function diagnosticMessage(diagnostic: Diagnostic, severity: 1 | 2, root: string): LintMessage {
  const message: LintMessage = { ruleId: diagnostic.ruleId, severity, message: diagnostic.message, line: diagnostic.line, column: diagnostic.column };
  if (diagnostic.endLine !== undefined) message.endLine = diagnostic.endLine;
  if (diagnostic.endColumn !== undefined) message.endColumn = diagnostic.endColumn;
  const related = diagnostic.related && relatedLocations(root, diagnostic.related, diagnostic);
  if (related) message.relatedLocations = related;
  // A file govern could not read was not checked at all.
  if (diagnostic.ruleId === 'govern/read' && severity === 2) message.fatal = true;
  return message;
}

/** A document's diagnostics as problems: errors and warnings, not information, at the level config gives their ids there. */
function diagnosticMessages(diagnostics: readonly Diagnostic[], into: LintMessage[], ruleConfig: RuleConfig, file: string, root: string): void {
  for (const d of diagnostics) {
    const severity = configuredSeverity(d, ruleConfig, file);
    if (severity !== undefined) into.push(diagnosticMessage(d, severity, root));
  }
}

/** Why `--fix` left a file that is not valid UTF-8 alone; fatal and without a rule, as a write that failed. */
function lossyFixRefusal(): LintMessage {
  return {
    ruleId: null,
    severity: 2,
    fatal: true,
    message: 'Cannot write fixes (the file is not valid UTF-8: writing it would turn its invalid bytes into U+FFFD). Save it as UTF-8, then fix again.',
    line: 1,
    column: 1,
  };
}

function unusedLevel(option: LintOptions['reportUnusedDisableDirectives']): 1 | 2 | undefined {
  if (option === true || option === 'error') return 2;
  if (option === 'warn') return 1;
  return undefined;
}

function directiveMatcher(rules: Record<string, RuleModule>) {
  return (written: string, ruleId: string) => written === ruleId || canonicalRuleId(written, rules) === ruleId;
}

export function normaliseFile(file: string): string {
  let out = file.replace(/\\/g, '/');
  while (out.startsWith('./')) out = out.slice(2);
  return out;
}

export function activeDocumentRules(settings: Map<string, ResolvedRule>, rules: Record<string, RuleModule>, kinds: readonly DocumentKind[]): ActiveDocumentRule[] {
  const active: ActiveDocumentRule[] = [];
  for (const [id, { severity, options }] of settings) {
    const rule = rules[id];
    if (!rule || isProjectRule(rule) || !appliesTo(rule, kinds)) continue;
    active.push({ id, rule, severity, options });
  }
  return active;
}

/**
 * One file's result. `source` may be a function: the text is then read only if something reads
 * `result.source` (a JSON formatter), not for a terminal report that never shows it.
 */
export function createResult(
  filePath: string,
  messages: LintMessage[],
  suppressed: LintMessage[],
  source?: string | (() => string | undefined),
  output?: string,
): LintResult {
  const result: LintResult = {
    filePath,
    messages,
    suppressedMessages: suppressed,
    errorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    fatalErrorCount: 0,
  };
  for (const m of messages) {
    if (m.severity === 2) {
      result.errorCount++;
      if (m.fatal) result.fatalErrorCount++;
      if (m.fix) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (m.fix) result.fixableWarningCount++;
    }
  }
  if (output !== undefined) result.output = output;
  else if (typeof source === 'string' && messages.length > 0) result.source = source;
  else if (typeof source === 'function' && messages.length > 0) {
    let read: { text: string | undefined } | undefined;
    Object.defineProperty(result, 'source', {
      enumerable: true,
      configurable: true,
      get: () => (read ??= { text: source() }).text,
    });
  }
  return result;
}

/** Project rules, each once over the whole model; problems come back by file with the severity that file's config gives. */
async function runProjectRules(
  project: Project,
  ruleConfig: RuleConfig,
  options: ResolvedLintOptions,
  wanted: (file: string) => boolean,
  files: RuleFiles,
  git: GitAccess,
): Promise<Map<string, LintMessage[]>> {
  const byFile = new Map<string, LintMessage[]>();
  const toRun = new Map<string, ResolvedRule>([...ruleConfig.overrideOnly, ...ruleConfig.base]);
  const docs = new Map(project.documents.map((d) => [d.file, d]));
  const add = (file: string, message: LintMessage) => {
    const list = byFile.get(file) ?? [];
    list.push(message);
    byFile.set(file, list);
  };
  for (const [id, { options: ruleOptions }] of toRun) {
    const rule = options.rules[id];
    if (!rule || !isProjectRule(rule)) continue;
    const context: ProjectRuleContext = {
      id,
      options: ruleOptions,
      cwd: project.root,
      project,
      git,
      files,
      report(descriptor: ProjectReportDescriptor) {
        // One cause, one report: shown at its position, or at the first of its other places that is checked.
        const places = [descriptor.position, ...(descriptor.related ?? [])];
        const position = places.find((place) => wanted(normaliseFile(place.file)));
        if (!position) return;
        const file = normaliseFile(position.file);
        const severity = ruleConfig.forFile(file).get(id)?.severity;
        if (severity === undefined) return;
        const message: LintMessage = { ruleId: id, severity, message: messageFor(id, rule.meta, descriptor), line: position.line, column: position.column };
        if (descriptor.messageId !== undefined) message.messageId = descriptor.messageId;
        if (position.endLine !== undefined) message.endLine = position.endLine;
        if (position.endColumn !== undefined) message.endColumn = position.endColumn;
        const related = relatedLocations(project.root, places, position);
        if (related) message.relatedLocations = related;
        // Only a fix needs the text; a fix is for the position given.
        const text = descriptor.fix && position === descriptor.position ? project.text(file) : undefined;
        if (descriptor.fix && text) {
          const fix = fixFor(id, rule.meta, descriptor.fix, text.text, docs.get(file)?.eol ?? text.eol);
          if (fix) message.fix = fix;
        }
        add(file, message);
      },
    };
    if (options.diffBase !== undefined) context.diffBase = options.diffBase;
    if (options.commitHook) context.commitHook = true;
    try {
      await rule.create(context).project?.();
    } catch (error) {
      // A configuration problem (a bad --diff-base) is the user's to fix, not a rule crash.
      if ((error as { name?: string }).name === 'GovernError') throw error;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const file = project.configFile ? normaliseFile(path.relative(project.root, project.configFile)) : '.';
      add(file, { ruleId: id, severity: 2, fatal: true, message: `Rule "${id}" failed: ${reason}`, line: 1, column: 1 });
    }
  }
  return byFile;
}

/** Resolves the rule settings `options` give for `project` (its config unless `options.config`). */
async function ruleConfigFor(project: Pick<Project, 'root' | 'config' | 'configFile'>, options: ResolvedLintOptions): Promise<RuleConfig> {
  const config = options.config ?? project.config;
  const source = project.configFile ? path.relative(project.root, project.configFile) || project.configFile : 'config';
  return resolveRuleConfig(config, options.rules, options.presets, source);
}

/**
 * Checks a loaded project: document rules on each Markdown document of the kinds they ask for,
 * project rules once over the whole model, parse diagnostics as problems, inline directives applied.
 * With `fix`, results carry `output` (the fixed text); `outputFixes` writes it.
 */
export async function lint(project: Project, options: LintOptions = {}): Promise<LintResult[]> {
  const full = await resolved(options);
  return lintLoaded(project, full, await ruleConfigFor(project, full), new Map(), ruleFiles(), createGitAccess(project.root));
}

/**
 * Checks a project built from analyses (`lintFiles`) or loaded whole (`lint`): project rules first, then
 * each document's result, finished from its analysis when it has one, else from its tree.
 */
async function lintLoaded(
  project: Project,
  options: ResolvedLintOptions,
  ruleConfig: RuleConfig,
  analyses: ReadonlyMap<string, DocumentAnalysis>,
  files: RuleFiles,
  git: GitAccess,
): Promise<LintResult[]> {
  // A ref that does not exist is an error whether or not an enabled rule would ask git about it.
  if (options.diffBase !== undefined) await assertGitRef(project.root, options.diffBase, '--diff-base');
  const only = options.files ? new Set(options.files.map(normaliseFile)) : undefined;
  const wanted = (file: string) => !only || only.has(file);

  const projectMessages = await runProjectRules(project, ruleConfig, options, wanted, files, git);
  const staticMessages = new Map<string, LintMessage[]>();
  const addStatic = (file: string, message: LintMessage) => {
    const list = staticMessages.get(file) ?? [];
    list.push(message);
    staticMessages.set(file, list);
  };
  for (const d of project.diagnostics) {
    const file = normaliseFile(d.file);
    const severity = configuredSeverity(d, ruleConfig, file);
    if (severity !== undefined && wanted(file)) addStatic(file, diagnosticMessage(d, severity, project.root));
  }
  for (const [file, list] of projectMessages) for (const m of list) addStatic(file, m);

  let parser: MarkdownParser | undefined;
  const results: LintResult[] = [];
  const reportUnused = unusedLevel(options.reportUnusedDisableDirectives);
  const matches = directiveMatcher(options.rules);
  const seen = new Set<string>();

  for (const doc of project.documents) {
    if (!wanted(doc.file)) continue;
    seen.add(doc.file);
    const statics = staticMessages.get(doc.file) ?? [];
    const absolutePath = absoluteIn(project.root, doc.file);
    const analysis = options.fix || !doc.parsed ? undefined : analyses.get(doc.file);
    if (analysis) {
      // The text only for a result that has problems to show it with.
      results.push(finishAnalysed(absolutePath, () => project.text(doc.file)?.text, analysis, statics, reportUnused, matches));
      continue;
    }
    const text = project.text(doc.file);
    if (!doc.parsed || !text) {
      results.push(createResult(absolutePath, statics.sort(byPosition), []));
      continue;
    }
    // Writing a file decoded with replacements would change bytes nobody edited: it is not fixed.
    const fix = options.fix === true && !text.lossy;
    if (options.fix && text.lossy) statics.push(lossyFixRefusal());
    if (!doc.file.toLowerCase().endsWith('.md')) {
      results.push(lintOtherText(absolutePath, text.text, text.bom, statics, fix));
      continue;
    }
    const rules = activeDocumentRules(ruleConfig.forFile(doc.file), options.rules, doc.kinds);
    let document = project.parsedTree(doc.file);
    if (
      !document &&
      rules.length === 0 &&
      !options.fix &&
      !mayHaveParseDiagnostics(text.text) &&
      !((statics.length > 0 || reportUnused) && MAY_HAVE_DIRECTIVE.test(text.text))
    ) {
      // Nothing reads this document's tree (a Spec Kit plan.md under the recommended rules): its problems are the static ones.
      results.push(createResult(absolutePath, statics.sort(byPosition), [], text.text));
      continue;
    }
    if (!document) {
      parser ??= await loadMarkdownParser();
      const parsed = parser.parse(doc.file, text.text);
      document = parsed.document;
      diagnosticMessages(parsed.diagnostics, statics, ruleConfig, doc.file, project.root);
    }
    if (rules.length > 0 || options.fix) parser ??= await loadMarkdownParser();
    const parsedDocument = document;
    const models = (tree: MarkdownDocument) => (tree === parsedDocument ? project.models(doc.file) : readModels(tree, doc.kinds).models);
    results.push(lintMarkdown(doc, absolutePath, project.root, text.text, text.bom, document, models, parser, rules, statics, fix, reportUnused, matches));
  }
  // Problems in files that are not documents (a config file, a rule that points elsewhere).
  for (const [file, list] of staticMessages) {
    if (seen.has(file)) continue;
    results.push(createResult(path.join(project.root, file), list.sort(byPosition), []));
  }
  // The documents come in path order; only results for other files can put them out of it.
  return inOrder(results) ? results : results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

function inOrder(results: readonly LintResult[]): boolean {
  for (let i = 1; i < results.length; i++) if (results[i - 1]!.filePath > results[i]!.filePath) return false;
  return true;
}

/** A document's result from its analysis: its rules' problems and the others, through its directives. */
function finishAnalysed(
  absolutePath: string,
  text: () => string | undefined,
  analysis: DocumentAnalysis,
  statics: LintMessage[],
  reportUnused: 1 | 2 | undefined,
  matches: (written: string, ruleId: string) => boolean,
): LintResult {
  // Most documents have no directives: their messages stand as they are.
  if (analysis.directives.length === 0) {
    const messages = analysis.messages.length === 0 ? statics : [...analysis.messages, ...statics];
    return createResult(absolutePath, messages.sort(byPosition), [], text);
  }
  const outcome = applyDirectives([...analysis.messages, ...statics], analysis.directives, { ...(reportUnused ? { reportUnused } : {}), matches });
  return createResult(absolutePath, [...outcome.messages, ...outcome.unused].sort(byPosition), outcome.suppressed.sort(byPosition), text);
}

function lintMarkdown(
  doc: Pick<LoadedDocument, 'file' | 'kinds' | 'eol'>,
  absolutePath: string,
  root: string,
  text: string,
  bom: boolean,
  document: MarkdownDocument,
  models: (document: MarkdownDocument) => DocumentModels,
  parser: MarkdownParser | undefined,
  rules: ActiveDocumentRule[],
  statics: LintMessage[],
  fix: boolean,
  reportUnused: 1 | 2 | undefined,
  matches: (written: string, ruleId: string) => boolean,
): LintResult {
  const outcome = lintDocumentText({
    file: doc.file,
    absolutePath,
    cwd: root,
    text,
    eol: doc.eol,
    kinds: doc.kinds,
    document,
    models,
    // The parser is needed only to re-parse after a fix, and a fix needs rules or static fixes.
    parser: parser ?? { parse: () => ({ document, diagnostics: [] }) },
    rules,
    staticMessages: statics,
    fix,
    ...(reportUnused ? { reportUnused } : {}),
    matches,
  });
  const output = outcome.changed ? (bom ? `\uFEFF${outcome.text}` : outcome.text) : undefined;
  return createResult(absolutePath, outcome.messages, outcome.suppressed, text, output);
}

/** JSON and other files: no directives, and a single pass for the fixes project rules give. */
function lintOtherText(absolutePath: string, text: string, bom: boolean, statics: LintMessage[], fix: boolean): LintResult {
  if (!fix) return createResult(absolutePath, statics.sort(byPosition), [], text);
  const { text: fixed, applied } = applyFixes(text, statics);
  const appliedSet = new Set(applied);
  const remaining = statics.filter((m) => !appliedSet.has(m)).sort(byPosition);
  return createResult(absolutePath, remaining, [], text, fixed !== text ? (bom ? `\uFEFF${fixed}` : fixed) : undefined);
}

/** One document to analyse, with the rules enabled for it by id (so that it can cross to another thread). */
export interface AnalysisJob extends Omit<AnalysisInput, 'text'> {
  absolutePath: string;
  rules: Array<{ id: string; severity: 1 | 2; options: unknown[] }>;
  /** The enabled document rules' settings as one string: what the analysis depends on besides the text and kinds. */
  settings: string;
}

/**
 * Analyses documents: every one of `jobs`, each as `analyseJob` does. `lintFiles` does it on this thread
 * unless given another way (worker threads, analyses kept from an earlier run).
 */
export type Analyse = (jobs: AnalysisJob[], files: ProjectFiles) => Promise<ReadonlyMap<string, DocumentAnalysis>>;

/** The document rules an analysis job names, from `rules`; undefined when one is not a document rule there. */
export function jobRules(job: Pick<AnalysisJob, 'rules'>, rules: Record<string, RuleModule>): ActiveDocumentRule[] | undefined {
  const active: ActiveDocumentRule[] = [];
  for (const { id, severity, options } of job.rules) {
    const rule = rules[id];
    if (!rule || isProjectRule(rule)) return undefined;
    active.push({ id, rule, severity, options });
  }
  return active;
}

/**
 * One document's analysis, from its text; a document nothing needs parsed (a Spec Kit plan.md under the
 * recommended rules) gets an empty one without a parse.
 */
export function analyseJob(parser: MarkdownParser, job: AnalysisJob, text: string, rules: ActiveDocumentRule[], root: string): DocumentAnalysis {
  const input = { file: job.file, kinds: job.kinds, text, eol: job.eol };
  return needsAnalysis(input, rules.length) ? analyseDocument(parser, input, rules, { root, absolutePath: job.absolutePath }) : emptyAnalysis();
}

/** Analyses `jobs` on this thread. */
export async function analyseJobs(jobs: AnalysisJob[], files: ProjectFiles, rules: Record<string, RuleModule>): Promise<Map<string, DocumentAnalysis>> {
  const analyses = new Map<string, DocumentAnalysis>();
  if (jobs.length === 0) return analyses;
  const parser = await loadMarkdownParser();
  for (const job of jobs) analyses.set(job.file, analyseJob(parser, job, files.text(job.file)?.text ?? '', jobRules(job, rules) ?? [], files.root));
  return analyses;
}

/**
 * Checks a repository from its files as `readProjectFiles` read them: each document read alone is
 * analysed (parsed once, read into its models, checked by its document rules; then its tree is dropped),
 * the project is built from those models, and project rules run over it. `how` says how, where a caller
 * (the cache) does it another way; see `LintFilesHow`. Not for `fix`, which must re-check what it changes: use `lint`.
 */
export async function lintFiles(files: ProjectFiles, given: LintOptions & { home?: string }, how: LintFilesHow = {}): Promise<LintResult[]> {
  const { analyse } = how;
  const options = await resolved(given);
  const ruleConfig = await ruleConfigFor(files, options);
  const only = options.files ? new Set(options.files.map(normaliseFile)) : undefined;

  // Files share a handful of rule settings (one per set of matching overrides and kinds): work each out once.
  const settingsByGroup = new Map<string, { rules: ActiveDocumentRule[]; settings: string }>();
  const groupIds = new Map<object, number>();
  const groupOf = (enabled: object) => {
    let id = groupIds.get(enabled);
    if (id === undefined) groupIds.set(enabled, (id = groupIds.size));
    return id;
  };
  const rulesFor = (file: string, kinds: DocumentKind[]) => {
    // A file outside `files` is read for the model only.
    if (only && !only.has(file)) return { rules: [], settings: '[]' };
    const enabled = ruleConfig.forFile(file);
    const group = `${kinds.length === 1 ? kinds[0] : kinds.join(',')}\0${groupOf(enabled)}`;
    let found = settingsByGroup.get(group);
    if (!found) {
      const rules = activeDocumentRules(enabled, options.rules, kinds);
      found = { rules, settings: JSON.stringify(rules.map((r) => [r.id, r.severity, r.options])) };
      settingsByGroup.set(group, found);
    }
    return found;
  };

  const jobs: AnalysisJob[] = [];
  const analyses = new Map<string, DocumentAnalysis>();
  for (const doc of files.documents) {
    // With --diff-base, constitution-amendment reads the constitution's tree: parsed with the project, it is parsed once.
    if (!doc.parsed || !isAnalysable(doc.file, doc.kinds) || (options.diffBase !== undefined && doc.kinds.includes('constitution'))) continue;
    const { rules, settings } = rulesFor(doc.file, doc.kinds);
    jobs.push({
      file: doc.file,
      absolutePath: doc.absolutePath,
      kinds: doc.kinds,
      eol: doc.eol,
      rules: rules.map(({ id, severity, options: ruleOptions }) => ({ id, severity, options: ruleOptions })),
      settings,
    });
  }
  const computed = await (analyse ?? ((list) => analyseJobs(list, files, options.rules)))(jobs, files);
  for (const job of jobs) {
    const analysis = computed.get(job.file);
    if (analysis) analyses.set(job.file, analysis);
  }
  const known = how.results?.();
  if (known) return known;
  const build: BuildProjectOptions = { preparsed: analyses };
  if (options.home !== undefined) build.home = options.home;
  if (how.features) build.features = how.features;
  const project = await buildProject(files, build);
  return lintLoaded(project, options, ruleConfig, analyses, how.files ?? ruleFiles(files.listings), how.git ?? createGitAccess(files.root));
}

/** How `lintFiles` does its steps, where not in the default way. */
export interface LintFilesHow {
  /** Analyses the documents (default: on this thread). */
  analyse?: Analyse;
  /** Works out the features from the assembled models (default: `buildFeatures`). */
  features?: BuildProjectOptions['features'];
  /** The file access project rules get (default: `ruleFiles` with the walk's listings). */
  files?: RuleFiles;
  /** The git access project rules get (default: `createGitAccess`, which runs git only when asked). */
  git?: GitAccess;
  /** Asked once the documents are analysed: the results, when they are known without building the project (kept from an earlier run). */
  results?: () => LintResult[] | undefined;
}

export interface LintTextOptions extends LintOptions {
  /** The directory `filename` is relative to, and the repository root for config. Default: the process's. */
  cwd?: string;
}

/**
 * Checks text that is not in the repository (a pull request body, an issue comment): document rules
 * only, for the kind its filename suggests, or as a state document (a handoff) when it suggests none.
 */
export async function lintText(text: string, filename: string, given: LintTextOptions = {}): Promise<LintResult[]> {
  const options = await resolved(given);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.diffBase !== undefined) await assertGitRef(cwd, options.diffBase, '--diff-base');
  const absolutePath = path.resolve(cwd, filename);
  const file = normaliseFile(path.relative(cwd, absolutePath));
  const config = options.config ?? {};
  const ruleConfig = await resolveRuleConfig(config, options.rules, options.presets);
  const found = kindsForFile(file, config);
  const kinds: DocumentKind[] = found.length > 0 ? found : ['state'];
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const eol: LineEnding = detectLineEnding(body);
  const parser = await loadMarkdownParser();
  const parsed = parser.parse(file, body);
  const statics: LintMessage[] = [];
  diagnosticMessages(parsed.diagnostics, statics, ruleConfig, file, cwd);
  const rules = activeDocumentRules(ruleConfig.forFile(file), options.rules, kinds);
  const models = (tree: MarkdownDocument) => readModels(tree, kinds).models;
  return [
    lintMarkdown(
      { file, kinds, eol },
      absolutePath,
      cwd,
      body,
      bom,
      parsed.document,
      models,
      parser,
      rules,
      statics,
      options.fix === true,
      unusedLevel(options.reportUnusedDisableDirectives),
      directiveMatcher(options.rules),
    ),
  ];
}

/** Only the errors of each result, as ESLint's `--quiet` shows them. */
export function errorResults(results: readonly LintResult[]): LintResult[] {
  return results.map((r) => {
    const messages = r.messages.filter((m) => m.severity === 2);
    return { ...r, messages, warningCount: 0, fixableWarningCount: 0 };
  });
}

/**
 * `lintText` for input as it came (standard input): bytes decoded like a file's, so binary content,
 * UTF-16 and invalid UTF-8 get the same problems, and input over the document size limit (`input` is
 * read only up to one byte past it) is refused rather than parsed.
 */
export async function lintInput(input: Uint8Array, filename: string, options: LintTextOptions = {}): Promise<LintResult[]> {
  const absolutePath = path.resolve(options.cwd ?? process.cwd(), filename);
  const refused = (message: string) => [createResult(absolutePath, [{ ruleId: 'govern/read', severity: 2, fatal: true, message, line: 1, column: 1 }], [])];
  if (input.length > MAX_DOCUMENT_BYTES) {
    return refused(`Input is over the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit for a document; it was not read.`);
  }
  const decoded = decodeDocument(input, filename);
  if (!decoded.ok) return refused(decoded.diagnostic.message);
  const { text, bom } = decoded.value;
  const results = await lintText(bom ? `\uFEFF${text}` : text, filename, options);
  if (decoded.diagnostics.length === 0) return results;
  const warnings = decoded.diagnostics.map((d) => diagnosticMessage(d, severityOf(d) ?? 1, path.resolve(options.cwd ?? process.cwd())));
  return results.map((r) => ({ ...r, messages: [...warnings, ...r.messages], warningCount: r.warningCount + warnings.length }));
}

/**
 * Writes each result's `output` atomically. A file that cannot be written gets a fatal problem in
 * its result instead of stopping the run; `failed` counts them.
 */
export async function outputFixes(results: LintResult[]): Promise<{ results: LintResult[]; failed: number }> {
  let failed = 0;
  const out: LintResult[] = [];
  for (const result of results) {
    if (result.output === undefined) {
      out.push(result);
      continue;
    }
    const written = await writeFileAtomic(result.filePath, result.output);
    if (written.ok) {
      if (!written.note) out.push(result);
      else out.push({ ...result, messages: [{ ruleId: null, severity: 1, message: written.note, line: 1, column: 1 }, ...result.messages], warningCount: result.warningCount + 1 });
      continue;
    }
    failed++;
    const { output: _output, ...rest } = result;
    const message: LintMessage = { ruleId: null, severity: 2, fatal: true, message: written.message, line: 1, column: 1 };
    out.push(createResult(rest.filePath, [message, ...rest.messages], rest.suppressedMessages));
  }
  return { results: out, failed };
}
