import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

/**
 * `govern next --json`, `status --json` and `check --format json` on an OpenSpec repository, a Kiro
 * repository (its specs reached through a link the test makes) and one that mixes Spec Kit and OpenSpec.
 * fixtures/layouts/README.md says why each answer is right.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'govern-cli-layouts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const kiro = path.join(tmp, 'kiro');
cpSync(fixture('layouts/kiro'), kiro, { recursive: true });
symlinkSync('../docs/specs', path.join(kiro, '.kiro', 'specs'), 'dir');

const DIRS = { openspec: fixture('layouts/openspec'), kiro, mixed: fixture('layouts/mixed') } as const;

interface Brief {
  id: string;
}
interface NextJson {
  status: string;
  feature: { id: string; title: string; state: string; stateSource: { basis: string }; spec?: { dir: string; layout: string }; tasks?: { done: number; total: number; file: string }; openTasks?: Array<{ id?: string; source: { file: string; line: number } }> } | null;
  candidates: Brief[];
  runnersUp: Brief[];
  skipped: Array<{ id: string; code: string; source: { file: string; line: number } }>;
  order: { source: string; file?: string };
}
interface StatusJson {
  features: Array<{ id: string; title: string; state: string; stateSource: { basis: string }; layouts?: string[]; tasks?: { done: number; total: number }; conflicts: unknown[]; waiting?: { code: string } }>;
}
interface CheckJson {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; message: string }>;
}

async function json<T>(dir: string, args: string[]): Promise<{ code: number; value: T }> {
  const run = await runCli(['-C', dir, ...args]);
  expect(run.stderr).toBe('');
  return { code: run.code, value: JSON.parse(run.stdout) as T };
}

function problems(dir: string, results: CheckJson[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId}`));
}

describe('govern on an OpenSpec repository', () => {
  it('next: unclear between the two changes nothing orders; the dependent change waits', async () => {
    const { code, value } = await json<NextJson>(DIRS.openspec, ['next', '--json']);
    expect(code).toBe(1);
    expect(value.status).toBe('unclear');
    expect(value.feature).toBeNull();
    expect(value.candidates.map((c) => c.id)).toEqual(['add-elevation-profile', 'add-gpx-export']);
    expect(value.order.source).toBe('specs');
  });

  it('status: archived changes done by the archive, a ticked one by its tasks, every feature an OpenSpec change', async () => {
    const { value } = await json<StatusJson>(DIRS.openspec, ['status', '--json']);
    const rows = Object.fromEntries(value.features.map((f) => [f.id, [f.state, f.stateSource.basis, f.tasks?.done, f.tasks?.total, f.conflicts.length, f.waiting?.code ?? null]]));
    expect(rows).toEqual({
      'add-elevation-profile': ['todo', 'default', 0, 4, 0, null],
      'add-gpx-export': ['todo', 'default', 0, 3, 0, null],
      'add-offline-maps': ['done', 'tasks', 5, 5, 0, null],
      'add-photo-notes': ['done', 'archive', 3, 4, 0, null],
      'add-trail-log': ['done', 'archive', 3, 3, 0, null],
      'share-hikes': ['todo', 'default', 0, 3, 0, 'dependencies'],
    });
    expect(value.features.every((f) => f.layouts?.join() === 'openspec')).toBe(true);
    expect(value.features.find((f) => f.id === 'add-trail-log')?.title).toBe('Add the trail log');
  });

  it('check: two open changes modifying one requirement, and a modified requirement that exists nowhere; nothing about the archive', async () => {
    const { code, value } = await json<CheckJson[]>(DIRS.openspec, ['check', '--format', 'json']);
    expect(problems(DIRS.openspec, value)).toEqual([
      'openspec/changes/add-gpx-export/specs/trail-log/spec.md:2 changes-overlap',
      'openspec/changes/add-gpx-export/specs/trail-log/spec.md:9 requirement-refs-resolve',
    ]);
    expect(code).toBe(0);
  });
});

describe('govern on a Kiro repository', () => {
  it('next: continue the spec under way, at its first open required task', async () => {
    const { code, value } = await json<NextJson>(DIRS.kiro, ['next', '--json']);
    expect(code).toBe(0);
    expect(value.status).toBe('continue');
    expect(value.feature).toMatchObject({ id: 'station-search', state: 'in-progress', stateSource: { basis: 'tasks' }, spec: { dir: '.kiro/specs/station-search', layout: 'kiro' }, tasks: { done: 3, total: 8, file: '.kiro/specs/station-search/tasks.md' } });
    expect(value.feature?.openTasks?.[0]).toMatchObject({ id: '2.2', source: { file: '.kiro/specs/station-search/tasks.md', line: 12 } });
    expect(value.runnersUp.map((f) => f.id)).toEqual(['dock-alerts']);
    expect(value.skipped.map((s) => [s.id, s.code])).toEqual([['dock-alerts', 'not-started'], ['ride-history', 'done']]);
  });

  it('status: required leaf tasks counted; unticked summaries and optional tests leave a spec done', async () => {
    const { value } = await json<StatusJson>(DIRS.kiro, ['status', '--json']);
    expect(value.features.map((f) => [f.id, f.state, f.tasks?.done, f.tasks?.total, f.conflicts.length, f.layouts?.join()])).toEqual([
      ['dock-alerts', 'todo', 0, 3, 0, 'kiro'],
      ['ride-history', 'done', 3, 3, 0, 'kiro'],
      ['station-search', 'in-progress', 3, 8, 0, 'kiro'],
    ]);
  });

  it('check: the dangling requirement reference and the ticked task whose file is missing, nothing about steering', async () => {
    const { value } = await json<CheckJson[]>(DIRS.kiro, ['check', '--format', 'json']);
    expect(problems(DIRS.kiro, value)).toEqual(['.kiro/specs/station-search/tasks.md:10 tasks-phantom-completion', '.kiro/specs/station-search/tasks.md:22 requirement-refs-resolve']);
  });

  it('brief: steering plays the roles of PRODUCT.md and AGENTS.md, which the repository lacks', async () => {
    const run = await runCli(['-C', DIRS.kiro, 'brief']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# Implement station-search: Station search');
    expect(run.stdout).toContain('## Project context\n\nFrom `.kiro/steering/product.md`: Dockwise helps riders');
    expect(run.stdout).toContain('- `.kiro/steering/api-style.md` (inclusion: fileMatch)\n- `.kiro/steering/structure.md`\n- `.kiro/steering/tech.md`');
    expect(run.stdout).toContain('- [ ] 2.2 Grey out stations without bikes');
  });

  it('without the link: empty, and the steering product list is not work', async () => {
    const { code, value } = await json<NextJson>(fixture('layouts/kiro'), ['next', '--json']);
    expect(code).toBe(1);
    expect(value.status).toBe('empty');
  });
});

describe('govern on a repository mixing Spec Kit and OpenSpec', () => {
  it('next: the first unfinished entry of DEVELOPMENT.md, an OpenSpec change named by its id', async () => {
    const { code, value } = await json<NextJson>(DIRS.mixed, ['next', '--json']);
    expect(code).toBe(0);
    expect(value.status).toBe('next');
    expect(value.feature).toMatchObject({ id: 'add-csv-export', spec: { dir: 'openspec/changes/add-csv-export', layout: 'openspec' }, tasks: { done: 0, total: 3, file: 'openspec/changes/add-csv-export/tasks.md' } });
    expect(value.order).toEqual({ source: 'development', file: 'docs/DEVELOPMENT.md' });
    expect(value.runnersUp.map((f) => f.id)).toEqual(['003-dashboards', 'add-payment-reminders']);
  });

  it('status: both layouts in one order', async () => {
    const { value } = await json<StatusJson>(DIRS.mixed, ['status', '--json']);
    expect(value.features.map((f) => [f.id, f.layouts?.join(), f.state, f.stateSource.basis])).toEqual([
      ['001-accounts', 'speckit', 'done', 'sequence'],
      ['002-invoices', 'speckit', 'done', 'sequence'],
      ['add-tax-rates', 'openspec', 'done', 'archive'],
      ['add-csv-export', 'openspec', 'todo', 'default'],
      ['003-dashboards', 'speckit', 'todo', 'spec-status'],
      ['add-payment-reminders', 'openspec', 'todo', 'default'],
    ]);
  });

  it('check: only the stale Draft of a finished Spec Kit spec', async () => {
    const { value } = await json<CheckJson[]>(DIRS.mixed, ['check', '--format', 'json']);
    expect(problems(DIRS.mixed, value)).toEqual(['specs/001-accounts/spec.md:5 status-consistent']);
  });
});
