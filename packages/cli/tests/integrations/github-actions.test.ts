import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
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
  it('is a small composite action that sets up Node and runs govern check --format github', async () => {
    const action = YAML.parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as {
      name: string;
      runs: { using: string; steps: Array<{ uses?: string; run?: string; with?: Record<string, string> }> };
      inputs: Record<string, { default?: string }>;
    };
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.some((s) => s.uses?.startsWith('actions/setup-node@'))).toBe(true);
    const script = action.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(script).toContain('@govern/cli');
    expect(script).toContain('check');
    expect(action.inputs['format']?.default).toBe('github');
  });
});
