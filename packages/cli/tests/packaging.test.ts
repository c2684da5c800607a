import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BYTES_PER_WORKER } from '@govern/core';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli } from './run-cli.js';

const PACKAGES = ['core', 'eslint-style-rules', 'cli'] as const;
const work = mkdtempSync(path.join(tmpdir(), 'govern-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** pnpm itself when the test runs under it, else pnpm 10 through npx: only pnpm replaces `workspace:*` with versions. */
function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  const [command, prefix] = execPath && /pnpm/.test(path.basename(execPath)) ? [process.execPath, [execPath]] : ['npx', ['-y', 'pnpm@10']];
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tarList(tarball: string): string[] {
  return execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function tarFile(tarball: string, file: string): string {
  return execFileSync('tar', ['xzOf', tarball, file], { encoding: 'utf8' });
}

describe('packaging', () => {
  it('pnpm pack tarballs install into an empty folder and govern runs from there', { timeout: 180_000 }, async () => {
    // The tarballs carry dist/: build first so they never hold stale output.
    execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: repoRoot, stdio: 'pipe' });

    const tarballs = path.join(work, 'tarballs');
    mkdirSync(tarballs);
    for (const name of PACKAGES) pnpm(['pack', '--pack-destination', tarballs], path.join(repoRoot, 'packages', name));
    const files = readdirSync(tarballs).sort();
    expect(files).toEqual(['govern-cli-0.1.0.tgz', 'govern-core-0.1.0.tgz', 'govern-eslint-style-rules-0.1.0.tgz']);
    const tgz = (name: string) => path.join(tarballs, `govern-${name}-0.1.0.tgz`);

    const core = tarList(tgz('core'));
    expect(core).toContain('package/dist/index.js');
    expect(core).toContain('package/dist/index.d.ts');
    expect(core).toContain('package/schema/config.schema.json');
    expect(core).toContain('package/schema/next.schema.json');
    expect(core.some((f) => f.startsWith('package/src/') || f.startsWith('package/tests/'))).toBe(false);
    expect(tarList(tgz('eslint-style-rules'))).toContain('package/dist/index.js');
    const cli = tarList(tgz('cli'));
    expect(cli).toContain('package/dist/bin.js');
    expect(cli).toContain('package/dist/main.js');
    for (const name of PACKAGES) {
      const manifest = tarFile(tgz(name), 'package/package.json');
      expect(manifest, `${name} still has workspace: ranges`).not.toContain('workspace:');
    }
    expect((JSON.parse(tarFile(tgz('cli'), 'package/package.json')) as { dependencies: Record<string, string> }).dependencies).toEqual({
      '@govern/core': '0.1.0',
      '@govern/eslint-style-rules': '0.1.0',
    });

    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES.map(tgz)], { cwd: app, stdio: 'pipe' });
    expect(existsSync(path.join(app, 'node_modules/@govern/core/schema/config.schema.json'))).toBe(true);

    const bin = path.join(app, 'node_modules/.bin/govern');
    const govern = (args: string[], cwd = app) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

    const version = govern(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe('0.1.0\n');

    const repo = path.join(app, 'repo');
    cpSync(fixture('example'), repo, { recursive: true });
    const check = govern(['check'], repo);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const expectedCheck = await runCli(['check'], { cwd: fixture('example') });
    expect(check.stdout).toBe(expectedCheck.stdout);

    const next = govern(['next'], repo);
    expect(next.status).toBe(0);
    expect(next.stdout.split('\n')[0]).toBe('continue  F-002 Tags');
    expect(next.stdout).toBe((await runCli(['next'], { cwd: fixture('example') })).stdout);

    // The config init writes points at the schema the package ships, which this repository has installed.
    const fresh = path.join(app, 'fresh');
    mkdirSync(fresh);
    symlinkSync(path.join(app, 'node_modules'), path.join(fresh, 'node_modules'));
    expect(govern(['init'], fresh).status).toBe(0);
    const schemaRef = (JSON.parse(readFileSync(path.join(fresh, 'govern.config.json'), 'utf8')) as { $schema: string }).$schema;
    expect(schemaRef).toBe('./node_modules/@govern/core/schema/config.schema.json');
    expect(existsSync(path.join(fresh, schemaRef))).toBe(true);
    const freshCheck = govern(['check'], fresh);
    expect(freshCheck.stdout + freshCheck.stderr).toBe('');
    expect(freshCheck.status).toBe(0);

    // The installed CLI starts from its bundle, with the code cache made for it taken under the V8 flags bin.js sets.
    expect(cli).toContain('package/dist/govern.bundle.cjs');
    expect(cli).toContain('package/dist/govern.bundle.cache');
    const loader = pathToFileURL(path.join(app, 'node_modules/@govern/cli/dist/bundle-loader.js')).href;
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', `const l = await import(${JSON.stringify(loader)}); l.tuneV8(); console.log(l.loadBundle()?.codeCache);`], { encoding: 'utf8' });
    expect(loaded.stdout.trim()).toBe('taken');
    // A JavaScript config is still loaded from the bundle.
    const configured = path.join(app, 'configured');
    cpSync(fixture('messy'), configured, { recursive: true });
    writeFileSync(path.join(configured, 'govern.config.mjs'), "export default { rules: { 'handoff-evidence': 'off' } };\n");
    const configuredCheck = govern(['check', '--format', 'json'], configured);
    expect(configuredCheck.stderr).toBe('');
    const ruleIds = (JSON.parse(configuredCheck.stdout) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ruleIds.length).toBeGreaterThan(0);
    expect(ruleIds).not.toContain('handoff-evidence');

    // A repository large enough for a worker thread gives the same report with one as without.
    const large = path.join(app, 'large');
    const { generate } = (await import(pathToFileURL(path.join(repoRoot, 'bench/generate.mjs')).href)) as {
      generate: (size: number, dir: string) => { documents: number; bytes: number };
    };
    expect(generate(300, large).bytes).toBeGreaterThan(2 * BYTES_PER_WORKER);
    const threaded = govern(['check', '--format', 'json', '--concurrency', '2'], large);
    const single = govern(['check', '--format', 'json', '--concurrency', 'off'], large);
    expect(threaded.stderr).toBe('');
    expect(threaded.status).toBe(single.status);
    expect(threaded.stdout).toBe(single.stdout);
  });
});
