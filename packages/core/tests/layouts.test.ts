import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { nextFeature } from '../src/query/next.js';
import { orderFeatures } from '../src/query/order.js';
import { featureStates } from '../src/query/states.js';
import { specOrdinal } from '../src/text/spec-numbers.js';
import { classifySpecPath } from '../src/parse/spec-paths.js';

/**
 * OpenSpec changes and Kiro specs are specs of their own layout, read through the same kinds, the same
 * task reader and the same states and order as Spec Kit's folders. fixtures/layouts/README.md says what
 * each fixture holds and why each answer is the right one.
 */
const fixtures = fileURLToPath(new URL('../../../fixtures/layouts/', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'govern-layouts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of a fixture to change one thing in. */
function copy(name: string, label: string): string {
  const dir = path.join(tmp, `${name}-${label}`);
  cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

/** The Kiro fixture with `.kiro/specs` a link to `../docs/specs`, as the fixture's README says (git does not keep links everywhere). */
function kiroWithLink(label: string): string {
  const dir = copy('kiro', label);
  symlinkSync('../docs/specs', path.join(dir, '.kiro', 'specs'), 'dir');
  return dir;
}

async function statesOf(dir: string) {
  const project = await loadProject(dir);
  return { project, states: new Map(featureStates(project).map((s) => [s.id, s])) };
}

describe('where OpenSpec changes and Kiro specs are', () => {
  it.each([
    ['openspec/changes/add-x/proposal.md', { kind: 'openspec', dir: 'openspec/changes/add-x', slug: 'add-x', role: 'spec' }],
    ['openspec/changes/add-x/tasks.md', { kind: 'openspec', role: 'tasks' }],
    ['openspec/changes/add-x/design.md', { kind: 'openspec', role: 'plan' }],
    ['openspec/changes/archive/2025-06-01-add-x/tasks.md', { kind: 'openspec', dir: 'openspec/changes/archive/2025-06-01-add-x', slug: 'add-x', archived: '2025-06-01', role: 'tasks' }],
    ['openspec/changes/archive/add-x/proposal.md', { slug: 'add-x', archived: '' }],
    ['openspec/changes/0003-search/proposal.md', { number: '0003', slug: '0003-search' }],
    ['.kiro/specs/station-search/requirements.md', { kind: 'kiro', dir: '.kiro/specs/station-search', slug: 'station-search', role: 'spec' }],
    ['.kiro/specs/backend/1-auth/tasks.md', { kind: 'kiro', dir: '.kiro/specs/backend/1-auth', number: '1', role: 'tasks' }],
    ['.kiro/specs/_archived/old-idea/tasks.md', { kind: 'kiro', archived: '' }],
    ['docs/exec-plans/active/offline-sync.md', { kind: 'execplan', dir: 'docs/exec-plans/active/offline-sync.md', slug: 'offline-sync', role: 'spec' }],
    ['docs/exec-plans/completed/2026-10-20-sign-in.md', { kind: 'execplan', slug: 'sign-in', archived: '' }],
    ['docs/plans/active/2026-05-04-feat-export-to-gpx-plan.md', { kind: 'execplan', slug: 'feat-export-to-gpx-plan', role: 'spec' }],
    ['docs/plans/completed/2026-04-10-feat-ride-history-plan.md', { kind: 'execplan', archived: '' }],
    ['backlog/tasks/task-12 - Add-export.md', { kind: 'backlog', number: '12', slug: 'task-12', role: 'spec' }],
    ['backlog/tasks/NOT-25.1 - Consolidate-CSS.md', { kind: 'backlog', number: '25', slug: 'not-25.1' }],
    ['backlog/completed/task-3 - Sign-in.md', { kind: 'backlog', slug: 'task-3', archived: '' }],
    ['backlog/archive/tasks/task-4 - Old-idea.md', { kind: 'backlog', archived: '' }],
    ['conductor/tracks/csv_export_20260110/spec.md', { kind: 'conductor', dir: 'conductor/tracks/csv_export_20260110', slug: 'csv_export', role: 'spec' }],
    ['conductor/tracks/csv_export_20260110/plan.md', { kind: 'conductor', role: 'tasks' }],
    ['conductor/archive/csv_export_20260110/plan.md', { kind: 'conductor', dir: 'conductor/archive/csv_export_20260110', archived: '', key: 'conductor/tracks/csv_export_20260110' }],
    ['.specs/features/garden-journal/spec.md', { kind: 'kiro', dir: '.specs/features/garden-journal', slug: 'garden-journal', role: 'spec' }],
    ['.specs/features/garden-journal/design.md', { kind: 'kiro', role: 'plan' }],
    ['.specs/mail-search/requirements.md', { kind: 'kiro', dir: '.specs/mail-search', role: 'spec' }],
    ['.specs/mail-search/tasks.md', { kind: 'kiro', role: 'tasks' }],
    ['docs/stories/1.2.story.md', { kind: 'story', dir: 'docs/stories/1.2.story.md', number: '1.2', slug: 'story-1.2', role: 'spec' }],
    ['docs/stories/epic-3/3.5.leader-board.md', { kind: 'story', number: '3.5', slug: 'leader-board' }],
    ['docs/stories/story-4.1.md', { kind: 'story', number: '4.1' }],
    ['_bmad-output/implementation-artifacts/2-7-dirty-state.md', { kind: 'story', number: '2.7', slug: 'dirty-state' }],
    ['_bmad-output/planning-artifacts/stories/5.2.story.md', { kind: 'story', number: '5.2' }],
    ['docs/sprint-artifacts/1-3-profile.md', { kind: 'story', number: '1.3' }],
    ['_bmad-output/implementation-artifacts/3-6a-design-system.md', { kind: 'story', number: '3.6a', slug: 'design-system' }],
    ['_bmad-output/implementation-artifacts/3-1-2-test-utilities.md', { kind: 'story', number: '3.1.2', slug: 'test-utilities' }],
    ['_bmad-output/implementation-artifacts/2.1-D10-jwt-fallback.md', { kind: 'story', number: '2.1.D10', slug: 'jwt-fallback' }],
    ['specs/004-movie-page/task.md', { kind: 'speckit', role: 'tasks' }],
  ])('%s', (file, expected) => {
    expect(classifySpecPath(file)).toMatchObject(expected);
  });

  it("a `.specs/` folder's project and codebase notes are no spec", () => {
    expect(classifySpecPath('.specs/project/ROADMAP.md')).toBeUndefined();
    expect(classifySpecPath('.specs/codebase/tasks.md')).toBeUndefined();
  });

  it('a delta spec inside a change is part of the change, never a Spec Kit folder', () => {
    expect(classifySpecPath('openspec/changes/add-x/specs/003-trail/spec.md')).toBeUndefined();
    expect(classifySpecPath('openspec/changes/add-x/specs/trail/spec.md')).toBeUndefined();
  });
});

describe('an OpenSpec repository', () => {
  it('reads each change as a feature: archived ones done whatever their boxes, ticked ones done, the rest todo', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'openspec'));
    expect(project.features.map((f) => f.id).sort()).toEqual(['add-elevation-profile', 'add-gpx-export', 'add-offline-maps', 'add-photo-notes', 'add-trail-log', 'share-hikes']);
    expect(project.specs.every((s) => s.kind === 'openspec')).toBe(true);
    expect(states.get('add-photo-notes')).toMatchObject({ state: 'done', basis: 'archive', tasks: { done: 3, total: 4 }, conflicts: [], certainty: 'recorded' });
    expect(states.get('add-trail-log')).toMatchObject({ state: 'done', basis: 'archive', title: 'Add the trail log' });
    expect(states.get('add-offline-maps')).toMatchObject({ state: 'done', basis: 'tasks', tasks: { done: 5, total: 5 } });
    expect(states.get('add-elevation-profile')).toMatchObject({ state: 'todo', basis: 'default', title: 'Elevation profile' });
    expect(project.specs.find((s) => s.slug === 'add-photo-notes')).toMatchObject({ archived: '2025-05-02', dir: 'openspec/changes/archive/2025-05-02-add-photo-notes' });
  });

  it('honours a dependency a proposal names by id and ignores the prose beside it', async () => {
    const project = await loadProject(path.join(fixtures, 'openspec'));
    const share = project.features.find((f) => f.id === 'share-hikes')!;
    expect(share.dependencies).toEqual([{ id: 'add-gpx-export', reference: 'add-gpx-export', position: expect.objectContaining({ file: 'openspec/changes/share-hikes/proposal.md', line: 10, column: 3 }) }]);
  });

  it('next is unclear between the two changes nothing orders, and share-hikes waits for add-gpx-export', async () => {
    const result = nextFeature(await loadProject(path.join(fixtures, 'openspec')));
    expect(result.status).toBe('unclear');
    expect(result.feature).toBeUndefined();
    expect(result.candidates.map((f) => f.id)).toEqual(['add-elevation-profile', 'add-gpx-export']);
    expect(result.reason).toContain('nothing orders them');
    const share = result.features.find((f) => f.id === 'share-hikes')!;
    expect(share.skip).toMatchObject({ code: 'dependencies', blockedBy: ['add-gpx-export'], source: { file: 'openspec/changes/share-hikes/proposal.md', line: 10 } });
  });

  it('a roadmap naming the changes by id orders them', async () => {
    const dir = copy('openspec', 'roadmap');
    cpSync(path.join(fixtures, 'variants/openspec-roadmap/openspec/ROADMAP.md'), path.join(dir, 'openspec/ROADMAP.md'));
    const result = nextFeature(await loadProject(dir));
    expect(result.status).toBe('next');
    expect(result.feature?.id).toBe('add-gpx-export');
    expect(result.order).toMatchObject({ source: 'development', file: 'openspec/ROADMAP.md' });
    expect(result.runnersUp.map((f) => f.id)).toEqual(['add-elevation-profile']);
    expect(result.features.find((f) => f.id === 'share-hikes')?.skip?.code).toBe('dependencies');
  });

  it('one ticked task makes its change the work to continue', async () => {
    const dir = copy('openspec', 'started');
    const file = path.join(dir, 'openspec/changes/add-elevation-profile/tasks.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] 1.1', '- [x] 1.1'));
    const result = nextFeature(await loadProject(dir));
    expect(result.status).toBe('continue');
    expect(result.feature?.id).toBe('add-elevation-profile');
  });
});

