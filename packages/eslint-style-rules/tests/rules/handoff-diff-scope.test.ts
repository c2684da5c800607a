import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint, loadProject } from '@govern/core';
import { afterEach, describe, expect, it } from 'vitest';
import rule from '../../src/rules/handoff-diff-scope.js';

const handoffs = (scope: string) => `# Status

## Handoffs

### Handoff: implement -> verify

- Goal status: done
- Evidence: tests: pass (\`npm test\`)
- Diff scope:
  - changed dirs: src/old/
- Risk note: rollback path: revert; unresolved edge cases: none
- Next owner: @dana
- Next action due: Friday

### Handoff: implement -> review

- Goal status: partial
- Evidence: tests: pass (\`npm test\`)
- Diff scope:
${scope}- Risk note: rollback path: revert; unresolved edge cases: none
- Next owner: @kim
- Next action due: after CI passes
`;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** A repository with one commit, then the given changes on top (uncommitted, as in a pre-commit hook). */
function repository(changes: Record<string, string>, scope: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'govern-diff-scope-'));
  write(root, 'status.md', '# Status\n');
  write(root, 'src/tags/tags.ts', 'export const tags = [];\n');
  write(root, 'src/auth/session.ts', 'export const session = 1;\n');
  write(root, 'README.md', '# app\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  write(root, 'status.md', handoffs(scope));
  for (const [file, text] of Object.entries(changes)) write(root, file, text);
  return root;
}

async function check(root: string, diffBase?: string) {
  const project = await loadProject(root);
  const results = await lint(project, {
    rules: { 'handoff-diff-scope': rule },
    presets: { recommended: {}, strict: {} },
    config: { extends: [], rules: { 'handoff-diff-scope': 'error' } },
    ...(diffBase ? { diffBase } : {}),
  });
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'handoff-diff-scope').map((m) => ({ file: path.relative(root, r.filePath), line: m.line, column: m.column, messageId: m.messageId, message: m.message })));
}

const fixtures = path.resolve(__dirname, '../../../../fixtures');

describe('handoff-diff-scope without --diff-base', () => {
  it.each(['example', 'status-backlog', 'messy'])('reports nothing on %s', async (name) => {
    expect(await check(path.join(fixtures, name))).toEqual([]);
  });
});

