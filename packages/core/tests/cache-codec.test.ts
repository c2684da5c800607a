import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, type Spec, type TaskList } from '../src/index.js';
import { emptyAnalysis, type DocumentAnalysis } from '../src/lint/analysis.js';
import { decodeAnalysis, encodeAnalysis } from '../src/lint/cache-codec.js';
import { taskProgress } from '../src/model/task-progress.js';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const folders = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function withTasks(tasks: TaskList): DocumentAnalysis {
  return { ...emptyAnalysis(), models: { tasks } };
}

const roundTrip = (analysis: DocumentAnalysis): unknown => {
  const bytes = Buffer.from(encodeAnalysis(analysis));
  return decodeAnalysis(bytes, 0, bytes.length);
};

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

  it('gives back every spec of every fixture as it was, its user stories read only when asked for', async () => {
    let stories = 0;
    for (const spec of await fixtureSpecs()) {
      if (!spec.spec) continue;
      const analysis: DocumentAnalysis = { ...emptyAnalysis(), models: { spec: spec.spec } };
      expect(roundTrip(analysis)).toStrictEqual(analysis);
      if (spec.spec.userStories.length === 0) continue;
      stories++;
      const encoded = encodeAnalysis(analysis);
      const bytes = Buffer.from(`${encoded.slice(0, encoded.indexOf('\t'))}\t{broken`);
      const decoded = decodeAnalysis(bytes, 0, bytes.length)!.models.spec!;
      expect(decoded.title).toStrictEqual(spec.spec.title);
      expect(decoded.status).toStrictEqual(spec.spec.status);
      expect(Object.keys(decoded)).toEqual(Object.keys(spec.spec));
      expect(() => decoded.userStories).toThrow('the cache file changed while it was read');
    }
    expect(stories).toBeGreaterThanOrEqual(3);
  });

  it('writes an analysis with nothing in it as 0, and only such an analysis', () => {
    expect(encodeAnalysis(emptyAnalysis())).toBe('0');
    expect(roundTrip(emptyAnalysis())).toStrictEqual(emptyAnalysis());
    const directive: DocumentAnalysis = { ...emptyAnalysis(), directives: [{ kind: 'disable', rules: [], line: 1, column: 1, endLine: 1, endColumn: 20 } as never] };
    const model: DocumentAnalysis = { ...emptyAnalysis(), models: { tasks: { file: 'tasks.md', tasks: [] } } };
    const problem: DocumentAnalysis = { ...emptyAnalysis(), modelDiagnostics: { tasks: [] } };
    for (const analysis of [directive, model, problem]) {
      expect(encodeAnalysis(analysis)).not.toBe('0');
      expect(roundTrip(analysis)).toStrictEqual(analysis);
    }
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

  it("reads a list's tasks only when they are asked for, and knows its progress without them", async () => {
    const project = await loadProject(path.join(fixtures, 'messy'));
    let checked = 0;
    for (const spec of project.specs) {
      if (!spec.tasks || spec.tasks.tasks.length === 0) continue;
      checked++;
      const encoded = encodeAnalysis(withTasks(spec.tasks));
      const tab = encoded.indexOf('\t');
      // Rows that cannot be read: progress must not need them, and the tasks must not be made up.
      const bytes = Buffer.from(`${encoded.slice(0, tab)}\t[[broken`);
      const decoded = decodeAnalysis(bytes, 0, bytes.length)!;
      const list = decoded.models.tasks!;
      expect(list.file).toBe(spec.tasks.file);
      expect(taskProgress(list)).toStrictEqual(taskProgress(spec.tasks));
      expect(() => list.tasks).toThrow('the cache file changed while it was read');
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('does not read an analysis whose task rows are missing', () => {
    const list: TaskList = { file: 't.md', tasks: [{ text: 'x', done: true, parallel: false, paths: [], position: { file: 't.md', line: 1, column: 1 } }] };
    const encoded = encodeAnalysis(withTasks(list));
    const bytes = Buffer.from(encoded.slice(0, encoded.indexOf('\t')));
    expect(decodeAnalysis(bytes, 0, bytes.length)).toBeUndefined();
  });
});
