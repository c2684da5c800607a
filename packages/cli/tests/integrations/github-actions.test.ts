import { existsSync } from 'node:fs';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../run-cli.js';
import { BAD_HANDOFF, builtBin, exampleRepository, missingBin, outcome } from './git-repo.js';

const YAML = createRequire(fileURLToPath(new URL('../../../core/package.json', import.meta.url)))('yaml') as typeof import('yaml');

/**
 * GitHub's workflow command: `::level key=value,…::message`. Property values escape `%`, CR, LF, `:`
 * and `,`; the message escapes `%`, CR and LF.
 */
const COMMAND = /^::(error|warning|notice) ((?:[A-Za-z]+=[^,:\r\n]*)(?:,[A-Za-z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;
const unescape = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

describe.skipIf(missingBin !== undefined)(`--format github${missingBin ? ` (skipped: ${missingBin})` : ''}`, () => {
  let repo: string;
  beforeAll(async () => {
    repo = await exampleRepository();
    await appendFile(path.join(repo, 'status.md'), BAD_HANDOFF);
    // A YAML error in front matter gives a message with `:` and `,`, which must survive escaping.
    await writeFile(path.join(repo, 'AGENTS.md'), `---\ntitle: [oops, 100%\n---\n${await readFile(path.join(repo, 'AGENTS.md'), 'utf8')}`);
  });
  afterAll(async () => {
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  it('prints one workflow command per problem, matching the JSON report', async () => {
    const github = await outcome(process.execPath, [builtBin, 'check', '--format', 'github'], repo);
    const json = await outcome(process.execPath, [builtBin, 'check', '--format', 'json'], repo);
    const results = JSON.parse(json.output) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number; message: string; line: number; column: number }> }>;
    const expected = results.flatMap((r) =>
      r.messages.map((m) => ({ level: m.severity === 2 ? 'error' : 'warning', file: path.relative(repo, r.filePath), line: String(m.line), col: String(m.column), title: m.ruleId, message: m.message })),
    );
    expect(expected.length).toBeGreaterThanOrEqual(2);

    const lines = github.output.split('\n').filter((l) => l !== '');
    const parsed = lines.map((line) => {
      const match = COMMAND.exec(line);
      expect(match, line).not.toBeNull();
      const props = Object.fromEntries(match![2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]));
      return { level: match![1], file: props['file'], line: props['line'], col: props['col'], title: props['title'], message: unescape(match![3]!) };
    });
    expect(parsed).toEqual(expected);
    expect(parsed.some((p) => p.message.includes(':') && p.message.includes(','))).toBe(true);
  });
});

describe('action.yml', () => {
  it('runs the committed build on the Action runtime, with args, format and working-directory inputs', async () => {
    const action = YAML.parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      inputs: Record<string, { default?: string }>;
    };
    expect(action.runs).toEqual({ using: 'node20', main: 'bundle/action.cjs' });
    expect(existsSync(path.join(repoRoot, action.runs.main))).toBe(true);
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'format', 'working-directory']);
    expect(action.inputs['format']?.default).toBe('github');
  });
});

describe('the Action\'s entry', () => {
  const entry = path.join(repoRoot, 'bundle/action.cjs');
  let workspace: string;
  beforeAll(async () => {
    // The checkout holds the governed repository in a folder, as a monorepo would.
    workspace = await mkdtemp(path.join(os.tmpdir(), 'govern-action-'));
    const repo = await exampleRepository();
    await cp(repo, path.join(workspace, 'governed'), { recursive: true });
    await rm(repo, { recursive: true, force: true });
    await appendFile(path.join(workspace, 'governed/status.md'), BAD_HANDOFF);
  });
  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  /** The runner's environment for a JavaScript action: GITHUB_* and one INPUT_<NAME> per input, defaults included. */
  const runAction = (inputs: Record<string, string>) =>
    outcome(process.execPath, [entry], workspace, {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      INPUT_ARGS: '',
      INPUT_FORMAT: 'github',
      'INPUT_WORKING-DIRECTORY': '.',
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    });

  it('annotates the problems with paths from the workspace and fails the step', async () => {
    const { code, output } = await runAction({ 'working-directory': 'governed', args: '--max-warnings 0' });
    const lines = output.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=governed\/status\.md,line=\d+,col=\d+/);
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=governed\/status\.md,line=\d+,col=\d+,.*title=handoff-owner::Next owner "TBD" of handoff verify -> release names nobody/));
    expect(code).toBe(1);
  });

  it('passes its args to govern check, split as a shell splits words', async () => {
    const { code, output } = await runAction({ 'working-directory': 'governed', args: `--format json 'status.md'` });
    const results = JSON.parse(output) as Array<{ filePath: string }>;
    expect(results.map((r) => path.relative(workspace, r.filePath))).toEqual([path.join('governed', 'status.md')]);
    expect(code).toBe(1);
  });

  it('refuses args with an unclosed quote in one line', async () => {
    expect(await runAction({ args: `--max-warnings '0` })).toEqual({ code: 2, output: 'govern: args: the quote at character 16 is never closed\n' });
  });
});