describe('a Kiro repository', () => {
  it('without the link to its specs holds only steering: nothing to build, and the steering feature list is not work', async () => {
    const result = nextFeature(await loadProject(path.join(fixtures, 'kiro')));
    expect(result.status).toBe('empty');
    expect(result.features).toEqual([]);
  });

  it('reads the specs through the link, by the path the walk took', async () => {
    const { project, states } = await statesOf(kiroWithLink('states'));
    expect(project.specs.map((s) => [s.kind, s.dir])).toEqual([
      ['kiro', '.kiro/specs/dock-alerts'],
      ['kiro', '.kiro/specs/ride-history'],
      ['kiro', '.kiro/specs/station-search'],
    ]);
    // Required leaf tasks: summaries and optional tasks apart; `[-]` is started, not done.
    expect(states.get('station-search')).toMatchObject({ state: 'in-progress', basis: 'tasks', tasks: { done: 3, total: 8 } });
    expect(states.get('ride-history')).toMatchObject({ state: 'done', basis: 'tasks', tasks: { done: 3, total: 3 }, conflicts: [] });
    expect(states.get('dock-alerts')).toMatchObject({ state: 'todo', tasks: { done: 0, total: 3 } });
  });

  it('reads nested numbered tasks: summaries, optional tasks, tasks under way and requirement references', async () => {
    const project = await loadProject(kiroWithLink('tasks'));
    const search = project.specs.find((s) => s.slug === 'station-search')!.tasks!;
    expect(search.tasks.map((t) => [t.id, t.done, t.inProgress ?? false])).toEqual([
      ['1.1', true, false],
      ['1.2', true, false],
      ['2.1', true, false],
      ['2.2', false, true],
      ['3.1', false, false],
      ['3.2', false, false],
      ['4', false, false],
      ['5', false, false],
    ]);
    expect(search.summaries).toBe(3);
    expect(search.optional).toEqual({ done: 0, total: 1 });
    expect(search.tasks.find((t) => t.id === '3.2')?.requirementRefs?.map((r) => r.value)).toEqual(['4.2']);
    expect(search.tasks.find((t) => t.id === '2.1')?.requirementRefs?.map((r) => [r.value, r.position.line])).toEqual([['1.1', 11], ['1.2', 11]]);
    const history = project.specs.find((s) => s.slug === 'ride-history')!.tasks!;
    // 1.3 and parent 3, which holds only optional tests and says nothing of its own, with its two tests.
    expect(history.optional).toEqual({ done: 0, total: 4 });
    const alerts = project.specs.find((s) => s.slug === 'dock-alerts')!.tasks!;
    // A flat list: `1.1` after `1.` is its sub-task.
    expect(alerts.tasks.map((t) => t.id)).toEqual(['1.1', '1.2', '2.1']);
  });

  it('continues the spec under way', async () => {
    const result = nextFeature(await loadProject(kiroWithLink('next')));
    expect(result.status).toBe('continue');
    expect(result.feature).toMatchObject({ id: 'station-search', title: 'Station search' });
    expect(result.feature?.openTasks.map((t) => t.id)).toEqual(['2.2', '3.1', '3.2', '4', '5']);
    expect(result.feature?.openTasks[0]?.position).toMatchObject({ file: '.kiro/specs/station-search/tasks.md', line: 12 });
    expect(result.runnersUp.map((f) => f.id)).toEqual(['dock-alerts']);
  });

  it('a cc-sdd spec.json phase is a stated status: implementation-completed with every task open is disputed', async () => {
    const dir = kiroWithLink('phase');
    const file = path.join(dir, 'docs/specs/dock-alerts/spec.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"phase": "tasks-generated"', '"phase": "implementation-completed"'));
    const { project, states } = await statesOf(dir);
    expect(project.specs.find((s) => s.slug === 'dock-alerts')?.phase).toMatchObject({ value: 'implementation-completed', position: { file: '.kiro/specs/dock-alerts/spec.json', line: 6 } });
    expect(states.get('dock-alerts')).toMatchObject({ state: 'done', basis: 'spec-status', certainty: 'disputed' });
    expect(states.get('dock-alerts')?.conflicts).toEqual([
      { message: '.kiro/specs/dock-alerts/spec.json records phase implementation-completed but 3 of 3 tasks in .kiro/specs/dock-alerts/tasks.md are open', source: expect.objectContaining({ file: '.kiro/specs/dock-alerts/tasks.md', line: 4 }) },
    ]);
    // `implemented`, as other versions of the tool write it, is done as well.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"phase": "implementation-completed"', '"phase": "implemented"'));
    expect((await statesOf(dir)).states.get('dock-alerts')).toMatchObject({ state: 'done', basis: 'spec-status', certainty: 'disputed' });
    // As written (tasks-generated) the phase agrees with the untouched list.
    const plain = await statesOf(kiroWithLink('phase-plain'));
    expect(plain.states.get('dock-alerts')).toMatchObject({ state: 'todo', conflicts: [] });
  });

  it('a folder reachable twice, through a link and as itself, is one spec', async () => {
    const dir = copy('kiro', 'twice');
    renameSync(path.join(dir, 'docs/specs'), path.join(dir, 'specs'));
    symlinkSync('../specs', path.join(dir, '.kiro', 'specs'), 'dir');
    const project = await loadProject(dir);
    expect(project.features.map((f) => f.id).sort()).toEqual(['dock-alerts', 'ride-history', 'station-search']);
    expect(project.specs.every((s) => s.kind === 'kiro')).toBe(true);
  });
});

