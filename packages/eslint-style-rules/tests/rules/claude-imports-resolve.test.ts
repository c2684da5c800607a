import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, loadProject } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import rule from '../../src/rules/claude-imports-resolve.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (name: string) => path.join(repo, 'fixtures', name);

new RuleTester({ describe, it }).runProject('claude-imports-resolve', rule, {
  valid: [
    { fixture: fixture('example') },
    { fixture: fixture('speckit') },
    { fixture: fixture('agent-specs') },
    { fixture: fixture('status-backlog') },
    { fixture: fixture('messy') },
    { fixture: fixture('product-formats') },
    { fixture: fixture('claude-symlink') },
    { fixture: fixture('claude-fence-only'), name: 'claude-fence-only: mentions in code are not imports' },
    { fixture: fixture('agents-only') },
    { fixture: fixture('empty') },
    { fixture: fixture('rules/claude-imports-resolve/clean'), name: 'home imports, handles, package scopes and code spans' },
    { fixture: fixture('rules/claude-imports-agents/transitive'), name: 'a chain of two hops' },
  ],
  invalid: [
    {
      fixture: fixture('rules/claude-imports-resolve/broken'),
      errors: [
        { messageId: 'missing', file: 'CLAUDE.md', line: 6, column: 22 },
        { messageId: 'outside', file: 'CLAUDE.md', line: 7, column: 24 },
        { messageId: 'directory', file: 'CLAUDE.md', line: 9, column: 23 },
        { messageId: 'cycle', file: 'docs/glossary.md', line: 3, column: 23 },
        { messageId: 'tooDeep', file: 'docs/memory/four.md', line: 3, column: 1 },
      ],
    },
    {
      fixture: fixture('rules/claude-imports-agents/wrong-path'),
      name: '@web/AGENTS.md in web/CLAUDE.md is read from web/: the one report of that cause',
      errors: [{ messageId: 'missing', file: 'web/CLAUDE.md', line: 5, column: 1 }],
    },
    {
      fixture: fixture('rules/claude-imports-agents/too-deep'),
      name: 'AGENTS.md five hops away',
      errors: [{ messageId: 'tooDeep', file: 'memory/m4.md', line: 3, column: 1 }],
    },
  ],
});

describe('claude-imports-resolve messages', () => {
  it('names the import, the target and the cycle', async () => {
    const project = await loadProject(fixture('rules/claude-imports-resolve/broken'));
    const results = await lint(project, {
      rules: { 'claude-imports-resolve': rule },
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: { 'claude-imports-resolve': 'error' } },
    });
    const messages = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'claude-imports-resolve').map((m) => m.message));
    expect(messages).toEqual([
      'Import "@docs/release-checklist.md" names docs/release-checklist.md, which does not exist, so Claude Code loads nothing; fix the path or remove the import.',
      'Import "@../team-prompts/claude.md" points outside the repository, so nobody else who clones it gets that file; move the file into the repository, or use "@~/..." for personal instructions.',
      'Import "@./docs/" names the directory docs, and Claude Code imports files only; name the file to load (for example docs/README.md).',
      'Import "@architecture.md" closes an import cycle (docs/architecture.md -> docs/glossary.md -> docs/architecture.md); remove one of these imports so each file is imported once.',
      'Import "@five.md" loads docs/memory/five.md 5 imports away from CLAUDE.md, and Claude Code stops after 4; import it from a file closer to CLAUDE.md.',
    ]);
  });
});
