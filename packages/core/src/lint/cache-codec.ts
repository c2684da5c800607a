import type { DocumentAnalysis } from './analysis.js';
import type { SourcePosition, Task, TaskList } from '../model/types.js';

/**
 * How a document's analysis is written in the cache. Task lists are most of a large repository's
 * analyses, and as plain JSON each task repeats its keys, its file and its phase: written as rows
 * they take half the bytes, and a run that reads 5,000 cached analyses spends most of its parsing
 * on them. Everything else is written as it is.
 */

/** `[id, text, flags, paths, line, column, endLine, endColumn, story, phase, file]`: flags 1 = done, 2 = parallel; phase an index into `phases`; file `null` when the list's own. */
type TaskRow = [string | null, string, number, string[], number, number, number | null, number | null, string | null, number, string | null];

interface PackedTaskList {
  file: string;
  phases: string[];
  rows: TaskRow[];
}

type PackedAnalysis = Omit<DocumentAnalysis, 'models'> & {
  models: Omit<DocumentAnalysis['models'], 'tasks'> & { packedTasks?: PackedTaskList };
};

const TASK_KEYS = new Set(['id', 'text', 'done', 'parallel', 'paths', 'position', 'story', 'phase']);
const POSITION_KEYS = new Set(['file', 'line', 'column', 'endLine', 'endColumn']);

/** Whether every task has only the fields a row holds; a list that does not is written as it is. */
function packable(list: TaskList): boolean {
  return list.tasks.every(
    (task) =>
      Object.keys(task).every((key) => TASK_KEYS.has(key)) &&
      Object.keys(task.position).every((key) => POSITION_KEYS.has(key)) &&
      (task.position.endLine === undefined) === (task.position.endColumn === undefined),
  );
}

function packTasks(list: TaskList): PackedTaskList {
  const phases: string[] = [];
  const phaseIndex = new Map<string, number>();
  const rows = list.tasks.map((task): TaskRow => {
    let phase = -1;
    if (task.phase !== undefined) {
      phase = phaseIndex.get(task.phase) ?? -1;
      if (phase === -1) {
        phase = phases.push(task.phase) - 1;
        phaseIndex.set(task.phase, phase);
      }
    }
    const { position } = task;
    return [
      task.id ?? null,
      task.text,
      (task.done ? 1 : 0) | (task.parallel ? 2 : 0),
      task.paths,
      position.line,
      position.column,
      position.endLine ?? null,
      position.endColumn ?? null,
      task.story ?? null,
      phase,
      position.file === list.file ? null : position.file,
    ];
  });
  return { file: list.file, phases, rows };
}

function unpackTasks(packed: PackedTaskList): TaskList {
  const { file, phases } = packed;
  // Index access, not destructuring: a destructured array goes through its iterator, thousands of times per run.
  const tasks = packed.rows.map((row): Task => {
    const id = row[0];
    const text = row[1];
    const flags = row[2];
    const paths = row[3];
    const endLine = row[6];
    const endColumn = row[7];
    const story = row[8];
    const phase = row[9];
    const position: SourcePosition = { file: row[10] ?? file, line: row[4], column: row[5] };
    if (endLine !== null && endColumn !== null) {
      position.endLine = endLine;
      position.endColumn = endColumn;
    }
    const task: Task = id === null ? { text, done: (flags & 1) !== 0, parallel: (flags & 2) !== 0, paths, position } : { id, text, done: (flags & 1) !== 0, parallel: (flags & 2) !== 0, paths, position };
    if (story !== null) task.story = story;
    if (phase >= 0) task.phase = phases[phase]!;
    return task;
  });
  return { file, tasks };
}

/** The analysis as JSON for the cache. */
export function encodeAnalysis(analysis: DocumentAnalysis): string {
  const tasks = analysis.models.tasks;
  if (!tasks || !packable(tasks)) return JSON.stringify(analysis);
  const { tasks: _written, ...models } = analysis.models;
  const packed: PackedAnalysis = { ...analysis, models: { ...models, packedTasks: packTasks(tasks) } };
  return JSON.stringify(packed);
}

/** The analysis `encodeAnalysis` wrote, as parsed JSON (not yet checked for shape). */
export function decodeAnalysis(parsed: unknown): unknown {
  const models = (parsed as { models?: { packedTasks?: PackedTaskList; tasks?: TaskList } } | null)?.models;
  if (!models || typeof models !== 'object' || !models.packedTasks) return parsed;
  const packed = models.packedTasks;
  if (typeof packed.file !== 'string' || !Array.isArray(packed.phases) || !Array.isArray(packed.rows)) return undefined;
  delete models.packedTasks;
  models.tasks = unpackTasks(packed);
  return parsed;
}
