import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHandoffs, parseMarkdown } from '@govern/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli } from './run-cli.js';

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

describe('govern handoff without a history to read', () => {
  // AGENTS.md's "Running tests" block installs and sets up before it runs `pnpm test`.
  const source = fixture('handoff-command');
  const copies: string[] = [];
  const copy = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govern-handoff-nogit-'));
    cpSync(source, dir, { recursive: true });
    copies.push(dir);
    return dir;
  };
  // git must not find a repository above the temporary folder.
  const env = { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() };
  const bin = path.join(repoRoot, 'packages/cli/dist/bin.js');
  const govern = (dir: string, args: string[], extraEnv: NodeJS.ProcessEnv = env) =>
    spawnSync(process.execPath, [bin, '-C', dir, 'handoff', '--from', 'implement', '--to', 'verify', ...args], { encoding: 'utf8', env: extraEnv });
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  const blankScope = `### Handoff: implement -> verify

- Goal status: done | partial | blocked
- Evidence:
  - lint: <pass/fail> (\`pnpm lint\`)
  - tests: <pass/fail> (\`pnpm test\`)
  - build: <pass/fail> (\`pnpm build\`)
- Diff scope:
  - changed dirs: <list>
  - notable files: <list>
- Risk note:
  - rollback path: <short>
  - unresolved edge cases: <list or none>
- Next owner: <person/role/lane>
- Next action due: <date/time or trigger>
`;

  it('outside git: prints the draft with the diff scope left to fill in, says why on stderr, exit 0', () => {
    const dir = copy();
    const run = govern(dir, []);
    expect(run.stdout).toBe(blankScope);
    expect(run.stderr).toBe(`govern: ${dir} is not inside a git repository, so there is no diff to read; fill in the diff scope yourself.\n`);
    expect(run.status).toBe(0);
  });

  it('in a repository with no commit yet: the same draft, and the reason', () => {
    const dir = copy();
    execFileSync('git', ['init', '-q'], { cwd: dir, env });
    const run = govern(dir, []);
    expect(run.stdout).toBe(blankScope);
    expect(run.stderr).toBe('govern: the repository has no commit yet, so there is no diff to read; fill in the diff scope yourself.\n');
    expect(run.status).toBe(0);
  });

  it('without git on PATH: the same draft, and the reason', () => {
    const dir = copy();
    const empty = mkdtempSync(path.join(tmpdir(), 'govern-no-git-path-'));
    copies.push(empty);
    const run = govern(dir, [], { ...env, PATH: empty });
    expect(run.stdout).toBe(blankScope);
    expect(run.stderr).toBe('govern: git was not found on PATH, so there is no diff to read; fill in the diff scope yourself.\n');
    expect(run.status).toBe(0);
  });

  it('an explicit --base there is an error: it names nothing', () => {
    const outside = copy();
    const run = govern(outside, ['--base', 'main']);
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', `govern: --base needs a git repository, and ${outside} is not inside one\n`]);
    const fresh = copy();
    execFileSync('git', ['init', '-q'], { cwd: fresh, env });
    const noCommit = govern(fresh, ['--base', 'main']);
    expect([noCommit.status, noCommit.stdout, noCommit.stderr]).toEqual([2, '', 'govern: --base "main" names no commit: the repository has no commit yet\n']);
  });

  it('with a commit: the diff scope from git, and the test command AGENTS.md runs, not its setup steps', () => {
    const dir = copy();
    const gitEnv = { ...env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    execFileSync('git', ['init', '-q'], { cwd: dir, env: gitEnv });
    execFileSync('git', ['add', '-A'], { cwd: dir, env: gitEnv });
    execFileSync('git', ['commit', '-qm', 'start'], { cwd: dir, env: gitEnv });
    writeFileSync(path.join(dir, 'src/pantry.ts'), 'export const shelves = 3;\n');
    const run = govern(dir, []);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(blankScope.replace('  - changed dirs: <list>\n  - notable files: <list>', '  - changed dirs: src/\n  - notable files: src/pantry.ts'));
  });
});
