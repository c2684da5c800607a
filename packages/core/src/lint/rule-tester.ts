import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULT_DOCUMENT_GLOBS, kindsForFile, readModels } from '../kinds/index.js';
import { loadProject } from '../load/project.js';
import { detectLineEnding } from '../load/read.js';
import { loadMarkdownParser } from '../parse/markdown.js';
import { validateRuleOptions } from './config.js';
import { byPosition, runDocumentRules } from './document-runner.js';
import { isProjectRule, lint } from './engine.js';
import { applyFixes } from './fixes.js';
import type { DocumentRuleModule, LintMessage, ProjectRuleModule, RuleModule } from './types.js';

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

/** The two functions of a test runner the tester declares its cases with: vitest's, mocha's or node:test's `describe` and `it`. */
export interface TestFunctions {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

function defaultFilename(rule: DocumentRuleModule): string {
  const kind = rule.meta.govern?.kinds?.[0] ?? 'state';
  const glob = DEFAULT_DOCUMENT_GLOBS[kind][0]!;
  return glob.replace(/\*\*\//g, '').replace(/\*/g, kind === 'review' ? 'review' : '001-example');
}

function title(code: string, name?: string): string {
  if (name) return name;
  const line = code.split(/\r?\n/).find((l) => l.trim() !== '') ?? '(empty)';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** Lints `code` with `rule` alone (at severity error), as `govern check` would, without directives. */
async function runAlone(name: string, rule: DocumentRuleModule, item: ValidCase): Promise<{ messages: LintMessage[]; output: string }> {
  const options = item.options ?? [];
  await validateRuleOptions(name, rule, options);
  const filename = item.filename ?? defaultFilename(rule);
  const found = kindsForFile(filename, {});
  const kinds = found.length > 0 ? found : (['state'] as const);
  const parser = await loadMarkdownParser();
  const text = item.code.charCodeAt(0) === 0xfeff ? item.code.slice(1) : item.code;
  const { document } = parser.parse(filename, text);
  const messages = runDocumentRules({
    file: filename,
    absolutePath: path.resolve('/repo', filename),
    cwd: path.resolve('/repo'),
    eol: detectLineEnding(text),
    kinds: [...kinds],
    document,
    models: readModels(document, kinds).models,
    rules: [{ id: name, rule, severity: 2, options }],
    rethrow: true,
  }).sort(byPosition);
  return { messages, output: applyFixes(text, messages).text };
}

function checkMessages(rule: RuleModule, messages: LintMessage[], errors: InvalidCase['errors']): void {
  const summary = messages.map((m) => `${m.line}:${m.column} ${m.messageId ?? ''} ${m.message}`).join('\n');
  if (typeof errors === 'number') {
    assert.equal(messages.length, errors, `expected ${errors} problem(s), got:\n${summary}`);
    return;
  }
  assert.equal(messages.length, errors.length, `expected ${errors.length} problem(s), got:\n${summary}`);
  errors.forEach((error, index) => {
    const message = messages[index]!;
    assert.ok(Object.hasOwn(rule.meta.messages, error.messageId), `"${error.messageId}" is not in meta.messages`);
    assert.equal(message.messageId, error.messageId, `problem ${index + 1}: ${message.message}`);
    if (error.data) {
      let expected = rule.meta.messages[error.messageId]!;
      expected = expected.replace(/\{\{([^{}]+?)\}\}/g, (whole, key: string) => (Object.hasOwn(error.data!, key.trim()) ? String(error.data![key.trim()]) : whole));
      assert.equal(message.message, expected, `problem ${index + 1} text`);
    }
    for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
      if (error[key] !== undefined) assert.equal(message[key], error[key], `problem ${index + 1} ${key}`);
    }
  });
}

/**
 * ESLint's RuleTester for govern rules: `run` for document rules (Markdown in, problems and fix output
 * checked), `runProject` for project rules (fixture repositories in, problems checked). Each case is a
 * test of the runner whose `describe` and `it` it is given (as ESLint's tester, it takes the global ones
 * when there are); failures are `node:assert` errors, which every runner reports.
 */
export class RuleTester {
  readonly #describe: TestFunctions['describe'];
  readonly #it: TestFunctions['it'];

  constructor(testing?: TestFunctions) {
    const globals = globalThis as Partial<TestFunctions>;
    const describe = testing?.describe ?? globals.describe;
    const it = testing?.it ?? globals.it;
    if (!describe || !it) throw new Error('RuleTester needs a test runner: pass { describe, it } from it (vitest, mocha, node:test).');
    this.#describe = describe;
    this.#it = it;
  }

  run(name: string, rule: RuleModule, tests: DocumentRuleTests): void {
    if (isProjectRule(rule)) throw new Error(`RuleTester.run takes document rules; "${name}" is a project rule: use runProject.`);
    const documentRule = rule;
    const describe = this.#describe;
    const it = this.#it;
    describe(name, () => {
      describe('valid', () => {
        for (const raw of tests.valid) {
          const item = typeof raw === 'string' ? { code: raw } : raw;
          it(title(item.code, item.name), async () => {
            const { messages } = await runAlone(name, documentRule, item);
            assert.deepEqual(messages.map((m) => `${m.line}:${m.column} ${m.message}`), []);
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
              assert.equal(fixed, false, 'the rule fixed the code, but output: null says it must not');
            } else if (item.output === undefined) {
              assert.equal(fixed, false, `the rule fixed the code; add output:\n${output}`);
            } else {
              assert.equal(output, item.output);
            }
          });
        }
      });
    });
  }

  runProject(name: string, rule: RuleModule, tests: ProjectRuleTests): void {
    if (!isProjectRule(rule)) throw new Error(`RuleTester.runProject takes project rules; "${name}" is a document rule: use run.`);
    const projectRule: ProjectRuleModule = rule;
    const describe = this.#describe;
    const it = this.#it;
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
            assert.deepEqual(messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.message}`), []);
          });
        }
      });
      describe('invalid', () => {
        for (const item of tests.invalid) {
          it(item.name ?? path.basename(item.fixture), async () => {
            const messages = await check(item);
            const summary = messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.messageId ?? ''} ${m.message}`).join('\n');
            assert.equal(messages.length, item.errors.length, `expected ${item.errors.length} problem(s), got:\n${summary}`);
            item.errors.forEach((error, index) => {
              const message = messages[index]!;
              assert.equal(message.messageId, error.messageId, `problem ${index + 1}: ${message.message}`);
              if (error.file !== undefined) assert.equal(message.file, error.file, `problem ${index + 1} file`);
              if (error.line !== undefined) assert.equal(message.line, error.line, `problem ${index + 1} line`);
              if (error.column !== undefined) assert.equal(message.column, error.column, `problem ${index + 1} column`);
            });
          });
        }
      });
    });
  }
}

export type { DocumentRuleModule, ProjectRuleModule, RuleModule } from './types.js';
