import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli } from './run-cli.js';

// The diff-scope check in a real commit: git runs the pre-commit hook with GIT_INDEX_FILE set, and
// `govern check` there compares the staged files with the handoff the commit writes (govern:recommended,
// no config).

const bin = path.join(repoRoot, 'packages/cli/dist/bin.js');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const env = { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir(), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
delete env.GIT_INDEX_FILE;

/** The lane of fixtures/rules/handoff-diff-scope: base committed, then its work and handoff, nothing staged. */
function lane(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'govern-staged-'));
  made.push(root);
  cpSync(fixture('rules/handoff-diff-scope'), root, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, stdio: 'pipe' });
  const handoff = readFileSync(path.join(root, 'status.md'), 'utf8');
  rmSync(path.join(root, 'status.md'));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  writeFileSync(path.join(root, 'status.md'), handoff);
  writeFileSync(path.join(root, 'src/tags/rename.ts'), 'export const renameTag = (from: string, to: string) => ({ from: from.trim(), to: to.trim() });\n');
  writeFileSync(path.join(root, 'src/auth/session.ts'), 'export const sessionTtlHours = 24;\n');
  return root;
}

const outside =
  '  12:3  error  1 file staged with handoff implement -> review but outside its diff scope: src/auth/session.ts; add them to "changed dirs" / "notable files", or commit them separately  handoff-diff-scope';

describe('govern check on the change being committed', () => {
  it('in a pre-commit hook: refuses a commit that stages a file outside the scope of the handoff it writes', () => {
    const root = lane();
    writeFileSync(path.join(root, '.git/hooks/pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" check\n`);
    chmodSync(path.join(root, '.git/hooks/pre-commit'), 0o755);
    execFileSync('git', ['add', 'status.md', 'src/tags/rename.ts', 'src/auth/session.ts'], { cwd: root, env });
    const commit = spawnSync('git', ['commit', '-q', '-m', 'wip'], { cwd: root, env, encoding: 'utf8' });
    expect(commit.status).not.toBe(0);
    expect(`${commit.stdout}${commit.stderr}`.split('\n')).toContain(outside);
    // Without the file outside the scope, the same commit goes through.
    execFileSync('git', ['reset', '-q', 'src/auth/session.ts'], { cwd: root, env });
    const clean = spawnSync('git', ['commit', '-q', '-m', 'rename tags'], { cwd: root, env, encoding: 'utf8' });
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([0, '', '']);
  });

  it('--staged does the same outside a hook; a commit that does not write the handoff is not checked against it', async () => {
    const root = lane();
    execFileSync('git', ['add', 'status.md', 'src/tags/rename.ts', 'src/auth/session.ts'], { cwd: root, env });
    const staged = await runCli(['-C', root, 'check', '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.stdout.split('\n')).toContain(outside);
    execFileSync('git', ['reset', '-q', 'status.md'], { cwd: root, env });
    const withoutHandoff = await runCli(['-C', root, 'check', '--staged']);
    expect([withoutHandoff.code, withoutHandoff.stdout]).toEqual([0, '']);
    // Without --staged, --diff-base or a hook there is no diff: the rule does not run.
    const plain = await runCli(['-C', root, 'check']);
    expect([plain.code, plain.stdout]).toEqual([0, '']);
  });
});
