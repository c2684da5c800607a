import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GovernError } from '../src/errors.js';
import { loadProject } from '../src/load/project.js';
import { resolveRuleConfig } from '../src/lint/config.js';
import { lint, lintText } from '../src/lint/engine.js';
import { matchesGlob } from '../src/text/glob.js';
import { testPresets, testRules } from './helpers/lint-rules.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/lint/', import.meta.url));
const options = { rules: testRules, presets: testPresets };

describe('lint', () => {
  it('reports document-rule problems with ESLint result shapes and counts', async () => {
    const project = await loadProject(path.join(fixtures, 'basic'));
    const results = await lint(project, options);
    expect(results.map((r) => path.relative(project.root, r.filePath))).toEqual(['AGENTS.md', 'docs/PRODUCT.md', 'status.md']);
    const agents = results[0]!;
    expect(agents.messages).toEqual([
      {
        ruleId: 'no-heading-colon',
        severity: 2,
        message: 'Heading "Commands:" ends with a colon.',
        messageId: 'colon',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 13,
        fix: { range: [21, 22], text: '' },
      },
    ]);
    expect(agents).toMatchObject({ errorCount: 1, warningCount: 0, fixableErrorCount: 1, fixableWarningCount: 0, fatalErrorCount: 0 });
    expect(agents.source).toBe('# Agents\n\n## Commands:\n\n- Test: `pnpm test`\n');
    expect(agents.output).toBeUndefined();
    expect(results[1]!.messages).toEqual([]);
    expect(results[1]!.source).toBeUndefined();
    // status.md: the directive suppresses its heading.
    expect(results[2]!.messages).toEqual([]);
    expect(results[2]!.suppressedMessages).toHaveLength(1);
    expect(results[2]!.suppressedMessages[0]!.suppressions).toEqual([{ kind: 'directive', justification: 'the template names it so' }]);
  });

  it('reports only in the files asked for, while project rules still see every document', async () => {
    const project = await loadProject(path.join(fixtures, 'fixable'));
    const strict = { ...options, config: { extends: ['govern:strict'] } };
    const all = await lint(project, strict);
    expect(all.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}`))).toEqual([
      'AGENTS.md:3 no-heading-colon',
      'AGENTS.md:5 no-heading-colon',
      'status.md:3 no-heading-colon',
      'status.md:5 final-newline',
    ]);
    const only = await lint(project, { ...strict, files: ['./status.md'] });
    expect(only.map((r) => path.basename(r.filePath))).toEqual(['status.md']);
    expect(only[0]!.messages.map((m) => m.ruleId)).toEqual(['no-heading-colon', 'final-newline']);
    // Project-rule positions and fixes point into the file's text (no BOM, CRLF kept).
    expect(only[0]!.messages[1]).toMatchObject({ severity: 1, line: 5, column: 20, fix: { range: [43, 43], text: '\r\n' } });
  });

  it('applies extends, rules and overrides by glob', async () => {
    const project = await loadProject(path.join(fixtures, 'config-override'));
    const results = await lint(project, options);
    const byFile = Object.fromEntries(results.map((r) => [path.relative(project.root, r.filePath).split(path.sep).join('/'), r.messages]));
    expect(byFile['AGENTS.md']!.map((m) => [m.ruleId, m.severity])).toEqual([['no-heading-colon', 1]]);
    expect(byFile['specs/001-login/spec.md']).toEqual([]);
  });

  it('turns parse diagnostics into problems: warnings stay warnings, errors errors', async () => {
    const project = await loadProject(path.join(fixtures, 'basic'));
    project.diagnostics.push(
      { ruleId: 'govern/parse-state', severity: 'warning', message: 'Odd state.', file: 'status.md', line: 6, column: 3 },
      { ruleId: 'govern/parse-state', severity: 'info', message: 'Just so you know.', file: 'status.md', line: 1, column: 1 },
      { ruleId: 'govern/read', severity: 'error', message: 'Cannot read file (permission denied).', file: 'AGENTS.md', line: 1, column: 1 },
    );
    const results = await lint(project, { ...options, config: { extends: [] } });
    expect(results[2]!.messages).toEqual([{ ruleId: 'govern/parse-state', severity: 1, message: 'Odd state.', line: 6, column: 3 }]);
    expect(results[0]!.messages[0]).toMatchObject({ ruleId: 'govern/read', severity: 2, fatal: true });
    expect(results[0]!.fatalErrorCount).toBe(1);
  });

  it('configures parse diagnostics like rules: off, another level, overrides and inline directives', async () => {
    const root = path.join(fixtures, 'parser-diagnostics');
    const tasks = 'specs/014-tags/tasks.md';
    const run = async (config: LintOptions['config'], project?: Awaited<ReturnType<typeof loadProject>>) => {
      const results = await lint(project ?? (await loadProject(root)), { ...options, config });
      return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId} ${m.severity}`));
    };
    // Not configured: each keeps its own severity (a task id used twice is a warning).
    expect(await run({ extends: [] })).toEqual([`${tasks}:6 govern/parse-tasks 1`, `${tasks}:8 govern/parse-tasks 1`]);
    expect(await run({ extends: [], rules: { 'govern/parse-tasks': 'off' } })).toEqual([]);
    expect(await run({ extends: [], rules: { 'govern/parse-tasks': 'error' } })).toEqual([`${tasks}:6 govern/parse-tasks 2`, `${tasks}:8 govern/parse-tasks 2`]);
    expect(await run({ extends: [], overrides: [{ files: 'specs/**', rules: { 'govern/parse-tasks': 'off' } }] })).toEqual([]);
    // Another reader's diagnostics are not touched by this id.
    expect(await run({ extends: [], rules: { 'govern/parse-spec': 'off' } })).toHaveLength(2);
    // A directive names the id as it names a rule (specs/015-notes/tasks.md holds one).
    const directed = await lint(await loadProject(root), { ...options, config: { extends: [] } });
    expect(directed.flatMap((r) => r.suppressedMessages.map((m) => `${path.basename(path.dirname(r.filePath))}:${m.line} ${m.ruleId}`))).toEqual([
      '015-notes:5 govern/parse-tasks',
    ]);
  });

  it('keeps a file that could not be read at all an error whatever the config says, and refuses options for parse diagnostics', async () => {
    const project = await loadProject(path.join(fixtures, 'basic'));
    project.diagnostics.push(
      { ruleId: 'govern/read', severity: 'error', message: 'Cannot read file (permission denied).', file: 'AGENTS.md', line: 1, column: 1 },
      { ruleId: 'govern/read', severity: 'warning', message: 'Not UTF-8; read as Latin-1.', file: 'status.md', line: 1, column: 1 },
    );
    const results = await lint(project, { ...options, config: { extends: [], rules: { 'govern/read': 'off' } } });
    expect(results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId} ${m.severity}`))).toEqual(['AGENTS.md govern/read 2']);
    await expect(resolveRuleConfig({ rules: { 'govern/parse-tasks': ['warn', {}] } }, testRules, testPresets)).rejects.toThrow(
      'Rule "govern/parse-tasks" in rules of config takes no options',
    );
    await expect(resolveRuleConfig({ rules: { 'govern/parse-nothing': 'off' } }, testRules, testPresets)).rejects.toThrow('Unknown rule "govern/parse-nothing"');
  });

  it('reports a crashing rule as a fatal problem and goes on', async () => {
    const project = await loadProject(path.join(fixtures, 'basic'));
    const results = await lint(project, { ...options, config: { rules: { crashes: 'error' } } });
    expect(results[0]!.messages.map((m) => [m.ruleId, m.fatal ?? false, m.line])).toEqual([
      ['crashes', true, 1],
      ['no-heading-colon', false, 3],
    ]);
    expect(results[0]!.messages[0]!.message).toBe('Rule "crashes" failed on this file: boom');
  });

  it('lints text from standard input as a state document unless its name says otherwise', async () => {
    const body = '## Handoff:\n\n- Goal status: done\n';
    const [state] = await lintText(body, 'stdin.md', { ...options, cwd: fixtures, config: { rules: { 'no-heading-colon': ['error', { allow: [] }] } } });
    expect(state!.filePath).toBe(path.join(fixtures, 'stdin.md'));
    expect(state!.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual(['1:1 Heading "Handoff:" ends with a colon.']);
    const [fixed] = await lintText(`\uFEFF${body}`, 'AGENTS.md', { ...options, cwd: fixtures, fix: true });
    expect(fixed!.output).toBe('\uFEFF## Handoff\n\n- Goal status: done\n');
    expect(fixed!.messages).toEqual([]);
  });
});

describe('rule config', () => {
  it('throws one line naming an unknown rule', async () => {
    const project = await loadProject(path.join(fixtures, 'bad-config'));
    await expect(lint(project, options)).rejects.toThrow(new GovernError('config', 'Unknown rule "no-such-rule" in rules of govern.config.json'));
  });

  it('checks options against the rule schema with ajv', async () => {
    await expect(resolveRuleConfig({ rules: { 'no-heading-colon': ['error', { allow: 'x' }] } }, testRules, testPresets)).rejects.toThrow(
      'Invalid options for rule "no-heading-colon" in rules of config: options[0].allow must be array',
    );
    await expect(resolveRuleConfig({ rules: { 'no-heading-colon': ['error', {}, {}] } }, testRules, testPresets)).rejects.toThrow(
      'options must NOT have more than 1 items',
    );
    await expect(resolveRuleConfig({ rules: { 'final-newline': ['warn', true] } }, testRules, testPresets)).rejects.toThrow(
      'Rule "final-newline" in rules of config takes no options',
    );
    await expect(resolveRuleConfig({ rules: { 'no-heading-colon': 'loud' as 'warn' } }, testRules, testPresets)).rejects.toThrow(GovernError);
    await expect(resolveRuleConfig({ extends: ['govern:all'] }, testRules, testPresets)).rejects.toThrow('Unknown preset "govern:all"');
  });

  it('keeps earlier options when a later setting gives only a level; accepts govern/ prefixed ids', async () => {
    const resolved = await resolveRuleConfig(
      {
        rules: { 'govern/no-heading-colon': ['warn', { allow: ['Usage:'] }] },
        overrides: [{ files: 'AGENTS.md', rules: { 'no-heading-colon': 'error' } }, { files: ['specs/*/spec.md'], rules: { 'no-heading-colon': 0 } }],
      },
      testRules,
      testPresets,
    );
    expect(resolved.forFile('status.md').get('no-heading-colon')).toEqual({ severity: 1, options: [{ allow: ['Usage:'] }] });
    expect(resolved.forFile('packages/a/AGENTS.md').get('no-heading-colon')).toEqual({ severity: 2, options: [{ allow: ['Usage:'] }] });
    expect(resolved.forFile('specs/001-x/spec.md').has('no-heading-colon')).toBe(false);
  });

  it('defaults to recommended; extends: [] starts from nothing; strict adds strict rules', async () => {
    expect([...(await resolveRuleConfig({}, testRules, testPresets)).base.keys()]).toEqual(['no-heading-colon']);
    expect([...(await resolveRuleConfig({ extends: [] }, testRules, testPresets)).base.keys()]).toEqual([]);
    expect([...(await resolveRuleConfig({ extends: ['govern:strict'] }, testRules, testPresets)).base.keys()].sort()).toEqual(['final-newline', 'no-heading-colon']);
  });

  it('matches globs with *, **, ?, [] and {a,b}', () => {
    expect(matchesGlob('specs/001-a/spec.md', 'specs/**/*.md')).toBe(true);
    expect(matchesGlob('specs/spec.md', 'specs/**/*.md')).toBe(true);
    expect(matchesGlob('specs/a/spec.md', 'specs/*.md')).toBe(false);
    expect(matchesGlob('AGENTS.md', '**/AGENTS.md')).toBe(true);
    expect(matchesGlob('.agent/status.md', '{docs,.agent}/status.md')).toBe(true);
    expect(matchesGlob('xdocs/status.md', '{docs,.agent}/status.md')).toBe(false);
    expect(matchesGlob('spec1.md', 'spec?.md')).toBe(true);
    expect(matchesGlob('3-x.md', '[0-9]*.md')).toBe(true);
    expect(matchesGlob('a+b(c).md', 'a+b(c).md')).toBe(true);
  });
});

describe('lint with defaults', () => {
  const api = fileURLToPath(new URL('../../../fixtures/api', import.meta.url));

  it('runs govern:recommended with govern\'s rules when given no options', async () => {
    const project = await loadProject(api);
    const { rules, configs } = await import('@govern/eslint-style-rules');
    const byDefault = await lint(project);
    const explicit = await lint(project, { rules, presets: { recommended: configs.recommended.rules, strict: configs.strict.rules }, config: project.config });
    expect(byDefault).toEqual(explicit);
    expect(byDefault.flatMap((r) => r.messages.map((m) => `${path.relative(api, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`))).toEqual(['status.md:16:15 handoff-owner']);
  });

  it('takes presets in ESLint\'s shape, as the rules package exports them', async () => {
    const project = await loadProject(api);
    const { rules, configs } = await import('@govern/eslint-style-rules');
    const results = await lint(project, { rules, presets: configs, config: { extends: ['govern:strict'] } });
    expect(results.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('handoff-owner');
  });

  it('builds the presets from the rules given when none are', async () => {
    const results = await lintText('# Agents\n\n## Commands:\n', 'AGENTS.md', { rules: testRules });
    // no-heading-colon is a recommended suggestion among the test rules: a warning (testPresets would make it an error).
    expect(results[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([['no-heading-colon', 1]]);
  });
});
