import type { Node, Nodes } from 'mdast';
import type { DocumentModels } from '../model/project.js';
import type { DocumentKind, LineEnding, MarkdownDocument } from '../model/types.js';
import type { MarkdownParser } from '../parse/markdown.js';
import { applyDirectives, collectDirectives } from './directives.js';
import { adaptLineEndings, applyFixes, MAX_FIX_PASSES, mergeFixes, ruleFixer } from './fixes.js';
import type {
  DocumentReportDescriptor,
  DocumentRuleContext,
  DocumentRuleModule,
  Fix,
  FixFunction,
  LintMessage,
  RuleMeta,
  SourceCode,
} from './types.js';

/** A rule switched on for one file. */
export interface ActiveDocumentRule {
  id: string;
  rule: DocumentRuleModule;
  severity: 1 | 2;
  options: unknown[];
}

/** One document's rules, run over its tree once. */
export interface DocumentRun {
  file: string;
  absolutePath: string;
  /** The repository root. */
  cwd: string;
  eol: LineEnding;
  kinds: DocumentKind[];
  document: MarkdownDocument;
  /** The document's models, as the run read them. */
  models: DocumentModels;
  rules: ActiveDocumentRule[];
  /** Let rule exceptions through (RuleTester) instead of reporting them as fatal problems. */
  rethrow?: boolean;
}

/** A document linted on its own: its rules, then directives, then (with `fix`) fixes and another pass. */
export interface DocumentLint extends Omit<DocumentRun, 'document' | 'models'> {
  text: string;
  document: MarkdownDocument;
  /** The models of a text: read again after each fix, for the next pass. */
  models: (document: MarkdownDocument) => DocumentModels;
  parser: MarkdownParser;
  /** Problems found elsewhere (parsers, project rules) for this file; their fixes apply in the first pass only. */
  staticMessages: LintMessage[];
  fix: boolean;
  reportUnused?: 1 | 2;
  matches: (written: string, ruleId: string) => boolean;
}

export interface DocumentOutcome {
  messages: LintMessage[];
  suppressed: LintMessage[];
  /** The final text (without BOM). */
  text: string;
  changed: boolean;
}

/** ESLint's message templating: `{{ name }}` replaced by `data.name`, unknown names left as written. */
export function interpolate(template: string, data: Record<string, unknown> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, name: string) => {
    const key = name.trim();
    return Object.hasOwn(data, key) ? String(data[key]) : whole;
  });
}

export function messageFor(id: string, meta: RuleMeta, descriptor: { messageId?: string; message?: string; data?: Record<string, unknown> }): string {
  if (descriptor.messageId !== undefined) {
    const template = meta.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`Rule "${id}" reported unknown messageId "${descriptor.messageId}".`);
    return interpolate(template, descriptor.data);
  }
  if (descriptor.message !== undefined) return interpolate(descriptor.message, descriptor.data);
  throw new Error(`Rule "${id}" reported a problem with neither messageId nor message.`);
}

export function fixFor(id: string, meta: RuleMeta, fix: FixFunction | null | undefined, text: string, eol: LineEnding): Fix | undefined {
  if (!fix) return undefined;
  if (!meta.fixable) throw new Error(`Rule "${id}" gives fixes, so its meta.fixable must be "code" or "whitespace".`);
  const merged = mergeFixes(fix(ruleFixer), text);
  return merged ? adaptLineEndings(merged, eol) : undefined;
}

