import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('govern (global behaviour)', () => {
  it('prints the package version', async () => {
    const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints usage with the command list on --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: govern/);
    expect(run.stdout).toMatch(/inspect/);
  });

  it('exits 2 with one line on an unknown command', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('govern: unknown command "frobnicate" (commands: ' + run.stderr.split('(commands: ')[1]);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line on an unknown option', async () => {
    const run = await runCli(['inspect', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^govern: .*--bogus/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line when -C names a missing directory', async () => {
    const run = await runCli(['-C', fixture('does-not-exist'), 'inspect']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^govern: No such directory: .*does-not-exist\n$/);
  });

  it('shows per-command help with examples', async () => {
    const run = await runCli(['inspect', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Examples:/);
  });

  it('uses colours only when asked or on a terminal without NO_COLOR', async () => {
    const tty = await runCli(['-C', fixture('empty'), 'inspect'], { isTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await runCli(['-C', fixture('empty'), 'inspect'], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const piped = await runCli(['-C', fixture('empty'), 'inspect']);
    expect(piped.stdout).not.toContain('\u001b[');
  });
});
