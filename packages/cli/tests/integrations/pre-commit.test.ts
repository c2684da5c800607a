import { readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../run-cli.js';
import { BAD_HANDOFF, GOOD_HANDOFF, builtBin, exampleRepository, git, missingBin, onPath, outcome, reportedRuleIds } from './git-repo.js';

// yaml is core's dependency; the hook manifest is read with it.
const YAML = createRequire(fileURLToPath(new URL('../../../core/package.json', import.meta.url)))('yaml') as typeof import('yaml');

interface ManifestHook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  types_or?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

const manifestPath = path.join(repoRoot, '.pre-commit-hooks.yaml');
const skipReason = !onPath('pre-commit') ? 'pre-commit is not on PATH (Debian/Ubuntu: apt-get install pre-commit; or pip install pre-commit)' : missingBin;

describe('.pre-commit-hooks.yaml', () => {
  it('declares one hook, govern, running `govern check` on Markdown and JSON file names', async () => {
    const hooks = YAML.parse(await readFile(manifestPath, 'utf8')) as ManifestHook[];
    expect(hooks.map((h) => h.id)).toEqual(['govern']);
    expect(hooks[0]).toMatchObject({ entry: 'govern check', language: 'node', pass_filenames: true, require_serial: true });
    const files = new RegExp(hooks[0]!.files!);
    expect(['status.md', 'docs/PRODUCT.md', 'reviews/r1.json'].every((f) => files.test(f))).toBe(true);
    expect(['src/app.ts', 'README.mdx'].some((f) => files.test(f))).toBe(false);
  });

  it.skipIf(!onPath('pre-commit'))('is a manifest pre-commit accepts', async () => {
    const { code, output } = await outcome('pre-commit', ['validate-manifest', manifestPath], repoRoot);
    expect({ code, output }).toEqual({ code: 0, output: '' });
  });
});

describe.skipIf(skipReason !== undefined)(`pre-commit runs govern on staged files${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let repo: string;
  const home = () => path.join(repo, '.pre-commit-home');

  beforeAll(async () => {
    repo = await exampleRepository();
    const [hook] = YAML.parse(await readFile(manifestPath, 'utf8')) as ManifestHook[];
    // A local hook runs the built CLI with the published hook's file selection, so the two cannot drift.
    const local = {
      repos: [
        {
          repo: 'local',
          hooks: [
            {
              id: hook!.id,
              name: hook!.name,
              entry: hook!.entry.replace(/^govern\b/, `${JSON.stringify(process.execPath)} ${JSON.stringify(builtBin)}`),
              language: 'system',
              ...(hook!.files !== undefined ? { files: hook!.files } : {}),
              ...(hook!.types_or !== undefined ? { types_or: hook!.types_or } : {}),
              pass_filenames: hook!.pass_filenames,
              require_serial: hook!.require_serial,
              args: ['--max-warnings', '0'],
            },
          ],
        },
      ],
    };
    await writeFile(path.join(repo, '.pre-commit-config.yaml'), YAML.stringify(local));
    await writeFile(path.join(repo, '.gitignore'), '.pre-commit-home/\n');
    await git(repo, 'add', '.pre-commit-config.yaml', '.gitignore');
    await git(repo, 'commit', '-q', '-m', 'pre-commit');
  });
  afterAll(async () => {
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  const preCommit = () => outcome('pre-commit', ['run', '--color', 'never'], repo, { PRE_COMMIT_HOME: home() });

  it('fails on a staged status.md with a bad handoff, naming the rule', async () => {
    await appendFile(path.join(repo, 'status.md'), BAD_HANDOFF);
    await git(repo, 'add', 'status.md');
    const ids = await reportedRuleIds(repo, ['status.md']);
    expect(ids.length).toBeGreaterThan(0);
    const { code, output } = await preCommit();
    expect(code).toBe(1);
    expect(output).toMatch(/govern check\.+Failed/);
    expect(output).toContain('status.md');
    for (const id of ids) expect(output).toContain(id);
  });

  it('passes once the handoff is fixed', async () => {
    await git(repo, 'checkout', 'HEAD', '--', 'status.md');
    await appendFile(path.join(repo, 'status.md'), GOOD_HANDOFF);
    await git(repo, 'add', 'status.md');
    const { code, output } = await preCommit();
    expect(output).toMatch(/govern check\.+Passed/);
    expect(code).toBe(0);
  });

  it('skips commits that touch no Markdown or JSON file', async () => {
    await git(repo, 'commit', '-q', '-m', 'good handoff', '--no-verify');
    await writeFile(path.join(repo, 'notes.txt'), 'not a governance document\n');
    await git(repo, 'add', 'notes.txt');
    const { code, output } = await preCommit();
    expect(output).toMatch(/govern check\.+\(no files to check\)Skipped/);
    expect(code).toBe(0);
  });
});
