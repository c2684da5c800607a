import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import markdown from '@eslint/markdown';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText, type DocumentRuleModule, type LintMessage, type RuleModule } from '@govern/core';
import { rules as governRules } from '@govern/eslint-style-rules';
import plugin, { createEslintPlugin, type EslintPlugin } from '@govern/eslint-style-rules/eslint-plugin';
import { finalNewline, noHeadingColon } from '../../core/tests/helpers/lint-rules.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = path.join(repo, 'fixtures');

/** Reports every handoff heading; fixes a tight one with a line break, so CRLF handling shows in both tools. */
const handoffNeedsBlankLine: DocumentRuleModule<[], 'tight'> = {
  meta: {
    type: 'layout',
    docs: { description: 'A handoff heading is followed by a blank line', recommended: true },
    messages: { tight: 'Handoff heading "{{text}}" needs a line after it.' },
    schema: [],
    fixable: 'whitespace',
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    return {
      root(root) {
        root.children.forEach((node, i) => {
          if (node.type !== 'heading') return;
          const text = context.sourceCode.getText(node);
          const next = root.children[i + 1];
          if (!/handoff/i.test(text)) return;
          const tight = next !== undefined && next.position!.start.line === node.position!.end.line + 1;
        context.report({
          loc: { start: node.position!.start, end: node.position!.end },
          messageId: 'tight',
          data: { text: text.replace(/^#+\s*/, '') },
          fix: tight ? (fixer) => fixer.insertTextAfter(node, '\n') : null,
        });
        });
      },
    };
  },
};

/** Reads `document.frontmatter` and `settings.govern`, which only govern passes natively. */
const frontmatterTitle: DocumentRuleModule<[], 'title'> = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Reports the front matter title', recommended: false },
    messages: { title: 'Title {{title}} in {{file}} ({{kinds}}).' },
    schema: [],
  },
  create(context) {
    return {
      yaml(node) {
        const title = context.document.frontmatter?.['title'];
        if (typeof title !== 'string') return;
        const govern = context.settings.govern;
        context.report({ node, messageId: 'title', data: { title, file: govern?.file, kinds: govern?.kinds.join(',') } });
      },
    };
  },
};

const engineRules: Record<string, RuleModule> = {
  'no-heading-colon': noHeadingColon,
  'final-newline': finalNewline,
  'handoff-blank-line': handoffNeedsBlankLine,
  'frontmatter-title': frontmatterTitle,
};

type Compared = Pick<LintMessage, 'ruleId' | 'severity' | 'message' | 'line' | 'column' | 'endLine' | 'endColumn' | 'fix'>;

function compared(message: LintMessage | Linter.LintMessage, prefix: string): Compared {
  const out: Compared = {
    ruleId: message.ruleId === null ? null : `${prefix}${message.ruleId}`,
    severity: message.severity as 1 | 2,
    message: message.message,
    line: message.line,
    column: message.column,
  };
  if (message.endLine !== undefined) out.endLine = message.endLine;
  if (message.endColumn !== undefined) out.endColumn = message.endColumn;
  if (message.fix) out.fix = { range: [message.fix.range[0], message.fix.range[1]], text: message.fix.text };
  return out;
}

async function markdownFiles(dir: string, base = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await markdownFiles(full, base)));
    else if (entry.name.endsWith('.md')) found.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return found.sort();
}

function eslintFor(cwd: string, eslintPlugin: EslintPlugin, ruleIds: string[]): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.md'],
        plugins: { markdown, govern: eslintPlugin as unknown as ESLint.Plugin },
        language: 'markdown/gfm',
        languageOptions: { frontmatter: 'yaml' },
        rules: Object.fromEntries(ruleIds.map((id) => [`govern/${id}`, 'error'])),
      },
    ],
  });
}