describe('handoff-diff-scope with a git repository', () => {
  const made: string[] = [];
  const repo = (changes: Record<string, string>, scope: string) => {
    const root = repository(changes, scope);
    made.push(root);
    return root;
  };
  afterEach(() => {
    for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('accepts a diff that matches the last handoff (status.md itself is bookkeeping)', async () => {
    const root = repo({ 'src/tags/tags.ts': 'export const tags = ["a"];\n', 'src/tags/rename.ts': 'export {};\n' }, '  - changed dirs: `src/tags/`\n  - notable files: src/tags/rename.ts\n');
    expect(await check(root, 'HEAD')).toEqual([]);
  });

  it('does nothing without --diff-base', async () => {
    const root = repo({ 'src/auth/session.ts': 'export const session = 2;\n' }, '  - changed dirs: src/tags/\n');
    expect(await check(root)).toEqual([]);
  });

  it('accepts globs', async () => {
    const root = repo({ 'src/tags/tags.ts': 'x\n', 'src/auth/session.ts': 'y\n' }, '  - changed dirs: src/*/\n');
    expect(await check(root, 'HEAD')).toEqual([]);
  });

  it('reports files changed outside the scope, and scope that did not change', async () => {
    const root = repo(
      { 'src/tags/tags.ts': 'export const tags = ["a"];\n', 'src/auth/session.ts': 'export const session = 2;\n', 'README.md': '# app!\n' },
      '  - changed dirs: src/tags/, docs/\n  - notable files: src/tags/tags.ts\n',
    );
    const problems = await check(root, 'HEAD');
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.messageId}`)).toEqual([
      'status.md:19:3 outsideScope',
      'status.md:20:30 unchanged',
    ]);
    expect(problems[0]!.message).toBe(
      '2 files changed since HEAD outside the diff scope of handoff implement -> review: README.md, src/auth/session.ts; add them to "changed dirs" / "notable files", or split them into their own lane.',
    );
    expect(problems[1]!.message).toContain('names "docs", but nothing there changed since HEAD');
  });

  it('counts untracked files as changed', async () => {
    const root = repo({ 'src/billing/invoice.ts': 'export {};\n' }, '  - changed dirs: src/tags/\n');
    const problems = await check(root, 'HEAD');
    expect(problems.map((p) => `${p.line} ${p.messageId}`)).toEqual(['19 outsideScope', '20 unchanged']);
    expect(problems[0]!.message).toContain('1 file changed since HEAD');
    expect(problems[0]!.message).toContain('src/billing/invoice.ts');
  });
});

/**
 * fixtures/rules/handoff-diff-scope with its history: `base` holds the sources and docs/tags.md; then the
 * lane renames tags, changes the session length outside its scope, and writes its handoff (status.md).
 */
function laneRepository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'govern-diff-scope-lane-'));
  cpSync(path.join(fixtures, 'rules/handoff-diff-scope'), root, { recursive: true });
  const handoff = readFileSync(path.join(root, 'status.md'), 'utf8');
  rmSync(path.join(root, 'status.md'));
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'tag', 'base');
  write(root, 'status.md', handoff);
  write(root, 'src/tags/rename.ts', 'export const renameTag = (from: string, to: string) => ({ from: from.trim(), to: to.trim() });\n');
  write(root, 'src/auth/session.ts', 'export const sessionTtlHours = 24;\n');
  return root;
}

/** The rule's problems with govern's own rules and the recommended preset (no config). */
async function recommended(root: string, options: { diffBase?: string; commitHook?: boolean } = {}) {
  const results = await lint(await loadProject(root), options);
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'handoff-diff-scope').map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.messageId} ${m.message}`));
}

describe('handoff-diff-scope in govern:recommended', () => {
  const made: string[] = [];
  const repo = () => {
    const root = laneRepository();
    made.push(root);
    return root;
  };
  afterEach(() => {
    for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('runs with a diff base, without any config', async () => {
    expect(await recommended(repo(), { diffBase: 'base' })).toEqual([
      'status.md:12:3 outsideScope 1 file changed since base outside the diff scope of handoff implement -> review: src/auth/session.ts; add them to "changed dirs" / "notable files", or split them into their own lane.',
      'status.md:13:30 unchanged Diff scope of handoff implement -> review names "docs", but nothing there changed since base; remove it from the scope, or check that base is the base of this work.',
    ]);
  });

  it('does not run without a diff base or staged files', async () => {
    expect(await recommended(repo())).toEqual([]);
  });

  it('leaves alone a handoff the change does not write', async () => {
    const root = repo();
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'lane work');
    write(root, 'src/auth/session.ts', 'export const sessionTtlHours = 48;\n');
    expect(await recommended(root, { diffBase: 'HEAD' })).toEqual([]);
  });

  it('in a commit: staged files outside the scope of the handoff the commit writes; no report for scope the commit leaves out', async () => {
    const root = repo();
    git(root, 'add', 'status.md', 'src/tags/rename.ts', 'src/auth/session.ts');
    expect(await recommended(root, { commitHook: true })).toEqual([
      'status.md:12:3 outsideScopeStaged 1 file staged with handoff implement -> review but outside its diff scope: src/auth/session.ts; add them to "changed dirs" / "notable files", or commit them separately.',
    ]);
  });

  it('in a commit that does not stage the handoff, or stages only what its scope names: nothing', async () => {
    const sources = repo();
    git(sources, 'add', 'src/tags/rename.ts', 'src/auth/session.ts');
    expect(await recommended(sources, { commitHook: true })).toEqual([]);
    const inScope = repo();
    git(inScope, 'add', 'status.md', 'src/tags/rename.ts');
    expect(await recommended(inScope, { commitHook: true })).toEqual([]);
  });
});
