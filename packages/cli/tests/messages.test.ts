import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli } from './run-cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function repositoryWith(config: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'govern-messages-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'govern.config.json'), `${JSON.stringify(config)}\n`);
  return dir;
}

/** A usage or config error: exit 2 and exactly this line on stderr, nothing on stdout. */
async function expectError(argv: string[], line: string, cwd?: string): Promise<void> {
  const run = await runCli(argv, cwd ? { cwd } : {});
  expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 2, stdout: '', stderr: `govern: ${line}\n` });
}

describe('usage messages name the closest command or option, in one wording', () => {
  it.each([
    [['nxt'], 'unknown command "nxt"; did you mean "next"?'],
    [['frobnicate'], 'unknown command "frobnicate" (commands: next, status, inspect, check, init, brief, handoff, graph)'],
    [['help', 'chek'], 'unknown command "chek"; did you mean "check"?'],
    [['--C', 'next'], 'unknown option "--C"; did you mean "-C"?'],
    [['--jsn'], 'unknown option "--jsn" (see govern --help)'],
    [['next', '--jsn'], 'unknown option "--jsn" for govern next; did you mean "--json"?'],
    [['check', '--fixx'], 'unknown option "--fixx" for govern check; did you mean "--fix"?'],
    [['check', '-x'], 'unknown option "-x" for govern check (see govern check --help)'],
    [['check', '--format'], 'option --format needs a value'],
    [['check', '--format', '--quiet'], 'option --format needs a value; "--quiet" looks like an option (write --format=--quiet if it is the value)'],
    [['check', '--max-warnings', '-1'], 'option --max-warnings needs a value; "-1" looks like an option (write --max-warnings=-1 if it is the value)'],
    [['next', '--json=yes'], 'option --json takes no value, but was given "yes"'],
    [['status', 'extra'], 'unexpected argument "extra" for govern status, which takes none (see govern status --help)'],
    [['check', '--format', 'jsn'], 'unknown format "jsn"; did you mean "json"?'],
    [['check', '--format', 'xml'], 'unknown format "xml" (formats: stylish, json, sarif, github)'],
  ])('govern %j', async (argv, line) => {
    await expectError(argv, line, fixture('example'));
  });

  it('govern help <command> prints the command\'s help', async () => {
    const help = await runCli(['help', 'next']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(`${(await runCli(['next', '--help'])).stdout}`);
    expect(help.stdout.startsWith('Usage: govern next')).toBe(true);
  });
});

describe('config messages say what is unknown and the closest known name', () => {
  it.each([
    [{ extends: ['govern:recommended', 'govern:nope'] }, 'Invalid config govern.config.json: extends: unknown preset "govern:nope" (presets: govern:recommended, govern:strict)'],
    [{ extends: 'govern:nope' }, 'Invalid config govern.config.json: extends: unknown preset "govern:nope" (presets: govern:recommended, govern:strict)'],
    [{ extends: ['govern:recomended'] }, 'Invalid config govern.config.json: extends: unknown preset "govern:recomended"; did you mean "govern:recommended"?'],
    [{ extends: 3 }, "Invalid config govern.config.json: extends must be a preset's name or a list of them (presets: govern:recommended, govern:strict)"],
    [{ rules: { 'handoff-evidenc': 'error' } }, 'Unknown rule "handoff-evidenc" in rules of govern.config.json; did you mean "handoff-evidence"?'],
    [{ rules: { 'govern/handof-owner': 'warn' } }, 'Unknown rule "govern/handof-owner" in rules of govern.config.json; did you mean "govern/handoff-owner"?'],
    [{ overrides: [{ files: 'status.md', rules: { 'no-such-rule': 'off' } }] }, 'Unknown rule "no-such-rule" in overrides[0] of govern.config.json'],
    [{ document: {} }, 'Invalid config govern.config.json: config: unknown property "document"; did you mean "documents"?'],
  ])('%j', async (config, line) => {
    await expectError(['check'], line, repositoryWith(config));
  });
});

describe('messages name documentation by URL, never by a path in govern\'s repository', () => {
  it('an empty repository: status and inspect link the pages that say what govern reads', async () => {
    const empty = repositoryWith({});
    expect((await runCli(['status'], { cwd: empty })).stdout).toBe(
      'govern status  no features found (see https://github.com/govern-dev/govern/blob/main/docs/identity.md for where features are declared)\n',
    );
    expect((await runCli(['inspect'], { cwd: empty })).stdout).toContain('  none found: see https://github.com/govern-dev/govern/blob/main/docs/formats.md for the files govern reads\n');
    expect((await runCli(['next', '--help'])).stdout).toContain('The whole algorithm: https://github.com/govern-dev/govern/blob/main/docs/next.md\n');
  });

  it('no string in the sources points a user at docs/… (comments may)', () => {
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) visit(file);
        else if (file.endsWith('.ts')) {
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
              if (/see docs\/|docs\/(?:formats|rules)\/[\w-]+\.md|docs\/(?:next|identity|formats|json|states|check|commands|integrations)\.md/.test(line)) {
                offenders.push(`${path.relative(repoRoot, file)}:${index + 1}`);
              }
            });
        }
      }
    };
    for (const pkg of ['core', 'cli', 'eslint-style-rules']) visit(path.join(repoRoot, 'packages', pkg, 'src'));
    // The README's rules table links the pages inside this repository, where they are.
    expect(offenders.filter((o) => !o.startsWith('packages/eslint-style-rules/src/rules-table.ts'))).toEqual([]);
  });
});

describe('text cut to fit ends in …', () => {
  it('a long blocked reason, read up to its limit, says it was cut', async () => {
    const next = await runCli(['next'], { cwd: fixture('status-backlog') });
    expect(next.stdout).toContain('escalated to Dana 2025-06-02. Fallback proposed: ship with weight-based…); PAN-16');
  });
});