/** Every problem a document rule finds, in govern (`lintText`) and in ESLint (`lintFiles`), per file. */
async function bothTools(cwd: string, rules: Record<string, RuleModule>, ruleIds: string[]) {
  const eslintPlugin = createEslintPlugin(rules);
  const eslint = eslintFor(cwd, eslintPlugin, ruleIds);
  const files = await markdownFiles(cwd);
  const results = await eslint.lintFiles(files);
  const byFile = new Map(results.map((r) => [path.relative(cwd, r.filePath).split(path.sep).join('/'), r]));
  const pairs: Array<{ file: string; govern: Compared[]; eslint: Compared[] }> = [];
  for (const file of files) {
    const text = await readFile(path.join(cwd, file), 'utf8');
    const [result] = await lintText(text, file, {
      cwd,
      rules,
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: Object.fromEntries(ruleIds.map((id) => [id, 'error'])) },
    });
    const ids = new Set(ruleIds);
    const governMessages = result!.messages.filter((m) => m.ruleId !== null && ids.has(m.ruleId)).map((m) => compared(m, 'govern/'));
    const eslintMessages = (byFile.get(file)?.messages ?? []).map((m) => compared(m, ''));
    pairs.push({ file, govern: governMessages, eslint: eslintMessages });
  }
  return pairs;
}

let tmp: string;

/** `bothTools` over each one-document repository under the temporary folder; files named `<repo>/<file>`. */
async function tmpRepos(rules: Record<string, RuleModule>, ruleIds: string[]) {
  const pairs: Awaited<ReturnType<typeof bothTools>> = [];
  for (const name of (await readdir(tmp)).sort()) {
    for (const pair of await bothTools(path.join(tmp, name), rules, ruleIds)) pairs.push({ ...pair, file: `${name}/${pair.file}` });
  }
  return pairs;
}
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'govern-eslint-'));
  // Each handoff document becomes the status file of its own repository, so its kind (state) is the same in both tools.
  for (const name of await readdir(path.join(fixtures, 'documents/handoff'))) {
    await mkdir(path.join(tmp, name.replace(/\.md$/, '')), { recursive: true });
    await copyFile(path.join(fixtures, 'documents/handoff', name), path.join(tmp, name.replace(/\.md$/, ''), 'status.md'));
  }
  await mkdir(path.join(tmp, 'frontmatter'), { recursive: true });
  await writeFile(path.join(tmp, 'frontmatter', 'status.md'), '---\r\ntitle: Sprint 4\r\n---\r\n\r\n# Status:\r\n\r\n## Handoff: dev -> review\r\n- Next owner: @dana\r\n');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const FIXTURE_REPOS = ['messy', 'example', 'speckit', 'status-backlog', 'agent-specs'];

describe('the plugin object', () => {
  it('names itself, holds document rules only, and has flat recommended and strict configs', () => {
    const built = createEslintPlugin(engineRules);
    expect(built.meta).toEqual({ name: '@govern/eslint-style-rules', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Object.keys(built.rules).sort()).toEqual(['frontmatter-title', 'handoff-blank-line', 'no-heading-colon']);
    expect(built.configs.recommended).toMatchObject({
      files: ['**/*.md'],
      language: 'markdown/gfm',
      languageOptions: { frontmatter: 'yaml' },
      rules: { 'govern/no-heading-colon': 'warn', 'govern/handoff-blank-line': 'warn' },
    });
    expect(built.configs.recommended.plugins['govern']).toBe(built);
    expect(built.configs.recommended.rules).not.toHaveProperty('govern/final-newline');
  });

  it('exports govern’s own document rules by default, never its project rules', () => {
    const documentIds = Object.entries(governRules)
      .filter(([, rule]) => (rule.meta.govern?.scope ?? 'document') === 'document')
      .map(([id]) => id)
      .sort();
    expect(Object.keys(plugin.rules).sort()).toEqual(documentIds);
    for (const id of Object.keys(plugin.configs.recommended.rules)) expect(id.startsWith('govern/')).toBe(true);
  });
});

describe('columns', () => {
  it('are 1-based in ESLint results for Markdown, as in govern', async () => {
    const eslint = eslintFor(tmp, createEslintPlugin(engineRules), ['no-heading-colon']);
    const [result] = await eslint.lintText('# Title\n\n## Steps:\n\nText.\n', { filePath: path.join(tmp, 'notes.md') });
    expect(result!.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn])).toEqual([['govern/no-heading-colon', 3, 1, 3, 10]]);
  });
});