describe('Spec Kit folders kept under docs/', () => {
  it('reads the numbered folders of docs/specs/ as Spec Kit specs, and nothing else there', async () => {
    const project = await loadProject(path.join(fixtures, 'variants/speckit-docs'));
    expect(project.specs.map((s) => [s.kind, s.dir])).toEqual([
      ['speckit', 'docs/specs/001-bird-list'],
      ['speckit', 'docs/specs/002-sightings-map'],
    ]);
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: '002-sightings-map' } });
  });
});

describe('Spec Kit and OpenSpec in one repository', () => {
  it('DEVELOPMENT.md orders both: a change id in a plan line names the change', async () => {
    const result = nextFeature(await loadProject(path.join(fixtures, 'mixed')));
    expect(result.status).toBe('next');
    expect(result.feature).toMatchObject({ id: 'add-csv-export', placedBy: 'development' });
    expect(result.feature?.spec?.dir).toBe('openspec/changes/add-csv-export');
    expect(result.feature?.spec?.tasks?.file).toBe('openspec/changes/add-csv-export/tasks.md');
    expect(result.skipped.map((s) => [s.id, s.code])).toEqual([
      ['001-accounts', 'done'],
      ['002-invoices', 'done'],
      ['add-tax-rates', 'done'],
    ]);
    expect(result.runnersUp.map((f) => f.id)).toEqual(['003-dashboards', 'add-payment-reminders']);
  });

  it('without a plan, a Spec Kit number does not order an OpenSpec change: unclear', async () => {
    const dir = copy('mixed', 'no-plan');
    rmSync(path.join(dir, 'docs/DEVELOPMENT.md'));
    const result = nextFeature(await loadProject(dir));
    expect(result.status).toBe('unclear');
    expect(result.candidates.map((f) => f.id)).toEqual(['003-dashboards', 'add-csv-export', 'add-payment-reminders']);
    expect(result.reason).toContain('different layouts');
  });

  it('work under way comes first, whatever its place in the plan', async () => {
    const dir = copy('mixed', 'started');
    const file = path.join(dir, 'specs/003-dashboards/tasks.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ]', '- [x]'));
    const result = nextFeature(await loadProject(dir));
    expect(result.status).toBe('continue');
    expect(result.feature?.id).toBe('003-dashboards');
    expect(result.skipped.find((s) => s.id === 'add-csv-export')?.code).toBe('not-started');
  });
});

