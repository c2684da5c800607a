import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Hostile input (docs/reliability.md, "Hostile input"): each case is the input an attacker or an unlucky
 * user gave, generated here, run through the built `govern` as a child process. Every case checks the
 * exit code, the one stderr line where govern refuses, and that nothing beside the repository changed:
 * each repository is made in a folder of its own next to a file that must stay as it was.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(repoRoot, 'packages/cli/dist/bin.js');
const built = existsSync(bin);
const hasGit = spawnSync('git', ['--version']).status === 0;
const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govern-hostile-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const OUTSIDE = 'outside.txt';
const OUTSIDE_TEXT = 'this file is outside the repository\n';
let counter = 0;

/** A repository `<case>/repo` with these files, next to `<case>/outside.txt`. */
function sandbox(files: Record<string, string | Uint8Array> = {}): { dir: string; box: string } {
  const box = path.join(tmp, `case${counter++}`);
  const dir = path.join(box, 'repo');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(box, OUTSIDE), OUTSIDE_TEXT);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return { dir, box };
}

/** Nothing next to the repository changed: the outside file is whole and nothing else appeared. */
function expectOutsideUntouched(box: string): void {
  expect(readdirSync(box).sort()).toEqual([OUTSIDE, 'repo']);
  expect(readFileSync(path.join(box, OUTSIDE), 'utf8')).toBe(OUTSIDE_TEXT);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function govern(args: string[], cwd: string, options: { input?: Uint8Array | string; env?: Record<string, string>; timeout?: number } = {}): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', GOVERN_DEBUG: '', GOVERN_NO_CONFIG_JS: '', ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

function expectNoCrash(run: Run): void {
  expect(run.code, `exit code (null: killed after the time limit) ${run.stderr}`).not.toBeNull();
  expect(run.stderr + run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
  expect(run.stderr).not.toContain('internal error');
}

function expectOneLineExit2(run: Run, pattern: RegExp): void {
  expectNoCrash(run);
  expect(run.code).toBe(2);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^govern: /);
  expect(run.stderr).toMatch(pattern);
}

interface JsonResult {
  filePath: string;
  source?: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string; line: number; column: number }>;
}

function results(run: Run): JsonResult[] {
  return JSON.parse(run.stdout) as JsonResult[];
}

function messagesOf(run: Run, file: string): JsonResult['messages'] {
  return results(run).find((r) => r.filePath.endsWith(`/${file}`))?.messages ?? [];
}

const check = ['check', '--format', 'json'];

function git(dir: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}