describe('the same problems as govern', () => {
  const ids = Object.keys(engineRules).filter((id) => id !== 'final-newline');

  it.each(FIXTURE_REPOS)('engine test rules on fixtures/%s', async (name) => {
    const pairs = await bothTools(path.join(fixtures, name), engineRules, ids);
    for (const pair of pairs) expect({ file: pair.file, messages: pair.eslint }).toEqual({ file: pair.file, messages: pair.govern });
  });

  it('engine test rules on the handoff documents (LF and CRLF) and a front matter file', async () => {
    const pairs = await tmpRepos(engineRules, ids);
    for (const pair of pairs) expect({ file: pair.file, messages: pair.eslint }).toEqual({ file: pair.file, messages: pair.govern });
    const all = pairs.flatMap((p) => p.eslint);
    // The comparison is only worth something if the rules found things, including a CRLF fix and front matter.
    expect(all.filter((m) => m.ruleId === 'govern/handoff-blank-line').length).toBeGreaterThanOrEqual(5);
    const front = pairs.find((p) => p.file === 'frontmatter/status.md')!;
    expect(front.eslint.find((m) => m.ruleId === 'govern/handoff-blank-line')?.fix?.text).toBe('\r\n');
    expect(front.eslint.map((m) => m.message)).toContain('Title Sprint 4 in status.md (state).');
    expect(front.eslint.map((m) => m.ruleId)).toContain('govern/no-heading-colon');
  });

  const documentRuleIds = Object.entries(governRules)
    .filter(([, rule]) => (rule.meta.govern?.scope ?? 'document') === 'document')
    .map(([id]) => id);

  it.runIf(documentRuleIds.length > 0).each([...FIXTURE_REPOS, 'tmp'])("govern's document rules on %s", async (name) => {
    const pairs = name === 'tmp' ? await tmpRepos(governRules, documentRuleIds) : await bothTools(path.join(fixtures, name), governRules, documentRuleIds);
    for (const pair of pairs) expect({ file: pair.file, messages: pair.eslint }).toEqual({ file: pair.file, messages: pair.govern });
  });
});

describe('in an ESLint config', () => {
  it('the recommended config runs with @eslint/markdown registered, and ESLint directives apply', async () => {
    const built = createEslintPlugin(engineRules);
    const eslint = new ESLint({
      cwd: tmp,
      overrideConfigFile: true,
      overrideConfig: [{ plugins: { markdown } }, built.configs.recommended as unknown as Linter.Config],
    });
    const text = '# Plan:\n\n<!-- eslint-disable-next-line govern/no-heading-colon -->\n## Steps:\n';
    const [result] = await eslint.lintText(text, { filePath: path.join(tmp, 'plan.md') });
    expect(result!.messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([['govern/no-heading-colon', 1, 1, 1]]);
    expect(result!.suppressedMessages.map((m) => m.line)).toEqual([4]);
  });

  it('skips a rule on files that are not of its kinds, unless settings.govern.documents says they are', async () => {
    const built = createEslintPlugin(engineRules);
    const config = (settings: Record<string, unknown>): Linter.Config[] => [
      { plugins: { markdown } },
      { ...(built.configs.recommended as unknown as Linter.Config), settings },
    ];
    const text = '## Handoff: a -> b\n- Next owner: @dana\n';
    const plain = new ESLint({ cwd: tmp, overrideConfigFile: true, overrideConfig: config({}) });
    const [skipped] = await plain.lintText(text, { filePath: path.join(tmp, 'notes/log.md') });
    expect(skipped!.messages).toEqual([]);
    const mapped = new ESLint({ cwd: tmp, overrideConfigFile: true, overrideConfig: config({ govern: { documents: { state: ['notes/*.md'] } } }) });
    const [found] = await mapped.lintText(text, { filePath: path.join(tmp, 'notes/log.md') });
    expect(found!.messages.map((m) => m.ruleId)).toEqual(['govern/handoff-blank-line']);
  });

  it('--fix output keeps CRLF line endings', async () => {
    const eslint = new ESLint({
      cwd: tmp,
      fix: true,
      overrideConfigFile: true,
      overrideConfig: [{ plugins: { markdown } }, createEslintPlugin(engineRules).configs.recommended as unknown as Linter.Config],
    });
    const [result] = await eslint.lintText('# Status\r\n\r\n## Handoff: a -> b\r\n- Next owner: @dana\r\n', { filePath: path.join(tmp, 'status.md') });
    expect(result!.output).toBe('# Status\r\n\r\n## Handoff: a -> b\r\n\r\n- Next owner: @dana\r\n');
  });
});
