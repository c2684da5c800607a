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
