import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_GLOBS } from '../load/defaults.js';
import { loadProject } from '../load/project.js';
import { detectLineEnding } from '../load/read.js';
import { loadMarkdownParser } from '../parse/markdown.js';
import { validateRuleOptions } from './config.js';
import { byPosition, runDocumentRules } from './document-runner.js';
import { isProjectRule, kindsForFile, lint } from './engine.js';
import { applyFixes } from './fixes.js';
import type { DocumentRuleModule, LintMessage, ProjectRuleModule, RuleModule } from './types.js';
import { clip } from '../messages.js';

export interface ExpectedError {
  messageId: string;
  data?: Record<string, unknown>;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface ValidCase {
  code: string;
  /** Repository-relative name; decides the document's kinds. Default: a file of the rule's first kind. */
  filename?: string;
  options?: unknown[];
  name?: string;
}

export interface InvalidCase extends ValidCase {
  /** Expected problems in order of position, or how many. */
  errors: ExpectedError[] | number;
  /** The text after one pass of fixes; `null`: the rule must not fix. Required when the rule fixes. */
  output?: string | null;
}

export interface DocumentRuleTests {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
}

export interface ProjectValidCase {
  /** A fixture repository directory. */
  fixture: string;
  options?: unknown[];
  name?: string;
}

export interface ProjectInvalidCase extends ProjectValidCase {
  errors: Array<{ messageId: string; file?: string; line?: number; column?: number }>;
}

export interface ProjectRuleTests {
  valid: ProjectValidCase[];
  invalid: ProjectInvalidCase[];
}

function defaultFilename(rule: DocumentRuleModule): string {
  const kind = rule.meta.govern?.kinds?.[0] ?? 'state';
  const glob = DEFAULT_DOCUMENT_GLOBS[kind][0]!;
  return glob.replace(/\*\*\//g, '').replace(/\*/g, kind === 'review' ? 'review' : '001-example');
}

function title(code: string, name?: string): string {
  if (name) return name;
  const line = code.split(/\r?\n/).find((l) => l.trim() !== '') ?? '(empty)';
  return clip(line, 60);
}

/** Lints `code` with `rule` alone (at severity error), as `govern check` would, without directives. */
async function runAlone(name: string, rule: DocumentRuleModule, item: ValidCase): Promise<{ messages: LintMessage[]; output: string }> {
  const options = item.options ?? [];
  await validateRuleOptions(name, rule, options);
  const filename = item.filename ?? defaultFilename(rule);
  const kinds = kindsForFile(filename, {});
  const parser = await loadMarkdownParser();
  const text = item.code.charCodeAt(0) === 0xfeff ? item.code.slice(1) : item.code;
  const { document } = parser.parse(filename, text);
  const eol = detectLineEnding(text);
  const messages = runDocumentRules(
    {
      file: filename,
      absolutePath: path.resolve('/repo', filename),
      cwd: path.resolve('/repo'),
      text,
      bom: false,
      eol,
      kinds: kinds.length > 0 ? kinds : ['state'],
      document,
      parser,
      rules: [{ id: name, rule, severity: 2, options }],
      staticMessages: [],
      fix: false,
      matches: (a, b) => a === b,
      rethrow: true,
    },
    document,
    eol,
  ).sort(byPosition);
  return { messages, output: applyFixes(text, messages).text };
}

function checkMessages(rule: RuleModule, messages: LintMessage[], errors: InvalidCase['errors']): void {
  const summary = messages.map((m) => `${m.line}:${m.column} ${m.messageId ?? ''} ${m.message}`).join('\n');
  if (typeof errors === 'number') {
    expect(messages.length, `expected ${errors} problem(s), got:\n${summary}`).toBe(errors);
    return;
  }
  expect(messages.length, `expected ${errors.length} problem(s), got:\n${summary}`).toBe(errors.length);
  errors.forEach((error, index) => {
    const message = messages[index]!;
    expect(Object.hasOwn(rule.meta.messages, error.messageId), `"${error.messageId}" is not in meta.messages`).toBe(true);
    expect(message.messageId, `problem ${index + 1}: ${message.message}`).toBe(error.messageId);
    if (error.data) {
      let expected = rule.meta.messages[error.messageId]!;
      expected = expected.replace(/\{\{([^{}]+?)\}\}/g, (whole, key: string) => (Object.hasOwn(error.data!, key.trim()) ? String(error.data![key.trim()]) : whole));
      expect(message.message, `problem ${index + 1} text`).toBe(expected);
    }
    for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
      if (error[key] !== undefined) expect(message[key], `problem ${index + 1} ${key}`).toBe(error[key]);
    }
  });
}

/**
 * ESLint's RuleTester for govern rules, on vitest: `run` for document rules (Markdown in, problems
 * and fix output checked), `runProject` for project rules (fixture repositories in, problems checked).
 */
export class RuleTester {
  run(name: string, rule: RuleModule, tests: DocumentRuleTests): void {
    if (isProjectRule(rule)) throw new Error(`RuleTester.run takes document rules; "${name}" is a project rule: use runProject.`);
    const documentRule = rule;
    describe(name, () => {
      describe('valid', () => {
        for (const raw of tests.valid) {
          const item = typeof raw === 'string' ? { code: raw } : raw;
          it(title(item.code, item.name), async () => {
            const { messages } = await runAlone(name, documentRule, item);
            expect(messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const item of tests.invalid) {
          it(title(item.code, item.name), async () => {
            const { messages, output } = await runAlone(name, documentRule, item);
            checkMessages(documentRule, messages, item.errors);
            const fixed = output !== item.code.replace(/^\uFEFF/, '');
            if (item.output === null) {
              expect(fixed, 'the rule fixed the code, but output: null says it must not').toBe(false);
            } else if (item.output === undefined) {
              expect(fixed, `the rule fixed the code; add output:\n${output}`).toBe(false);
            } else {
              expect(output).toBe(item.output);
            }
          });
        }
      });
    });
  }

  runProject(name: string, rule: RuleModule, tests: ProjectRuleTests): void {
    if (!isProjectRule(rule)) throw new Error(`RuleTester.runProject takes project rules; "${name}" is a document rule: use run.`);
    const projectRule: ProjectRuleModule = rule;
    const check = async (item: ProjectValidCase) => {
      const project = await loadProject(item.fixture);
      const results = await lint(project, {
        rules: { [name]: projectRule },
        presets: { recommended: {}, strict: {} },
        config: { extends: [], rules: { [name]: ['error', ...(item.options ?? [])] } },
      });
      return results.flatMap((r) =>
        r.messages.filter((m) => m.ruleId === name).map((m) => ({ ...m, file: path.relative(project.root, r.filePath).split(path.sep).join('/') })),
      );
    };
    describe(name, () => {
      describe('valid', () => {
        for (const item of tests.valid) {
          it(item.name ?? path.basename(item.fixture), async () => {
            const messages = await check(item);
            expect(messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.message}`)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const item of tests.invalid) {
          it(item.name ?? path.basename(item.fixture), async () => {
            const messages = await check(item);
            const summary = messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.messageId ?? ''} ${m.message}`).join('\n');
            expect(messages.length, `expected ${item.errors.length} problem(s), got:\n${summary}`).toBe(item.errors.length);
            item.errors.forEach((error, index) => {
              const message = messages[index]!;
              expect(message.messageId, `problem ${index + 1}: ${message.message}`).toBe(error.messageId);
              if (error.file !== undefined) expect(message.file, `problem ${index + 1} file`).toBe(error.file);
              if (error.line !== undefined) expect(message.line, `problem ${index + 1} line`).toBe(error.line);
              if (error.column !== undefined) expect(message.column, `problem ${index + 1} column`).toBe(error.column);
            });
          });
        }
      });
    });
  }
}

export type { DocumentRuleModule, ProjectRuleModule, RuleModule } from './types.js';
