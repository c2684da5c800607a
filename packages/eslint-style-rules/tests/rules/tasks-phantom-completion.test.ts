import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, loadProject, type LintOptions } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../src/rules/tasks-phantom-completion.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));
const own = (name: string) => fixture(`rules/tasks-phantom-completion/${name}`);

new RuleTester({ describe, it }).runProject('tasks-phantom-completion', rule, {
  valid: [
    { fixture: own('elsewhere'), name: 'a path that lives in a package, and a folder the repository lacks' },
    { fixture: fixture('example'), name: 'example: routes, plan.md and existing files' },
    { fixture: fixture('speckit'), name: 'speckit: routes with {placeholders}' },
    { fixture: fixture('agent-specs'), name: 'agent-specs: go test ./...' },
    { fixture: fixture('next/stale-draft'), name: 'specs without any source folder: the code lives elsewhere' },
    { fixture: fixture('next/circuit-breaker'), name: 'next/circuit-breaker' },
    { fixture: fixture('empty'), name: 'no specs' },
    { fixture: fixture('messy'), name: "messy: T014's file is gone, but the feature is finished: its history is not judged" },
    { fixture: own('finished-feature'), name: 'a finished feature whose files a later refactor moved' },
    { fixture: own('dunder-emphasis'), name: '__init__.py outside a code span is read as written' },
    { fixture: own('alternative'), name: '"update A (or create B)": one of them is enough' },
    { fixture: own('scaffold-directory'), name: 'a task that names only folders claims no file' },
    { fixture: own('retired-by-later-task'), name: 'a file a later ticked task deletes' },
    { fixture: own('removed-by-later-spec'), name: 'files in a folder that a ticked task of a later spec deletes' },
    { fixture: own('removal-in-spanish'), name: 'a task that deletes files in Spanish (`Eliminar …`), and one that reads a file back with `git show`' },
    { fixture: own('moved-equivalent'), name: 'files that moved folder, became a package, changed extension or spelling' },
    { fixture: own('not-made'), name: 'files never to be made: work integrated into another file, an equivalent file, work covered elsewhere, a task only if needed, files kept out by .gitignore' },
  ],
  invalid: [
    {
      fixture: own('missing'),
      name: 'three missing files (one in a drag-and-drop task); removals, routes, globs, placeholders, ignored and unticked tasks are not',
      errors: [
        { messageId: 'phantom', file: 'specs/001-export/tasks.md', line: 15, column: 40 },
        { messageId: 'phantom', file: 'specs/001-export/tasks.md', line: 16, column: 63 },
        { messageId: 'phantom', file: 'specs/001-export/tasks.md', line: 21, column: 42 },
      ],
    },
    {
      fixture: fixture('messy'),
      options: [{ finished: 'check' }],
      name: 'messy with { finished: "check" }: T014 names src/auth/session.ts',
      errors: [{ messageId: 'phantom', file: 'specs/001-auth/tasks.md', line: 14, column: 51 }],
    },
    {
      fixture: own('finished-feature'),
      options: [{ finished: 'check' }],
      name: 'a finished feature judged on request, outside git: each ticked task once',
      errors: [
        { messageId: 'phantom', file: 'specs/001-notes/tasks.md', line: 7, includes: 'src/notes/store.ts does not exist' },
        { messageId: 'phantom', file: 'specs/001-notes/tasks.md', line: 8 },
      ],
    },
    {
      fixture: own('bold-segment'),
      name: 'a **tests** segment is the __tests__ folder a formatter rewrote',
      errors: [{ messageId: 'phantom', file: 'specs/003-billing/tasks.md', line: 8, includes: 'web/src/__tests__/refund.test.ts' }],
    },
    {
      fixture: own('other-repo-section'),
      name: "only the section labelled as this repository's is judged; another repository's and a mixed one are not",
      errors: [{ messageId: 'phantom', file: 'specs/005-payments/tasks.md', line: 22, column: 23 }],
    },
    {
      fixture: own('self-denying'),
      name: 'a ticked task whose own note says it was skipped, in a finished feature',
      errors: [{ messageId: 'denied', file: 'specs/008-upgrade/tasks.md', line: 7, includes: 'its own text says "skipped"' }],
    },
  ],
});

describe('tasks-phantom-completion and git', () => {
  const temps: string[] = [];
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=govern', '-c', 'user.email=govern@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });

  /** A git repository holding the fixture as its first commit. */
  async function repository(name: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-phantom-'));
    temps.push(dir);
    await cp(own(name), dir, { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'first');
    return dir;
  }

  async function problems(root: string, options: Partial<LintOptions> = {}): Promise<string[]> {
    const results = await lint(await loadProject(root), {
      rules: { 'tasks-phantom-completion': rule },
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: { 'tasks-phantom-completion': 'error' } },
      ...options,
    });
    return results.flatMap((r) => r.messages.map((m) => `${m.line} ${m.messageId} ${m.message.slice(0, m.message.indexOf(' ', 40))}`));
  }

  it('judges only the tasks ticked in the change, with --diff-base or inside a commit hook', async () => {
    const dir = await repository('change');
    const tasks = path.join(dir, 'specs/009-export/tasks.md');
    await writeFile(tasks, (await readFile(tasks, 'utf8')).replace('- [ ] T003', '- [x] T003'));
    // T002 names a missing file too, but it was ticked before: the change does not claim it.
    const expected = ['9 phantomInChange Task T003 is ticked in this change, but src/export/csv.ts'];
    expect(await problems(dir, { diffBase: 'HEAD' })).toEqual(expected);
    expect(await problems(dir, { commitHook: true })).toEqual(expected);
    // Without a change to judge, every claim of the feature in progress.
    expect((await problems(dir)).map((p) => p.slice(0, 12))).toEqual(['8 phantom Ta', '9 phantom Ta']);
  });

  it('names every missing file of a task in one report', async () => {
    const dir = await repository('change');
    const tasks = path.join(dir, 'specs/009-export/tasks.md');
    await writeFile(tasks, (await readFile(tasks, 'utf8')).replace('- [ ] T003 Write the CSV exporter in src/export/csv.ts', '- [x] T003 Write the CSV exporter in src/export/csv.ts and its test in src/export/csv.test.ts'));
    const results = await lint(await loadProject(dir), {
      rules: { 'tasks-phantom-completion': rule },
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: { 'tasks-phantom-completion': 'error' } },
      diffBase: 'HEAD',
    });
    expect(results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([
      'Task T003 is ticked in this change, but src/export/csv.ts, src/export/csv.test.ts do not exist; create them, untick the task until the work is done, or correct the path.',
    ]);
  });

  it('leaves alone, in work in progress, a file the git history shows existed; a file that never did is reported', async () => {
    const dir = await repository('history');
    git(dir, 'rm', '-q', 'src/report/pdf.ts');
    git(dir, 'commit', '-q', '-m', 'fold the PDF renderer into html.ts');
    expect(await problems(dir)).toEqual(['6 phantom Task T002 is ticked, but src/report/sheet.ts']);
    // The same tree without its history: the moved file is reported too.
    await rm(path.join(dir, '.git'), { recursive: true, force: true });
    expect((await problems(dir)).map((p) => p.slice(0, 1))).toEqual(['5', '6']);
  });
});
