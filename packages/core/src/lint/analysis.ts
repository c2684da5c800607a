import type { LineEnding } from '../load/read.js';
import type { DocumentModels, PreparsedDocument } from '../model/project.js';
import type { Diagnostic, DocumentKind } from '../model/types.js';
import { mayHaveParseDiagnostics, type MarkdownParser } from '../parse/markdown.js';
import { parseConstitution } from '../parse/constitution.js';
import { parseProduct } from '../parse/product.js';
import { parseSequence } from '../parse/sequence.js';
import { parseSpecDocument } from '../parse/spec.js';
import { classifySpecPath } from '../parse/spec-paths.js';
import { parseState } from '../parse/state.js';
import { parseTasks } from '../parse/tasks.js';
import { collectDirectives, type Directive } from './directives.js';
import { runDocumentRules, type ActiveDocumentRule } from './document-runner.js';
import type { LintMessage } from './types.js';

/**
 * Everything a check needs from one document, computed from its text and the rules enabled for it
 * alone, so it can be computed apart (another thread, an earlier run) and its tree dropped at once.
 */
export interface DocumentAnalysis extends PreparsedDocument {
  /** The document rules' problems before inline directives are applied. */
  messages: LintMessage[];
  directives: Directive[];
}

/** The input of an analysis: a document as read. */
export interface AnalysisInput {
  file: string;
  kinds: DocumentKind[];
  text: string;
  eol: LineEnding;
}

/**
 * Kinds whose model is read from the text alone. AGENTS.md and CLAUDE.md are parsed with the project
 * instead: project rules read their trees (the imports CLAUDE.md follows, resolved against the file
 * system), and a document is parsed once. Review files are few.
 */
const ANALYSABLE_KINDS: ReadonlySet<DocumentKind> = new Set(['constitution', 'product', 'sequence', 'spec', 'plan', 'tasks', 'state', 'other'] as DocumentKind[]);

/** An inline directive can only be an HTML comment starting with `govern-`. */
export const MAY_HAVE_DIRECTIVE = /<!--\s*govern-/;

export function isAnalysable(file: string, kinds: readonly DocumentKind[]): boolean {
  return file.toLowerCase().endsWith('.md') && kinds.length > 0 && kinds.every((kind) => ANALYSABLE_KINDS.has(kind));
}

/** The model readers a document goes through, as `loadProject` would run them. */
export function modelReaders(file: string, kinds: readonly DocumentKind[]): Array<keyof DocumentModels> {
  const readers: Array<keyof DocumentModels> = [];
  if (kinds.includes('constitution')) readers.push('constitution');
  if (kinds.includes('product')) readers.push('product');
  if (kinds.includes('sequence')) readers.push('sequence');
  if (kinds.includes('spec') || kinds.includes('plan') || kinds.includes('tasks')) {
    const role = classifySpecPath(file)?.role;
    if (role === 'spec' || role === 'tasks') readers.push(role);
  }
  if (kinds.includes('state')) readers.push('state');
  return readers;
}

/**
 * Whether a check has to parse the document at all: for its model, for its rules, for a parse
 * problem its text may hold, or for an inline directive.
 */
export function needsAnalysis(input: Pick<AnalysisInput, 'file' | 'kinds' | 'text'>, ruleCount: number): boolean {
  return (
    ruleCount > 0 || modelReaders(input.file, input.kinds).length > 0 || mayHaveParseDiagnostics(input.text) || MAY_HAVE_DIRECTIVE.test(input.text)
  );
}

/** The analysis of a document nothing needs parsed: no models, no problems, no directives. */
export function emptyAnalysis(): DocumentAnalysis {
  return { models: {}, diagnostics: [], modelDiagnostics: {}, messages: [], directives: [] };
}

/** Parses one document, reads its models, runs its document rules and collects its directives. */
export function analyseDocument(
  parser: MarkdownParser,
  input: AnalysisInput,
  rules: ActiveDocumentRule[],
  where: { root: string; absolutePath: string },
): DocumentAnalysis {
  const { document, diagnostics } = parser.parse(input.file, input.text);
  const models: DocumentModels = {};
  const modelDiagnostics: DocumentAnalysis['modelDiagnostics'] = {};
  const collect = <T>(reader: keyof DocumentModels, result: { value: T; diagnostics: Diagnostic[] }): T => {
    if (result.diagnostics.length > 0) modelDiagnostics[reader] = result.diagnostics;
    return result.value;
  };
  for (const reader of modelReaders(input.file, input.kinds)) {
    if (reader === 'constitution') models.constitution = collect(reader, parseConstitution(document));
    else if (reader === 'product') models.product = collect(reader, parseProduct(document));
    else if (reader === 'sequence') models.sequence = collect(reader, parseSequence(document));
    else if (reader === 'spec') models.spec = collect(reader, parseSpecDocument(document));
    else if (reader === 'tasks') models.tasks = collect(reader, parseTasks(document));
    else models.state = collect(reader, parseState(document));
  }
  const messages =
    rules.length > 0
      ? runDocumentRules(
          {
            file: input.file,
            absolutePath: where.absolutePath,
            cwd: where.root,
            text: input.text,
            bom: false,
            eol: input.eol,
            kinds: input.kinds,
            document,
            parser,
            rules,
            staticMessages: [],
            fix: false,
            matches: () => false,
          },
          document,
          input.eol,
        )
      : [];
  return { models, diagnostics, modelDiagnostics, messages, directives: collectDirectives(document.tree, input.text) };
}
