import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { loadMarkdownParser } from '@govern/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture, runCli } from './run-cli.js';

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; message: string }>;
}

let root: string;
const temps: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'govern-cache-'));
  temps.push(root);
  await cp(fixture('messy'), root, { recursive: true });
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** AGENTS.md and CLAUDE.md are read with the project on every run (project rules read their trees): the cache keeps no analysis of them. */
const READ_WITH_PROJECT = /(?:^|\/)(?:AGENTS|CLAUDE)\.md$/;

/** Runs `govern check --format json` in the copy and counts the Markdown parses it made of documents the cache keeps. */
async function check(argv: string[] = ['--cache']) {
  const parser = await loadMarkdownParser();
  const spy = vi.spyOn(parser, 'parse');
  const run = await runCli(['--cwd', root, 'check', '--format', 'json', ...argv]);
  const parsed = spy.mock.calls.map(([file]) => file).filter((file) => !READ_WITH_PROJECT.test(file));
  spy.mockRestore();
  return { ...run, parses: parsed.length, parsed, results: JSON.parse(run.stdout) as JsonResult[] };
}

/** Replaces every `from` by `to` on the line of the cache file that keeps the features' shape. */
async function tamperShape(from: string, to: string): Promise<void> {
  const cacheFile = path.join(root, '.governcache');
  const lines = (await readFile(cacheFile, 'utf8')).split('\n');
  const at = lines.findLastIndex((line) => line.startsWith('""\t'));
  expect(lines[at]).toContain(from);
  lines[at] = lines[at]!.replaceAll(from, to);
  await writeFile(cacheFile, lines.join('\n'));
}

/** Sign-in (001-auth) is finished: its phantom T014 is reported only when finished features are judged too. */
const judgeFinished = () =>
  writeFile(path.join(root, 'govern.config.json'), JSON.stringify({ rules: { 'tasks-phantom-completion': ['error', { finished: 'check' }] } }));

/** Replaces every `from` by `to` on the line of the cache file that keeps the last run's results. */
async function tamperResults(from: string, to: string): Promise<void> {
  const cacheFile = path.join(root, '.governcache');
  const lines = (await readFile(cacheFile, 'utf8')).split('\n');
  const at = lines.findLastIndex((line) => line.startsWith('"/"\t'));
  expect(lines[at]).toContain(from);
  lines[at] = lines[at]!.replaceAll(from, to);
  await writeFile(cacheFile, lines.join('\n'));
}

/** Appends a paragraph no model reads to a document, in its own line endings. */
async function appendProse(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  await writeFile(file, `${text}${eol}A closing paragraph of prose that no model reads.${eol}`);
}