describe('a Conductor repository', () => {
  it('orders the tracks by the registry, each linked to its folder, and continues the one marked under way', async () => {
    const result = nextFeature(await loadProject(path.join(fixtures, 'conductor')));
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'csv_export', title: 'CSV export' }, order: { source: 'development', file: 'conductor/tracks.md' } });
    expect(result.features.map((f) => [f.id, f.state.state])).toEqual([
      ['welcome_page', 'done'],
      ['csv_export', 'in-progress'],
      ['dark_mode', 'todo'],
    ]);
    // Every entry of the registry is its track, not a feature of its own.
    expect(result.features.every((f) => f.placedBy === 'development')).toBe(true);
  });

  it("reads a track's metadata.json status where the registry says nothing", async () => {
    const dir = copy('conductor', 'no-registry');
    rmSync(path.join(dir, 'conductor/tracks.md'));
    const { states } = await statesOf(dir);
    expect(states.get('dark_mode')).toMatchObject({ state: 'todo', basis: 'spec-status' });
    expect(states.get('csv_export')).toMatchObject({ state: 'in-progress' });
    expect(states.get('csv_export')?.evidence.map((e) => e.raw)).toContain('phase in_progress');
  });

  it('reads a registry box left under way, once the track is ticked through and its metadata says completed, as left behind', async () => {
    const dir = copy('conductor', 'finished');
    const plan = path.join(dir, 'conductor/tracks/csv_export_20260110/plan.md');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace(/- \[[ ~]\]/g, '- [x]'));
    const metadata = path.join(dir, 'conductor/tracks/csv_export_20260110/metadata.json');
    writeFileSync(metadata, readFileSync(metadata, 'utf8').replace('in_progress', 'completed'));
    const { states } = await statesOf(dir);
    const csv = states.get('csv_export')!;
    expect(csv).toMatchObject({ state: 'done', basis: 'tasks' });
    expect(csv.conflicts).toEqual([
      expect.objectContaining({ message: expect.stringContaining('conductor/tracks.md:12 marks it in-progress ([~])'), source: expect.objectContaining({ file: 'conductor/tracks.md', line: 12 }) }),
    ]);
  });

  it('reads a registry written as headings with a box, each linking its folder in the line below', async () => {
    const dir = copy('conductor', 'headings');
    cpSync(path.join(fixtures, 'variants/conductor-headings/conductor/tracks.md'), path.join(dir, 'conductor/tracks.md'));
    const result = nextFeature(await loadProject(dir));
    expect(result.features.map((f) => f.id)).toEqual(['welcome_page', 'dark_mode', 'csv_export']);
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'csv_export' } });
  });
});

describe('a Conductor registry written as a table', () => {
  it('ties each row to its track by the Track ID cell', async () => {
    const dir = copy('conductor', 'table');
    writeFileSync(
      path.join(dir, 'conductor/tracks.md'),
      ['# Tracks', '', '| Status | Track ID | Title |', '| --- | --- | --- |', '| [x] | welcome_page_20260105 | Welcome page |', '| [~] | csv_export_20260110 | Spending list as CSV |', '| [ ] | dark_mode_20260112 | Dark colours |', ''].join('\n'),
    );
    const result = nextFeature(await loadProject(dir));
    expect(result.features.map((f) => [f.id, f.placedBy])).toEqual([
      ['welcome_page', 'development'],
      ['csv_export', 'development'],
      ['dark_mode', 'development'],
    ]);
  });
});

