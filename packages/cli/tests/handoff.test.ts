import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHandoffs, parseMarkdown } from '@govern/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'govern-handoff-'));
  git('init', '-q', '-b', 'main');
  write('AGENTS.md', '# AGENTS.md\n\n## Setup commands\n\n- Build: `pnpm build`\n- Run tests: `pnpm test`\n- Lint: `pnpm lint`\n');
  write('src/app.ts', 'export const a = 1;\n');
  write('pnpm-lock.yaml', 'lockfileVersion: 9\n');
  git('add', '.');
  git('commit', '-q', '-m', 'start');
  // One committed change after the base, one uncommitted, one untracked, and lockfile churn.
  git('tag', 'base');
  write('src/app.ts', 'export const a = 2;\n');
  git('commit', '-q', '-am', 'change app');
  write('tests/app.test.ts', 'test\n');
  write('pnpm-lock.yaml', 'lockfileVersion: 9.0\n');
  write('docs/notes.md', '# Notes\n');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('govern handoff', () => {
  it('fills diff scope from git (vs HEAD: uncommitted and untracked) and evidence from AGENTS.md', async () => {
    const run = await runCli(['-C', repo, 'handoff', '--from', 'implement', '--to', 'verify']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`### Handoff: implement -> verify

- Goal status: done | partial | blocked
- Evidence:
  - lint: <pass/fail> (\`pnpm lint\`)
  - tests: <pass/fail> (\`pnpm test\`)
  - build: <pass/fail> (\`pnpm build\`)
- Diff scope:
  - changed dirs: docs/, tests/
  - notable files: docs/notes.md, tests/app.test.ts
- Risk note:
  - rollback path: <short>
  - unresolved edge cases: <list or none>
- Next owner: <person/role/lane>
- Next action due: <date/time or trigger>
`);
  });

  it('--base includes committed changes since the ref', async () => {
    const run = await runCli(['-C', repo, 'handoff', '--from', 'implement', '--to', 'review', '--base', 'base']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  - changed dirs: docs/, src/, tests/\n');
    expect(run.stdout).toContain('  - notable files: docs/notes.md, src/app.ts, tests/app.test.ts\n');
  });

  it('parses back with parseHandoffs into the same fields, placeholders flagged for a person', async () => {
    const run = await runCli(['-C', repo, 'handoff', '--from', 'implement', '--to', 'verify']);
    const { document } = await parseMarkdown('status.md', `# Status\n\n## Handoffs\n\n${run.stdout}`);
    const [handoff, ...rest] = parseHandoffs(document).value;
    expect(rest).toEqual([]);
    expect(handoff!.from).toBe('implement');
    expect(handoff!.to).toBe('verify');
    expect(Object.keys(handoff!.fields).sort()).toEqual(['diffScope', 'evidence', 'goalStatus', 'nextActionDue', 'nextOwner', 'riskNote']);
    expect(handoff!.otherFields).toEqual([]);
    expect(handoff!.fields.evidence!.items.map((i) => i.value)).toEqual(['lint: <pass/fail> (pnpm lint)', 'tests: <pass/fail> (pnpm test)', 'build: <pass/fail> (pnpm build)']);
    expect(handoff!.fields.diffScope!.items.map((i) => i.value)).toEqual(['changed dirs: docs/, tests/', 'notable files: docs/notes.md, tests/app.test.ts']);
    const placeholders = handoff!.placeholders.map((p) => p.value);
    expect(placeholders).toContain('<person/role/lane>');
    expect(placeholders).toContain('<date/time or trigger>');
    expect(placeholders.some((p) => p.includes('done | partial | blocked'))).toBe(true);
  });

  it('needs both lanes, and a base git knows', async () => {
    const missing = await runCli(['-C', repo, 'handoff', '--from', 'implement']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('govern: handoff needs --to <lane>\n');
    const bad = await runCli(['-C', repo, 'handoff', '--from', 'a', '--to', 'b', '--base', 'no-such-ref']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('govern: --base "no-such-ref" is not a commit in this repository (no branch, tag or commit of that name)\n');
  });
});
