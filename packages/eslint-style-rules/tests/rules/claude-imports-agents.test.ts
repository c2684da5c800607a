import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, loadProject, parseClaudeImports, parseMarkdown } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import rule from '../../src/rules/claude-imports-agents.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (name: string) => path.join(repo, 'fixtures', name);
const own = (name: string) => fixture(`rules/claude-imports-agents/${name}`);

new RuleTester({ describe, it }).runProject('claude-imports-agents', rule, {
  valid: [
    { fixture: fixture('example'), name: 'example: @AGENTS.md on line 1' },
    { fixture: fixture('speckit'), name: 'speckit: @AGENTS.md before the generated guidelines' },
    { fixture: fixture('agent-specs'), name: 'agent-specs: @AGENTS.md on line 5 of the identity card' },
    { fixture: fixture('status-backlog'), name: 'status-backlog' },
    {
      fixture: fixture('rules/claude-imports-agents/template-folder'),
      name: 'template-folder: the CLAUDE.md and AGENTS.md a Spec Kit extension ships in its templates/ folder are forms to copy, not memory',
    },
    { fixture: fixture('rules/claude-imports-agents/link-as-text'), name: 'CLAUDE.md is a link to AGENTS.md checked out as text' },
    { fixture: fixture('rules/claude-imports-agents/link-as-text-reverse'), name: 'AGENTS.md is a link to CLAUDE.md checked out as text' },
    { fixture: fixture('messy'), name: 'messy: CRLF, @AGENTS.md on the last line' },
    { fixture: fixture('product-formats'), name: 'product-formats' },
    { fixture: fixture('claude-symlink'), name: 'claude-symlink: CLAUDE.md is a link to AGENTS.md' },
    { fixture: fixture('agents-only'), name: 'agents-only: no CLAUDE.md, nothing to import into' },
    { fixture: fixture('empty'), name: 'empty repository' },
    { fixture: own('transitive'), name: 'imported through docs/claude/memory.md' },
    { fixture: own('dot-claude'), name: '.claude/CLAUDE.md imports @../AGENTS.md' },
    { fixture: own('pair'), name: 'CLAUDE.md imports it; .claude/CLAUDE.md, loaded with it, need not' },
    { fixture: own('no-agents'), name: 'CLAUDE.md without an AGENTS.md anywhere' },
    { fixture: own('agents-link'), name: 'AGENTS.md is a link to CLAUDE.md' },
    { fixture: own('agents-defers'), name: 'AGENTS.md sends its reader to CLAUDE.md: CLAUDE.md is the canonical file' },
    { fixture: own('reading-list-names-claude'), name: 'AGENTS.md (in Spanish) lists CLAUDE.md among the files to read first: CLAUDE.md is the canonical file' },
    {
      fixture: own('shared-conventions'),
      name: 'CLAUDE.md and AGENTS.md both open by sending their reader to TEAM_RULES.md: the shared rules are there, AGENTS.md holds the other agent\'s own notes',
    },
    { fixture: own('exported-copies'), name: 'the CLAUDE.md and AGENTS.md under exports/ and a template-root/ folder are copies for other projects, not memory' },
    { fixture: own('wrong-path'), name: 'web/CLAUDE.md imports @web/AGENTS.md, a path from the root that names a file not there: claude-imports-resolve reports that one cause' },
  ],
  invalid: [
    {
      fixture: fixture('claude-fence-only'),
      name: 'claude-fence-only: @AGENTS.md only in a fence and a code span',
      errors: [{ messageId: 'onlyInCode', file: 'CLAUDE.md', line: 1, column: 1 }],
    },
    { fixture: own('missing'), errors: [{ messageId: 'missing', file: 'CLAUDE.md', line: 1, column: 1 }] },
    { fixture: own('frontmatter'), errors: [{ messageId: 'missing', file: 'CLAUDE.md', line: 1, column: 1 }] },
    { fixture: own('crlf'), errors: [{ messageId: 'missing', file: 'CLAUDE.md', line: 1, column: 1 }] },
    {
      fixture: own('too-deep'),
      name: 'AGENTS.md five imports away',
      errors: [{ messageId: 'tooDeep', file: 'CLAUDE.md', line: 1, column: 1 }],
    },
    {
      fixture: own('mutual-pointers'),
      name: 'AGENTS.md asks Claude users to also read CLAUDE.md, but CLAUDE.md extends AGENTS.md and sends Claude there first: AGENTS.md is the canonical file, and only an import loads it',
      errors: [{ messageId: 'missing', file: 'CLAUDE.md', line: 1, column: 1 }],
    },
    {
      fixture: own('copied-stubs'),
      name: 'guides/ and reference/ hold one AGENTS.md stub copied into each; api/ has an AGENTS.md of its own, which its CLAUDE.md skips',
      errors: [{ messageId: 'missing', file: 'api/CLAUDE.md', line: 1, column: 1 }],
    },
    {
      fixture: own('nested'),
      name: 'packages/api/CLAUDE.md skips the AGENTS.md next to it; packages/web has none',
      errors: [{ messageId: 'missing', file: 'packages/api/CLAUDE.md', line: 1, column: 1 }],
    },
  ],
});