describe('Backlog.md (backlog/tasks)', () => {
  it('reads each task file as a feature by its id, its front-matter status as its state, in the order of its number', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'backlog-md'));
    expect(project.features.map((f) => f.id)).toEqual(['task-1', 'task-2', 'task-3', 'task-3.1', 'task-4']);
    expect(project.features.map((f) => f.title)).toEqual(['Import photos from a folder', 'Find exact duplicates', 'Find near duplicates', 'Tune the similarity threshold', 'Review screen']);
    expect(states.get('task-1')).toMatchObject({ state: 'done', basis: 'archive' });
    expect(states.get('task-2')).toMatchObject({ state: 'done', basis: 'spec-status' });
    expect(states.get('task-3')).toMatchObject({ state: 'todo', basis: 'spec-status' });
    expect(nextFeature(project)).toMatchObject({ status: 'next', feature: { id: 'task-3' } });
  });

  it('leaves a draft and a file without a task id alone', () => {
    expect(classifySpecPath('backlog/drafts/task-5 - Cloud-backup.md')).toBeUndefined();
    expect(classifySpecPath('backlog/tasks/README.md')).toBeUndefined();
  });
});

describe('BMAD stories (docs/stories, _bmad-output/implementation-artifacts)', () => {
  it('reads each story file as a feature by its epic and story numbers, its Status as its state, in the order of those numbers', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'bmad-stories'));
    expect(project.features.map((f) => f.id)).toEqual(['1.1', '1.2', '1.3', '1.10', '2.1']);
    expect(project.features.map((f) => f.title)).toEqual(['Keep a list of recipes', 'Add a recipe', "Scale a recipe's servings", 'Print a shopping list', 'Share a recipe by link']);
    // `## Status` over its value, and `## Status: Done` in the heading.
    expect(states.get('1.1')).toMatchObject({ state: 'done', basis: 'state-file', source: { line: 4 } });
    expect(states.get('1.2')).toMatchObject({ state: 'done', basis: 'state-file', source: { line: 3 }, tasks: { done: 2, total: 3 } });
    // A box left open under a story whose Status says Done is kept as written, as a task list's own Status keeps it.
    expect(states.get('1.2')!.conflicts).toEqual([]);
    expect(states.get('1.3')).toMatchObject({ state: 'in-progress', tasks: { done: 2, total: 4 } });
    expect(states.get('1.10')).toMatchObject({ state: 'todo', basis: 'state-file' });
    expect(states.get('2.1')).toMatchObject({ state: 'todo', basis: 'state-file' });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: '1.3' } });
  });

  it("takes the sprint's record of a story over the story's own Status, and reports the two apart", async () => {
    const dir = copy('bmad-artifacts', 'sprint-moved-on');
    const record = path.join(dir, '_bmad-output/implementation-artifacts/sprint-status.yaml');
    writeFileSync(record, readFileSync(record, 'utf8').replace('1-2-password-reset: review', '1-2-password-reset: done'));
    const { project, states } = await statesOf(dir);
    expect(states.get('1.2')).toMatchObject({ state: 'done', basis: 'state-file', source: { file: '_bmad-output/implementation-artifacts/sprint-status.yaml', line: 6 } });
    expect(states.get('1.2')!.conflicts).toHaveLength(1);
    expect(nextFeature(project)).toMatchObject({ status: 'next', feature: { id: '1.3' } });
  });

  it('orders stories by epic, then story, then part or letter', () => {
    const numbers = ['3.7', '1.10', '3.6a', '1.9', '3.1.2', '3.6', '2.1.D10', '2.1', '003'];
    const sorted = [...numbers].sort((a, b) => specOrdinal(a)! - specOrdinal(b)!);
    expect(sorted).toEqual(['003', '1.9', '1.10', '2.1', '2.1.D10', '3.1.2', '3.6', '3.6a', '3.7']);
  });

  it('reads a story in review as under way, a ready-for-dev one as not started, and leaves an epic retrospective alone', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'bmad-artifacts'));
    expect(project.features.map((f) => f.id)).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(states.get('1.1')).toMatchObject({ state: 'done' });
    expect(states.get('1.2')).toMatchObject({ state: 'in-progress', certainty: 'recorded', tasks: { done: 3, total: 3 } });
    expect(states.get('1.3')).toMatchObject({ state: 'todo' });
    // The sprint's record lists a story whose file is not written yet.
    expect(project.features.find((f) => f.id === '1.4')).toMatchObject({ title: 'Leave the club', position: { file: '_bmad-output/implementation-artifacts/sprint-status.yaml', line: 8 } });
    expect(states.get('1.4')).toMatchObject({ state: 'todo', basis: 'state-file' });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: '1.2' } });
    expect(classifySpecPath('_bmad-output/implementation-artifacts/epic-1-retro-2026-01-10.md')).toBeUndefined();
    expect(classifySpecPath('docs/stories/README.md')).toBeUndefined();
  });
});

