import type { DocumentAnalysis } from '../lint/analysis.js';
import type { SourcePosition, Task, TaskList } from '../model/types.js';

/**
 * How a document's analysis is written in the cache: as JSON, except a task list's tasks. Task lists
 * are most of a large repository's analyses, and as plain JSON each task repeats its keys, its file and
 * its phase: written as rows they take half the bytes, and read back into half the objects (the list's
 * file and phases are shared), which is most of what reading the cache costs a run after a task was ticked.
 */

/** `[id, text, flags, paths, line, column, endLine, endColumn, story, phase, file]`: flags 1 = done, 2 = parallel; phase an index into `phases`; file `null` when the list's own. */
type TaskRow = [string | null, string, number, string[], number, number, number | null, number | null, string | null, number, string | null];

interface PackedTaskList {
  file: string;
  phases: string[];
  rows: TaskRow[];
  stories?: string[];
}

type PackedAnalysis = Omit<DocumentAnalysis, 'models'> & {
  models: Omit<DocumentAnalysis['models'], 'tasks'> & { packedTasks?: PackedTaskList };
};

const TASK_KEYS = new Set(['id', 'text', 'done', 'parallel', 'paths', 'position', 'story', 'phase']);
const POSITION_KEYS = new Set(['file', 'line', 'column', 'endLine', 'endColumn']);

/** Whether every task has only the fields a row holds; a list that does not is written as it is. */
function packable(list: TaskList): boolean {
  return (
    Object.keys(list).every((key) => key === 'file' || key === 'tasks' || key === 'stories') &&
    list.tasks.every(
      (task) =>
        Object.keys(task).every((key) => TASK_KEYS.has(key)) &&
        Object.keys(task.position).every((key) => POSITION_KEYS.has(key)) &&
        (task.position.endLine === undefined) === (task.position.endColumn === undefined),
    )
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
  return list.stories !== undefined ? { file: list.file, phases, rows, stories: list.stories } : { file: list.file, phases, rows };
}

function unpackTasks({ file, phases, rows, stories }: PackedTaskList): TaskList {
  const tasks: Task[] = new Array<Task>(rows.length);
  // A loop with index access, not `map` and destructuring (an iterator per row), and each object made
  // whole in one literal rather than grown field by field: tens of thousands of tasks on a cached run.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const endLine = row[6];
    const endColumn = row[7];
    const position: SourcePosition =
      endLine !== null && endColumn !== null
        ? { file: row[10] ?? file, line: row[4], column: row[5], endLine, endColumn }
        : { file: row[10] ?? file, line: row[4], column: row[5] };
    tasks[i] = taskOf(row[0], row[1], row[2], row[3], position, row[8], row[9] >= 0 ? phases[row[9]] : undefined);
  }
  return stories !== undefined ? { file, tasks, stories } : { file, tasks };
}

/** A task with its fields in parseTasks' order, and only those it has. */
function taskOf(id: string | null, text: string, flags: number, paths: string[], position: SourcePosition, story: string | null, phase: string | undefined): Task {
  const done = (flags & 1) !== 0;
  const parallel = (flags & 2) !== 0;
  if (id !== null) {
    if (story !== null) return phase !== undefined ? { id, text, done, parallel, paths, position, story, phase } : { id, text, done, parallel, paths, position, story };
    return phase !== undefined ? { id, text, done, parallel, paths, position, phase } : { id, text, done, parallel, paths, position };
  }
  if (story !== null) return phase !== undefined ? { text, done, parallel, paths, position, story, phase } : { text, done, parallel, paths, position, story };
  return phase !== undefined ? { text, done, parallel, paths, position, phase } : { text, done, parallel, paths, position };
}

/** The analysis as the cache writes it. */
export function encodeAnalysis(analysis: DocumentAnalysis): string {
  const { tasks } = analysis.models;
  if (tasks === undefined || !packable(tasks)) return JSON.stringify(analysis);
  const { tasks: _tasks, ...models } = analysis.models;
  const packed: PackedAnalysis = { ...analysis, models: { ...models, packedTasks: packTasks(tasks) } };
  return JSON.stringify(packed);
}

function isPackedTaskList(value: unknown): value is PackedTaskList {
  const list = value as Partial<PackedTaskList> | null;
  return typeof list?.file === 'string' && Array.isArray(list.phases) && Array.isArray(list.rows) && list.rows.every((row) => Array.isArray(row) && row.length === 11);
}

/** The analysis `encodeAnalysis` wrote, parsed from JSON; undefined when it does not read as one. */
export function decodeAnalysis(parsed: unknown): DocumentAnalysis | undefined {
  const analysis = parsed as Partial<PackedAnalysis> | null;
  if (
    typeof analysis !== 'object' ||
    analysis === null ||
    !Array.isArray(analysis.messages) ||
    !Array.isArray(analysis.directives) ||
    !Array.isArray(analysis.diagnostics) ||
    typeof analysis.models !== 'object' ||
    analysis.models === null ||
    typeof analysis.modelDiagnostics !== 'object' ||
    analysis.modelDiagnostics === null
  ) {
    return undefined;
  }
  const { packedTasks, ...models } = analysis.models;
  if (packedTasks === undefined) return analysis as DocumentAnalysis;
  if (!isPackedTaskList(packedTasks)) return undefined;
  return { ...(analysis as DocumentAnalysis), models: { ...models, tasks: unpackTasks(packedTasks) } };
}
