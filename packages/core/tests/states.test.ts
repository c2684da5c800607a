import { describe, expect, it } from 'vitest';
import { featureStates, specStatusState, type StateBasis } from '../src/query/states.js';
import type { Feature } from '../src/model/project.js';
import type { FeatureState, SourcePosition, Spec, StateMark, Task } from '../src/model/types.js';

// Features are built as typed objects, the shape buildFeatures returns, so these tests pin the state rules alone.

const PRODUCT = 'docs/PRODUCT.md';
const DEV = 'docs/DEVELOPMENT.md';
const POINTER = '.specify/feature.json';

function at(file: string, line: number, column = 1): SourcePosition {
  return { file, line, column };
}

function mark(state: FeatureState, file: string, line: number, raw: string = state, reason?: string): StateMark {
  const m: StateMark = { state, raw, position: at(file, line, 5) };
  if (reason) m.reason = reason;
  return m;
}

interface Sources {
  id?: string;
  title?: string;
  states?: StateMark[];
  sequence?: StateMark[];
  product?: StateMark;
  tasks?: boolean[];
  /** More task lists, for features with several specs. */
  moreTasks?: boolean[];
  specStatus?: string;
  /** Spec Kit's `.specify/feature.json` names the feature's spec. */
  current?: boolean;
  dependencies?: Array<{ id?: string; reference: string; line: number }>;
}

function spec(folder: string, tasks: boolean[] | undefined, status?: string): Spec {
  const dir = `specs/${folder}`;
  const s: Spec = { kind: 'speckit', dir, number: folder.slice(0, 3), slug: folder.slice(4), position: at(`${dir}/spec.md`, 1) };
  if (status !== undefined) {
    s.spec = { file: `${dir}/spec.md`, status: { value: status, position: at(`${dir}/spec.md`, 5) }, userStories: [], clarifications: [] };
  }
  if (tasks) {
    s.tasks = {
      file: `${dir}/tasks.md`,
      tasks: tasks.map((done, i): Task => ({ id: `T00${i + 1}`, text: `task ${i + 1}`, done, parallel: false, paths: [], position: at(`${dir}/tasks.md`, 20 + i, 3) })),
    };
  }
  return s;
}

function feature(sources: Sources): Feature {
  const id = sources.id ?? 'F-002';
  const f: Feature = {
    id,
    title: sources.title ?? 'Tags',
    position: at(PRODUCT, 12),
    specs: [],
    sequence: (sources.sequence ?? []).map((m, index) => ({
      file: m.position.file,
      entry: { index, reference: id, label: id, state: m, dependencies: [], position: at(m.position.file, m.position.line) },
    })),
    stateEntries: (sources.states ?? []).map((m) => ({ file: m.position.file, entry: { reference: id, mark: m } })),
    dependencies: (sources.dependencies ?? []).map((d) => {
      const dep: Feature['dependencies'][number] = { reference: d.reference, position: at(PRODUCT, d.line) };
      if (d.id) dep.id = d.id;
      return dep;
    }),
  };
  if (sources.product !== undefined) {
    f.product = {
      id,
      idSource: 'explicit',
      title: f.title,
      acceptanceCriteria: [],
      boundaryConditions: [],
      dependencies: [],
      status: sources.product,
      position: f.position,
    };
  }
  if (sources.tasks !== undefined || sources.specStatus !== undefined || sources.current) f.specs.push(spec('002-tags', sources.tasks, sources.specStatus));
  if (sources.current) f.specs[0]!.current = at(POINTER, 2);
  if (sources.moreTasks) f.specs.push(spec('009-tags-v2', sources.moreTasks));
  return f;
}

/** Another feature whose spec, in the same specs/ folder, says Implemented: that tree maintains the Status field. */
function maintainer(): Feature {
  const f = feature({ id: 'F-001', title: 'Search' });
  f.specs.push(spec('001-search', [true], 'Implemented'));
  return f;
}

function stateOf(sources: Sources, others: Feature[] = []) {
  return featureStates({ features: [feature(sources), ...others] })[0]!;
}

