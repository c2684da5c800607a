import { emptyAnalysis, type DocumentAnalysis } from './analysis.js';
import { rememberTaskProgress, taskProgress, type TaskProgress } from '../model/task-progress.js';
import type { SourcePosition, Task, TaskList } from '../model/types.js';

/**
 * How a document's analysis is written in the cache. Task lists are most of a large repository's
 * analyses, and as plain JSON each task repeats its keys, its file and its phase: written as rows
 * they take half the bytes. The rows follow the rest of the analysis after a tab and are read only
 * when something asks for the list's tasks: a run after a task was ticked needs the tasks of that
 * one list, and of the others only their progress, which is written with the rest. Everything else
 * is written as it is.
 */

/** `[id, text, flags, paths, line, column, endLine, endColumn, story, phase, file]`: flags 1 = done, 2 = parallel; phase an index into `phases`; file `null` when the list's own. */
type TaskRow = [string | null, string, number, string[], number, number, number | null, number | null, string | null, number, string | null];

interface PackedTaskList {
  file: string;
  phases: string[];
  rows: TaskRow[];
}

/** A packed list as the analysis JSON holds it: without its rows, with its progress as `[done, total, position]`. */
interface PackedTaskHead {
  file: string;
  phases: string[];
  progress: [number, number, SourcePosition | null];
}

type PackedAnalysis = Omit<DocumentAnalysis, 'models'> & {
  models: Omit<DocumentAnalysis['models'], 'tasks'> & { packedTasks?: PackedTaskHead };
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

function unpackTasks({ file, phases, rows }: PackedTaskList): Task[] {
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
  return tasks;
}

/**
 * The list `head` and its rows (JSON in `bytes` from `start` to `end`) describe, its tasks read from
 * the rows when first asked for. Its progress is known without them.
 */
function lazyTaskList(head: PackedTaskHead, bytes: Buffer, start: number, end: number): TaskList {
  const [done, total, position] = head.progress;
  let tasks: Task[] | undefined;
  const list = { file: head.file } as TaskList;
  Object.defineProperty(list, 'tasks', {
    enumerable: true,
    configurable: true,
    get: () => (tasks ??= unpackTasks({ file: head.file, phases: head.phases, rows: readRows(bytes, start, end) })),
    set: (value: Task[]) => {
      tasks = value;
      rememberTaskProgress(list, undefined);
    },
  });
  rememberTaskProgress(list, position ? { done, total, position } : { done, total });
  return list;
}

/**
 * The rows of a list, which were whole when the analysis before them was: the cache writes a
 * document's line at once and checks the file's last line before reading any. Rows that still do not
 * read mean the file changed under the run; that is reported rather than read as a list without tasks.
 */
function readRows(bytes: Buffer, start: number, end: number): TaskRow[] {
  let rows: unknown;
  try {
    rows = JSON.parse(bytes.toString('utf8', start, end));
  } catch {
    rows = undefined;
  }
  if (!Array.isArray(rows)) throw new Error('the cache file changed while it was read; run the check again');
  return rows as TaskRow[];
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

/**
 * An analysis with nothing in it (most documents no rule or model reads, as a Spec Kit plan.md) is
 * written as `0`, which takes no parsing to recognise.
 */
export const EMPTY_ANALYSIS = '0';

function isEmpty(analysis: DocumentAnalysis): boolean {
  return (
    analysis.messages.length === 0 &&
    analysis.directives.length === 0 &&
    analysis.diagnostics.length === 0 &&
    Object.keys(analysis.models).length === 0 &&
    Object.keys(analysis.modelDiagnostics).length === 0 &&
    Object.keys(analysis).length === 5
  );
}

/**
 * The analysis as the cache writes it: JSON, and for a task list written as rows, a tab and the rows
 * as JSON (JSON never holds a tab of its own).
 */
export function encodeAnalysis(analysis: DocumentAnalysis): string {
  if (isEmpty(analysis)) return EMPTY_ANALYSIS;
  const tasks = analysis.models.tasks;
  if (!tasks || !packable(tasks)) return JSON.stringify(analysis);
  const { tasks: _written, ...models } = analysis.models;
  const { rows, ...rest } = packTasks(tasks);
  const { done, total, position } = taskProgress(tasks);
  const packed: PackedAnalysis = { ...analysis, models: { ...models, packedTasks: { ...rest, progress: [done, total, position ?? null] } } };
  return `${JSON.stringify(packed)}\t${JSON.stringify(rows)}`;
}

function isAnalysis(value: unknown): value is DocumentAnalysis {
  if (value === null || typeof value !== 'object') return false;
  const analysis = value as Partial<DocumentAnalysis>;
  return (
    Array.isArray(analysis.messages) &&
    Array.isArray(analysis.directives) &&
    Array.isArray(analysis.diagnostics) &&
    typeof analysis.models === 'object' &&
    analysis.models !== null &&
    typeof analysis.modelDiagnostics === 'object' &&
    analysis.modelDiagnostics !== null
  );
}

function isTaskHead(value: unknown): value is PackedTaskHead {
  const head = value as Partial<PackedTaskHead> | null;
  const progress = head?.progress;
  return (
    typeof head?.file === 'string' &&
    Array.isArray(head.phases) &&
    Array.isArray(progress) &&
    typeof progress[0] === 'number' &&
    typeof progress[1] === 'number' &&
    (progress[2] === null || typeof progress[2] === 'object')
  );
}

/** The analysis `encodeAnalysis` wrote in `bytes` from `start` to `end`, or undefined when it does not read as one. */
export function decodeAnalysis(bytes: Buffer, start: number, end: number): DocumentAnalysis | undefined {
  if (end - start === 1 && bytes[start] === EMPTY_BYTE) return emptyAnalysis();
  const tab = bytes.indexOf(TAB, start);
  const jsonEnd = tab === -1 || tab >= end ? end : tab;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8', start, jsonEnd));
  } catch {
    return undefined;
  }
  if (!isAnalysis(parsed)) return undefined;
  const models = parsed.models as PackedAnalysis['models'] & { tasks?: TaskList };
  if (!models.packedTasks) return jsonEnd === end ? parsed : undefined;
  const head = models.packedTasks;
  if (jsonEnd === end || !isTaskHead(head)) return undefined;
  delete models.packedTasks;
  models.tasks = lazyTaskList(head, bytes, jsonEnd + 1, end);
  return parsed;
}

const EMPTY_BYTE = EMPTY_ANALYSIS.charCodeAt(0);
const TAB = 0x09;
