import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ClaudeImport } from '../src/model/types.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { followImports, isImportPath, parseClaudeImports } from '../src/parse/claude-imports.js';

const FIXTURES = new URL('../../../fixtures/documents/claude/', import.meta.url);
const WHERE = { root: '/repo', home: '/home/ada' };

async function load(name: string, file = 'CLAUDE.md') {
  const text = await readFile(new URL(name, FIXTURES), 'utf8');
  const { document } = await parseMarkdown(file, text);
  return parseClaudeImports(document, WHERE);
}

describe('parseClaudeImports', () => {
  it('reads an import on the first line', async () => {
    const { value, diagnostics } = await load('top.md');
    expect(diagnostics).toEqual([]);
    expect(value).toEqual({
      file: 'CLAUDE.md',
      imports: [
        {
          path: 'AGENTS.md',
          fromHome: false,
          resolved: 'AGENTS.md',
          absolute: '/repo/AGENTS.md',
          position: { file: 'CLAUDE.md', line: 1, column: 1, endLine: 1, endColumn: 11 },
        },
      ],
    });
  });

  it('reads an import at the end of a sentence on the last line', async () => {
    const { value } = await load('bottom.md');
    expect(value.imports.map((i) => [i.path, i.resolved, i.position.line, i.position.column])).toEqual([['AGENTS.md', 'AGENTS.md', 6, 29]]);
  });

  it('keeps positions on CRLF text', async () => {
    const { value } = await load('top-crlf.md');
    expect(value.imports.map((i) => [i.path, i.position.line, i.position.column])).toEqual([['AGENTS.md', 1, 1]]);
  });

  it('ignores code spans, fenced and indented code, comments, emails, handles and package names', async () => {
    const { value } = await load('fenced-only.md');
    expect(value.imports).toEqual([]);
  });

  it('resolves against the importing file, home and absolute paths', async () => {
    const { value } = await load('mixed.md', 'packages/web/CLAUDE.md');
    const rows = value.imports.map((i) => [i.path, i.fromHome, i.resolved, i.absolute, i.position.line]);
    expect(rows).toEqual([
      ['README', false, 'packages/web/README', '/repo/packages/web/README', 3],
      ['package.json', false, 'packages/web/package.json', '/repo/packages/web/package.json', 3],
      ['docs/git-instructions.md', false, 'packages/web/docs/git-instructions.md', '/repo/packages/web/docs/git-instructions.md', 5],
      ['~/.claude/my-project-instructions.md', true, undefined, '/home/ada/.claude/my-project-instructions.md', 6],
      ['../../AGENTS.md', false, 'AGENTS.md', '/repo/AGENTS.md', 7],
      ['../../../outside/notes.md', false, undefined, '/outside/notes.md', 8],
      ['/etc/claude-code/policy.md', false, undefined, '/etc/claude-code/policy.md', 9],
      ['docs/my notes.md', false, 'packages/web/docs/my notes.md', '/repo/packages/web/docs/my notes.md', 10],
    ]);
    expect(value.imports[1]?.position).toMatchObject({ column: 34, endColumn: 47 });
  });

  it('marks an import that climbs out of the repository', async () => {
    const { value } = await load('escaping.md');
    expect(value.imports).toHaveLength(1);
    expect(value.imports[0]).toMatchObject({ path: '../../x.md', absolute: '/x.md', fromHome: false, position: { line: 3, column: 15 } });
    expect(value.imports[0]?.resolved).toBeUndefined();
  });

  it('accepts Windows roots', async () => {
    const { document } = await parseMarkdown('docs/CLAUDE.md', 'See @../AGENTS.md\n');
    const { value } = parseClaudeImports(document, { root: 'C:\\work\\repo', home: 'C:\\Users\\ada' });
    expect(value.imports[0]).toMatchObject({ resolved: 'AGENTS.md', absolute: 'C:/work/repo/AGENTS.md' });
  });

  it('decides which @words are paths', () => {
    expect(['AGENTS.md', 'README', './x', '~/a.md', '/etc/x', 'docs/a.md', '.env'].map(isImportPath)).toEqual(Array(7).fill(true));
    expect(['username', 'types/node', 'latest', '1.2.3', 'Claude', '', '/', '/shared'].map(isImportPath)).toEqual(Array(8).fill(false));
  });
});

function graph(edges: Record<string, string[]>) {
  return (file: string): ClaudeImport[] | undefined =>
    edges[file]?.map((target) => ({ path: target, fromHome: false, resolved: target, absolute: `/repo/${target}`, position: { file, line: 1, column: 1 } }));
}

describe('followImports', () => {
  it('counts hops breadth-first and reports files beyond the limit', () => {
    const result = followImports('CLAUDE.md', graph({ 'CLAUDE.md': ['a.md', 'b.md'], 'a.md': ['c.md'], 'c.md': ['d.md'], 'd.md': ['e.md'], 'e.md': ['f.md'], 'b.md': ['c.md'] }));
    expect([...result.reached]).toEqual([
      ['CLAUDE.md', 0],
      ['a.md', 1],
      ['b.md', 1],
      ['c.md', 2],
      ['d.md', 3],
      ['e.md', 4],
    ]);
    expect(result.tooDeep).toEqual([{ file: 'f.md', hops: 5 }]);
    expect(result.cycles).toEqual([]);
  });

  it('finds cycles, including ones off the breadth-first tree, without hanging', () => {
    const result = followImports('CLAUDE.md', graph({ 'CLAUDE.md': ['AGENTS.md', 'c.md'], 'AGENTS.md': ['CLAUDE.md', 'c.md'], 'c.md': ['d.md'], 'd.md': ['c.md', 'd.md'] }));
    expect(result.cycles).toEqual([
      ['CLAUDE.md', 'AGENTS.md', 'CLAUDE.md'],
      ['c.md', 'd.md', 'c.md'],
      ['d.md', 'd.md'],
    ]);
    expect(result.reached.get('d.md')).toBe(2);
  });

  it('honours a custom limit and unreadable files', () => {
    const result = followImports('CLAUDE.md', graph({ 'CLAUDE.md': ['a.md'], 'a.md': ['missing.md'] }), 1);
    expect([...result.reached.keys()]).toEqual(['CLAUDE.md', 'a.md']);
    expect(result.tooDeep).toEqual([{ file: 'missing.md', hops: 2 }]);
  });
});