describe('featureStates precedence', () => {
  const table: Array<[name: string, sources: Sources, state: FeatureState, basis: StateBasis, source: string]> = [
    ['state file over sequence', { states: [mark('done', 'status.md', 4)], sequence: [mark('in-progress', DEV, 8)] }, 'done', 'state-file', 'status.md:4'],
    ['state file over PRODUCT.md', { states: [mark('blocked', 'status.md', 4)], product: mark('todo', PRODUCT, 14) }, 'blocked', 'state-file', 'status.md:4'],
    ['state file over tasks', { states: [mark('in-progress', 'status.md', 4)], tasks: [true, true] }, 'in-progress', 'state-file', 'status.md:4'],
    ['state file over spec Status', { states: [mark('todo', 'status.md', 4)], specStatus: 'Implemented' }, 'todo', 'state-file', 'status.md:4'],
    ['sequence over PRODUCT.md', { sequence: [mark('in-progress', DEV, 8)], product: mark('todo', PRODUCT, 14) }, 'in-progress', 'sequence', `${DEV}:8`],
    ['sequence over tasks', { sequence: [mark('done', DEV, 8)], tasks: [true, false] }, 'done', 'sequence', `${DEV}:8`],
    ['sequence over spec Status', { sequence: [mark('done', DEV, 8)], specStatus: 'Draft' }, 'done', 'sequence', `${DEV}:8`],
    ['PRODUCT.md over tasks', { product: mark('done', PRODUCT, 14), tasks: [true, false, false] }, 'done', 'product', `${PRODUCT}:14`],
    ['PRODUCT.md over spec Status', { product: mark('cancelled', PRODUCT, 14), specStatus: 'Draft' }, 'cancelled', 'product', `${PRODUCT}:14`],
    ['tasks, some done, over spec Status', { tasks: [true, false, false], specStatus: 'Draft' }, 'in-progress', 'tasks', 'specs/002-tags/tasks.md:21'],
    ['tasks, all done, over spec Status', { tasks: [true, true], specStatus: 'In Progress' }, 'done', 'tasks', 'specs/002-tags/tasks.md:20'],
    ['tasks, none done, are no evidence', { tasks: [false, false], specStatus: 'In Progress' }, 'in-progress', 'spec-status', 'specs/002-tags/spec.md:5'],
    ['spec Status Implemented alone', { specStatus: 'Implemented' }, 'done', 'spec-status', 'specs/002-tags/spec.md:5'],
    ['spec Status Draft alone', { specStatus: '**Draft**' }, 'todo', 'spec-status', 'specs/002-tags/spec.md:5'],
    ['Spec Kit pointer over open tasks', { current: true, tasks: [false, false] }, 'in-progress', 'pointer', `${POINTER}:2`],
    ['Spec Kit pointer over some tasks done', { current: true, tasks: [true, false] }, 'in-progress', 'pointer', `${POINTER}:2`],
    ['Spec Kit pointer over spec Status Draft', { current: true, specStatus: 'Draft' }, 'in-progress', 'pointer', `${POINTER}:2`],
    ['tasks, all done, over the Spec Kit pointer left behind', { current: true, tasks: [true, true] }, 'done', 'tasks', 'specs/002-tags/tasks.md:20'],
    ['spec Status Implemented over the Spec Kit pointer', { current: true, specStatus: 'Implemented' }, 'done', 'spec-status', 'specs/002-tags/spec.md:5'],
    ['state file over the Spec Kit pointer', { current: true, states: [mark('blocked', 'status.md', 4)] }, 'blocked', 'state-file', 'status.md:4'],
    ['nothing: todo at the feature', {}, 'todo', 'default', `${PRODUCT}:12`],
    ['no tasks done and an unknown spec Status: default', { tasks: [false], specStatus: 'See below' }, 'todo', 'default', `${PRODUCT}:12`],
  ];

  it.each(table)('%s', (_name, sources, state, basis, source) => {
    const report = stateOf(sources);
    expect([report.state, report.basis, `${report.source.file}:${report.source.line}`]).toEqual([state, basis, source]);
    expect(report.evidence[0]).toMatchObject({ basis, state });
  });

  it('prefers status.md over BACKLOG.md whatever their order, and reports the disagreement at BACKLOG.md', () => {
    const report = stateOf({ states: [mark('done', 'BACKLOG.md', 30), mark('in-progress', '.agent/status.md', 6)] });
    expect(report).toMatchObject({ state: 'in-progress', basis: 'state-file', source: at('.agent/status.md', 6, 5) });
    expect(report.evidence.map((e) => e.source.file)).toEqual(['.agent/status.md', 'BACKLOG.md']);
    expect(report.conflicts).toEqual([{ message: '.agent/status.md says in-progress but BACKLOG.md says done', source: at('BACKLOG.md', 30, 5) }]);
  });

  it('keeps every piece of evidence, most direct first', () => {
    const report = stateOf({
      states: [mark('in-progress', 'status.md', 4, 'In Progress')],
      sequence: [mark('in-progress', DEV, 8, '🚧')],
      product: mark('in-progress', PRODUCT, 14, 'Active'),
      tasks: [true, false],
      specStatus: 'Draft',
    });
    expect(report.evidence).toEqual([
      { basis: 'state-file', state: 'in-progress', raw: 'In Progress', source: at('status.md', 4, 5) },
      { basis: 'sequence', state: 'in-progress', raw: '🚧', source: at(DEV, 8, 5) },
      { basis: 'product', state: 'in-progress', raw: 'Active', source: at(PRODUCT, 14, 5) },
      { basis: 'tasks', state: 'in-progress', raw: '1/2 tasks done', source: at('specs/002-tags/tasks.md', 21, 3) },
      { basis: 'spec-status', state: 'todo', raw: 'Draft', source: at('specs/002-tags/spec.md', 5) },
    ]);
    expect(report.tasks).toEqual({ done: 1, total: 2, file: 'specs/002-tags/tasks.md' });
    expect(report.conflicts).toEqual([]);
  });

  it('carries the blocked reason of the winning evidence', () => {
    const report = stateOf({ states: [mark('blocked', 'status.md', 4, 'Blocked', 'waiting on API keys')], sequence: [mark('blocked', DEV, 8)] });
    expect(report).toMatchObject({ state: 'blocked', reason: 'waiting on API keys' });
    expect(report.conflicts).toEqual([]);
  });

  it('adds up task lists of several specs and points at the list with open tasks', () => {
    const report = stateOf({ tasks: [true, true], moreTasks: [true, false, false] });
    expect(report).toMatchObject({ state: 'in-progress', basis: 'tasks', source: at('specs/009-tags-v2/tasks.md', 21, 3) });
    expect(report.tasks).toEqual({ done: 3, total: 5, file: 'specs/009-tags-v2/tasks.md' });
  });
});

