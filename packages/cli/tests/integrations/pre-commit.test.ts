import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../run-cli.js';
import { BAD_HANDOFF, GOOD_HANDOFF, builtBin, cloneOfThisRepository, exampleRepository, git, inCI, missingBin, offlineNpmEnv, onPath, outcome, reportedRuleIds } from './git-repo.js';

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
  additional_dependencies?: string[];
}

const manifestPath = path.join(repoRoot, '.pre-commit-hooks.yaml');
const havePreCommit = onPath('pre-commit');
// .ci/run installs pre-commit: in CI its absence fails these tests rather than skipping them.
const skipReason = havePreCommit || inCI ? undefined : 'pre-commit is not on PATH (Debian/Ubuntu: apt-get install pre-commit; or pip install pre-commit)';
const requirePreCommit = () => {
  if (!havePreCommit) throw new Error('pre-commit is not on PATH; .ci/run installs it (apt-get install pre-commit)');
};

describe('.pre-commit-hooks.yaml', () => {
  it('declares one hook, govern, running `govern check` once over the repository when a governance file changes', async () => {
    const hooks = YAML.parse(await readFile(manifestPath, 'utf8')) as ManifestHook[];
    expect(hooks.map((h) => h.id)).toEqual(['govern']);
    // Project rules compare documents with each other, so the whole repository is checked (no file names), once.
    expect(hooks[0]).toMatchObject({ entry: 'govern check', language: 'node', pass_filenames: false, require_serial: true });
    // The root package runs the committed build: nothing to fetch from a registry.
    expect(hooks[0]!.additional_dependencies).toBeUndefined();
    const files = new RegExp(hooks[0]!.files!);
    const triggering = ['status.md', 'docs/PRODUCT.md', '.agent/reviews/r1.json', 'govern.config.json', 'govern.config.mjs', '.governrc', 'sub/.governrc.yaml', 'package.json'];
    expect(triggering.filter((f) => !files.test(f))).toEqual([]);
    expect(['src/app.ts', 'README.mdx', 'notes.txt', 'docs/governance.yaml'].filter((f) => files.test(f))).toEqual([]);
  });

  it.skipIf(skipReason !== undefined)('is a manifest pre-commit accepts', async () => {
    requirePreCommit();
    const { code, output } = await outcome('pre-commit', ['validate-manifest', manifestPath], repoRoot);
    expect({ code, output }).toEqual({ code: 0, output: '' });
  });
});

describe.skipIf(skipReason !== undefined)(`pre-commit installs the hook from a clone of this repository${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let clone: string;
  let repo: string;
  let work: string;

  beforeAll(async () => {
    requirePreCommit();
    [clone, repo, work] = await Promise.all([cloneOfThisRepository(), exampleRepository(), mkdtemp(path.join(os.tmpdir(), 'govern-pre-commit-'))]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([clone, repo, work].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  // `try-repo` installs the hook as `repo: <url>` with `rev:` would: pre-commit runs `npm install` in the
  // clone, packs it and installs the tarball into its own Node environment. With no registry reachable.
  const tryRepo = (...args: string[]) =>
    outcome('pre-commit', ['try-repo', clone, 'govern', '--color', 'never', ...args], repo, { PRE_COMMIT_HOME: path.join(work, 'home'), ...offlineNpmEnv(path.join(work, 'npm-cache')) });

  it('fails on a broken handoff with govern\'s report', { timeout: 180_000 }, async () => {
    await appendFile(path.join(repo, 'status.md'), BAD_HANDOFF);
    const { code, output } = await tryRepo('--all-files');
    expect(output).toMatch(/govern check\.+Failed/);
    expect(code).toBe(1);
    expect(output).toContain('status.md');
    expect(output).toContain('Next owner "TBD" of handoff verify -> release names nobody, so the work stalls');
    expect(output).toContain('handoff-owner');
    expect(output).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
  });

  it('passes once the handoff is fixed', { timeout: 60_000 }, async () => {
    await git(repo, 'checkout', 'HEAD', '--', 'status.md');
    await appendFile(path.join(repo, 'status.md'), GOOD_HANDOFF);
    const { code, output } = await tryRepo('--all-files');
    expect(output).toMatch(/govern check\.+Passed/);
    expect(code).toBe(0);
  });

  it('is skipped when no governance file is staged', { timeout: 60_000 }, async () => {
    await writeFile(path.join(repo, 'notes.txt'), 'not a governance document\n');
    await git(repo, 'add', 'notes.txt');
    const { code, output } = await tryRepo();
    expect(output).toMatch(/govern check\.+\(no files to check\)Skipped/);
    expect(code).toBe(0);
  });
});

describe.skipIf(skipReason !== undefined || missingBin !== undefined)(`a local hook runs govern on staged files${skipReason ?? missingBin ? ` (skipped: ${skipReason ?? missingBin})` : ''}`, () => {
  let repo: string;
  const home = () => path.join(repo, '.pre-commit-home');

  beforeAll(async () => {
    requirePreCommit();
    repo = await exampleRepository();
    const [hook] = YAML.parse(await readFile(manifestPath, 'utf8')) as ManifestHook[];
    // The documented local hook, with the built CLI standing in for `npx govern` and the published hook's file selection.
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
});
