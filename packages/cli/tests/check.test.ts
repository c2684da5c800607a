import { chmod, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';

vi.mock('@govern/eslint-style-rules', async () => {
  const { testRules, testPresets } = await import('../../core/tests/helpers/lint-rules.js');
  return { rules: testRules, configs: { recommended: { rules: testPresets.recommended }, strict: { rules: testPresets.strict } } };
});

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const lintFixtures = path.join(fixtures, 'lint');
const temps: string[] = [];

afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], options: { cwd?: string; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    cwd: options.cwd ?? path.join(lintFixtures, 'basic'),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    isTTY: false,
    ...(options.stdin !== undefined ? { readStdin: async () => options.stdin! } : {}),
  });
  return { code, stdout, stderr };
}

describe('govern check', () => {
  it('prints stylish problems and exits 1 on errors', async () => {
    const { code, stdout } = await run(['check']);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '',
        'AGENTS.md',
        '  3:1  error  Heading "Commands:" ends with a colon  no-heading-colon',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '  1 error and 0 warnings potentially fixable with the `--fix` option.',
        '',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 with no output when the given paths are clean (paths relative to the working directory)', async () => {
    const { code, stdout } = await run(['check', 'status.md', 'docs']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('reports warnings by --max-warnings, and --quiet drops them', async () => {
    const dir = path.join(lintFixtures, 'config-override');
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
    const over = await run(['check', '--max-warnings', '0'], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('govern: too many warnings (1); at most 0 allowed (--max-warnings).\n');
    const quiet = await run(['check', '--quiet', '--max-warnings', '0'], { cwd: dir });
    expect([quiet.code, quiet.stdout]).toEqual([0, '']);
  });

  it('writes ESLint-shaped JSON', async () => {
    const { stdout } = await run(['-C', path.join(lintFixtures, 'basic'), 'check', '--format', 'json'], { cwd: '/' });
    const results = JSON.parse(stdout) as Array<{ filePath: string; errorCount: number; messages: Array<{ ruleId: string; line: number }> }>;
    expect(results.map((r) => [path.basename(r.filePath), r.errorCount, r.messages.map((m) => `${m.ruleId}@${m.line}`)])).toEqual([
      ['AGENTS.md', 1, ['no-heading-colon@3']],
      ['PRODUCT.md', 0, []],
      ['status.md', 0, []],
    ]);
  });

  it('writes GitHub annotations with escaped properties', async () => {
    const { stdout } = await run(['check', '--format=github']);
    expect(stdout).toBe('::error file=AGENTS.md,line=3,col=1,endLine=3,endColumn=13,title=no-heading-colon::Heading "Commands:" ends with a colon.\n');
  });

  it('writes SARIF 2.1.0 that validates against the schema', async () => {
    const { stdout, code } = await run(['check', '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as { runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string; helpUri?: string }> } }; results: Array<Record<string, unknown>> }> };
    expect(log.runs[0]!.tool.driver.name).toBe('govern');
    expect(log.runs[0]!.tool.driver.rules).toEqual([
      { id: 'no-heading-colon', shortDescription: { text: 'Headings do not end with a colon' }, helpUri: 'https://example.org/rules/no-heading-colon', properties: { category: 'layout' } },
    ]);
    expect(log.runs[0]!.results[0]).toMatchObject({
      ruleId: 'no-heading-colon',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'AGENTS.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 13 } } }],
    });
    // ajv is core's dependency; the schema is SARIF 2.1.0 (draft-04), read by ajv's draft-07 validator.
    const requireFromCore = createRequire(fileURLToPath(new URL('../../core/package.json', import.meta.url)));
    const Ajv = (requireFromCore('ajv') as { default: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } } }).default;
    const schema = JSON.parse(await readFile(path.join(fixtures, 'schemas/sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.id;
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    const valid = validate(log);
    expect(validate.errors ?? null).toBeNull();
    expect(valid).toBe(true);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('lints standard input as a handoff (state document)', async () => {
    const { code, stdout } = await run(['check', '--stdin', '--format', 'json'], { stdin: '## Handoff:\n\n- Goal status: done\n' });
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ line: number; message: string }> }>;
    expect(path.basename(result!.filePath)).toBe('stdin.md');
    expect(result!.messages.map((m) => `${m.line} ${m.message}`)).toEqual(['1 Heading "Handoff:" ends with a colon.']);
  });

  it('fixes in place; a second run finds nothing; a read-only file exits 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-check-'));
    temps.push(dir);
    await cp(path.join(lintFixtures, 'fixable'), dir, { recursive: true });
    const first = await run(['check', '--fix'], { cwd: dir });
    expect([first.code, first.stdout]).toEqual([0, '']);
    expect(await readFile(path.join(dir, 'status.md'), 'utf8')).toBe('\uFEFF# Status\r\n\r\n## Done\r\n\r\nNothing is pending.');
    const second = await run(['check', '--fix'], { cwd: dir });
    expect([second.code, second.stdout]).toEqual([0, '']);

    const dir2 = await mkdtemp(path.join(os.tmpdir(), 'govern-check-'));
    temps.push(dir2);
    await cp(path.join(lintFixtures, 'fixable'), dir2, { recursive: true });
    await chmod(path.join(dir2, 'AGENTS.md'), 0o444);
    const readOnly = await run(['check', '--fix', '--format', 'json'], { cwd: dir2 });
    expect(readOnly.code).toBe(2);
    const results = JSON.parse(readOnly.stdout) as Array<{ filePath: string; messages: Array<{ fatal?: boolean; message: string }> }>;
    const agents = results.find((r) => r.filePath.endsWith('AGENTS.md'))!;
    expect(agents.messages[0]).toMatchObject({ fatal: true, message: 'Cannot write fixes (the file is read-only).' });
    expect(agents.messages).toHaveLength(3);
    expect(await readFile(path.join(dir2, 'status.md'), 'utf8')).toContain('## Done\r\n');
  });

  it('turns a parse diagnostic off from the config, with and without the cache', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-parser-off-'));
    temps.push(dir);
    await cp(path.join(lintFixtures, 'parser-diagnostics'), dir, { recursive: true });
    const before = await run(['check', '--format', 'json'], { cwd: dir });
    expect(before.code).toBe(0);
    const ids = (out: string) => (JSON.parse(out) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ids(before.stdout)).toEqual(['govern/parse-tasks', 'govern/parse-tasks']);
    await writeFile(path.join(dir, 'govern.config.json'), '{ "rules": { "govern/parse-tasks": "off" } }\n');
    for (const args of [['check', '--format', 'json'], ['check', '--format', 'json', '--cache', '--cache-location', path.join(dir, '.cache')]]) {
      const after = await run(args, { cwd: dir });
      expect(after.code).toBe(0);
      expect(ids(after.stdout)).toEqual([]);
    }
    const sarif = JSON.parse((await run(['check', '--format', 'sarif', '--max-warnings', '9'], { cwd: path.join(lintFixtures, 'parser-diagnostics') })).stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } }; results: Array<Record<string, unknown>> }>;
    };
    expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'govern/parse-tasks')?.helpUri).toMatch(/parser-diagnostics\.md#governparse-tasks$/);
    // One cause shown in two places: the other copy of the id is a related location.
    expect(sarif.runs[0]!.results[0]).toMatchObject({
      locations: [{ physicalLocation: { artifactLocation: { uri: 'specs/014-tags/tasks.md' }, region: { startLine: 6 } } }],
      relatedLocations: [{ id: 0, physicalLocation: { artifactLocation: { uri: 'specs/014-tags/tasks.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 1 } } }],
    });
    const requireFromCore = createRequire(fileURLToPath(new URL('../../core/package.json', import.meta.url)));
    const Ajv = (requireFromCore('ajv') as { default: new (options: object) => { compile(schema: object): (data: unknown) => boolean } }).default;
    const schema = JSON.parse(await readFile(path.join(fixtures, 'schemas/sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.id;
    expect(new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(schema)(sarif)).toBe(true);
  });

  it('exits 2 on usage and config errors, with one line', async () => {
    expect(await run(['check', '--format', 'xml'])).toMatchObject({ code: 2, stderr: 'govern: unknown format "xml" (formats: stylish, json, sarif, github)\n' });
    expect(await run(['check', '--max-warnings', 'many'])).toMatchObject({ code: 2, stderr: 'govern: --max-warnings needs a whole number, not "many"\n' });
    expect(await run(['check', 'nope.md'])).toMatchObject({ code: 2, stderr: 'govern: No such file or directory: nope.md\n' });
    expect(await run(['check', '--stdin', '--fix'], { stdin: '' })).toMatchObject({ code: 2 });
    expect(await run(['check'], { cwd: path.join(lintFixtures, 'bad-config') })).toMatchObject({
      code: 2,
      stderr: 'govern: Unknown rule "no-such-rule" in rules of govern.config.json\n',
    });
    expect(await run(['check', '--bogus'])).toMatchObject({ code: 2 });
  });
});
