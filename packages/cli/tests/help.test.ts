import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

const COMMANDS = ['next', 'status', 'inspect', 'check', 'init', 'brief', 'handoff', 'graph'];

describe('help and colours', () => {
  it('lists every command in the usage', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(run.stdout).toContain('Examples:\n');
  });

  it.each(COMMANDS)('govern %s --help has usage and runnable examples', async (name) => {
    const run = await runCli([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`Usage: govern ${name}`)).toBe(true);
    const examples = run.stdout.split('\nExamples:\n')[1];
    expect(examples, `${name} --help has no Examples section`).toBeDefined();
    const lines = examples!.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^ {2}\S/);
    expect(lines.some((l) => l.includes(`govern ${name}`) || l.includes(`govern -C`))).toBe(true);
  });

  const COLOURED: Array<[string, string[]]> = [
    ['next', ['next']],
    ['status', ['status']],
    ['inspect', ['inspect']],
    ['init', ['init', '--dry-run']],
  ];
  it.each(COLOURED)('%s colours only on a terminal without NO_COLOR', async (_name, argv) => {
    const cwd = fixture('example');
    const tty = await runCli(argv, { cwd, isTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const pipe = await runCli(argv, { cwd, isTTY: false });
    expect(pipe.stdout).not.toContain('\u001b[');
    const noColor = await runCli(argv, { cwd, isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const flag = await runCli([...argv, '--no-color'], { cwd, isTTY: true });
    expect(flag.stdout).not.toContain('\u001b[');
  });

  it('Markdown and graph output never carries colour codes, even on a terminal', async () => {
    const cwd = fixture('example');
    for (const argv of [['brief'], ['graph'], ['graph', '--format', 'dot']]) {
      const run = await runCli(argv, { cwd, isTTY: true, env: { FORCE_COLOR: '1' } });
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\u001b[');
    }
  });
});
