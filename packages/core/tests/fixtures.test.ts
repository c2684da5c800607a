import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { inspectProject } from '../src/query/inspect.js';
import { nextFeature } from '../src/query/next.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

interface Expectation {
  features: Array<{ id: string; title: string; state: string }>;
  next: { status: string; feature: string | null };
}

/** What a careful reader of each fixture names; written with the fixtures, before the parsers. */
const expectations = JSON.parse(readFileSync(`${fixtures}expectations.json`, 'utf8')) as Record<string, Expectation>;

describe.each(Object.entries(expectations))('fixture %s', (name, expected) => {
  it('has the features and states a reader names', async () => {
    const report = inspectProject(await loadProject(`${fixtures}${name}`, { home: '/home/user' }));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    expect(report.features.map(({ id, state }) => ({ id, state })).sort(byId)).toEqual(
      expected.features.map(({ id, state }) => ({ id, state })).sort(byId),
    );
  });

  it('answers "what next" as a reader does', async () => {
    const result = nextFeature(await loadProject(`${fixtures}${name}`, { home: '/home/user' }));
    expect({ status: result.status, feature: result.feature?.id ?? null }).toEqual(expected.next);
  });
});

describe('loading', () => {
  it('reads each document once and records line endings and BOMs', async () => {
    const project = await loadProject(`${fixtures}messy`);
    expect(project.documents.find((d) => d.file === 'docs/PRODUCT.md')).toMatchObject({ bom: true, parsed: true });
    expect(project.documents.some((d) => d.eol === 'crlf')).toBe(true);
    expect(project.documents.find((d) => d.file === 'docs/DEVELOPMENT.md')?.eol).toBe('mixed');
    expect(new Set(project.documents.map((d) => d.file)).size).toBe(project.documents.length);
  });

  it('reports invalid front matter with its position and keeps reading', async () => {
    const project = await loadProject(`${fixtures}messy`);
    const frontmatter = project.diagnostics.filter((d) => d.ruleId === 'govern/frontmatter');
    expect(frontmatter).toHaveLength(1);
    expect(frontmatter[0]).toMatchObject({ file: 'specs/007-offline-sync/spec.md', severity: 'warning' });
    expect(project.specs.find((s) => s.dir === 'specs/007-offline-sync')?.spec?.title).toBeDefined();
  });

  it('sees a CLAUDE.md symlink and what it points to', async () => {
    const project = await loadProject(`${fixtures}claude-symlink`);
    expect(project.claude).toEqual([expect.objectContaining({ file: 'CLAUDE.md', symlinkTarget: 'AGENTS.md' })]);
  });

  it('does not count an @AGENTS.md inside code as an import', async () => {
    const project = await loadProject(`${fixtures}claude-fence-only`);
    expect(project.claude[0]?.imports.map((i) => i.path)).not.toContain('AGENTS.md');
  });

  it('loads an empty repository without diagnostics', async () => {
    const project = await loadProject(`${fixtures}empty`);
    // Its README is read for a roadmap section, and has none.
    expect(project.documents.map((d) => [d.file, d.kinds])).toEqual([['README.md', ['sequence']]]);
    expect(project.sequences.flatMap((s) => s.entries)).toEqual([]);
    expect(project.features).toEqual([]);
    expect(project.diagnostics).toEqual([]);
  });

  it('reads only the kinds asked for', async () => {
    const project = await loadProject(`${fixtures}example`, { kinds: ['product'] });
    expect(project.documents.map((d) => d.file)).toEqual(['docs/PRODUCT.md']);
    expect(project.features.map((f) => f.id)).toEqual(['F-001', 'F-002', 'F-003', 'F-004', 'F-005', 'F-006']);
  });

  it.each(['example', 'speckit', 'agent-specs', 'status-backlog', 'claude-symlink', 'product-formats', 'agents-only', 'empty'])(
    'finds nothing to complain about in the clean fixture %s',
    async (name) => {
      const project = await loadProject(`${fixtures}${name}`);
      expect(project.diagnostics).toEqual([]);
    },
  );
});