describe('featureStates conflicts', () => {
  it('a state file says done while tasks are open', () => {
    const report = stateOf({ states: [mark('done', 'status.md', 4)], tasks: [true, true, false, true, false, true, true, false] });
    expect(report.state).toBe('done');
    expect(report.conflicts).toEqual([
      { message: 'status.md says done but 3 of 8 tasks in specs/002-tags/tasks.md are open', source: at('specs/002-tags/tasks.md', 22, 3) },
    ]);
  });

  it('DEVELOPMENT.md marks it done while tasks are open', () => {
    const report = stateOf({ sequence: [mark('done', DEV, 8)], tasks: [false, true] });
    expect(report.conflicts).toEqual([
      { message: 'docs/DEVELOPMENT.md marks it done but 1 of 2 tasks in specs/002-tags/tasks.md are open', source: at('specs/002-tags/tasks.md', 20, 3) },
    ]);
  });

  it('a Draft nobody maintains on a finished feature is not a conflict: Spec Kit writes it and nothing updates it', () => {
    const report = stateOf({ tasks: [true, true, true], specStatus: 'Draft' }, [feature({ id: 'F-001', title: 'Search', specStatus: 'Draft' })]);
    expect(report).toMatchObject({ state: 'done', basis: 'tasks' });
    expect(report.conflicts).toEqual([]);
    // Words about the document are not stale on finished work, maintained or not.
    expect(stateOf({ tasks: [true, true], specStatus: 'Approved' }, [maintainer()]).conflicts).toEqual([]);
  });

  it('a stale Draft spec when every task is ticked, where another spec of the tree shows the field is kept up to date', () => {
    const report = stateOf({ tasks: [true, true, true], specStatus: 'Draft' }, [maintainer()]);
    expect(report).toMatchObject({ state: 'done', basis: 'tasks' });
    expect(report.conflicts).toEqual([
      {
        message: "specs/002-tags/spec.md still says Status: Draft although all 3 tasks in specs/002-tags/tasks.md are done; the spec's Status is stale",
        source: at('specs/002-tags/spec.md', 5),
      },
    ]);
  });

  it('a spec Status that lags an in-progress feature is not a conflict', () => {
    expect(stateOf({ states: [mark('in-progress', 'status.md', 4)], specStatus: 'Draft' }).conflicts).toEqual([]);
  });

  it('a state file and the sequence disagree', () => {
    const report = stateOf({ states: [mark('in-progress', 'status.md', 4)], sequence: [mark('done', DEV, 8)] });
    expect(report.conflicts).toEqual([{ message: 'status.md says in-progress but docs/DEVELOPMENT.md marks it done', source: at(DEV, 8, 5) }]);
  });

  it('the sequence and PRODUCT.md disagree', () => {
    const report = stateOf({ sequence: [mark('done', DEV, 8)], product: mark('todo', PRODUCT, 14) });
    expect(report.conflicts).toEqual([{ message: 'docs/DEVELOPMENT.md marks it done but docs/PRODUCT.md gives status todo', source: at(PRODUCT, 14, 5) }]);
  });

  it('done while a dependency is not done', () => {
    const search = feature({ id: 'F-001', title: 'Search', states: [mark('in-progress', 'status.md', 3)] });
    const tags = feature({
      id: 'F-002',
      states: [mark('done', 'status.md', 4)],
      dependencies: [
        { id: 'F-001', reference: 'F-001', line: 15 },
        { reference: 'Payments', line: 16 },
      ],
    });
    const export_ = feature({ id: 'F-003', title: 'Export', dependencies: [{ id: 'F-001', reference: 'Search', line: 22 }] });
    const sharing = feature({ id: 'F-004', title: 'Sharing', sequence: [mark('done', DEV, 9)], dependencies: [{ id: 'F-003', reference: 'Export', line: 30 }] });
    const reports = featureStates({ features: [search, tags, export_, sharing] });
    expect(reports.map((r) => [r.id, r.state])).toEqual([
      ['F-001', 'in-progress'],
      ['F-002', 'done'],
      ['F-003', 'todo'],
      ['F-004', 'done'],
    ]);
    expect(reports[1]!.conflicts).toEqual([
      { message: 'F-002 is done but depends on F-001 (Search), which is in-progress according to status.md:3', source: at(PRODUCT, 15) },
    ]);
    // A todo feature depending on unfinished work is the normal order of things.
    expect(reports[2]!.conflicts).toEqual([]);
    expect(reports[3]!.conflicts).toEqual([
      { message: 'F-004 is done but depends on F-003 (Export), which no file records as done', source: at(PRODUCT, 30) },
    ]);
  });

  it('a spec that says Complete while most of its tasks are open: the claim is the conflict, whichever source wins', () => {
    const report = stateOf({ tasks: [true, false, false, false], specStatus: 'Complete' });
    expect(report).toMatchObject({ state: 'in-progress', basis: 'tasks' });
    expect(report.conflicts).toEqual([
      {
        message: 'specs/002-tags/spec.md says Status: Complete, but 3 of 4 tasks in specs/002-tags/tasks.md are open',
        source: at('specs/002-tags/spec.md', 5),
      },
    ]);
    // No task ticked is still a list of open tasks against a Complete spec.
    expect(stateOf({ tasks: [false, false], specStatus: 'Implemented' }).conflicts).toHaveLength(1);
    // A state file that says in progress wins; the Complete spec is still wrong about the tasks.
    expect(stateOf({ states: [mark('in-progress', 'status.md', 4)], tasks: [true, false], specStatus: 'Done' }).conflicts).toEqual([
      {
        message: 'specs/002-tags/spec.md says Status: Done, but 1 of 2 tasks in specs/002-tags/tasks.md are open',
        source: at('specs/002-tags/spec.md', 5),
      },
    ]);
  });

  it('lists every conflict of the docs/states.md example, each at the losing line', () => {
    const report = stateOf(
      {
        states: [mark('done', 'status.md', 3, 'done')],
        sequence: [mark('in-progress', DEV, 2, '🚧')],
        product: mark('todo', PRODUCT, 13, 'Planned'),
        tasks: [true, true, true, false, true, false, true, false],
        specStatus: 'Draft',
      },
      [maintainer()],
    );
    expect(report).toMatchObject({ state: 'done', basis: 'state-file', source: at('status.md', 3, 5) });
    expect(report.conflicts).toEqual([
      { message: 'status.md says done but docs/DEVELOPMENT.md marks it in-progress', source: at(DEV, 2, 5) },
      { message: 'status.md says done but docs/PRODUCT.md gives status todo', source: at(PRODUCT, 13, 5) },
      { message: 'status.md says done but 3 of 8 tasks in specs/002-tags/tasks.md are open', source: at('specs/002-tags/tasks.md', 23, 3) },
      {
        message: "specs/002-tags/spec.md still says Status: Draft although status.md says done; the spec's Status is stale",
        source: at('specs/002-tags/spec.md', 5),
      },
    ]);
  });

  it('returns one report per feature, in feature order', () => {
    const reports = featureStates({ features: [feature({ id: 'F-009' }), feature({ id: 'F-001' })] });
    expect(reports.map((r) => r.id)).toEqual(['F-009', 'F-001']);
    expect(featureStates({ features: [] })).toEqual([]);
  });
});

describe('specStatusState', () => {
  const table: Array<[string, FeatureState | undefined]> = [
    ['Draft', 'todo'],
    ['Proposed', 'todo'],
    ['Approved', 'todo'],
    ['Accepted', 'todo'],
    ['Ready for implementation', 'todo'],
    ['In Progress', 'in-progress'],
    ['Implementing', 'in-progress'],
    ['Complete', 'done'],
    ['Implemented', 'done'],
    ['**Done** ✅', 'done'],
    ['Superseded', 'cancelled'],
    ['See below', undefined],
  ];
  it.each(table)('%j → %j', (raw, state) => {
    expect(specStatusState(raw)).toBe(state);
  });
});
