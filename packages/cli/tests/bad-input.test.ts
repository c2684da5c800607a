import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The bad-input matrix of docs/reliability.md. Each case runs the built `govern` as a child
 * process, so exit codes, stderr and stack traces are the ones a user sees.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(repoRoot, 'packages/cli/dist/bin.js');
const coreFixes = path.join(repoRoot, 'packages/core/dist/lint/fixes.js');
const rulesIndex = path.join(repoRoot, 'packages/eslint-style-rules/dist/index.js');
const built = existsSync(bin);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let ruleIds = new Set<string>();
if (existsSync(rulesIndex)) {
  const loaded = (await import(pathToFileURL(rulesIndex).href)) as { rules: Record<string, unknown> };
  ruleIds = new Set(Object.keys(loaded.rules));
}
const hasRule = (id: string) => ruleIds.has(id);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govern-bad-input-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;
/** A fresh repository with these files (string content or raw bytes). */
function repo(files: Record<string, string | Uint8Array> = {}): string {
  const dir = path.join(tmp, `r${counter++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function govern(args: string[], cwd: string, timeout = 60_000): Run {
  const started = performance.now();
  // JSON results carry the source of files with problems, which for the large cases is megabytes.
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', GOVERN_DEBUG: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

function expectNoStack(run: Run): void {
  expect(run.stderr + run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
  expect(run.stderr).not.toContain('internal error');
}

/** Exit code 2 and exactly one line on stderr, as govern reports input it cannot work with. */
function expectOneLineExit2(run: Run, pattern: RegExp): void {
  expectNoStack(run);
  expect(run.code).toBe(2);
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^govern: /);
  expect(run.stderr).toMatch(pattern);
}

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  messageId?: string;
}

/** A diagnostic at file:line:column (from `--format json`), with nothing on stderr. */
function expectPositioned(run: Run, root: string, file: string, where: { ruleId: string | null; line: number; column?: number; message?: RegExp }): JsonMessage {
  expectNoStack(run);
  expect(run.stderr).toBe('');
  expect([0, 1, 2]).toContain(run.code);
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: JsonMessage[] }>;
  const result = results.find((r) => r.filePath === path.join(root, file));
  expect(result, `a result for ${file}`).toBeDefined();
  const found = result!.messages.find((m) => m.ruleId === where.ruleId && (!where.message || where.message.test(m.message)));
  expect(found, `a ${where.ruleId} message in ${file}: ${JSON.stringify(result!.messages)}`).toBeDefined();
  expect(found!.line).toBe(where.line);
  expect(found!.column).toBe(where.column ?? 1);
  return found!;
}

const check = ['check', '--format', 'json'];

describe.skipIf(!built)('bad input: govern check never crashes (needs a build: packages/cli/dist/bin.js)', () => {
  it('missing root: exit 2, one line', () => {
    const run = govern(['-C', path.join(tmp, 'does-not-exist'), 'check'], tmp);
    expectOneLineExit2(run, /No such directory/);
  });

  it('root that is not a directory: exit 2, one line', () => {
    const dir = repo({ 'file.txt': 'x' });
    const run = govern(['-C', path.join(dir, 'file.txt'), 'check'], dir);
    expectOneLineExit2(run, /Not a directory/);
  });

  it.skipIf(isRoot)('file unreadable by permission (chmod 000): positioned govern/read (skipped as root: root reads any file)', () => {
    const dir = repo({ 'AGENTS.md': '# Agents\n' });
    chmodSync(path.join(dir, 'AGENTS.md'), 0o000);
    let readable = false;
    try {
      accessSync(path.join(dir, 'AGENTS.md'), constants.R_OK);
      readable = true;
    } catch {
      readable = false;
    }
    if (readable) return;
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/read', line: 1, message: /permission denied/ });
    expect(run.code).toBe(1);
  });

  it('unreadable file (a dangling symbolic link named AGENTS.md): positioned govern/read', () => {
    const dir = repo();
    symlinkSync('missing.md', path.join(dir, 'AGENTS.md'));
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/read', line: 1, message: /does not exist/ });
    expect(run.code).toBe(1);
  });

  it('a directory named like a document is not a document: skipped quietly, exit 0', () => {
    const dir = repo({ 'AGENTS.md/notes.txt': 'x' });
    const run = govern(check, dir);
    expectNoStack(run);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('invalid UTF-8: positioned govern/read warning, the rest is still read', () => {
    const dir = repo({ 'AGENTS.md': Buffer.from([0x23, 0x20, 0x41, 0x0a, 0xff, 0xfe, 0x20, 0x62, 0x61, 0x64, 0x0a]) });
    const run = govern(check, dir);
    const m = expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/read', line: 1, message: /not valid UTF-8/ });
    expect(m.severity).toBe(1);
    expect(run.code).toBe(0);
  });

  it('binary file named .md: positioned govern/read error', () => {
    const dir = repo({ 'AGENTS.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) });
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/read', line: 1, message: /binary/ });
    expect(run.code).toBe(1);
  });

  it('empty file: no read or parse problem; rules report at 1:1', () => {
    const dir = repo({ 'AGENTS.md': '', 'constitution.md': '' });
    const run = govern(check, dir);
    expectNoStack(run);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: JsonMessage[] }>;
    const messages = results.flatMap((r) => r.messages);
    expect(messages.filter((m) => m.ruleId?.startsWith('govern/'))).toEqual([]);
    expect(results.find((r) => r.filePath === path.join(dir, 'AGENTS.md'))?.messages ?? []).toEqual([]);
    // An empty constitution is a problem for the constitution rule, reported at the file's start.
    for (const m of messages) expect([m.line, m.column]).toEqual([1, 1]);
  });

  it('BOM: positions are counted without it', () => {
    const dir = repo({ 'AGENTS.md': '\uFEFF---\ntitle: [\n---\n# Agents\n' });
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/frontmatter', line: 2, column: 9 });
  });

  it('CRLF line endings: positions are counted in lines, not in \\r', () => {
    const deep = `${'> '.repeat(40)}x`;
    const dir = repo({ 'AGENTS.md': `# Agents\r\n\r\nText\r\n\r\n${deep}\r\n` });
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/parse', line: 5, message: /Nesting deeper/ });
  });

  it('mixed line endings: positions still match the lines an editor shows', () => {
    const dir = repo({ 'AGENTS.md': '---\r\nok: 1\nbad: [\r\n---\n# Agents\r\n' });
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/frontmatter', line: 3, column: 7 });
  });

  it('a 50 MB document: positioned size-limit diagnostic, quickly, without reading it into memory', () => {
    const dir = repo();
    const line = `- ${'lorem ipsum dolor sit amet, consectetur '.repeat(4)}\n`;
    const chunk = line.repeat(Math.ceil((1024 * 1024) / line.length));
    writeFileSync(path.join(dir, 'AGENTS.md'), `# Agents\n${chunk.repeat(50)}`);
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/read', line: 1, message: /MB limit/ });
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(15_000);
  });

  it('10,000 nested list levels on one line: positioned warning, finishes fast', () => {
    const dir = repo({ 'AGENTS.md': `# Agents\n\n${'- '.repeat(10_000)}deep\n` });
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/parse', line: 3, message: /Nesting deeper/ });
    expect(run.ms).toBeLessThan(15_000);
  });

  it('10,000 nested list levels by indentation: positioned warning, finishes fast', () => {
    // Indentation capped at 400 columns keeps the file under the size limit while nesting past every threshold.
    let text = '# Agents\n\n';
    for (let i = 0; i < 10_000; i++) text += `${' '.repeat(Math.min(2 * i, 400))}- item ${i}\n`;
    const dir = repo({ 'AGENTS.md': text });
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/parse', line: 12, message: /Nesting deeper/ });
    expect(run.ms).toBeLessThan(20_000);
  });

  it('10,000 nested block quotes: positioned warning, finishes fast', () => {
    const dir = repo({ 'AGENTS.md': `# Agents\n\n${'>'.repeat(10_000)} deep\n` });
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/parse', line: 3, message: /Nesting deeper/ });
    expect(run.ms).toBeLessThan(15_000);
  });

  it('invalid YAML front matter: positioned govern/frontmatter warning', () => {
    const dir = repo({ 'AGENTS.md': '---\ntitle: [unclosed\n---\n# Agents\n' });
    const run = govern(check, dir);
    const m = expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/frontmatter', line: 2, column: 17, message: /not valid YAML/ });
    expect(m.message).not.toContain('\n');
  });

  it('invalid config file (JSON syntax): exit 2, one line naming the file and the reason', () => {
    const dir = repo({ '.governrc.json': '{ "rules": ', 'AGENTS.md': '# A\n' });
    const run = govern(['check'], dir);
    expectOneLineExit2(run, /Invalid config \.governrc\.json: .*JSON/);
    expect(run.stderr).not.toContain(dir);
  });

  it('invalid config file (YAML syntax): exit 2, one line with the reason', () => {
    const dir = repo({ '.governrc.yaml': 'rules:\n  - [\n', 'AGENTS.md': '# A\n' });
    const run = govern(['check'], dir);
    expectOneLineExit2(run, /Invalid config \.governrc\.yaml: \S/);
  });

  it('config that does not match the schema: exit 2, one line', () => {
    const dir = repo({ '.governrc.json': '{ "rulez": {} }', 'AGENTS.md': '# A\n' });
    const run = govern(['check'], dir);
    expectOneLineExit2(run, /unknown property "rulez"/);
  });

  it('unknown rule: exit 2, one line', () => {
    const dir = repo({ '.governrc.json': '{ "rules": { "no-such-rule": "error" } }', 'AGENTS.md': '# A\n' });
    const run = govern(['check'], dir);
    expectOneLineExit2(run, /Unknown rule "no-such-rule"/);
  });

  it('unknown command-line option: exit 2, one line', () => {
    const dir = repo({ 'AGENTS.md': '# A\n' });
    const run = govern(['check', '--no-such-option'], dir);
    expectOneLineExit2(run, /no-such-option/);
  });

  (hasRule('claude-imports-resolve') ? it : it.todo)(
    'bad rule options: exit 2, one line (needs rule claude-imports-resolve registered in @govern/eslint-style-rules)',
    () => {
      const dir = repo({ '.governrc.json': '{ "rules": { "claude-imports-resolve": ["error", { "depth": 9 }] } }', 'AGENTS.md': '# A\n' });
      const run = govern(['check'], dir);
      expectOneLineExit2(run, /claude-imports-resolve/);
    },
  );

  (hasRule('claude-imports-resolve') ? it : it.todo)(
    'import cycle: positioned claude-imports-resolve (needs rule claude-imports-resolve registered)',
    () => {
      const dir = repo({ 'CLAUDE.md': '# Claude\n\n@AGENTS.md\n@docs/a.md\n', 'AGENTS.md': '# Agents\n', 'docs/a.md': '# A\n\n@../CLAUDE.md\n' });
      const run = govern(check, dir);
      expectPositioned(run, dir, 'docs/a.md', { ruleId: 'claude-imports-resolve', line: 3, message: /cycle/ });
      expect(run.code).toBe(1);
    },
  );

  (hasRule('claude-imports-resolve') ? it : it.todo)(
    'import depth > 4: positioned claude-imports-resolve (needs rule claude-imports-resolve registered)',
    () => {
      const dir = repo({
        'CLAUDE.md': '# Claude\n\n@AGENTS.md\n@d/1.md\n',
        'AGENTS.md': '# Agents\n',
        'd/1.md': '@2.md\n',
        'd/2.md': '@3.md\n',
        'd/3.md': '@4.md\n',
        'd/4.md': '@5.md\n',
        'd/5.md': '# five hops away\n',
      });
      const run = govern(check, dir);
      expectPositioned(run, dir, 'd/4.md', { ruleId: 'claude-imports-resolve', line: 1, message: /imports away/ });
      expect(run.code).toBe(1);
    },
  );

  (hasRule('claude-imports-resolve') ? it : it.todo)(
    'import escaping the repository: positioned claude-imports-resolve (needs rule claude-imports-resolve registered)',
    () => {
      const dir = repo({ 'CLAUDE.md': '# Claude\n\n@AGENTS.md\n@../outside.md\n', 'AGENTS.md': '# Agents\n' });
      writeFileSync(path.join(path.dirname(dir), 'outside.md'), '# outside\n');
      const run = govern(check, dir);
      expectPositioned(run, dir, 'CLAUDE.md', { ruleId: 'claude-imports-resolve', line: 4, message: /outside the repository/ });
      expect(run.code).toBe(1);
    },
  );

  it('symbolic link loop: positioned govern/read', () => {
    const dir = repo();
    symlinkSync('AGENTS.md', path.join(dir, 'loop.md'));
    symlinkSync('loop.md', path.join(dir, 'AGENTS.md'));
    const run = govern(check, dir);
    expectPositioned(run, dir, 'AGENTS.md', { ruleId: 'govern/read', line: 1, message: /symbolic link loop/ });
    expect(run.code).toBe(1);
  });

  it('a reader that closes the pipe early: no stack trace, the check exit code', async () => {
    const files: Record<string, string> = { 'AGENTS.md': '# Agents\n' };
    // Enough problems that the output outgrows a pipe's buffer before the reader goes away.
    for (let i = 1; i <= 300; i++) {
      const folder = `specs/${String(i).padStart(3, '0')}-part`;
      files[`${folder}/spec.md`] = `# Feature Specification: Part ${i}\n\n**Status**: Draft\n`;
      // One task still open: the feature is in progress, so its ticked task is judged.
      files[`${folder}/tasks.md`] = `# Tasks\n\n- [x] T001 Write src/missing-${i}.ts and src/gone-${i}.ts\n- [ ] T002 Document part ${i}\n`;
      files[`src/present-${i}.ts`] = '';
    }
    const dir = repo(files);
    const child = spawn(process.execPath, [bin, 'check', '--no-color'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', GOVERN_DEBUG: '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first chunk, then close our end, as `head` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expectNoStack({ code, stdout: '', stderr, ms: 0 });
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('a symbolic link loop of directories: discovery finishes', () => {
    const dir = repo({ 'AGENTS.md': '# Agents\n' });
    mkdirSync(path.join(dir, 'a'));
    symlinkSync('..', path.join(dir, 'a', 'up'));
    const run = govern(check, dir, 30_000);
    expectNoStack(run);
    expect(run.code).toBe(0);
  });

  (hasRule('claude-imports-agents') ? it : it.todo)(
    '--fix on a read-only file: exit 2, positioned problem, file unchanged (needs fixable rule claude-imports-agents registered)',
    () => {
      const original = '# Claude\n\nNotes.\n';
      const dir = repo({ 'CLAUDE.md': original, 'AGENTS.md': '# Agents\n' });
      // A mode check, not a permission error, so this holds when the tests run as root too.
      chmodSync(path.join(dir, 'CLAUDE.md'), 0o444);
      const run = govern([...check, '--fix'], dir);
      expectNoStack(run);
      expect(run.code).toBe(2);
      const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: JsonMessage[] }>;
      const claude = results.find((r) => r.filePath === path.join(dir, 'CLAUDE.md'))!;
      expect(claude.messages[0]).toMatchObject({ ruleId: null, line: 1, column: 1, message: expect.stringMatching(/read-only/) });
      expect(readFileSync(path.join(dir, 'CLAUDE.md'), 'utf8')).toBe(original);
    },
  );

  (hasRule('claude-imports-agents') ? it : it.todo)('--fix on a writable file writes the fix (the read-only case above is not a false pass)', () => {
    const dir = repo({ 'CLAUDE.md': '# Claude\n\nNotes.\n', 'AGENTS.md': '# Agents\n' });
    const run = govern([...check, '--fix'], dir);
    expectNoStack(run);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'CLAUDE.md'), 'utf8')).toContain('@AGENTS.md');
  });

  it.skipIf(!existsSync(coreFixes))('interrupted --fix: a write killed at any moment leaves the old file or the new one, never half', async () => {
    const dir = repo();
    const target = path.join(dir, 'status.md');
    const oldText = `# Old\n${'old line\n'.repeat(200_000)}`;
    const newText = `# New\n${'new line, longer than the old one\n'.repeat(200_000)}`;
    const script = path.join(dir, 'writer.mjs');
    writeFileSync(
      script,
      `import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(coreFixes).href)};
const text = ${JSON.stringify('# New\n')} + ${JSON.stringify('new line, longer than the old one\n')}.repeat(200000);
process.stdout.write('ready\\n');
for (;;) { const r = await writeFileAtomic(process.argv[2], text); if (!r.ok) { console.error(r.message); process.exit(3); } }
`,
    );
    let sawNew = false;
    for (let round = 0; round < 6; round++) {
      writeFileSync(target, oldText);
      const child = spawn(process.execPath, [script, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      // Kill at a different moment each round: before, during and between writes.
      await new Promise((resolve) => setTimeout(resolve, round === 5 ? 1500 : 5 + round * 40));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const now = readFileSync(target, 'utf8');
      expect(now === oldText || now === newText, `round ${round}: file is ${now.length} chars, neither old nor new`).toBe(true);
      if (now === newText) sawNew = true;
    }
    // The last round waits long enough for whole writes: the check above also saw new content.
    expect(sawNew).toBe(true);
  });
});
