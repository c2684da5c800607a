import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; severity: number }>;
}

async function problems(name: string): Promise<string[]> {
  const run = await runCli(['-C', fixture(name), 'check', '--format', 'json']);
  const root = fixture(name);
  const results = JSON.parse(run.stdout) as JsonResult[];
  return results.flatMap((r) =>
    r.messages.map((m) => `${r.filePath.slice(root.length + 1)}:${m.line}:${m.column} ${m.ruleId ?? ''}`),
  );
}

describe('govern:recommended on the fixture repositories', () => {
  it.each(['example', 'speckit', 'agent-specs', 'status-backlog', 'claude-symlink', 'product-formats', 'empty', 'agents-only'])(
    'reports nothing on the sane repository %s and exits 0',
    async (name) => {
      const run = await runCli(['-C', fixture(name), 'check']);
      expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    },
  );

  it('reports exactly the real problems of the messy repository', async () => {
    expect(await problems('messy')).toEqual([
      // spec.md says Draft; status.md and the ticked tasks say done.
      'specs/001-auth/spec.md:5:3 status-consistent',
      // (T014 names src/auth/session.ts, which is not in the repository; but sign-in is finished, and a
      // finished feature's tasks are history: tasks-phantom-completion judges them only on request.)
      // Two spec folders are numbered 001.
      'specs/001-search/spec.md:1:1 spec-number-unique',
      // The feature is done, the clarification is still open.
      'specs/003-deck-sharing/spec.md:22:45 spec-clarifications-resolved',
      // Front matter that is not YAML.
      'specs/007-offline-sync/spec.md:5:1 govern/frontmatter',
      // Evidence "looks good" names no command; the next owner is "someone should review this".
      'status.md:20:13 handoff-evidence',
      'status.md:27:15 handoff-owner',
    ]);
  });

  it('reports the import that only appears inside code, and exits 1', async () => {
    const run = await runCli(['-C', fixture('claude-fence-only'), 'check']);
    expect(run.code).toBe(1);
    expect(await problems('claude-fence-only')).toEqual(['CLAUDE.md:1:1 claude-imports-agents']);
  });

  it('judges the tasks ticked in the commit when git runs it as a hook', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-hook-'));
    try {
      await cp(fixture('rules/tasks-phantom-completion/change'), dir, { recursive: true });
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=govern', '-c', 'user.email=govern@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      const tasks = path.join(dir, 'specs/009-export/tasks.md');
      await writeFile(tasks, (await readFile(tasks, 'utf8')).replace('- [ ] T003', '- [x] T003'));
      const phantoms = (out: string) =>
        (JSON.parse(out) as JsonResult[]).flatMap((r) => r.messages.filter((m) => m.ruleId === 'tasks-phantom-completion').map((m) => m.line));
      const hook = await runCli(['-C', dir, 'check', '--format', 'json', '--cache'], { env: { GIT_INDEX_FILE: path.join(dir, '.git/index') } });
      expect(phantoms(hook.stdout)).toEqual([9]);
      const plain = await runCli(['-C', dir, 'check', '--format', 'json']);
      expect(phantoms(plain.stdout)).toEqual([8, 9]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs on its own repository without a problem', async () => {
    const run = await runCli(['check']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
