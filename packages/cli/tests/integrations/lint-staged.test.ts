import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../run-cli.js';
import { BAD_HANDOFF, GOOD_HANDOFF, builtBin, exampleRepository, git, missingBin, outcome, reportedRuleIds } from './git-repo.js';

const lintStaged = path.join(repoRoot, 'node_modules/.bin/lint-staged');

describe.skipIf(missingBin !== undefined)(`lint-staged runs govern on staged Markdown${missingBin ? ` (skipped: ${missingBin})` : ''}`, () => {
  let repo: string;

  beforeAll(async () => {
    repo = await exampleRepository();
    // The documented recipe, with the built CLI standing in for the installed `govern`.
    const manifest = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
    manifest['lint-staged'] = { '*.md': `${process.execPath} ${builtBin} check --max-warnings 0` };
    await writeFile(path.join(repo, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await git(repo, 'add', 'package.json');
    await git(repo, 'commit', '-q', '-m', 'lint-staged');
  });
  afterAll(async () => {
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  const runLintStaged = () => outcome(lintStaged, ['--cwd', repo], repo);

  it('fails on a staged status.md with a bad handoff and prints the problem', async () => {
    await appendFile(path.join(repo, 'status.md'), BAD_HANDOFF);
    await git(repo, 'add', 'status.md');
    const ids = await reportedRuleIds(repo, ['status.md']);
    expect(ids.length).toBeGreaterThan(0);
    const { code, output } = await runLintStaged();
    expect(code).toBe(1);
    expect(output).toContain('status.md');
    for (const id of ids) expect(output).toContain(id);
    expect(output).toContain('F-099');
    // lint-staged restores the staged state after a failed task: the bad text is still staged.
    expect(await git(repo, 'diff', '--cached', '--name-only')).toBe('status.md\n');
  });

  it('passes once the handoff is fixed', async () => {
    await git(repo, 'checkout', 'HEAD', '--', 'status.md');
    await appendFile(path.join(repo, 'status.md'), GOOD_HANDOFF);
    await git(repo, 'add', 'status.md');
    const { code, output } = await runLintStaged();
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).not.toContain('govern/');
  });
});