describe("BMAD's epics (epics.md, docs/prd/epic-N-*.md)", () => {
  it('orders the stories as the epics list them, and nothing else of the file is work', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'bmad-epics'));
    // Two story files share the number 1.1; each goes by its number and name, and the epics' `Story 1.1: Garden map` is the one of that title.
    expect(orderFeatures(project).features.map((o) => o.feature.id)).toEqual(['1.1-garden-map', '1.2', 'story-2-1', 'story-2-2', '1.1-print-labels']);
    expect(states.get('1.1-garden-map')).toMatchObject({ state: 'done', tasks: { done: 2, total: 2 }, source: { file: '_bmad-output/implementation-artifacts/1-1-garden-map.md' } });
    expect(states.get('1.1-print-labels')).toMatchObject({ state: 'done', tasks: { done: 1, total: 1 } });
    expect(states.get('story-2-1')).toMatchObject({ state: 'todo' });
    expect(nextFeature(project)).toMatchObject({ status: 'next', feature: { id: 'story-2-1' } });
  });

  it("reads a sharded PRD's epic files in the order of their numbers, and a heading's mark as its Status line explains it", async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'bmad-sharded-epics'));
    expect(orderFeatures(project).features.map((o) => o.feature.id)).toEqual(['story-1-1', 'story-1-2', '2.1', 'story-2-2', 'story-3-1']);
    expect(states.get('story-1-1')).toMatchObject({ state: 'done' });
    expect(states.get('2.1')).toMatchObject({ state: 'done', basis: 'state-file' });
    // `# Epic 3: Offline ⏳` over `**Status**: PLANNED`: in that file ⏳ means planned, not under way.
    expect(states.get('story-3-1')).toMatchObject({ state: 'todo' });
    expect(nextFeature(project)).toMatchObject({ status: 'next', feature: { id: 'story-2-2' } });
  });

  it('puts epic 10 after epic 9, whatever the file names sort', async () => {
    const dir = copy('bmad-sharded-epics', 'epic-ten');
    const third = path.join(dir, 'docs/prd/epic-3-offline.md');
    writeFileSync(path.join(dir, 'docs/prd/epic-10-offline.md'), readFileSync(third, 'utf8').replace('Story 3.1', 'Story 10.1'));
    rmSync(third);
    const { project } = await statesOf(dir);
    expect(orderFeatures(project).features.map((o) => o.feature.id)).toEqual(['story-1-1', 'story-1-2', '2.1', 'story-2-2', 'story-10-1']);
  });
});

describe('execution plans (docs/exec-plans)', () => {
  it('reads each plan as a feature, its Progress boxes as its tasks, an active one as under way and a completed one as done', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'exec-plans'));
    expect(project.features.map((f) => f.id)).toEqual(['offline-sync', 'sign-in']);
    expect(states.get('offline-sync')).toMatchObject({ state: 'in-progress', basis: 'pointer', tasks: { done: 1, total: 3 } });
    expect(states.get('sign-in')).toMatchObject({ state: 'done', basis: 'archive' });
    const result = nextFeature(project);
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'offline-sync' } });
    expect(result.reason).toContain('an active execution plan');
  });

  it('reads dated plans in docs/plans/active and docs/plans/completed the same way', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'dated-plans'));
    expect(project.features.map((f) => f.id)).toEqual(['feat-export-to-gpx-plan', 'feat-ride-history-plan']);
    expect(states.get('feat-export-to-gpx-plan')).toMatchObject({ state: 'in-progress', basis: 'pointer', tasks: { done: 1, total: 3 } });
    expect(states.get('feat-ride-history-plan')).toMatchObject({ state: 'done', basis: 'archive' });
    expect(nextFeature(project).reason).toContain('an active execution plan');
  });

  it('reads an active plan whose Progress is all ticked as finished, though it was not moved yet', async () => {
    const dir = copy('exec-plans', 'ticked');
    const plan = path.join(dir, 'docs/exec-plans/active/offline-sync.md');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace(/- \[ \]/g, '- [x]'));
    const { states } = await statesOf(dir);
    expect(states.get('offline-sync')).toMatchObject({ state: 'done', basis: 'tasks' });
  });
});

describe('a repository planned in a `.specs/` folder', () => {
  it('reads the roadmap in `.specs/project/` and the feature folders it links; a milestone said ~70% complete is under way', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'dot-specs'));
    expect(project.specs.map((s) => [s.kind, s.dir]).sort()).toEqual([
      ['kiro', '.specs/features/garden-journal'],
      ['kiro', '.specs/features/seed-catalogue'],
      ['kiro', '.specs/features/watering-reminders'],
    ]);
    // The milestone headings link their feature folders: one feature each, keyed by the folder.
    expect(project.features.map((f) => f.id)).not.toContain('M1');
    // `| M1–M2 | first season … |` sums up two milestones; it is neither of them.
    expect(project.features.map((f) => f.id).filter((id) => /m1/iu.test(id))).toEqual([]);
    // The seed catalogue's task list says `**Status**: Done` above boxes it never ticked: done, with no conflict.
    expect(states.get('seed-catalogue')).toMatchObject({ state: 'done', tasks: { done: 0, total: 3 }, conflicts: [] });
    expect(states.get('watering-reminders')).toMatchObject({ state: 'in-progress', tasks: { done: 3, total: 5 }, source: { file: '.specs/project/ROADMAP.md', line: 24 } });
    const result = nextFeature(project);
    expect(result).toMatchObject({ status: 'continue', feature: { id: 'watering-reminders' }, order: { file: '.specs/project/ROADMAP.md' } });
    expect(result.alsoInProgress).toEqual([]);
  });

  it('a task list whose own Status says it is under way is in progress with no box ticked', async () => {
    const dir = copy('dot-specs', 'said-under-way');
    writeFileSync(path.join(dir, '.specs/features/garden-journal/tasks.md'), '# Garden journal — Tasks\n\n**Status**: In Progress\n\n- [ ] T1 Note form\n- [ ] T2 Photos on a note\n');
    const { states } = await statesOf(dir);
    expect(states.get('garden-journal')).toMatchObject({ state: 'in-progress', basis: 'tasks', source: { file: '.specs/features/garden-journal/tasks.md', line: 3 } });
  });
});