function createSourceCode(document: MarkdownDocument): SourceCode {
  const text = document.text;
  let lines: string[] | undefined;
  const range = (node: Node): [number, number] => [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
  return {
    text,
    ast: document.tree,
    get lines() {
      lines ??= text.split(/\r\n|[\r\n]/);
      return lines;
    },
    getText: (node) => (node ? text.slice(...range(node)) : text),
    getLoc: (node) => ({
      start: { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 },
      end: { line: node.position?.end.line ?? 1, column: node.position?.end.column ?? 1 },
    }),
    getRange: range,
  };
}

type Listener = { rule: ActiveDocumentRule; handle: (node: Nodes) => void };

function crashMessage(rule: ActiveDocumentRule, error: unknown): LintMessage {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return { ruleId: rule.id, severity: 2, fatal: true, message: `Rule "${rule.id}" failed on this file: ${reason}`, line: 1, column: 1 };
}

/** Runs the rules over one tree once: every visitor of every rule in a single walk. */
export function runDocumentRules(run: DocumentRun): LintMessage[] {
  const { document, eol } = run;
  const messages: LintMessage[] = [];
  const sourceCode = createSourceCode(document);
  const listeners = new Map<string, Listener[]>();
  const failed = new Set<ActiveDocumentRule>();

  for (const active of run.rules) {
    const { id, rule, severity } = active;
    const context: DocumentRuleContext = {
      id,
      options: active.options,
      filename: run.absolutePath,
      physicalFilename: run.absolutePath,
      cwd: run.cwd,
      sourceCode,
      settings: { govern: { root: run.cwd, file: run.file, kinds: run.kinds } },
      document,
      models: run.models,
      report(descriptor: DocumentReportDescriptor) {
        const message: LintMessage = { ruleId: id, severity, message: messageFor(id, rule.meta, descriptor), line: 1, column: 1 };
        if (descriptor.messageId !== undefined) message.messageId = descriptor.messageId;
        const loc = descriptor.loc;
        const start = loc ? ('start' in loc ? loc.start : loc) : descriptor.node?.position?.start;
        const end = loc ? ('start' in loc ? loc.end : undefined) : descriptor.node?.position?.end;
        if (start) {
          message.line = start.line;
          message.column = start.column;
        }
        if (end) {
          message.endLine = end.line;
          message.endColumn = end.column;
        }
        const fix = fixFor(id, rule.meta, descriptor.fix, document.text, eol);
        if (fix) message.fix = fix;
        messages.push(message);
      },
    };
    let visitors: Record<string, ((node: Nodes) => void) | undefined>;
    try {
      visitors = rule.create(context) as Record<string, ((node: Nodes) => void) | undefined>;
    } catch (error) {
      if (run.rethrow) throw error;
      messages.push(crashMessage(active, error));
      continue;
    }
    for (const [key, handle] of Object.entries(visitors)) {
      if (typeof handle !== 'function') continue;
      const list = listeners.get(key) ?? [];
      list.push({ rule: active, handle });
      listeners.set(key, list);
    }
  }
  if (listeners.size === 0) return messages;

  const call = (key: string, node: Nodes) => {
    const list = listeners.get(key);
    if (!list) return;
    for (const listener of list) {
      if (failed.has(listener.rule)) continue;
      try {
        listener.handle(node);
      } catch (error) {
        if (run.rethrow) throw error;
        failed.add(listener.rule);
        messages.push(crashMessage(listener.rule, error));
      }
    }
  };
  // Iterative: a list nested ten thousand levels deep must not overflow the stack.
  const stack: Array<{ node: Nodes; exit: boolean }> = [{ node: document.tree, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      call(`${node.type}:exit`, node);
      continue;
    }
    call(node.type, node);
    stack.push({ node, exit: true });
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, exit: false });
    }
  }
  return messages;
}

export const byPosition = (a: LintMessage, b: LintMessage) =>
  a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '');

/**
 * Lints one Markdown document; with `fix`, applies fixes and lints again until nothing changes
 * (at most ten passes). Suppressed problems give no fixes.
 */
export function lintDocumentText(run: DocumentLint): DocumentOutcome {
  let text = run.text;
  let document = run.document;
  let models = run.models(document);
  let statics = run.staticMessages;
  let passes = 0;
  for (;;) {
    const found = [...runDocumentRules({ ...run, document, models }), ...statics];
    const directives = collectDirectives(document.tree, text);
    const outcome = applyDirectives(found, directives, { ...(run.reportUnused ? { reportUnused: run.reportUnused } : {}), matches: run.matches });
    const done = () => ({
      messages: [...outcome.messages, ...outcome.unused].sort(byPosition),
      suppressed: outcome.suppressed.sort(byPosition),
      text,
      changed: text !== run.text,
    });
    if (!run.fix || passes >= MAX_FIX_PASSES) return done();
    const { text: next, applied } = applyFixes(text, outcome.messages);
    if (applied.length === 0) return done();
    if (passes === 0 && statics.length > 0) {
      // Problems from outside the document cannot be re-checked; once the text moves, their fixes would land in the wrong place.
      const appliedSet = new Set<LintMessage>(applied);
      statics = statics.filter((m) => !appliedSet.has(m)).map(({ fix: _fix, ...rest }) => rest);
    }
    passes++;
    text = next;
    document = run.parser.parse(run.file, text).document;
    models = run.models(document);
  }
}
