import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import type { Feature, Project } from '../src/model/project.js';
import { dependencyCycles, nextFeature, type NextStatus, type SkipCode } from '../src/query/next.js';
import { jsonFeature, toNextJson } from '../src/query/next-json.js';
import type { OrderSource } from '../src/query/order.js';
import { projectStatus, toStatusJson } from '../src/query/status.js';
import { featureStates } from '../src/query/states.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../../fixtures');
const schemaDir = path.resolve(here, '../schema');
const PLANNING_KINDS = ['product', 'sequence', 'spec', 'plan', 'tasks', 'state', 'claude', 'agents'] as const;

type AjvClass = new (options: { allErrors: boolean; strict: boolean }) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};
const exported = AjvModule as unknown as { default: AjvClass & { default?: AjvClass } };
const Ajv = exported.default.default ?? exported.default;
const ajv = new Ajv({ allErrors: true, strict: false });
const validateNext = ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, 'next.schema.json'), 'utf8')));
const validateStatus = ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, 'status.schema.json'), 'utf8')));

async function load(dir: string): Promise<Project> {
  return loadProject(path.join(fixtures, dir), { kinds: PLANNING_KINDS });
}

interface Case {
  fixture: string;
  status: NextStatus;
  feature?: string;
  order: OrderSource;
  orderFile?: string;
  /** [id, code] of every skipped feature, in order. */
  skipped?: Array<[string, SkipCode]>;
  runnersUp?: string[];
  alsoInProgress?: string[];
  cycles?: string[][];
  /** The reason must mention these (file:line pointers, ids). */
  reasonMentions?: string[];
  lanes?: { n: number; ids: string[] };
}

