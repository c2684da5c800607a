import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint, loadProject } from '@govern/core';
import { afterEach, describe, expect, it } from 'vitest';
import rule from '../../src/rules/handoff-evidence-fresh.js';

const fixture = path.resolve(__dirname, '../../../../fixtures/rules/handoff-evidence-fresh');
const made: string[] = [];
afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

function git(root: string, date: string | undefined, ...args: string[]): string {
  const env = { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir(), GIT_AUTHOR_NAME: 'fixture', GIT_AUTHOR_EMAIL: 'fixture@example.com', GIT_COMMITTER_NAME: 'fixture', GIT_COMMITTER_EMAIL: 'fixture@example.com', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  delete env.GIT_INDEX_FILE;
  return execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });
}

/**
 * The fixture's history: search v1 (2025-05-01 10:00), search v2 with ranking (2025-06-10 10:00), then
 * the handoff `steps/status.<variant>.md` as status.md (2025-06-10 11:00). Evidence dated 2025-05-02
 * (stale), 2025-06-10 (fresh) or not at all (undated).
 */
function repository(variant: 'stale' | 'fresh' | 'undated', options: { git?: boolean } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'govern-evidence-fresh-'));
  made.push(root);
  cpSync(fixture, root, { recursive: true });
  if (options.git === false) {
    copyFileSync(path.join(root, `steps/status.${variant}.md`), path.join(root, 'status.md'));
    return root;
  }
  git(root, undefined, 'init', '-q');
  git(root, undefined, 'add', 'src/search/index.ts');
  git(root, '2025-05-01T10:00:00Z', 'commit', '-q', '-m', 'feat(search): whole-word search');
  copyFileSync(path.join(root, 'steps/index.v2.ts'), path.join(root, 'src/search/index.ts'));
  git(root, undefined, 'add', 'src/search/index.ts');
  git(root, '2025-06-10T10:00:00Z', 'commit', '-q', '-m', 'feat(search): rank matches');
  copyFileSync(path.join(root, `steps/status.${variant}.md`), path.join(root, 'status.md'));
  git(root, undefined, 'add', 'status.md');
  git(root, '2025-06-10T11:00:00Z', 'commit', '-q', '-m', 'docs: hand search over to verify');
  return root;
}

async function problems(root: string): Promise<string[]> {
  const results = await lint(await loadProject(root), {
    rules: { 'handoff-evidence-fresh': rule },
    config: { extends: [], rules: { 'handoff-evidence-fresh': 'error' } },
  });
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

const stale = (change: string) =>
  `status.md:7:5 handoff-evidence-fresh Evidence in handoff implement -> verify is dated 2025-05-02 (lint, tests, build), but src/search/index.ts changed after that (${change}); run the checks again on the changed code and record those results.`;

describe('handoff-evidence-fresh', () => {
  it('reports evidence dated before the last change to the scope, at the first stale claim', async () => {
    const root = repository('stale');
    const ranking = git(root, undefined, 'rev-parse', '--short=7', 'HEAD~1').trim();
    expect(await problems(root)).toEqual([stale(`2025-06-10, commit ${ranking}`)]);
  });

  it('is in govern:recommended', async () => {
    const root = repository('stale');
    const results = await lint(await loadProject(root));
    expect(results.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('handoff-evidence-fresh');
  });

  it('leaves alone evidence dated the day of the change, and evidence with no date', async () => {
    expect(await problems(repository('fresh'))).toEqual([]);
    expect(await problems(repository('undated'))).toEqual([]);
  });

  it('does not compare with later work the handoff does not vouch for', async () => {
    const root = repository('fresh');
    writeFileSync(path.join(root, 'src/search/index.ts'), 'export const search = () => [];\n');
    git(root, undefined, 'add', 'src/search/index.ts');
    git(root, '2025-07-01T10:00:00Z', 'commit', '-q', '-m', 'feat(search): later work');
    expect(await problems(root)).toEqual([]);
  });

  it('says nothing without git', async () => {
    expect(await problems(repository('stale', { git: false }))).toEqual([]);
  });

  it('a handoff being written now, with uncommitted work in its scope: the change is today\'s', async () => {
    const root = repository('fresh');
    writeFileSync(path.join(root, 'src/search/index.ts'), 'export const search = (q: string) => [q];\n');
    // A second handoff appended and not committed, with evidence from before today.
    const appended = readFileSync(path.join(root, 'steps/status.stale.md'), 'utf8').replace('# Status\n\n', '').replace('implement -> verify', 'verify -> release');
    writeFileSync(path.join(root, 'status.md'), `${readFileSync(path.join(root, 'status.md'), 'utf8')}\n${appended}`);
    const now = new Date();
    const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(await problems(root)).toEqual([stale(`${day}, uncommitted`).replace('status.md:7:5', 'status.md:19:5').replace('implement -> verify', 'verify -> release')]);
  });
});