const problems = (results: JsonResult[]) =>
  results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}`)).sort();

describe('govern check --cache', () => {
  it('gives the same output warm as cold, without parsing any document it keeps', async () => {
    const uncached = await check([]);
    const cold = await check();
    expect(cold.parses).toBeGreaterThan(0);
    expect((await stat(path.join(root, '.governcache'))).isFile()).toBe(true);
    const warm = await check();
    expect(warm.parses).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe(uncached.stdout);
    expect(warm.code).toBe(cold.code);
    expect(problems(warm.results)).toContain('status.md:20 handoff-evidence');
  });

  it('reruns when one document changes', async () => {
    await check();
    const status = path.join(root, 'status.md');
    await writeFile(status, `\n\n${await readFile(status, 'utf8')}`);
    const changed = await check();
    expect(changed.parses).toBeGreaterThan(0);
    expect(problems(changed.results)).toContain('status.md:22 handoff-evidence');
    expect(problems(changed.results)).not.toContain('status.md:20 handoff-evidence');
    expect((await check()).parses).toBe(0);
  });

  it('parses again only the document that changed, and reports as an uncached run would', async () => {
    await check();
    const tasks = path.join(root, 'specs/001-auth/tasks.md');
    await writeFile(tasks, (await readFile(tasks, 'utf8')).replace('- [X] T015', '- [ ] T015'));
    const parser = await loadMarkdownParser();
    const spy = vi.spyOn(parser, 'parse');
    const changed = await runCli(['--cwd', root, 'check', '--format', 'json', '--cache']);
    const parsed = spy.mock.calls.map(([file]) => file);
    spy.mockRestore();
    expect(parsed).toContain('specs/001-auth/tasks.md');
    // Only the changed document and those parsed with the project (AGENTS.md, CLAUDE.md) are parsed.
    expect(parsed.filter((file) => file.startsWith('specs/') || file.startsWith('docs/') || file === 'status.md')).toEqual(['specs/001-auth/tasks.md']);
    const uncached = await check([]);
    expect(changed.stdout).toBe(uncached.stdout);
  });

  it('parses only a changed document that reads the same as before, and reports as an uncached run would', async () => {
    await check();
    const spec = path.join(root, 'specs/001-auth/spec.md');
    const text = await readFile(spec, 'utf8');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    await writeFile(spec, `${text}${eol}A closing paragraph of prose that no model reads.${eol}`);
    const parser = await loadMarkdownParser();
    const spy = vi.spyOn(parser, 'parse');
    const changed = await runCli(['--cwd', root, 'check', '--format', 'json', '--cache']);
    const parsed = spy.mock.calls.map(([file]) => file).filter((file) => !READ_WITH_PROJECT.test(file));
    spy.mockRestore();
    expect(parsed).toEqual(['specs/001-auth/spec.md']);
    expect(changed.stdout).toBe((await check([])).stdout);
    expect((await check()).parses).toBe(0);
  });

  it('reports as an uncached run would when a changed document reads differently, or a rule read its text, or its line endings changed', async () => {
    await judgeFinished();
    const cold = await check();
    // tasks-phantom-completion quoted a line of this file, so its text counts, not only its analysis.
    expect(problems(cold.results)).toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
    const tasks = path.join(root, 'specs/001-auth/tasks.md');
    const tasksText = await readFile(tasks, 'utf8');
    const tasksEol = tasksText.includes('\r\n') ? '\r\n' : '\n';
    await writeFile(tasks, `${tasksText}${tasksEol}A note at the end.${tasksEol}`);
    const quoted = await check();
    expect(quoted.parsed).toEqual(['specs/001-auth/tasks.md']);
    expect(quoted.stdout).toBe((await check([])).stdout);

    const spec = path.join(root, 'specs/001-auth/spec.md');
    const text = await readFile(spec, 'utf8');
    await writeFile(spec, text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n'));
    const crlf = await check();
    expect(crlf.parsed).toEqual(['specs/001-auth/spec.md']);
    expect(crlf.stdout).toBe((await check([])).stdout);

    await writeFile(spec, text.replace(/^(#+ .*)$/m, '$1 (renamed)'));
    const renamed = await check();
    expect(renamed.parsed).toEqual(['specs/001-auth/spec.md']);
    expect(renamed.stdout).toBe((await check([])).stdout);
  });

  it('keeps the features as they were when only task lists changed, and works them out again when a spec is retitled', async () => {
    await check();
    const cacheFile = path.join(root, '.governcache');
    // A title changed in the kept shape shows when the shape is used.
    const tamper = () => tamperShape('"title":"Sign-in 登录"', '"title":"Kept shape"');
    await tamper();
    const tasks = path.join(root, 'specs/001-auth/tasks.md');
    const tasksText = await readFile(tasks, 'utf8');
    await writeFile(tasks, tasksText.replace('- [X] T015', '- [ ] T015'));
    const ticked = await check();
    expect(ticked.stdout).toContain('Feature sign-in-登录 \\"Kept shape\\" is done');

    // The shape stays as it was while only tasks change: the tampered title lives on until the cache is made anew.
    await writeFile(tasks, tasksText);
    expect((await check()).stdout).toContain('Kept shape');
    await rm(cacheFile);
    await check();
    await tamper();
    const spec = path.join(root, 'specs/001-auth/spec.md');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace(/^(#+ .*)$/m, '$1 (renamed)'));
    const renamed = await check();
    expect(renamed.stdout).not.toContain('Kept shape');
    expect(renamed.stdout).toBe((await check([])).stdout);
  });

  it('judges a ticked task as a run without the cache does, and again once a file a rule looked at appears', async () => {
    await judgeFinished();
    const cold = await check();
    expect(problems(cold.results)).toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
    const search = path.join(root, 'specs/001-search/tasks.md');
    const searchText = await readFile(search, 'utf8');
    await writeFile(search, searchText.replace('- [ ] **T006**', '- [x] **T006**'));
    const ticked = await check();
    // The spec that changed is judged anew: T006 now names a file that is not there.
    expect(ticked.stdout).toContain('Task T006 is ticked, but src/pinyin.ts does not exist');
    expect(ticked.stdout).toBe((await check([])).stdout);
    expect(problems(ticked.results)).toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');

    // A file a rule looked at appears while a task changes: every spec is judged again.
    await writeFile(search, searchText);
    await writeFile(path.join(root, 'src/auth/session.ts'), 'export const session = 1;\n');
    const created = await check();
    expect(problems(created.results)).not.toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
    expect(created.stdout).toBe((await check([])).stdout);
  });

  it('reruns when a file a project rule looked at changes, though no document did', async () => {
    await judgeFinished();
    const cold = await check();
    expect(problems(cold.results)).toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
    await writeFile(path.join(root, 'src/auth/session.ts'), 'export const session = 1;\n');
    const after = await check();
    expect(after.parses).toBe(0);
    expect(problems(after.results)).not.toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
    const warm = await check();
    expect(warm.parses).toBe(0);
    expect(warm.stdout).toBe(after.stdout);
  });

  describe('printing the last results again', () => {
    // A message of the last run, changed in the kept results: it shows only where they are printed again.
    const tamper = () => tamperResults('names no command', 'TAMPERED');
    // The first run's results were worked out before the cache file was in the root listing a rule read: the second's are kept as they are.
    const warm = async () => {
      await check();
      return check();
    };

    it('prints them again when nothing changed, or a changed document reads as before, as an uncached run prints them', async () => {
      await warm();
      const spec = path.join(root, 'specs/001-auth/spec.md');
      await appendProse(spec);
      const edited = await check();
      expect(edited.parsed).toEqual(['specs/001-auth/spec.md']);
      expect(edited.stdout).toBe((await check([])).stdout);
      // The kept results are what is printed: the tampered message shows, after a prose edit and with nothing changed.
      await tamper();
      await appendProse(spec);
      expect((await check()).stdout).toContain('TAMPERED');
      expect((await check()).stdout).toContain('TAMPERED');
    });

    it('works the results out again when a task is ticked, and they are those of an uncached run', async () => {
      await warm();
      await tamper();
      const search = path.join(root, 'specs/001-search/tasks.md');
      await writeFile(search, (await readFile(search, 'utf8')).replace('- [ ] **T006**', '- [x] **T006**'));
      const ticked = await check();
      expect(ticked.stdout).not.toContain('TAMPERED');
      expect(ticked.stdout).toContain('Task T006 is ticked, but src/pinyin.ts does not exist');
      expect(ticked.stdout).toBe((await check([])).stdout);
    });

    it('works the results out again when a status line changes, and they are those of an uncached run', async () => {
      const cold = await warm();
      expect(problems(cold.results)).toContain('specs/003-deck-sharing/spec.md:22 spec-clarifications-resolved');
      await tamper();
      const status = path.join(root, 'status.md');
      const text = await readFile(status, 'utf8');
      const line = text.split(/\r?\n/).find((l) => l.includes('`003-deck-sharing`'))!;
      const moved = text.replace(`${line}`, '').replace(/(## In Progress[^\n]*\r?\n\r?\n)/, `$1${line}\n`);
      expect(moved).not.toBe(text);
      await writeFile(status, moved);
      const changed = await check();
      expect(changed.stdout).not.toContain('TAMPERED');
      // The state entry moved in the model: the problem it gives now points at its new line.
      expect(changed.stdout).toContain('is done (status.md:5)');
      expect(cold.stdout).not.toContain('is done (status.md:5)');
      expect(changed.stdout).toBe((await check([])).stdout);
    });

    it("works the results out again when a spec's status line changes, and they are those of an uncached run", async () => {
      const cold = await warm();
      expect(problems(cold.results)).toContain('specs/001-auth/spec.md:5 status-consistent');
      await tamper();
      const spec = path.join(root, 'specs/001-auth/spec.md');
      await writeFile(spec, (await readFile(spec, 'utf8')).replace('**Status**: Draft', '**Status**: Implemented'));
      const changed = await check();
      expect(changed.parsed).toEqual(['specs/001-auth/spec.md']);
      expect(changed.stdout).not.toContain('TAMPERED');
      expect(problems(changed.results)).not.toContain('specs/001-auth/spec.md:5 status-consistent');
      expect(changed.stdout).toBe((await check([])).stdout);
    });

    it('works the results out again when a document read whole with the project changes (CLAUDE.md)', async () => {
      await warm();
      await tamper();
      const claude = path.join(root, 'CLAUDE.md');
      await writeFile(claude, (await readFile(claude, 'utf8')).replace('@AGENTS.md', 'AGENTS.md'));
      const changed = await check();
      expect(changed.stdout).not.toContain('TAMPERED');
      expect(problems(changed.results)).toContain('CLAUDE.md:1 claude-imports-agents');
      expect(changed.stdout).toBe((await check([])).stdout);
    });

    it('works the results out again when a text a rule read changes, though it reads as before', async () => {
      // tasks-phantom-completion quoted a line of this file: its text counts, not only its analysis.
      await judgeFinished();
      await warm();
      await tamper();
      await appendProse(path.join(root, 'specs/001-auth/tasks.md'));
      const quoted = await check();
      expect(quoted.stdout).not.toContain('TAMPERED');
      expect(quoted.stdout).toBe((await check([])).stdout);
    });

    it('works the results out again when a file a rule looked at appears', async () => {
      await judgeFinished();
      await warm();
      await tamper();
      await writeFile(path.join(root, 'src/auth/session.ts'), 'export const session = 1;\n');
      const created = await check();
      expect(created.stdout).not.toContain('TAMPERED');
      expect(problems(created.results)).not.toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
      expect(created.stdout).toBe((await check([])).stdout);
    });
    it("works the results out again when git's history changes what a rule was told, and keeps none that read git", async () => {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=govern', '-c', 'user.email=govern@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'first');
      await judgeFinished();
      const cold = await warm();
      expect(problems(cold.results)).toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
      await tamperResults('is ticked', 'TAMPERED');
      expect((await check()).stdout).toContain('TAMPERED');
      // The file the ticked task names existed once and was removed: git's answer changed, nothing on disk did.
      const named = path.join(root, 'src/auth/session.ts');
      await writeFile(named, 'export const session = 1;\n');
      git('add', '-A');
      git('commit', '-qm', 'add the session');
      git('rm', '-q', 'src/auth/session.ts');
      git('commit', '-qm', 'remove the session');
      const afterHistory = await check();
      expect(afterHistory.stdout).not.toContain('TAMPERED');
      expect(problems(afterHistory.results)).not.toContain('specs/001-auth/tasks.md:14 tasks-phantom-completion');
      expect(afterHistory.stdout).toBe((await check([])).stdout);

      // In a commit hook a rule compares the ticks with HEAD through git: such results are not kept.
      const search = path.join(root, 'specs/001-search/tasks.md');
      await writeFile(search, (await readFile(search, 'utf8')).replace('- [ ] **T006**', '- [x] **T006**'));
      const hook = () => runCli(['--cwd', root, 'check', '--format', 'json', '--cache'], { env: { GIT_INDEX_FILE: path.join(root, '.git/index') } });
      expect((await hook()).stdout).toContain('Task T006 is ticked in this change');
      await expect(tamperResults('T006 is ticked in this change', 'TAMPERED')).rejects.toThrow();
      expect((await hook()).stdout).toContain('Task T006 is ticked in this change');
    });
  });

  it('appends a changed document to the cache file, and compacts it once replaced lines would outnumber live ones', async () => {
    await check();
    const cacheFile = path.join(root, '.governcache');
    const lines = async () => (await readFile(cacheFile, 'utf8')).split('\n').filter(Boolean).length;
    const whole = await lines();
    const status = path.join(root, 'status.md');
    const original = await readFile(status, 'utf8');
    await writeFile(status, `${original}\nOne more line.\n`);
    const appended = await check();
    // The document's line, and the results' line (they now go with that line).
    expect(await lines()).toBe(whole + 2);
    await writeFile(status, original);
    const back = await check();
    expect(back.stdout).toBe((await check([])).stdout);
    expect(appended.stdout).not.toBe(back.stdout);
    // Each change adds a line; before replaced lines outnumber the live ones the file is written whole again.
    for (let i = 0; i < whole + 2; i++) {
      await writeFile(status, `${original}\n${'x'.repeat(i + 1)}\n`);
      await check();
    }
    expect(await lines()).toBeLessThanOrEqual(2 * whole);
    const warm = await check();
    expect(warm.parses).toBe(0);
  });

  it('keeps the cache file from growing while the results are worked out again and again', async () => {
    await check();
    await check();
    const cacheFile = path.join(root, '.governcache');
    const fresh = (await stat(cacheFile)).size;
    const tasks = path.join(root, 'specs/001-auth/tasks.md');
    const text = await readFile(tasks, 'utf8');
    for (let i = 0; i < 12; i++) {
      await writeFile(tasks, i % 2 === 0 ? text.replace('- [X] T015', '- [ ] T015') : text);
      await check();
    }
    // Each run replaces the results' line: the file is written whole before dead lines take more than half the live bytes.
    expect((await stat(cacheFile)).size).toBeLessThanOrEqual(1.6 * fresh);
  });

  it('reruns when the config changes', async () => {
    const cold = await check();
    expect(problems(cold.results)).toContain('status.md:27 handoff-owner');
    await writeFile(path.join(root, '.governrc.json'), JSON.stringify({ extends: ['govern:recommended'], rules: { 'handoff-owner': 'off' } }));
    const changed = await check();
    expect(changed.parses).toBeGreaterThan(0);
    expect(problems(changed.results)).not.toContain('status.md:27 handoff-owner');
    expect(problems(changed.results)).toContain('status.md:20 handoff-evidence');
  });

  it('ignores a corrupt cache file and replaces it', async () => {
    const cold = await check();
    for (const garbage of ['{ not json', '{"format":1,"settings":"x","files":{},"results":[null]}', '\u0000\u0001']) {
      await writeFile(path.join(root, '.governcache'), garbage);
      const run = await check();
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(cold.stdout);
      expect(run.parses).toBeGreaterThan(0);
      expect((await check()).parses).toBe(0);
    }
  });

  it('writes where --cache-location says, a file or into a directory', async () => {
    const dir = path.join(root, 'cache-dir');
    await mkdir(dir);
    await check(['--cache', '--cache-location', 'cache-dir']);
    expect((await stat(path.join(dir, '.governcache'))).isFile()).toBe(true);
    await check(['--cache', '--cache-location', 'elsewhere/govern.cache']);
    expect((await stat(path.join(root, 'elsewhere/govern.cache'))).isFile()).toBe(true);
    expect((await check(['--cache', '--cache-location', 'elsewhere/govern.cache'])).parses).toBe(0);
    await expect(stat(path.join(root, '.governcache'))).rejects.toThrow();
  });

  it('neither reads nor writes the cache with --fix', async () => {
    await check(['--fix']);
    await expect(stat(path.join(root, '.governcache'))).rejects.toThrow();
  });
});
