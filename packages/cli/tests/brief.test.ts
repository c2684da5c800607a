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

    const principles = section(md, '## Principles');
    expect(principles).toContain('.specify/memory/constitution.md');
    expect(principles).toContain('### II. Test-First');
    expect(principles).toContain('Tests are written first and seen failing');
    // Every principle, the non-negotiable ones first.
    expect(principles).toContain('Your Links Stay Yours');
    expect(principles.indexOf('### II. Test-First')).toBeLessThan(principles.indexOf('Your Links Stay Yours'));

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
    expect(finish).toContain('### Handoff: implement -> verify (F-002)');
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

  it('gives everything an implementer needs and nothing else, in the documented order (fixtures/brief)', async () => {
    const run = await runCli(['-C', fixture('brief'), 'brief']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const md = run.stdout;
    const headings = md.split('\n').filter((line) => /^#{1,3} /.test(line));
    // The quoted handoffs are fenced: their heads are not headings of the brief.
    const inFences = md.split(/^```+markdown\n[\s\S]*?^```+\n/m).join('').split('\n').filter((line) => /^#{1,3} /.test(line));
    expect(inFences).toEqual([
      '# Implement F-002: Tags',
      '## Principles',
      '### I. Test-First (NON-NEGOTIABLE)',
      '### III. No Secrets in the Repository (NON-NEGOTIABLE)',
      '### II. Offline First',
      '### IV. Small Modules',
      '## Feature',
      '### Definition',
      '### Acceptance criteria',
      '### Boundary conditions',
      '## Scope',
      '### In scope',
      '### Out of scope',
      '### Open questions',
      '## Spec, plan and tasks',
      '### User stories',
      '### Open tasks',
      '## Where the work stands',
      '## Open review findings',
      '### Should fix',
      '## Build, test and lint',
      '## When you finish',
    ]);
    expect(headings.length).toBeGreaterThan(inFences.length);
    expect(md).toContain(
      '## Principles\n\nFrom `.specify/memory/constitution.md`. Principles marked NON-NEGOTIABLE are not up for debate: stop and ask rather than break one.\n',
    );
    expect(section(md, '## Scope')).toBe(
      [
        '',
        'From `specs/002-tags/spec.md`:7. The reviewer flags anything outside In scope as a blocking scope violation.',
        '',
        '### In scope',
        '',
        '- Tag model and the note–tag link',
        '- Tag filter on the note list',
        '',
        '### Out of scope',
        '',
        '- Tag colours',
        '- Sharing tags between people',
        '',
        '### Open questions',
        '',
        '- None: tags are per person (decided 2025-05-14).',
        '',
        '',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '## Where the work stands',
        '',
        'The latest handoff for F-002, from status.md:37:',
        '',
        '```markdown',
        '### Handoff: review -> implement (F-002)',
        '',
        '- Goal status: partial',
        '- Evidence:',
        '  - tests: pass (`pnpm test` — 19 passed)',
        '- Diff scope: src/tags/store.ts',
        '- Risk note: rollback path: nothing merged since the last handoff; unresolved edge cases: case-insensitive names (see the review)',
        '- Next owner: implement lane',
        '- Next action due: 2025-05-22',
        '```',
        '',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '## Open review findings',
        '',
        'From `.agent/reviews/002-tags.json` (changes_requested). Fix the blocking items and scope violations first.',
        '',
        '- src/tags/store.ts:4 — Tag names are unique with case, the spec says without case',
        '- scope: web/tag-colour.tsx — Tag colours are out of scope',
        '',
        '### Should fix',
        '',
        '- The note menu shows the tag input even offline, where it cannot save',
        '',
      ].join('\n'),
    );
    expect(md).not.toContain('Rename noteTag to noteTagLink');
    expect(section(md, '## Build, test and lint')).toBe(
      '\nFrom `AGENTS.md`:\n\n- Install: `pnpm install`\n- Build: `pnpm build`\n- Test: `pnpm test`\n- Lint: `pnpm lint`\n- Type-check: `pnpm typecheck`\n\n',
    );
    expect(md).not.toContain('pnpm dev');
    const finish = section(md, '## When you finish');
    expect(finish).toContain('```markdown\n### Handoff: implement -> verify (F-002)\n');
    for (const command of ['pnpm lint', 'pnpm typecheck', 'pnpm test', 'pnpm build']) expect(finish).toContain(`(\`${command}\`)`);
  });

  it('for a feature with no Scope block and no review, says so and quotes its own latest handoff', async () => {
    const run = await runCli(['-C', fixture('brief'), 'brief', 'F-001']);
    const md = run.stdout;
    expect(md.split('\n')[0]).toBe('# Implement F-001: Notes');
    expect(section(md, '## Scope')).toBe('\n_The spec has no Scope block: build only what the acceptance criteria ask._\n\n');
    expect(md).toContain('The latest handoff for F-001, from status.md:13:\n\n```markdown\n### Handoff: implement -> verify (F-001)\n');
    expect(md).not.toContain('## Open review findings');
  });
});

