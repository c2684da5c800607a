import { modelsAt, readModels, readsAlone } from '../kinds/index.js';
import type { PreparsedDocument } from '../model/project.js';
import type { DocumentKind, LineEnding } from '../model/types.js';
import { mayHaveParseDiagnostics, type MarkdownParser } from '../parse/markdown.js';
import { collectDirectives, type Directive } from './directives.js';
import { runDocumentRules, type ActiveDocumentRule } from './document-runner.js';
import type { LintMessage } from './types.js';

/**
 * Everything a check needs from one document, computed from its text and the rules enabled for it
 * alone: its models, its parse problems, its document rules' problems and its inline directives.
 * Plain data, so it can be computed apart (on another thread, in an earlier run) and the tree dropped
 * at once: memory follows one document at a time.
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

/** An inline directive can only be an HTML comment starting with `govern-`. */
export const MAY_HAVE_DIRECTIVE = /<!--\s*govern-/;

/** Whether a document is analysed on its own: a Markdown document whose kinds read their models from its text alone. */
export const isAnalysable = readsAlone;

/**
 * Whether a check has to parse the document at all: for its models, for its rules, for a parse
 * problem its text may hold, or for an inline directive.
 */
export function needsAnalysis(input: Pick<AnalysisInput, 'file' | 'kinds' | 'text'>, ruleCount: number): boolean {
  return ruleCount > 0 || modelsAt(input.file, input.kinds).length > 0 || mayHaveParseDiagnostics(input.text) || MAY_HAVE_DIRECTIVE.test(input.text);
}

/** The analysis of a document nothing needs parsed: no models, no problems, no directives. */
export function emptyAnalysis(): DocumentAnalysis {
  return { models: {}, diagnostics: [], modelDiagnostics: {}, messages: [], directives: [] };
}

/** Parses one document, reads its models, runs its document rules on them and collects its directives. */
export function analyseDocument(
  parser: MarkdownParser,
  input: AnalysisInput,
  rules: ActiveDocumentRule[],
  where: { root: string; absolutePath: string },
): DocumentAnalysis {
  const { document, diagnostics } = parser.parse(input.file, input.text);
  const read = readModels(document, input.kinds);
  const messages =
    rules.length > 0
      ? runDocumentRules({
          file: input.file,
          absolutePath: where.absolutePath,
          cwd: where.root,
          eol: input.eol,
          kinds: input.kinds,
          document,
          models: read.models,
          rules,
        })
      : [];
  return { models: read.models, diagnostics, modelDiagnostics: read.diagnostics, messages, directives: collectDirectives(document.tree, input.text) };
}
