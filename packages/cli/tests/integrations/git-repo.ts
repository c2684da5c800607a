import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fixture, repoRoot } from '../run-cli.js';

export const run = promisify(execFile);

/** The CLI as users run it; the root test command builds it (`tsc -b`) before the tests. */
export const builtBin = path.join(repoRoot, 'packages/cli/dist/bin.js');
export const missingBin = existsSync(builtBin) ? undefined : `${builtBin} is missing: run \`pnpm build\` (the root \`pnpm test\` does) first`;

/** Whether a program is on PATH, without running it. */
export function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, program)));
}

export interface ProcessOutcome {
  code: number;
  output: string;
}

/** Runs a program to completion; a non-zero exit is an outcome, not an exception. */
export async function outcome(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<ProcessOutcome> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** A git repository holding a copy of `fixtures/example` (a clean governed project), committed. */
export async function exampleRepository(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-hook-'));
  await cp(fixture('example'), dir, { recursive: true });
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

/**
 * A fresh `git clone` of this repository, as a user's tool gets it: its HEAD commit, so work not yet
 * committed is not in it.
 */
export async function cloneOfThisRepository(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-clone-'));
  await run('git', ['clone', '-q', repoRoot, dir]);
  return dir;
}

/**
 * Environment for npm (and pre-commit's npm) that reaches no package registry and keeps no cache
 * between runs: an install that needed to download anything fails.
 */
export function offlineNpmEnv(cache: string): NodeJS.ProcessEnv {
  return {
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_cache: cache,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Whether CI runs this (.ci/run sets CI=true): there a missing tool fails its test instead of skipping it. */
export const inCI = process.env.CI === 'true';

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd });
  return stdout;
}

/** A handoff that leaves out most of what the next lane needs, after a plan naming a feature nobody defined. */
export const BAD_HANDOFF = `
## Next

- F-099 Webhooks

### Handoff: verify -> release

- Goal status: maybe
- Next owner: TBD
`;

/** A complete handoff: all five fields, evidence with a command and result, rollback and edge cases. */
export const GOOD_HANDOFF = `
## Handoffs

### Handoff: verify -> release

- Goal status: done
- Evidence:
  - tests: pass (\`pnpm test\` — 40 passed, 0 failed)
- Diff scope:
  - changed dirs: src/
- Risk note:
  - rollback path: revert the merge commit
  - unresolved edge cases: none
- Next owner: release lane (@dana)
- Next action due: 2025-03-16
`;

/** The rule ids \`govern check\` reports for the repository's current files (JSON format, so the ids are exact). */
export async function reportedRuleIds(cwd: string, files: string[]): Promise<string[]> {
  const { output } = await outcome(process.execPath, [builtBin, 'check', '--format', 'json', ...files], cwd);
  const results = JSON.parse(output) as Array<{ messages: Array<{ ruleId: string | null }> }>;
  return [...new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId ?? '')))].filter((id) => id !== '');
}