const cases: Case[] = [
  {
    fixture: 'next/in-progress-first',
    status: 'continue',
    feature: 'F-003',
    order: 'development',
    orderFile: 'docs/DEVELOPMENT.md',
    skipped: [
      ['F-001', 'done'],
      ['F-002', 'not-started'],
    ],
    alsoInProgress: ['F-004'],
    runnersUp: ['F-004', 'F-002'],
    reasonMentions: ['status.md:6', 'F-004 (status.md:5)'],
  },
  {
    fixture: 'next/deps-not-done',
    status: 'next',
    feature: 'F-003',
    order: 'development',
    skipped: [
      ['F-001', 'done'],
      ['F-002', 'dependencies'],
    ],
    runnersUp: ['F-004'],
    reasonMentions: ['docs/DEVELOPMENT.md:9'],
  },
  {
    fixture: 'next/blocked-skipped',
    status: 'next',
    feature: 'F-003',
    order: 'development',
    skipped: [
      ['F-001', 'done'],
      ['F-002', 'blocked'],
    ],
  },
  {
    fixture: 'next/circuit-breaker',
    status: 'escalate',
    feature: 'F-002',
    order: 'development',
    skipped: [['F-001', 'done']],
    reasonMentions: ['task T003 failed 3 times (status.md:11)'],
  },
  {
    fixture: 'next/stale-draft',
    status: 'next',
    feature: '002-tags',
    order: 'specs',
    skipped: [['001-create-a-note', 'done']],
    runnersUp: ['003-search'],
  },
  {
    // 001's open tasks are a baseline check and a quickstart run with finished work after them: done. 002 is under way
    // with only a smoke test left, so 003, with building left, comes first; 002 is listed as in progress too.
    fixture: 'next/checks-left',
    status: 'continue',
    feature: '003-meal-calendar',
    order: 'specs',
    skipped: [
      ['001-recipe-import', 'done'],
      ['002-shopping-list', 'also-in-progress'],
    ],
    alsoInProgress: ['002-shopping-list'],
    runnersUp: ['002-shopping-list'],
    reasonMentions: ['only checks of finished work are left open in 002-shopping-list, and 003-meal-calendar still has work to build'],
  },
  {
    // 002 has one documentation task open, while 003 and 004, after it, are finished: a loose end. 005 is next.
    fixture: 'next/loose-end',
    status: 'next',
    feature: '005-recipes',
    order: 'specs',
    skipped: [
      ['001-pantry', 'done'],
      ['002-barcode', 'also-in-progress'],
      ['003-expiry', 'done'],
      ['004-sharing', 'done'],
    ],
    reasonMentions: ['002-barcode is left with little open (a task or two'],
  },
  {
    // 001 has only a check open while 003 and 004 are finished: a loose end. 002 has not started although both specs
    // after it are finished, so the answer is unclear; 001 is still passed over as the loose end it is, not as "not started".
    fixture: 'next/loose-end-then-unclear',
    status: 'unclear',
    order: 'specs',
    skipped: [['001-import', 'also-in-progress']],
  },
  {
    // 002 has three of its fifteen tasks open (a fifth), while 003, 004 and 005, after it, were all finished: the work
    // went on through three features, so 002's open tasks are a loose end and 006 is next.
    fixture: 'next/loose-end-share',
    status: 'next',
    feature: '006-sharing',
    order: 'specs',
    skipped: [
      ['001-trips', 'done'],
      ['002-offline-sync', 'also-in-progress'],
      ['003-packing-list', 'done'],
      ['004-budget', 'done'],
      ['005-photos', 'done'],
    ],
    reasonMentions: ['002-offline-sync is left with little open'],
  },
  {
    // The same, but 002 has six of its fifteen tasks open: more than a fifth, so it is the work under way.
    fixture: 'next/open-share-not-loose',
    status: 'continue',
    feature: '002-offline-sync',
    order: 'specs',
    skipped: [['001-trips', 'done']],
  },
  {
    // The same six of fifteen open, but five specs after 002 are finished: the work went on through five features while
    // those tasks stayed open, so 002 is a loose end and the spec nobody has started is next.
    fixture: 'next/open-share-moved-on',
    status: 'next',
    feature: '008-sharing',
    order: 'specs',
    skipped: [
      ['001-trips', 'done'],
      ['002-offline-sync', 'also-in-progress'],
      ['003-packing-list', 'done'],
      ['004-budget', 'done'],
      ['005-photos', 'done'],
      ['006-expenses', 'done'],
      ['007-weather', 'done'],
    ],
    reasonMentions: ['002-offline-sync is left with little open'],
  },
  {
    // Three Kiro specs with no order between them: alerts' only open tasks sit under `## Phase 2: Enhancements (Future)`,
    // set aside, so it is finished; billing and sharing are both begun, and sharing's `- [-]` marks a task under way.
    fixture: 'next/kiro-task-under-way',
    status: 'continue',
    feature: 'sharing',
    order: 'specs',
    skipped: [
      ['alerts', 'done'],
      ['billing', 'also-in-progress'],
    ],
    reasonMentions: ['a task of sharing is marked under way (.kiro/specs/sharing/tasks.md:5)'],
  },
  {
    // Two Kiro specs begun, with no order between them: room-booking's `- [-] 2. Booking form` is a summary of its
    // sub-tasks, and the first of them still open carries its mark, so room-booking is the work under way.
    fixture: 'next/kiro-summary-under-way',
    status: 'continue',
    feature: 'room-booking',
    order: 'specs',
    skipped: [['guest-list', 'also-in-progress']],
    reasonMentions: ['a task of room-booking is marked under way (.kiro/specs/room-booking/tasks.md:8)'],
  },
  {
    // 002's folder holds Spec Kit's spec template as it was copied, never filled in, and no plan or tasks: a stub, not a
    // feature; 001 and 003 are finished, so everything is.
    fixture: 'next/template-stub',
    status: 'done',
    order: 'specs',
    skipped: [
      ['001-wishlist', 'done'],
      ['003-reminders', 'done'],
    ],
  },
  {
    // 002 has only checks of finished work open (a visual review, a `— verify:` pass, a full reader journey) while 003,
    // after it, is finished: a loose end. The planned 001-newsletter shares its number with 001-gallery, so its number
    // does not place it before the finished specs: it is next, not unclear.
    fixture: 'next/checks-loose-end',
    status: 'next',
    feature: '001-newsletter',
    order: 'specs',
    reasonMentions: ['002-theme is left with little open (a task or two, a fifth of its tasks or fewer, only checks of finished work, or any share once five specs after it are finished)'],
  },
  { fixture: 'next/all-done', status: 'done', order: 'development', skipped: [['F-001', 'done'], ['F-002', 'done'], ['F-003', 'done']] },
  { fixture: 'next/empty', status: 'empty', order: 'none', skipped: [], reasonMentions: ['docs/DEVELOPMENT.md', '## F-001: Title'] },
  {
    fixture: 'next/cycle',
    status: 'next',
    feature: 'F-004',
    order: 'development',
    skipped: [
      ['F-001', 'done'],
      ['F-002', 'dependency-cycle'],
      ['F-003', 'dependency-cycle'],
    ],
    cycles: [['F-002', 'F-003']],
  },
  {
    fixture: 'next/cycle-only',
    status: 'blocked',
    feature: 'F-001',
    order: 'product',
    skipped: [
      ['F-001', 'dependency-cycle'],
      ['F-002', 'dependency-cycle'],
    ],
    cycles: [['F-001', 'F-002']],
  },
  { fixture: 'next/order-development', status: 'next', feature: 'F-003', order: 'development', skipped: [], runnersUp: ['F-001', 'F-002'] },
  { fixture: 'next/order-backlog', status: 'next', feature: 'F-002', order: 'backlog', orderFile: 'BACKLOG.md', skipped: [], runnersUp: ['F-003', 'F-001'] },
  {
    fixture: 'next/order-product',
    status: 'next',
    feature: 'F-002',
    order: 'product',
    orderFile: 'docs/PRODUCT.md',
    skipped: [['F-001', 'done']],
    runnersUp: ['F-003'],
  },
  {
    fixture: 'next/not-in-sequence',
    status: 'next',
    feature: 'F-003',
    order: 'development',
    skipped: [
      ['F-001', 'done'],
      ['F-002', 'done'],
    ],
    runnersUp: ['F-004'],
    reasonMentions: ['not listed in', 'docs/PRODUCT.md:'],
  },
  {
    fixture: 'next/lanes',
    status: 'continue',
    feature: 'F-002',
    order: 'development',
    alsoInProgress: ['F-006'],
    lanes: { n: 3, ids: ['F-002', 'F-003', 'F-005'] },
  },
  {
    fixture: 'next/all-blocked',
    status: 'blocked',
    feature: 'F-002',
    order: 'development',
    skipped: [
      ['F-001', 'done'],
      ['F-002', 'blocked'],
      ['F-003', 'dependencies'],
    ],
  },
];

