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
      // T014 is ticked but names src/auth/session.ts, which is not in the repository.
      'specs/001-auth/tasks.md:14:51 tasks-phantom-completion',
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

  it('runs on its own repository without a problem', async () => {
    const run = await runCli(['check']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
