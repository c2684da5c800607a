import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  if (start === -1) throw new Error(`no "${heading}" in:\n${markdown}`);
  const level = heading.match(/^#+/)![0];
  const rest = markdown.slice(start + heading.length + 1);
  const end = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return end === -1 ? rest : rest.slice(0, end);
}

describe('govern brief', () => {
  it('briefs the feature next picks (F-002 in the example) with everything an implementer needs', async () => {
    const run = await runCli(['-C', fixture('example'), 'brief']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const md = run.stdout;
    expect(md.split('\n')[0]).toBe('# Implement F-002: Tags');
    expect(md).toContain('- State: in-progress (status.md:7)');
    expect(md).toContain('- Depends on: F-001 (done)');

    const principles = section(md, '## Non-negotiable principles');
    expect(principles).toContain('.specify/memory/constitution.md');
    expect(principles).toContain('### II. Test-First');
    expect(principles).toContain('Tests are written first and seen failing');
    // Only the principle marked NON-NEGOTIABLE.
    expect(principles).not.toContain('Your Links Stay Yours');

    expect(section(md, '### Definition')).toContain('A user attaches tags to a bookmark and filters the bookmark list by one or more tags.');
    const criteria = section(md, '### Acceptance criteria');
    expect(criteria).toContain('Renaming a tag updates every bookmark that carries it.');
    expect(criteria.match(/^- /gm)).toHaveLength(3);
    const boundaries = section(md, '### Boundary conditions');
    expect(boundaries).toContain('A bookmark carries at most 20 tags; a 21st is rejected with 422.');
    expect(boundaries.match(/^- /gm)).toHaveLength(3);

    const spec = section(md, '## Spec, plan and tasks');
    expect(spec).toContain('- Spec: `specs/002-tags/spec.md` — Tags (Status: In Progress)');
    expect(spec).toContain('- Plan: `specs/002-tags/plan.md`');
    expect(spec).toContain('- Tasks: `specs/002-tags/tasks.md` (6/10 done)');
    expect(spec).toContain('- US1: Tag a bookmark (P1)');
    expect(spec).toContain('- [ ] T007 Register PATCH /api/tags/:name in src/server.ts');
    expect(spec).toContain('- [ ] T010 ');
    expect(spec).not.toContain('T006');

    const commands = section(md, '## Build, test and lint');
    expect(commands).toContain('- Build: `pnpm build`');
    expect(commands).toContain('- Test: `pnpm test`');
    expect(commands).toContain('- Lint: `pnpm lint`');

    const finish = section(md, '## When you finish');
    expect(finish).toContain('### Handoff: implement -> verify');
    for (const field of ['Goal status:', 'Evidence:', 'Diff scope:', 'Risk note:', 'Next owner:', 'Next action due:']) expect(finish).toContain(`- ${field}`);
    expect(finish).toContain('  - tests: <pass/fail> (`pnpm test`)');
  });

  it('briefs a named feature, by id or spec folder', async () => {
    const byId = await runCli(['-C', fixture('example'), 'brief', 'F-003']);
    expect(byId.code).toBe(0);
    expect(byId.stdout.split('\n')[0]).toBe('# Implement F-003: Full-text search');
    expect(byId.stdout).toContain('No spec yet.');
    expect(byId.stdout).toContain('- PDFs are not indexed in this version.');
    const byFolder = await runCli(['-C', fixture('example'), 'brief', '002-tags']);
    expect(byFolder.stdout.split('\n')[0]).toBe('# Implement F-002: Tags');
  });

  it('names the lanes of the closing handoff', async () => {
    const run = await runCli(['-C', fixture('example'), 'brief', 'F-002', '--from', 'build', '--to', 'review']);
    expect(run.stdout).toContain('### Handoff: build -> review');
  });

  it('an unknown feature exits 2 with one line', async () => {
    const run = await runCli(['-C', fixture('example'), 'brief', 'F-999']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('govern: unknown feature "F-999" (features: F-001, F-002, F-003, F-004, F-006, F-005)\n');
  });

  it('with nothing to pick exits 2 and says why', async () => {
    const run = await runCli(['-C', fixture('next/all-done'), 'brief']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^govern: no feature to brief: All \d+ features are finished/);
  });
});