describe('nextFeature over small fixture repositories', () => {
  it.each(cases)('$fixture → $status $feature', async (c) => {
    const project = await load(c.fixture);
    const result = nextFeature(project, c.lanes ? { lanes: c.lanes.n } : {});
    expect(result.status).toBe(c.status);
    expect(result.feature?.id).toBe(c.feature);
    expect(result.order.source).toBe(c.order);
    if (c.orderFile) expect(result.order.file).toBe(c.orderFile);
    if (c.skipped) expect(result.skipped.map((s) => [s.id, s.code])).toEqual(c.skipped);
    if (c.runnersUp) expect(result.runnersUp.map((r) => r.id)).toEqual(c.runnersUp);
    if (c.alsoInProgress) expect(result.alsoInProgress.map((r) => r.id)).toEqual(c.alsoInProgress);
    expect(result.cycles).toEqual(c.cycles ?? []);
    for (const text of c.reasonMentions ?? []) expect(result.reason).toContain(text);
    if (c.lanes) expect(result.lanes?.map((l) => l.id)).toEqual(c.lanes.ids);
    for (const s of result.skipped) {
      expect(s.reason.length).toBeGreaterThan(0);
      expect(s.source.line).toBeGreaterThan(0);
    }
  });
});

describe('reasons point at the lines that decided them', () => {
  it('a blocked feature is skipped with the reason status.md gives, at its line', async () => {
    const result = nextFeature(await load('next/blocked-skipped'));
    const blocked = result.skipped.find((s) => s.id === 'F-002')!;
    expect(blocked.source).toMatchObject({ file: 'status.md', line: 9 });
    expect(blocked.reason).toContain('tag picker');
  });

  it('the circuit breaker names the failed task and the attempts line, and matches T003 to the feature where it is open', async () => {
    const project = await load('next/circuit-breaker');
    const result = nextFeature(project);
    const [breaker] = result.escalations;
    expect(breaker!.source).toMatchObject({ file: 'status.md', line: 11 });
    expect(breaker!.reason).toBe('circuit breaker: task T003 failed 3 times (status.md:11); nobody has escalated it, and a fourth attempt will not converge.');
    expect(result.meanwhile?.id).toBe('F-003');
    const planned = result.features.find((f) => f.id === 'F-002')!;
    expect(planned.attempts.map((a) => [a.task, a.tripped])).toEqual([['T003', true]]);
    expect(result.features.find((f) => f.id === 'F-001')!.attempts).toEqual([]);
  });

  it('an escalated record no longer holds the feature back', async () => {
    const project = await load('next/circuit-breaker');
    for (const state of project.states) for (const record of state.attempts) record.escalated = true;
    const result = nextFeature(project);
    expect(result.status).toBe('continue');
    expect(result.feature?.id).toBe('F-002');
  });

  it('a dependency that is not done is named with its state and line', async () => {
    const result = nextFeature(await load('next/deps-not-done'));
    const waiting = result.skipped.find((s) => s.id === 'F-002')!;
    expect(waiting.blockedBy).toEqual(['F-004']);
    expect(waiting.reason).toContain('F-004 (todo');
    expect(waiting.source.file).toBe('docs/PRODUCT.md');
  });

  it('a stale Draft spec whose tasks are all ticked counts as done, from tasks.md', async () => {
    const result = nextFeature(await load('next/stale-draft'));
    const first = result.features[0]!;
    expect(first.state.state).toBe('done');
    expect(first.state.basis).toBe('tasks');
    expect(first.state.source.file).toBe('specs/001-create-a-note/tasks.md');
  });

  it('the answer carries the definition, acceptance criteria and open tasks', async () => {
    const result = nextFeature(await load('next/circuit-breaker'));
    expect(result.meanwhile?.feature.product?.definition?.value).toContain('finds notes');
    const json = jsonFeature(result.meanwhile!);
    expect(json.acceptanceCriteria?.map((a) => a.text)).toEqual(['A one-word query answers in under 200 ms for 5,000 notes.', 'Matches are highlighted.']);
    expect(json.source).toEqual({ file: 'docs/PRODUCT.md', line: 25 });
  });

  it('every attempt form of next/attempt-forms: F-001 and F-002 need a person, F-003 could start meanwhile', async () => {
    const result = nextFeature(await load('next/attempt-forms'));
    expect(result.status).toBe('escalate');
    expect(result.feature?.id).toBe('F-001');
    expect(result.reason).toBe(
      'circuit breaker: task T014 failed 3 times in a row (status.md:10-12), each time "selector missing"; nobody has escalated it, and a fourth attempt will not converge.',
    );
    expect(result.reasonSource).toMatchObject({ file: 'status.md', line: 12 });
    expect(result.meanwhile?.id).toBe('F-003');
    const json = toNextJson(result);
    expect(validateNext(json)).toBe(true);
    expect(json.escalations.map((e) => [e.id, e.kind, e.task, e.recordedAt, e.source])).toEqual([
      ['F-001', 'circuit-breaker', 'T014', { file: 'status.md', line: 9 }, { file: 'status.md', line: 12 }],
      ['F-002', 'not-converging', 'T020', { file: 'status.md', line: 15 }, { file: 'status.md', line: 21 }],
    ]);
    expect(json.escalations[0]!.causes).toEqual([10, 11, 12].map((line) => ({ text: 'selector missing', source: { file: 'status.md', line } })));
    expect(json.escalations[0]!.clear).toBe('decide how to go on, then record it under T014 in status.md: "Escalated to <name>: <why>"');
    expect(json.escalations[1]!.reason).toBe(
      'not converging: task T020 failed twice in a row with the same cause, "notes edited offline are missing from the index" (status.md:17, 21); the approach is not converging — a person must decide before a third attempt.',
    );
    expect(json.meanwhile).toMatchObject({ id: 'F-003', title: 'Export', state: 'todo' });
    expect(json.feature?.attempts?.[0]).toMatchObject({ task: 'T014', tripped: true, resolved: false, notConverging: true, recordedAt: { file: 'status.md', line: 9 } });
    // F-003's records stop nothing: T030 passed on its fourth attempt, T031 has no causes, T032 was escalated.
    const exportAttempts = result.features.find((f) => f.id === 'F-003')!.attempts;
    expect(exportAttempts.map((a) => [a.task, a.tripped, a.record.resolved])).toEqual([
      ['T030', false, true],
      ['T031', false, false],
      ['T032', false, false],
    ]);
  });

  it('once T014 is escalated, F-002 still needs a person and the in-progress F-001 is what could go on meanwhile; once both are, F-001 continues', async () => {
    const project = await load('next/attempt-forms');
    const records = project.states[0]!.attempts;
    records.find((r) => r.reference === 'T014')!.escalated = true;
    const one = nextFeature(project);
    expect([one.status, one.feature?.id, one.escalations.map((e) => e.id), one.meanwhile?.id]).toEqual(['escalate', 'F-002', ['F-002'], 'F-001']);
    records.find((r) => r.reference === 'T020')!.escalated = true;
    const both = nextFeature(project);
    expect([both.status, both.feature?.id, both.escalations]).toEqual(['continue', 'F-001', []]);
  });

  it('priority, then order, then dependencies: a P0 waiting on a P3 pulls it forward (next/priorities)', async () => {
    const result = nextFeature(await load('next/priorities'));
    expect(result.features.map((f) => f.id)).toEqual(['B-001', 'B-002', 'B-007', 'B-004', 'B-005', 'B-003', 'B-006', 'B-008']);
    expect([result.status, result.feature?.id]).toEqual(['next', 'B-007']);
    expect(result.reason).toBe('B-007 comes first although it is P3: B-002 (P0) depends on it (BACKLOG.md:11).');
    expect(result.runnersUp.map((f) => f.id)).toEqual(['B-004', 'B-005', 'B-003']);
    const json = toNextJson(result);
    expect(validateNext(json)).toBe(true);
    expect(json.order).toEqual({ source: 'backlog', file: 'BACKLOG.md', byPriority: true });
    expect(json.feature?.priority).toEqual({ raw: 'P3', rank: 3, source: { file: 'BACKLOG.md', line: 20 }, inheritedFrom: 'B-002' });
    const status = toStatusJson(projectStatus(await load('next/priorities')));
    expect(status.features.map((f) => [f.id, f.priority?.raw ?? null])).toEqual([
      ['B-001', 'P0'],
      ['B-002', 'P0'],
      ['B-007', 'P3'],
      ['B-004', 'P1'],
      ['B-005', 'P1'],
      ['B-003', 'P2'],
      ['B-006', 'P2'],
      ['B-008', null],
    ]);
  });

  it('once the dependency is done, the P0 comes next, and the reason says priority decided', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govern-priorities-'));
    const text = readFileSync(path.join(fixtures, 'next/priorities/BACKLOG.md'), 'utf8');
    writeFileSync(path.join(dir, 'BACKLOG.md'), text.replace('- [ ] B-007', '- [x] B-007'));
    const result = nextFeature(await loadProject(dir, { kinds: PLANNING_KINDS }));
    rmSync(dir, { recursive: true, force: true });
    expect(result.feature?.id).toBe('B-002');
    expect(result.reason).toBe(
      'B-002 has the highest priority (P0, BACKLOG.md:8) among the features that are not done, not blocked and have no open dependencies; priority comes before the order of BACKLOG.md.',
    );
  });

  it('words and colour marks rank too; no priority anywhere leaves the order as it was', async () => {
    const words = nextFeature(await load('next/priorities-words'));
    expect([words.feature?.id, words.features.map((f) => f.id)]).toEqual(['B-022', ['B-022', 'B-023', 'B-024', 'B-021']]);
    expect(words.reason).toContain('(Critical, BACKLOG.md:11)');
    const none = nextFeature(await load('next/priorities-none'));
    expect([none.feature?.id, none.order]).toEqual(['B-031', { source: 'backlog', file: 'BACKLOG.md' }]);
    expect(toNextJson(none).feature?.priority).toBeUndefined();
  });

  it('work in progress is still continued, with a note when a feature that could start outranks it', async () => {
    const result = nextFeature(await load('next/priorities-table'));
    expect([result.status, result.feature?.id]).toEqual(['continue', 'B-013']);
    expect(result.reason).toBe(
      'B-013 is in progress (BACKLOG.md:7); work in progress is finished before anything new starts. Note: B-012 (P0, BACKLOG.md:6) could start and outranks it.',
    );
    expect(result.runnersUp.map((f) => f.id)).toEqual(['B-012', 'B-011', 'B-014']);
  });

  it('priorities inside stages rank within each stage; the stages keep their order', async () => {
    const result = nextFeature(await load('next/priorities-phases'));
    expect(result.features.map((f) => f.id)).toEqual(['R-100', 'R-101', 'R-102', 'R-200']);
    expect(result.feature?.id).toBe('R-101');
    expect(result.reason).toBe(
      'R-101 has the highest priority (P0, ROADMAP.md:14) in its phase, Stage 1: Launch, among the features that are not done, not blocked and have no open dependencies; within a phase, priority comes before the sequence in ROADMAP.md.',
    );
  });

  it('a record whose task failed three times in a row but then passed needs no one', async () => {
    const project = await load('next/attempt-forms');
    for (const record of project.states[0]!.attempts) if (record.reference !== 'T030') record.escalated = true;
    const t030 = project.states[0]!.attempts.find((r) => r.reference === 'T030')!;
    expect(nextFeature(project).escalations).toEqual([]);
    t030.resolved = false;
    const result = nextFeature(project);
    expect(result.escalations.map((e) => [e.id, e.kind, e.source.line])).toEqual([['F-003', 'circuit-breaker', 29]]);
  });

  it('continuing shows the spec folder and its open tasks', async () => {
    const project = await load('next/circuit-breaker');
    for (const state of project.states) state.attempts = [];
    const json = toNextJson(nextFeature(project));
    expect(json.status).toBe('continue');
    expect(json.feature?.spec?.dir).toBe('specs/002-tags');
    expect(json.feature?.openTasks?.map((t) => t.id)).toEqual(['T003', 'T004']);
    expect(json.feature?.tasks).toEqual({ done: 2, total: 4, file: 'specs/002-tags/tasks.md' });
  });

  it('a cycle is reported as a diagnostic at the dependency declaration', async () => {
    const result = nextFeature(await load('next/cycle'));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ ruleId: 'govern/dependency-cycle', severity: 'warning', file: 'docs/PRODUCT.md' });
    expect(result.diagnostics[0]!.message).toContain('F-002 → F-003 → F-002');
  });

  it('features the sequence does not list come after it, placed by PRODUCT.md, without a warning', async () => {
    const result = nextFeature(await load('next/not-in-sequence'));
    expect(result.features.map((f) => [f.id, f.placedBy])).toEqual([
      ['F-001', 'development'],
      ['F-002', 'development'],
      ['F-003', 'product'],
      ['F-004', 'product'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('empty lists where it looked', async () => {
    const result = nextFeature(await load('next/empty'));
    expect(result.lookedAt).toContain('docs/DEVELOPMENT.md');
    expect(result.searched).toContain('docs/PRODUCT.md');
    expect(result.reason).toContain('docs/DEVELOPMENT.md');
  });

  it('lanes never hold two features tied by a dependency', async () => {
    const project = await load('next/lanes');
    expect(nextFeature(project, { lanes: 1 }).lanes?.map((l) => l.id)).toEqual(['F-002']);
    expect(nextFeature(project, { lanes: 2 }).lanes?.map((l) => l.id)).toEqual(['F-002', 'F-003']);
    expect(nextFeature(project, { lanes: 10 }).lanes?.map((l) => l.id)).toEqual(['F-002', 'F-003', 'F-005']);
    expect(() => nextFeature(project, { lanes: 0 })).toThrow(RangeError);
  });
});

function syntheticFeature(id: string, deps: string[]): Feature {
  const position = { file: 'docs/PRODUCT.md', line: 1, column: 1 };
  return { id, title: id, position, specs: [], sequence: [], stateEntries: [], dependencies: deps.map((d) => ({ id: d, reference: d, position })) };
}

describe('dependencyCycles', () => {
  it('finds self-dependencies, two-cycles and longer cycles, each once, from its earliest member', () => {
    const features = [
      syntheticFeature('A', ['B']),
      syntheticFeature('B', ['C']),
      syntheticFeature('C', ['A']),
      syntheticFeature('D', ['D']),
      syntheticFeature('E', ['F']),
      syntheticFeature('F', ['E', 'A']),
      syntheticFeature('G', ['A']),
    ];
    expect(dependencyCycles({ features })).toEqual([['A', 'B', 'C'], ['D'], ['E', 'F']]);
  });

  it('does not overflow or hang on a chain of 20,000 features closed into one cycle', () => {
    const n = 20_000;
    const features = Array.from({ length: n }, (_, i) => syntheticFeature(`F${i}`, [`F${(i + 1) % n}`]));
    const cycles = dependencyCycles({ features });
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
  });

  it('ignores dependencies that name no feature', () => {
    const features = [syntheticFeature('A', ['Z'])];
    expect(dependencyCycles({ features })).toEqual([]);
  });
});

const fixtureRepos = [
  ...readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['documents', 'config', 'next', 'plans'].includes(d.name))
    .map((d) => d.name),
  ...readdirSync(path.join(fixtures, 'next')).map((name) => `next/${name}`),
  ...readdirSync(path.join(fixtures, 'plans'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'languages')
    .map((d) => `plans/${d.name}`),
];

describe('JSON output matches its schema for every fixture repository', () => {
  it.each(fixtureRepos)('%s', async (dir) => {
    const project = await loadProject(path.join(fixtures, dir));
    for (const lanes of [undefined, 3]) {
      const json = toNextJson(nextFeature(project, lanes ? { lanes } : {}));
      const roundTripped: unknown = JSON.parse(JSON.stringify(json));
      if (!validateNext(roundTripped)) throw new Error(`${dir}: ${JSON.stringify(validateNext.errors, null, 2)}`);
    }
    const status = JSON.parse(JSON.stringify(toStatusJson(projectStatus(project)))) as unknown;
    if (!validateStatus(status)) throw new Error(`${dir}: ${JSON.stringify(validateStatus.errors, null, 2)}`);
  });
});

interface Expectation {
  next?: { status?: NextStatus; feature?: string | null; id?: string | null } | string | null;
}

const expectationsFile = path.join(fixtures, 'expectations.json');
const expectations: Array<[string, Expectation]> = existsSync(expectationsFile)
  ? Object.entries(JSON.parse(readFileSync(expectationsFile, 'utf8')) as Record<string, Expectation>).filter(([, e]) => e && e.next !== undefined)
  : [];

describe.skipIf(expectations.length === 0)('agrees with the careful reader in fixtures/expectations.json', () => {
  it.each(expectations)('%s', async (name, expectation) => {
    const result = nextFeature(await loadProject(path.join(fixtures, name)));
    const next = expectation.next;
    if (typeof next === 'string' || next === null) {
      expect(result.feature?.id ?? null).toBe(next);
      return;
    }
    if (next?.status) expect(result.status).toBe(next.status);
    const id = next?.feature !== undefined ? next.feature : next?.id;
    if (id !== undefined) expect(result.feature?.id ?? null).toBe(id);
  });
});

describe('dependencies written in sentences', () => {
  it('reads no dependency from a clause whose object is a pronoun (the resume logic depends on it)', async () => {
    const project = await load('rules/dependency-valid/pronoun-clause');
    expect(project.features.map((f) => [f.title, f.dependencies])).toEqual([
      ['(upload)', []],
      ['(search)', []],
    ]);
  });
});

describe('checks of finished work', () => {
  it('reads checks passed over while the work went on as finished, and a check left last as work under way', async () => {
    const reports = new Map(featureStates(await load('next/checks-left')).map((r) => [r.id, r]));
    expect(reports.get('001-recipe-import')).toMatchObject({ state: 'done', basis: 'tasks' });
    expect(reports.get('001-recipe-import')?.dispute).toBeUndefined();
    expect(reports.get('001-recipe-import')?.evidence[0]?.raw).toBe('5/7 tasks done; the 2 open tasks are checks passed over');
    expect(reports.get('001-recipe-import')?.conflicts ?? []).toEqual([]);
    expect(reports.get('002-shopping-list')?.state).toBe('in-progress');
    expect(reports.get('002-shopping-list')?.evidence[0]?.raw).toBe('2/3 tasks done; only a check is left');
  });
});