describe('a Kiro repository whose `.kiro/specs/README.md` indexes the specs', () => {
  it('orders the specs by the index and takes their states from it; its other lists are no work', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'kiro-index'));
    expect(project.features.map((f) => f.id)).toEqual(['lantern-map', 'moth-survey', 'night-walks']);
    // Complete in the index with one task of ten left: finished with a leftover, which check reports, not a dispute.
    expect(states.get('lantern-map')).toMatchObject({ state: 'done', certainty: 'recorded', conflicts: [expect.objectContaining({ message: expect.stringContaining('1 of 10 tasks') })] });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'moth-survey' }, order: { file: '.kiro/specs/README.md' } });
  });

  it.each(['index.md', '_index.md'])('reads the same index kept as `.kiro/specs/%s`', async (name) => {
    const dir = copy('kiro-index', `as-${name.replace(/[._]/gu, '')}`);
    renameSync(path.join(dir, '.kiro/specs/README.md'), path.join(dir, `.kiro/specs/${name}`));
    const { project } = await statesOf(dir);
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'moth-survey' }, order: { file: `.kiro/specs/${name}` } });
  });

  it('still disputes a spec the index calls complete while most of its tasks are open', async () => {
    const dir = copy('kiro-index', 'mostly-open');
    const tasks = path.join(dir, '.kiro/specs/lantern-map/tasks.md');
    writeFileSync(tasks, readFileSync(tasks, 'utf8').replace(/- \[x\] [2-9]\./gu, (m) => m.replace('[x]', '[ ]')));
    const { states } = await statesOf(dir);
    expect(states.get('lantern-map')).toMatchObject({ certainty: 'disputed' });
  });
});

describe('a roadmap in `.specify/memory/` numbered apart from the spec folders', () => {
  it('takes a row for the spec its cell links, and not for a spec only its number matches when their names share no word', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'roadmap-numbers-drift'));
    expect(project.features.map((f) => f.id).sort()).toEqual(['001-pantry-list', '002-meal-calendar', 'F002', 'F004']);
    // F003 links specs/002-meal-calendar; F002 (no spec yet) is not spec 002 by its number.
    expect(states.get('002-meal-calendar')).toMatchObject({ state: 'in-progress', source: { file: '.specify/memory/roadmap.md', line: 7 } });
    expect(states.get('F002')).toMatchObject({ state: 'todo', source: { line: 6 } });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: '002-meal-calendar' } });
  });

  it('without the links, still keeps F002 apart from spec 002', async () => {
    const dir = copy('roadmap-numbers-drift', 'no-links');
    const roadmap = path.join(dir, '.specify/memory/roadmap.md');
    writeFileSync(roadmap, readFileSync(roadmap, 'utf8').replace(/\[(\d{3})\]\([^)]*\)/gu, '—'));
    const { project, states } = await statesOf(dir);
    expect(project.features.map((f) => f.id)).toContain('F002');
    expect(states.get('002-meal-calendar')).toMatchObject({ state: 'in-progress', basis: 'tasks' });
  });
});

describe('a Spec Kit project whose roadmap is kept in `.specify/memory/`', () => {
  it('orders the specs by that roadmap and reads its states; the dated copy beside it is not read', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'specify-memory'));
    expect(project.sequences.map((s) => s.file)).toEqual(['.specify/memory/roadmap.md']);
    expect(states.get('001-pantry-list')).toMatchObject({ state: 'done', conflicts: [] });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: '002-meal-calendar' }, order: { file: '.specify/memory/roadmap.md' } });
  });

  it('a row the roadmap still calls in progress stays under way when every box of its tasks is ticked', async () => {
    const dir = copy('specify-memory', 'all-ticked');
    const tasks = path.join(dir, 'specs/002-meal-calendar/tasks.md');
    writeFileSync(tasks, readFileSync(tasks, 'utf8').replaceAll('- [ ]', '- [x]'));
    const { project } = await statesOf(dir);
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: '002-meal-calendar' } });
  });
});

