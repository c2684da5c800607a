import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, loadProject } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import { afterEach, describe, expect, it } from 'vitest';
import rule from '../../src/rules/claude-duplicates-agents.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (name: string) => path.join(repo, 'fixtures', name);
const larder = fixture('rules/claude-duplicates-agents/larder');

new RuleTester({ describe, it }).runProject('claude-duplicates-agents', rule, {
  valid: [
    { fixture: fixture('example'), name: 'example: @AGENTS.md and Claude-only notes' },
    {
      fixture: fixture('rules/claude-imports-agents/reading-list-names-claude'),
      name: 'two reading lists of the same files: items that only name a file are pointers, not copied conventions',
    },
    { fixture: fixture('speckit'), name: 'speckit' },
    { fixture: fixture('agent-specs'), name: 'agent-specs' },
    { fixture: fixture('status-backlog'), name: 'status-backlog' },
    { fixture: fixture('messy'), name: 'messy' },
    { fixture: fixture('product-formats'), name: 'product-formats' },
    { fixture: fixture('claude-symlink'), name: 'claude-symlink: CLAUDE.md is a link to AGENTS.md' },
    { fixture: fixture('agents-only'), name: 'agents-only: no CLAUDE.md is fine' },
    { fixture: fixture('empty'), name: 'empty repository' },
    {
      fixture: fixture('rules/claude-duplicates-agents/passing-mention'),
      name: 'passing-mention: three commands named in passing in one sentence of a Claude-only note are a mention, not a copied list',
    },
    {
      fixture: fixture('rules/claude-duplicates-agents/tool-block'),
      name: "tool-block: Spec Kit's `<!-- SPECKIT START -->` block, written into both files by the tool, is not copied guidance",
    },
  ],
  invalid: [
    {
      fixture: larder,
      name: 'larder: a copied section, a copied block, three repeated commands; the Claude-only CLAUDE.md of packages/web is clean',
      errors: [
        { messageId: 'section', file: 'CLAUDE.md', line: 3, column: 1, includes: 'The "Build and test" section of CLAUDE.md repeats the one in AGENTS.md (line 3)' },
        { messageId: 'lines', file: 'packages/api/CLAUDE.md', line: 7, column: 1, includes: 'Lines 7-9 of packages/api/CLAUDE.md repeat packages/api/AGENTS.md (lines 5-7)' },
        {
          messageId: 'commands',
          file: 'packages/cli/CLAUDE.md',
          line: 7,
          column: 19,
          includes: 'packages/cli/CLAUDE.md repeats 3 commands of packages/cli/AGENTS.md (pnpm --filter cli lint, pnpm --filter cli test, pnpm --filter cli build)',
        },
      ],
    },
  ],
});

describe('claude-duplicates-agents on variants of the larder', () => {
  const made: string[] = [];
  const copy = (): string => {
    const root = mkdtempSync(path.join(tmpdir(), 'govern-claude-duplicates-'));
    made.push(root);
    cpSync(larder, root, { recursive: true });
    return root;
  };
  afterEach(() => {
    for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  const edit = (root: string, file: string, change: (text: string) => string) => writeFileSync(path.join(root, file), change(readFileSync(path.join(root, file), 'utf8')));
  const reported = async (root: string) => {
    const results = await lint(await loadProject(root), { rules: { 'claude-duplicates-agents': rule }, config: { extends: [], rules: { 'claude-duplicates-agents': 'warn' } } });
    return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.messageId}`));
  };

  it('the exact messages', async () => {
    const results = await lint(await loadProject(larder), { rules: { 'claude-duplicates-agents': rule }, config: { extends: [], rules: { 'claude-duplicates-agents': 'warn' } } });
    expect(results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([
      'The "Build and test" section of CLAUDE.md repeats the one in AGENTS.md (line 3); keep it in AGENTS.md only — "@AGENTS.md" brings it in — so the two cannot drift apart.',
      'Lines 7-9 of packages/api/CLAUDE.md repeat packages/api/AGENTS.md (lines 5-7); keep that text in packages/api/AGENTS.md only and let "@AGENTS.md" bring it in; packages/api/CLAUDE.md keeps what is only for Claude.',
      'packages/cli/CLAUDE.md repeats 3 commands of packages/cli/AGENTS.md (pnpm --filter cli lint, pnpm --filter cli test, pnpm --filter cli build); keep the commands in packages/cli/AGENTS.md only — "@AGENTS.md" gives them to Claude Code — so a changed command is not left stale here.',
    ]);
  });

  it('two copied lines are not a copied block; two repeated commands are not a copy', async () => {
    const root = copy();
    edit(root, 'packages/api/CLAUDE.md', (t) => t.replace('- Errors are returned as problem+json with a stable `type` URL.\n', ''));
    edit(root, 'packages/cli/CLAUDE.md', (t) => t.replace('`pnpm --filter cli build`', '`/release`'));
    expect(await reported(root)).toEqual(['CLAUDE.md:3:1 section']);
  });

  it('a CLAUDE.md that copies AGENTS.md in several places gets one report, naming them', async () => {
    const root = copy();
    writeFileSync(path.join(root, 'CLAUDE.md'), readFileSync(path.join(root, 'AGENTS.md'), 'utf8'));
    const results = await lint(await loadProject(root), { rules: { 'claude-duplicates-agents': rule }, config: { extends: [], rules: { 'claude-duplicates-agents': 'warn' } } });
    expect(results.flatMap((r) => r.messages.filter((m) => path.relative(root, r.filePath) === 'CLAUDE.md').map((m) => `${m.line}:${m.column} ${m.message}`))).toEqual([
      '3:1 CLAUDE.md repeats AGENTS.md in 2 places (lines 3-8, 10-14); keep that text in AGENTS.md only — "@AGENTS.md" brings it in — and keep in CLAUDE.md what is only for Claude, so the two cannot drift apart.',
    ]);
  });

  it('a CLAUDE.md that is a link to AGENTS.md repeats nothing', async () => {
    const root = copy();
    rmSync(path.join(root, 'CLAUDE.md'));
    symlinkSync('AGENTS.md', path.join(root, 'CLAUDE.md'));
    expect(await reported(root)).toEqual(['packages/api/CLAUDE.md:7:1 lines', 'packages/cli/CLAUDE.md:7:19 commands']);
  });
});
