import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SpecDocument, TaskList } from '../src/model/types.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseSpecDocument } from '../src/parse/spec.js';
import { assembleSpecs, classifySpecPath } from '../src/parse/spec-paths.js';
import { parseTasks } from '../src/parse/tasks.js';

const repo = fileURLToPath(new URL('../../../fixtures/documents/specs/repo/', import.meta.url));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else out.push(relative(repo, full).split(sep).join('/'));
    }
  }
  return out;
}

describe('classifySpecPath', () => {
  it('reads Spec Kit folders with their number, slug and role', () => {
    expect(classifySpecPath('specs/003-tags/spec.md')).toEqual({ kind: 'speckit', dir: 'specs/003-tags', number: '003', slug: 'tags', role: 'spec' });
    expect(classifySpecPath('specs/003-tags/plan.md')).toMatchObject({ dir: 'specs/003-tags', role: 'plan' });
    expect(classifySpecPath('specs/003-tags/tasks.md')).toMatchObject({ dir: 'specs/003-tags', role: 'tasks' });
    expect(classifySpecPath('specs/003-tags/contracts/api.md')).toMatchObject({ dir: 'specs/003-tags', role: 'other' });
    expect(classifySpecPath('.specify/specs/001-x/spec.md')).toEqual({ kind: 'speckit', dir: '.specify/specs/001-x', number: '001', slug: 'x', role: 'spec' });
    expect(classifySpecPath('./specs/003-tags/spec.md')?.dir).toBe('specs/003-tags');
  });

  it('reads numbered folders grouped one level down, and a finished group as put away', () => {
    expect(classifySpecPath('specs/features/007-invoices/tasks.md')).toEqual({ kind: 'speckit', dir: 'specs/features/007-invoices', number: '007', slug: 'invoices', role: 'tasks' });
    expect(classifySpecPath('specs/archive/001-prototype/spec.md')).toMatchObject({ dir: 'specs/archive/001-prototype', number: '001', archived: '' });
    // A spec's own numbered sub-folder stays part of it.
    expect(classifySpecPath('specs/003-tags/001-spike/notes.md')).toMatchObject({ dir: 'specs/003-tags', role: 'other' });
  });

  it('reads folders without a number', () => {
    expect(classifySpecPath('specs/tags/spec.md')).toEqual({ kind: 'speckit', dir: 'specs/tags', slug: 'tags', role: 'spec' });
  });

  it('reads single-file specs under .agent/specs', () => {
    expect(classifySpecPath('.agent/specs/rate-limit.md')).toEqual({
      kind: 'agent',
      dir: '.agent/specs/rate-limit.md',
      slug: 'rate-limit',
      role: 'spec',
    });
  });

  it('accepts numbered spec folders deeper in a monorepo, but not unnumbered ones', () => {
    expect(classifySpecPath('packages/api/specs/004-keys/tasks.md')).toMatchObject({ dir: 'packages/api/specs/004-keys', number: '004', role: 'tasks' });
    expect(classifySpecPath('src/specs/helpers/spec.md')).toBeUndefined();
  });

  it('ignores files that are not part of a spec', () => {
    expect(classifySpecPath('specs/README.md')).toBeUndefined();
    expect(classifySpecPath('docs/PRODUCT.md')).toBeUndefined();
    expect(classifySpecPath('.agent/specs/nested/x.md')).toBeUndefined();
    expect(classifySpecPath('.agent/reviews/x.json')).toBeUndefined();
  });
});

describe('assembleSpecs', () => {
  it('groups a repository of spec files into specs ordered by number, then slug', async () => {
    const parts: Array<{ file: string; spec?: SpecDocument; tasks?: TaskList }> = [];
    for (const file of filesUnder(repo)) {
      const info = classifySpecPath(file);
      if (!info) continue;
      if (info.role !== 'spec' && info.role !== 'tasks') {
        parts.push({ file });
        continue;
      }
      const { document } = await parseMarkdown(file, readFileSync(join(repo, file), 'utf8'));
      if (info.role === 'spec') parts.push({ file, spec: parseSpecDocument(document).value });
      else parts.push({ file, tasks: parseTasks(document).value });
    }
    const specs = assembleSpecs(parts);
    expect(specs.map((s) => s.dir)).toEqual([
      'specs/001-auth',
      '.specify/specs/002-export',
      'specs/003-tags',
      'specs/010-sync',
      '.agent/specs/rate-limit.md',
      'specs/search',
    ]);

    const tags = specs[2]!;
    expect(tags).toMatchObject({ kind: 'speckit', number: '003', slug: 'tags', planFile: 'specs/003-tags/plan.md' });
    expect(tags.spec?.title?.value).toBe('Tags');
    expect(tags.tasks?.tasks.map((t) => t.id)).toEqual(['T001', 'T002']);
    // The spec's position is its title in spec.md.
    expect(tags.position).toMatchObject({ file: 'specs/003-tags/spec.md', line: 1, column: 1 });

    // No spec.md: the first file's start.
    expect(specs[0]).toMatchObject({ slug: 'auth', position: { file: 'specs/001-auth/tasks.md', line: 1, column: 1 } });
    expect(specs[0]!.spec).toBeUndefined();
    // A spec.md without a title: its start.
    expect(specs[3]!.position).toEqual({ file: 'specs/010-sync/spec.md', line: 1, column: 1 });
    expect(specs[3]!.spec?.status?.value).toBe('Draft');

    expect(specs[4]).toMatchObject({ kind: 'agent', slug: 'rate-limit' });
    expect(specs[4]!.number).toBeUndefined();
    expect(specs[4]!.spec?.status?.value).toBe('approved');
    expect(specs[5]).toMatchObject({ kind: 'speckit', slug: 'search' });
  });

  it('does not depend on the order files are given in', () => {
    const a = assembleSpecs([{ file: 'specs/002-b/tasks.md' }, { file: 'specs/002-b/plan.md' }, { file: 'specs/001-a/plan.md' }]);
    const b = assembleSpecs([{ file: 'specs/001-a/plan.md' }, { file: 'specs/002-b/plan.md' }, { file: 'specs/002-b/tasks.md' }]);
    expect(a).toEqual(b);
    expect(a[1]!.position.file).toBe('specs/002-b/plan.md');
  });

  it('compares numbers as numbers', () => {
    const specs = assembleSpecs([{ file: 'specs/10-late/spec.md' }, { file: 'specs/9-early/spec.md' }, { file: 'notes/x.md' }]);
    expect(specs.map((s) => s.slug)).toEqual(['early', 'late']);
  });
});
