import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, type Spec, type TaskList } from '../src/index.js';
import { emptyAnalysis, type DocumentAnalysis } from '../src/lint/analysis.js';
import { decodeAnalysis, encodeAnalysis } from '../src/incremental/codec.js';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const folders = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function withTasks(tasks: TaskList): DocumentAnalysis {
  return { ...emptyAnalysis(), models: { tasks } };
}

const roundTrip = (analysis: DocumentAnalysis): unknown => decodeAnalysis(JSON.parse(encodeAnalysis(analysis)));

/** Every spec of every fixture. */
async function fixtureSpecs(): Promise<Spec[]> {
  const specs: Spec[] = [];
  for (const folder of folders) specs.push(...(await loadProject(path.join(fixtures, folder))).specs);
  return specs;
}

describe('the cache codec', () => {
  it('gives back every task list of every fixture as it was', async () => {
    let lists = 0;
    for (const spec of await fixtureSpecs()) {
      if (!spec.tasks) continue;
      lists++;
      const analysis = withTasks(spec.tasks);
      expect(roundTrip(analysis)).toStrictEqual(analysis);
      expect(encodeAnalysis(analysis)).toContain('"packedTasks"');
    }
    expect(lists).toBeGreaterThanOrEqual(8);
  });

  it('gives back every spec of every fixture as it was', async () => {
    let specs = 0;
    for (const spec of await fixtureSpecs()) {
      if (!spec.spec) continue;
      specs++;
      const analysis: DocumentAnalysis = { ...emptyAnalysis(), models: { spec: spec.spec } };
      expect(roundTrip(analysis)).toStrictEqual(analysis);
    }
    expect(specs).toBeGreaterThanOrEqual(3);
  });

  it('keeps every field of a task, its phase and a position in another file', () => {
    const list: TaskList = {
      file: 'specs/001-x/tasks.md',
      tasks: [
        { id: 'T001', text: 'Create src/a.ts', done: true, parallel: true, story: 'US1', phase: 'Phase 1: Setup', paths: ['src/a.ts'], position: { file: 'specs/001-x/tasks.md', line: 3, column: 1, endLine: 3, endColumn: 20 } },
        { text: 'no id', done: false, parallel: false, paths: [], position: { file: 'specs/001-x/other.md', line: 9, column: 3 } },
        { id: 'T002', text: 'same phase', done: false, parallel: true, phase: 'Phase 1: Setup', paths: [], position: { file: 'specs/001-x/tasks.md', line: 4, column: 1 } },
      ],
    };
    const analysis = withTasks(list);
    expect(roundTrip(analysis)).toStrictEqual(analysis);
    // The phase is written once for both tasks.
    expect(encodeAnalysis(analysis).split('Phase 1: Setup')).toHaveLength(2);
  });

  it('writes a task with a field it does not know as plain JSON', () => {
    const task = { text: 'x', done: true, parallel: false, paths: [], position: { file: 't.md', line: 1, column: 1 }, weight: 3 };
    const analysis = withTasks({ file: 't.md', tasks: [task] });
    expect(encodeAnalysis(analysis)).not.toContain('packedTasks');
    expect(roundTrip(analysis)).toStrictEqual(analysis);
  });

  it('leaves analyses without tasks as they are', () => {
    const analysis: DocumentAnalysis = { ...emptyAnalysis(), messages: [{ ruleId: 'r', severity: 1, message: 'm', line: 1, column: 1 }] };
    expect(encodeAnalysis(analysis)).toBe(JSON.stringify(analysis));
    expect(roundTrip(analysis)).toStrictEqual(analysis);
  });

  it('does not read an analysis whose task rows are not rows', () => {
    const list: TaskList = { file: 't.md', tasks: [{ text: 'x', done: true, parallel: false, paths: [], position: { file: 't.md', line: 1, column: 1 } }] };
    const encoded = JSON.parse(encodeAnalysis(withTasks(list))) as { models: { packedTasks: { rows: unknown[] } } };
    encoded.models.packedTasks.rows = [[1, 2]];
    expect(decodeAnalysis(encoded)).toBeUndefined();
    expect(decodeAnalysis({ models: {} })).toBeUndefined();
  });
});