async function fixed(dir: string): Promise<Map<string, string>> {
  const project = await loadProject(dir);
  const results = await lint(project, {
    rules: { 'claude-imports-agents': rule },
    presets: { recommended: {}, strict: {} },
    config: { extends: [], rules: { 'claude-imports-agents': 'error' } },
    fix: true,
  });
  const out = new Map<string, string>();
  for (const r of results) if (r.output !== undefined) out.set(path.relative(dir, r.filePath).split(path.sep).join('/'), r.output);
  return out;
}

describe('claude-imports-agents fix', () => {
  it('puts @AGENTS.md on the first line, followed by a blank line', async () => {
    const out = await fixed(own('missing'));
    expect(out.get('CLAUDE.md')).toBe(
      '@AGENTS.md\n\n# quillnote — notes for Claude Code\n\nRead AGENTS.md for the build commands before you change anything.\n\n## Claude-only notes\n\n- Plan in `docs/plans/` before touching `src/sync/`.\n',
    );
  });

  it('goes after the front matter', async () => {
    const out = await fixed(own('frontmatter'));
    expect(out.get('CLAUDE.md')).toBe(
      '---\ndescription: Project memory for quillnote\n---\n@AGENTS.md\n\n# quillnote — notes for Claude Code\n\n- Plan in `docs/plans/` before touching `src/sync/`.\n',
    );
  });

  it('keeps CRLF line endings', async () => {
    const out = await fixed(own('crlf'));
    expect(out.get('CLAUDE.md')).toBe('@AGENTS.md\r\n\r\n# quillnote\r\n\r\nClaude-only notes go here.\r\n');
  });

  it('adds a line outside the fence in claude-fence-only, which then imports AGENTS.md', async () => {
    const out = await fixed(fixture('claude-fence-only'));
    const text = out.get('CLAUDE.md')!;
    expect(text.startsWith('@AGENTS.md\n\n# dotwarden')).toBe(true);
    const { document } = await parseMarkdown('CLAUDE.md', text);
    const imports = parseClaudeImports(document, { root: fixture('claude-fence-only'), home: '/home/u' }).value.imports;
    expect(imports.map((i) => [i.resolved, i.position.line])).toEqual([['AGENTS.md', 1]]);
  });

  it('imports the nested AGENTS.md relative to the nested CLAUDE.md', async () => {
    const out = await fixed(own('nested'));
    expect([...out.keys()]).toEqual(['packages/api/CLAUDE.md']);
    expect(out.get('packages/api/CLAUDE.md')).toBe('@AGENTS.md\n\n# api — Claude notes\n\n- Shared rules: @../../AGENTS.md\n');
  });

  it('does not edit a symbolic link', async () => {
    expect((await fixed(fixture('claude-symlink'))).size).toBe(0);
  });
});