describe.skipIf(!built)('hostile input: no hang, no crash, no file touched outside the change (needs a build)', () => {
  describe('1. regular expressions on pathological lines finish at once', () => {
    it.each<[string, Record<string, string>]>([
      [
        'a constitution version cell padded with 300 spaces',
        { '.specify/memory/constitution.md': `# Constitution\n\n## Core Principles\n\n### I. One\n\nText.\n\nVersion a |${' '.repeat(300)}${'x'.repeat(50)}:\n` },
      ],
      ['a feature name holding 500,000 dots', { 'docs/PRODUCT.md': `# Product\n\n## Features\n\n- F-001 Tags${'.'.repeat(500_000)}\n`, 'status.md': '# Status\n\n## Done\n\n- F-001 Tags\n' }],
      ['a handoff head followed by 40,000 spaces', { 'status.md': `# Status\n\nHandoff: ${' '.repeat(40_000)}x\n` }],
      ['a task ending in 100,000 done marks', { 'specs/001-a/tasks.md': `# Tasks\n\n- [x] T001 Do it ${'✅'.repeat(100_000)}\n` }],
    ])('%s', (_name, files) => {
      const { dir, box } = sandbox(files);
      const run = govern(check, dir);
      expectNoCrash(run);
      expect([0, 1]).toContain(run.code);
      expect(run.stderr).toBe('');
      // Minutes before the rewrite (38 s for the padded cell); far below this on any machine after it.
      expect(run.ms).toBeLessThan(30_000);
      expectOutsideUntouched(box);
    });
  });

  describe.skipIf(!hasGit)('2. git refs are never options', () => {
    function gitRepo() {
      const made = sandbox({ 'AGENTS.md': '# Agents\n', 'status.md': '# Status\n' });
      git(made.dir, 'init', '-q');
      git(made.dir, 'add', '-A');
      git(made.dir, 'commit', '-qm', 'first');
      return made;
    }

    it('handoff --base=--output=../outside.txt: exit 2, one line, the file outside is whole', () => {
      const { dir, box } = gitRepo();
      const run = govern(['handoff', '--from', 'a', '--to', 'b', `--base=--output=../${OUTSIDE}`], dir);
      expectOneLineExit2(run, /--base needs a git ref, not "--output=\.\.\/outside\.txt"/);
      expectOutsideUntouched(box);
    });

    it('check --diff-base=--output=../outside.txt with the diff-scope rule on: exit 2, one line', () => {
      const { dir, box } = gitRepo();
      writeFileSync(path.join(dir, 'govern.config.json'), JSON.stringify({ rules: { 'handoff-diff-scope': 'error' } }));
      const run = govern([...check, `--diff-base=--output=../${OUTSIDE}`], dir);
      expectOneLineExit2(run, /--diff-base needs a git ref/);
      expectOutsideUntouched(box);
    });
  });

  describe('3. config and cache files are read like documents', () => {
    it('package.json linked to /dev/zero: exit 2, one line, at once', () => {
      const { dir, box } = sandbox({ 'AGENTS.md': '# Agents\n' });
      symlinkSync('/dev/zero', path.join(dir, 'package.json'));
      const run = govern(check, dir, { timeout: 30_000 });
      expectOneLineExit2(run, /^govern: Cannot read config package\.json: a symbolic link to \/dev\/zero, outside the repository\n$/);
      expectOutsideUntouched(box);
    });

    it('package.json linked to /dev/urandom: exit 2, one line, at once', () => {
      const { dir, box } = sandbox({ 'AGENTS.md': '# Agents\n' });
      symlinkSync('/dev/urandom', path.join(dir, 'package.json'));
      const run = govern(check, dir, { timeout: 30_000 });
      expectOneLineExit2(run, /Cannot read config package\.json: a symbolic link to \/dev\/urandom, outside the repository/);
      expectOutsideUntouched(box);
    });

    it.skipIf(!hasMkfifo).each(['govern.config.json', '.governrc', 'package.json'])('a FIFO named %s: exit 2, one line, no hang', (name) => {
      const { dir, box } = sandbox({ 'AGENTS.md': '# Agents\n' });
      expect(spawnSync('mkfifo', [path.join(dir, name)]).status).toBe(0);
      const run = govern(check, dir, { timeout: 30_000 });
      expectOneLineExit2(run, new RegExp(`Cannot read config ${name.replace('.', '\\.')}: not a regular file \\(a named pipe\\)`));
      expectOutsideUntouched(box);
    });

    it.skipIf(!hasMkfifo)('a FIFO as the cache file: a cache miss, the check runs and the FIFO is replaced by a cache', () => {
      const { dir, box } = sandbox({ 'AGENTS.md': '# Agents\n' });
      expect(spawnSync('mkfifo', [path.join(dir, '.governcache')]).status).toBe(0);
      const run = govern([...check, '--cache'], dir, { timeout: 30_000 });
      expectNoCrash(run);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(statSync(path.join(dir, '.governcache')).isFile()).toBe(true);
      expectOutsideUntouched(box);
    });

    it('a cache file linked to a file outside the repository is neither read nor written through', () => {
      const { dir, box } = sandbox({ 'AGENTS.md': '# Agents\n' });
      symlinkSync(`../${OUTSIDE}`, path.join(dir, '.governcache'));
      const run = govern([...check, '--cache'], dir);
      expectNoCrash(run);
      expect(run.code).toBe(0);
      expectOutsideUntouched(box);
    });
  });

  it('4. 130,000 ids unknown to PRODUCT.md in a 1.5 MB status.md: every warning printed, no stack overflow', { timeout: 600_000 }, () => {
    let status = '# Status\n\n## Done\n\n';
    for (let i = 0; i < 130_000; i++) status += `- F-${String(i + 1000).padStart(6, '0')}\n`;
    const { dir, box } = sandbox({ 'docs/PRODUCT.md': '# Product\n\n## F-001 One\n\nSome text.\n', 'status.md': status });
    expect(status.length).toBeGreaterThan(1_400_000);
    const run = govern(['check'], dir, { timeout: 590_000 });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    // One warning per unknown id; the one-feature PRODUCT.md is an inventory nothing tracks as work, so product-feature-complete is quiet.
    expect(run.stdout).toContain('130000 problems (0 errors, 130000 warnings)');
    expectOutsideUntouched(box);
  });

  it('4. 200,000 problems in one file: every one in the JSON output, no stack overflow', { timeout: 600_000 }, () => {
    // 34,000 handoff heads, each without its six fields: 204,000 errors from one document.
    const { dir, box } = sandbox({ 'status.md': `# Status\n\n${'### Handoff: implement -> verify\n\n'.repeat(34_000)}` });
    const run = govern(check, dir, { timeout: 590_000 });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const messages = messagesOf(run, 'status.md');
    expect(messages).toHaveLength(204_000);
    expect(messages.at(-1)).toMatchObject({ ruleId: 'handoff-fields', line: 3 + 2 * 33_999 });
    expectOutsideUntouched(box);
  });

  describe('5. --stdin reads at most the document limit', () => {
    it.each([6, 50])('%i MB on standard input: a positioned error at once, not a parse', (mb) => {
      const { dir, box } = sandbox();
      const input = Buffer.alloc(mb * 1024 * 1024, 'a\n');
      const run = govern([...check, '--stdin'], dir, { input, timeout: 60_000 });
      expectNoCrash(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      expect(messagesOf(run, 'stdin.md')).toEqual([expect.objectContaining({ ruleId: 'govern/read', severity: 2, line: 1, column: 1, message: 'Input is over the 5 MB limit for a document; it was not read.' })]);
      expectOutsideUntouched(box);
    });

    it('input under the limit is decoded like a file: invalid UTF-8 is a warning', () => {
      const { dir } = sandbox();
      const run = govern([...check, '--stdin'], dir, { input: Buffer.from([0x23, 0x20, 0x41, 0x0a, 0xff, 0x0a]) });
      expectNoCrash(run);
      expect(messagesOf(run, 'stdin.md')).toEqual([expect.objectContaining({ ruleId: 'govern/read', severity: 1, message: expect.stringMatching(/not valid UTF-8/) })]);
    });
  });

  it('6. 20,000 handoffs in one status.md: each block found by an index, every problem printed', { timeout: 600_000 }, () => {
    // Heads without fields: 20,000 complete handoffs would pass the 5 MB document limit.
    const { dir, box } = sandbox({ 'status.md': `# Status\n\n${'### Handoff: implement -> verify\n\n'.repeat(20_000)}` });
    const run = govern(['check'], dir, { timeout: 590_000 });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('120000 problems (120000 errors, 0 warnings)');
    expect(run.stdout).toContain(`${3 + 2 * 19_999}:1`);
    expectOutsideUntouched(box);
  });

  describe('7. lone CR line endings', () => {
    const handoff = [
      '# Status',
      '',
      '### Handoff: implement -> verify',
      '',
      '- Goal status: partial',
      '- Evidence:',
      '  - lint: pass (`pnpm lint`)',
      '  - tests: pass (`pnpm test`)',
      '  - build: pass (`pnpm build`)',
      '- Diff scope:',
      '  - changed dirs: src/',
      '  - notable files: src/tags.ts',
      '- Risk note:',
      '  - rollback path: revert the branch',
      '  - unresolved edge cases: none',
      '- Next owner: verify lane',
      '- Next action due: 2025-03-15',
      '',
    ];

    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ])('a valid handoff with %s line endings has no problems', (_name, eol) => {
      const { dir, box } = sandbox({ 'status.md': handoff.join(eol) });
      const run = govern(check, dir);
      expectNoCrash(run);
      expect(run.code).toBe(0);
      expect(results(run).flatMap((r) => r.messages)).toEqual([]);
      expectOutsideUntouched(box);
    });

    it('--fix keeps a CR file CR', () => {
      const { dir, box } = sandbox({ 'CLAUDE.md': '# Claude\r\rNotes.\r', 'AGENTS.md': '# Agents\r' });
      const run = govern([...check, '--fix'], dir);
      expectNoCrash(run);
      expect(run.code).toBe(0);
      const fixed = readFileSync(path.join(dir, 'CLAUDE.md'), 'utf8');
      expect(fixed).toContain('@AGENTS.md\r');
      expect(fixed).not.toContain('\n');
      expectOutsideUntouched(box);
    });
  });

  describe('8. --fix never writes a file it decoded lossily', () => {
    it('invalid UTF-8 with a fixable problem: exit 2, the file byte for byte as it was, a message saying why', () => {
      const original = Buffer.concat([Buffer.from('# Claude\n\nNotes \xff.\n', 'latin1')]);
      const { dir, box } = sandbox({ 'CLAUDE.md': original, 'AGENTS.md': '# Agents\n' });
      const run = govern([...check, '--fix'], dir);
      expectNoCrash(run);
      expect(run.code).toBe(2);
      expect(readFileSync(path.join(dir, 'CLAUDE.md')).equals(original)).toBe(true);
      expect(messagesOf(run, 'CLAUDE.md')).toContainEqual(expect.objectContaining({ ruleId: null, severity: 2, message: expect.stringMatching(/^Cannot write fixes \(the file is not valid UTF-8/) }));
      expectOutsideUntouched(box);
    });

    it('a hard-linked file is fixed, and the result says the other link keeps the old text', () => {
      const { dir, box } = sandbox({ 'CLAUDE.md': '# Claude\n\nNotes.\n', 'AGENTS.md': '# Agents\n' });
      linkSync(path.join(dir, 'CLAUDE.md'), path.join(dir, 'CLAUDE.copy'));
      const run = govern([...check, '--fix'], dir);
      expectNoCrash(run);
      expect(run.code).toBe(0);
      expect(readFileSync(path.join(dir, 'CLAUDE.md'), 'utf8')).toContain('@AGENTS.md');
      expect(readFileSync(path.join(dir, 'CLAUDE.copy'), 'utf8')).toBe('# Claude\n\nNotes.\n');
      expect(messagesOf(run, 'CLAUDE.md')).toContainEqual(expect.objectContaining({ ruleId: null, severity: 1, message: expect.stringMatching(/other hard link to the old one keeps the old text/) }));
      expectOutsideUntouched(box);
    });
  });

  describe('9. init is all or nothing', () => {
    it('a dangling AGENTS.md link: exit 2, one line, nothing written', () => {
      const { dir, box } = sandbox();
      symlinkSync(`../${OUTSIDE}.missing`, path.join(dir, 'AGENTS.md'));
      const run = govern(['init'], dir);
      expectOneLineExit2(run, /^govern: Cannot write AGENTS\.md: AGENTS\.md is a symbolic link to a missing file \(\.\.\/outside\.txt\.missing\); remove it or point it at a file\. Nothing was written\.\n$/);
      expect(readdirSync(dir)).toEqual(['AGENTS.md']);
      expectOutsideUntouched(box);
    });

    it('a docs file where a folder must go: exit 2, nothing written', () => {
      const { dir, box } = sandbox({ docs: 'not a folder\n' });
      const run = govern(['init'], dir);
      expectOneLineExit2(run, /Cannot write docs\/PRODUCT\.md: docs is not a folder/);
      expect(readdirSync(dir)).toEqual(['docs']);
      expectOutsideUntouched(box);
    });
  });

  describe('10. smaller cases', () => {
    it.each([
      ['UTF-16 LE', Buffer.from([0xff, 0xfe, 0x23, 0x00, 0x0a, 0x00])],
      ['UTF-16 BE', Buffer.from([0xfe, 0xff, 0x00, 0x23, 0x00, 0x0a])],
      ['UTF-32 LE', Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x23, 0x00, 0x00, 0x00])],
    ])('a %s AGENTS.md is named as such, with UTF-8 asked for', (name, bytes) => {
      const { dir, box } = sandbox({ 'AGENTS.md': bytes });
      const run = govern(check, dir);
      expectNoCrash(run);
      expect(run.code).toBe(1);
      expect(messagesOf(run, 'AGENTS.md')).toEqual([
        expect.objectContaining({ ruleId: 'govern/read', line: 1, column: 1, message: `File is ${name} (it starts with that byte-order mark); govern reads UTF-8: save it as UTF-8. It was skipped.` }),
      ]);
      expectOutsideUntouched(box);
    });

    it('an ES module .governrc.js in a package without "type": the one line is govern\'s, no Node warning', () => {
      const { dir, box } = sandbox({ 'package.json': '{"name":"x"}\n', '.governrc.js': 'export default { rules: { "no-such-rule": "error" } };\n', 'AGENTS.md': '# Agents\n' });
      const run = govern(['check'], dir);
      expectOneLineExit2(run, /^govern: Unknown rule "no-such-rule" in rules of \.governrc\.js\n$/);
      expectOutsideUntouched(box);
    });

    it.skipIf(!hasGit)('--diff-base naming no commit is an error even when no enabled rule uses git', () => {
      const { dir, box } = sandbox({ 'AGENTS.md': '# Agents\n' });
      git(dir, 'init', '-q');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'first');
      const run = govern(['check', '--diff-base', 'nonexistent'], dir);
      expectOneLineExit2(run, /^govern: --diff-base "nonexistent" is not a commit in this repository/);
      expectOutsideUntouched(box);
    });

    it('a same-size edit with the modification time put back: replayed by the default cache strategy (as documented), seen by --cache-strategy content', () => {
      const { dir, box } = sandbox({ 'AGENTS.md': '# Agents\n', 'specs/001-a/spec.md': '---\ntitle: a\n---\n# Spec\n' });
      const file = path.join(dir, 'specs/001-a/spec.md');
      const frontmatter = (run: Run) => messagesOf(run, 'specs/001-a/spec.md').filter((m) => m.ruleId === 'govern/frontmatter');
      // A whole second: a time put back to it compares equal to the millisecond.
      utimesSync(file, 1_700_000_000, 1_700_000_000);
      const first = govern([...check, '--cache'], dir);
      expect(first.code).toBe(0);
      expect(frontmatter(first)).toEqual([]);
      writeFileSync(file, '---\ntitle: [\n---\n# Spec\n');
      utimesSync(file, 1_700_000_000, 1_700_000_000);
      // docs/check.md#cache-strategy: by size and time the document has not changed.
      expect(frontmatter(govern([...check, '--cache'], dir))).toEqual([]);
      expect(frontmatter(govern([...check, '--cache', '--cache-strategy', 'content'], dir))).toEqual([expect.objectContaining({ severity: 1, line: 2 })]);
      expect(frontmatter(govern(check, dir))).toEqual([expect.objectContaining({ severity: 1, line: 2 })]);
      expectOutsideUntouched(box);
    });

    it('a document linked to a file outside the repository is not read or echoed; --allow-outside-links reads it', () => {
      const { dir, box } = sandbox();
      writeFileSync(path.join(box, 'secret.md'), '# Secret\n\nsecret words\n');
      symlinkSync('../secret.md', path.join(dir, 'AGENTS.md'));
      const run = govern(check, dir);
      expectNoCrash(run);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toContain('secret words');
      expect(messagesOf(run, 'AGENTS.md')).toEqual([
        expect.objectContaining({ ruleId: 'govern/read', line: 1, column: 1, message: `File is a symbolic link to ${path.join(box, 'secret.md')}, outside the repository; it was not read (--allow-outside-links reads it).` }),
      ]);
      const allowed = govern(['--allow-outside-links', ...check], dir);
      expect(allowed.code).toBe(0);
      rmSync(path.join(box, 'secret.md'));
      expectOutsideUntouched(box);
    });
  });

  describe('11. JavaScript config files can be refused', () => {
    const config = `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('../${OUTSIDE}', import.meta.url), 'overwritten');\nexport default {};\n`;

    it.each([
      ['--no-config-js', ['--no-config-js'], {}],
      ['GOVERN_NO_CONFIG_JS=1', [], { GOVERN_NO_CONFIG_JS: '1' }],
    ])('%s: a govern.config.mjs is not run; exit 2, one line', (_name, flags, env) => {
      const { dir, box } = sandbox({ 'govern.config.mjs': config, 'AGENTS.md': '# Agents\n' });
      const run = govern([...flags, 'check', '--stdin'], dir, { input: '# Hi\n', env });
      expectOneLineExit2(run, /^govern: Config govern\.config\.mjs is JavaScript, which would run code from the repository, and --no-config-js \(or GOVERN_NO_CONFIG_JS=1\) refuses it/);
      expectOutsideUntouched(box);
    });

    it('without either, the same config runs (which is why CI on untrusted pull requests should refuse it)', () => {
      const { dir, box } = sandbox({ 'govern.config.mjs': config, 'AGENTS.md': '# Agents\n' });
      const run = govern(['check', '--stdin'], dir, { input: '# Hi\n' });
      expectNoCrash(run);
      expect(readFileSync(path.join(box, OUTSIDE), 'utf8')).toBe('overwritten');
    });
  });
});
