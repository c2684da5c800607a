import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot } from '../run-cli.js';
import { BAD_HANDOFF, cloneOfThisRepository, offlineNpmEnv, outcome } from './git-repo.js';

const run = promisify(execFile);

describe('npm installs govern from a clone of this repository, with no registry', () => {
  let clone: string;
  let work: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    [clone, work] = await Promise.all([cloneOfThisRepository(), mkdtemp(path.join(os.tmpdir(), 'govern-npm-'))]);
    env = offlineNpmEnv(path.join(work, 'npm-cache'));
    await cp(fixture('example'), path.join(work, 'example'), { recursive: true });
    await cp(fixture('example'), path.join(work, 'broken'), { recursive: true });
    await appendFile(path.join(work, 'broken/status.md'), BAD_HANDOFF);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([clone, work].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('`npm install -g <path>` into an empty prefix gives a govern that checks and picks the next feature', { timeout: 120_000 }, async () => {
    const prefix = path.join(work, 'prefix');
    await run('npm', ['install', '-g', '--prefix', prefix, '--loglevel=error', clone], { env: { ...process.env, ...env } });
    const govern = path.join(prefix, 'bin/govern');

    expect(await outcome(govern, ['--version'], work)).toEqual({ code: 0, output: '0.1.0\n' });
    expect(await outcome(govern, ['check'], path.join(work, 'example'))).toEqual({ code: 0, output: '' });
    const next = await outcome(govern, ['next'], path.join(work, 'example'));
    expect(next.code).toBe(0);
    expect(next.output.split('\n')[0]).toBe('continue  F-002 Tags');
    const broken = await outcome(govern, ['check'], path.join(work, 'broken'));
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('Next owner "TBD" of handoff verify -> release names nobody, so the work stalls');

    // A repository large enough for worker threads: they start from the same single file and agree with one thread.
    const large = path.join(work, 'large');
    const { generate } = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.mjs')).href)) as { generate: (size: number, dir: string) => unknown };
    generate(300, large);
    const threaded = await outcome(govern, ['check', '--format', 'json', '--concurrency', '2'], large);
    const single = await outcome(govern, ['check', '--format', 'json', '--concurrency', 'off'], large);
    expect(threaded).toEqual(single);
    expect(JSON.parse(threaded.output)).not.toEqual([]);
  });

  it('`npx --package <tarball> govern` runs govern from the packed repository', { timeout: 120_000 }, async () => {
    const packs = path.join(work, 'packs');
    await mkdir(packs);
    await run('npm', ['pack', '--pack-destination', packs, '--loglevel=error', clone], { cwd: work, env: { ...process.env, ...env } });
    const [tarball] = await readdir(packs);
    expect(tarball).toBe('govern-0.1.0.tgz');
    // A path alone would be taken for a program to run: --package names what to install.
    const check = await outcome('npx', ['--yes', '--package', path.join(packs, tarball!), 'govern', 'check'], path.join(work, 'broken'), env);
    expect(check.code).toBe(1);
    expect(check.output).toContain('handoff-owner');
  });

  it('`npx <git url>` runs govern from the repository', { timeout: 120_000 }, async () => {
    const next = await outcome('npx', ['--yes', `git+${pathToFileURL(clone).href}`, 'next'], path.join(work, 'example'), env);
    expect(next.code).toBe(0);
    expect(next.output.split('\n')[0]).toBe('continue  F-002 Tags');
  });
});
