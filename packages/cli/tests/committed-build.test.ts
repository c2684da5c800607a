import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './run-cli.js';

const committed = path.join(repoRoot, 'bundle');
const work = mkdtempSync(path.join(tmpdir(), 'govern-committed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface RootManifest {
  name: string;
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  [field: string]: unknown;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as RootManifest;

describe('the committed build (bundle/)', () => {
  it('is exactly what `pnpm build:committed` makes from the sources (the root test command builds them first)', { timeout: 60_000 }, () => {
    const fresh = path.join(work, 'bundle');
    execFileSync(process.execPath, [path.join(repoRoot, 'packages/cli/scripts/bundle.mjs'), '--committed', '--out', fresh], { cwd: repoRoot, stdio: 'pipe' });
    expect(readdirSync(committed).sort()).toEqual(readdirSync(fresh).sort());
    for (const file of readdirSync(fresh)) {
      const same = readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file)));
      expect(same, `bundle/${file} is not what the sources build: run \`npx -y pnpm@10 build:committed\` and commit bundle/`).toBe(true);
    }
  });

  it('is what the root package runs, a package with no dependency of any kind and no install-time script', () => {
    expect(manifest).toMatchObject({ name: 'govern', bin: { govern: 'bundle/govern.cjs' } });
    const cli = JSON.parse(readFileSync(path.join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(cli.version);
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) expect(manifest[field], field).toBeUndefined();
    // A git dependency with one of these is built on install (with devDependencies); pre-commit runs them too.
    for (const script of ['prepare', 'prepack', 'preinstall', 'install', 'postinstall']) expect(manifest.scripts[script], script).toBeUndefined();
    expect(readFileSync(path.join(committed, 'govern.cjs'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('packs into a small tarball of the build alone', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } })) as Array<{
      size: number;
      files: Array<{ path: string }>;
    }>;
    expect(packed!.files.map((f) => f.path).sort()).toEqual(['README.md', 'bundle/action.cjs', 'bundle/govern.cjs', 'package.json']);
    expect(packed!.size).toBeLessThan(1024 * 1024);
  });
});