describe('a repository that keeps a memory bank', () => {
  it('reads what works as done and what is left as open, and the current focus as under way', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'memory-bank'));
    expect(project.features.map((f) => f.id)).not.toContain('what-s-left-to-build');
    expect(states.get('the-map-of-recent-sightings')).toMatchObject({ state: 'done' });
    expect(states.get('weekly-digest-email')).toMatchObject({ state: 'todo' });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'photo-uploads-for-sightings' } });
  });

  it("reads the index of its task files as a state file, and reports it when it falls behind the progress", async () => {
    const { project } = await statesOf(path.join(fixtures, 'memory-bank'));
    expect(project.states.map((s) => s.file).sort()).toEqual(['memory-bank/activeContext.md', 'memory-bank/progress.md', 'memory-bank/tasks/_index.md']);
    const dir = copy('memory-bank', 'index-behind');
    const index = path.join(dir, 'memory-bank/tasks/_index.md');
    writeFileSync(index, readFileSync(index, 'utf8').replace('- [TASK002] The map of recent sightings\n', '').replace('## Pending\n', '## Pending\n\n- [TASK002] The map of recent sightings\n'));
    const { states } = await statesOf(dir);
    expect(states.get('the-map-of-recent-sightings')).toMatchObject({ state: 'done', conflicts: [expect.objectContaining({ message: expect.stringContaining('memory-bank/tasks/_index.md says todo') })] });
  });

  it.each(['.clinerules', '.cursor', '.github', 'docs'])('reads the same memory bank kept under `%s/`', async (parent) => {
    const dir = copy('memory-bank', `under-${parent.replace('.', '')}`);
    mkdirSync(path.join(dir, parent));
    renameSync(path.join(dir, 'memory-bank'), path.join(dir, `${parent}/memory-bank`));
    const { project } = await statesOf(dir);
    expect(project.states.map((s) => s.file).sort()).toEqual([`${parent}/memory-bank/activeContext.md`, `${parent}/memory-bank/progress.md`, `${parent}/memory-bank/tasks/_index.md`]);
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'photo-uploads-for-sightings' } });
  });

  it('reads the same memory bank kept as `.agent/memory/`', async () => {
    const dir = copy('memory-bank', 'agent-memory');
    mkdirSync(path.join(dir, '.agent'));
    renameSync(path.join(dir, 'memory-bank'), path.join(dir, '.agent/memory'));
    const { project } = await statesOf(dir);
    expect(project.states.map((s) => s.file).sort()).toEqual(['.agent/memory/activeContext.md', '.agent/memory/progress.md', '.agent/memory/tasks/_index.md']);
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'photo-uploads-for-sightings' } });
  });

  it('without the active context, the first numbered open box is next', async () => {
    const dir = copy('memory-bank', 'no-context');
    rmSync(path.join(dir, 'memory-bank/activeContext.md'));
    const { project } = await statesOf(dir);
    expect(nextFeature(project)).toMatchObject({ status: 'next', feature: { id: 'photo-uploads-for-sightings' }, order: { file: 'memory-bank/progress.md' } });
  });
});

describe('PRDs in a `tasks/` folder with the task lists made from them', () => {
  it('pairs each PRD with its task list by name: one feature each, its boxes its tasks', async () => {
    expect(classifySpecPath('tasks/prd-shared-lists.md')).toMatchObject({ kind: 'prd', role: 'spec', slug: 'shared-lists' });
    expect(classifySpecPath('tasks/tasks-prd-shared-lists.md')).toMatchObject({ kind: 'prd', role: 'tasks', dir: 'tasks/prd-shared-lists.md' });
    expect(classifySpecPath('tasks/tasks-0003-prd-tags.md')).toMatchObject({ kind: 'prd', role: 'tasks', number: '0003', slug: 'tags' });
    expect(classifySpecPath('tasks/notes.md')).toBeUndefined();
    const { project, states } = await statesOf(path.join(fixtures, 'prd-tasks'));
    expect(project.features.map((f) => f.id).sort()).toEqual(['reading-list', 'shared-lists']);
    expect(states.get('reading-list')).toMatchObject({ state: 'done', tasks: { done: 5, total: 5 } });
    expect(states.get('shared-lists')).toMatchObject({ state: 'in-progress', tasks: { done: 2, total: 5 } });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'shared-lists' } });
  });

  it('reads the same folder named in Portuguese or Spanish (`tarefas/tarefas-prd-…`, `tareas/`)', async () => {
    expect(classifySpecPath('tareas/tareas-prd-agenda.md')).toMatchObject({ kind: 'prd', role: 'tasks', dir: 'tareas/prd-agenda.md' });
    const dir = copy('prd-tasks', 'em-portugues');
    renameSync(path.join(dir, 'tasks'), path.join(dir, 'tarefas'));
    for (const name of ['reading-list', 'shared-lists']) renameSync(path.join(dir, `tarefas/tasks-prd-${name}.md`), path.join(dir, `tarefas/tarefas-prd-${name}.md`));
    const { project, states } = await statesOf(dir);
    expect(states.get('shared-lists')).toMatchObject({ state: 'in-progress', tasks: { done: 2, total: 5 } });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'shared-lists' } });
  });
});

describe('a folder of plans with an index or an overview', () => {
  it('orders the plans by `docs/plans/INDEX.md` and takes each state from its Status column', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'plans-index'));
    expect(project.sequences.map((s) => s.file)).toEqual(['docs/plans/INDEX.md']);
    expect(states.get('trail-list-with-filters')).toMatchObject({ state: 'done' });
    expect(nextFeature(project)).toMatchObject({ status: 'continue', feature: { id: 'offline-map-tiles' } });
  });

  it('reads `.plans/00-overview.md`, whose `Plan ordering and rationale` table names each row in its Plan column', async () => {
    const { project, states } = await statesOf(path.join(fixtures, 'plans-overview'));
    expect(project.features.map((f) => f.title)).toEqual(['Skeleton', 'Import from a web page', 'Search', 'Shopping list']);
    expect(states.get('search')).toMatchObject({ state: 'done' });
    expect(nextFeature(project)).toMatchObject({ status: 'next', feature: { id: 'import-from-a-web-page' }, order: { file: '.plans/00-overview.md' } });
  });
});
