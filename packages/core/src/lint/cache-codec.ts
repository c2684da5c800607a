import { emptyAnalysis, type DocumentAnalysis } from './analysis.js';
import { rememberTaskProgress, taskProgress } from '../model/task-progress.js';
import type { SourcePosition, SpecDocument, Task, TaskList, UserStory } from '../model/types.js';

/**
 * How a document's analysis is written in the cache. Task lists are most of a large repository's
 * analyses, and as plain JSON each task repeats its keys, its file and its phase: written as rows
 * they take half the bytes. What a check seldom reads (a list's tasks, a spec's user stories) follows
 * the rest after a tab and is read only when something asks for it: a run after a task was ticked
 * needs the tasks of that one list, and of the others only their progress, which is written with the
 * rest. Everything else is written as it is.
 */

/** `[id, text, flags, paths, line, column, endLine, endColumn, story, phase, file]`: flags 1 = done, 2 = parallel; phase an index into `phases`; file `null` when the list's own. */
type TaskRow = [string | null, string, number, string[], number, number, number | null, number | null, string | null, number, string | null];

interface PackedTaskList {
  file: string;
  phases: string[];
  rows: TaskRow[];
}

/** A packed list as the analysis JSON holds it: without its rows and phases, with its progress as `[done, total, position]`. */
interface PackedTaskHead {
  file: string;
  progress: [number, number, SourcePosition | null];
}

type PackedAnalysis = Omit<DocumentAnalysis, 'models'> & {
  models: Omit<DocumentAnalysis['models'], 'tasks' | 'spec'> & { packedTasks?: PackedTaskHead; spec?: DeferredSpec };
};

/** A spec whose user stories are deferred: `0` holds their place, so the fields keep their order. */
type DeferredSpec = Omit<SpecDocument, 'userStories'> & { userStories: UserStory[] | 0 };

/** What follows the analysis JSON after a tab. */
interface Deferred {
  rows?: TaskRow[];
  phases?: string[];
  userStories?: UserStory[];
}

const TASK_KEYS = new Set(['id', 'text', 'done', 'parallel', 'paths', 'position', 'story', 'phase']);
const POSITION_KEYS = new Set(['file', 'line', 'column', 'endLine', 'endColumn']);

/**
 * Whether the list holds only its file and tasks, and every task only the fields a row holds; a list that
 * does not (one with unrecorded tasks or checks) is written as it is.
 */
function packable(list: TaskList): boolean {
  return Object.keys(list).every((key) => key === 'file' || key === 'tasks') && list.tasks.every(
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

/** A list whose tasks are read from the deferred part (`deferred`) when first asked for; its progress is known without them. */
function lazyTaskList(head: PackedTaskHead, deferred: () => Deferred): TaskList {
  const [done, total, position] = head.progress;
  let tasks: Task[] | undefined;
  const list = { file: head.file } as TaskList;
  Object.defineProperty(list, 'tasks', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (tasks) return tasks;
      const { rows, phases } = deferred();
      if (!Array.isArray(rows) || !Array.isArray(phases)) throw changedWhileRead();
      return (tasks = unpackTasks({ file: head.file, phases, rows }));
    },
    set: (value: Task[]) => {
      tasks = value;
      rememberTaskProgress(list, undefined);
    },
  });
  rememberTaskProgress(list, position ? { done, total, position } : { done, total });
  return list;
}

/** Gives the spec its user stories from the deferred part (`deferred`) when first asked for. */
function deferStories(spec: DeferredSpec, deferred: () => Deferred): SpecDocument {
  let stories: UserStory[] | undefined;
  Object.defineProperty(spec, 'userStories', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (stories) return stories;
      const { userStories } = deferred();
      if (!Array.isArray(userStories)) throw changedWhileRead();
      return (stories = userStories);
    },
    set: (value: UserStory[]) => {
      stories = value;
    },
  });
  return spec as SpecDocument;
}

/**
 * The deferred part was whole when the analysis before it was: the cache writes a document's line at
 * once and checks the file's last line before reading any. One that still does not read means the
 * file changed under the run; that is reported rather than read as a list without tasks.
 */
function changedWhileRead(): Error {
  return new Error('the cache file changed while it was read; run the check again');
}

/** The deferred part in `bytes` from `start` to `end`, parsed when first asked for. */
function deferredPart(bytes: Buffer, start: number, end: number): () => Deferred {
  let read: Deferred | undefined;
  return () => {
    if (read) return read;
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8', start, end));
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object') throw changedWhileRead();
    return (read = parsed as Deferred);
  };
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
 * The analysis as the cache writes it: JSON, and when some of it is deferred (a task list written as
 * rows, a spec's user stories), a tab and the deferred part as JSON (JSON never holds a tab of its own).
 */
export function encodeAnalysis(analysis: DocumentAnalysis): string {
  if (isEmpty(analysis)) return EMPTY_ANALYSIS;
  const { tasks, spec } = analysis.models;
  const packTaskList = tasks !== undefined && packable(tasks);
  const deferStoryList = spec !== undefined && spec.userStories.length > 0;
  if (!packTaskList && !deferStoryList) return JSON.stringify(analysis);
  const deferred: Deferred = {};
  const { tasks: _tasks, spec: _spec, ...models } = analysis.models;
  const packed: PackedAnalysis = { ...analysis, models };
  if (spec) packed.models.spec = deferStoryList ? { ...spec, userStories: 0 } : spec;
  if (deferStoryList) deferred.userStories = spec.userStories;
  if (packTaskList) {
    const { file, phases, rows } = packTasks(tasks);
    const { done, total, position } = taskProgress(tasks);
    packed.models.packedTasks = { file, progress: [done, total, position ?? null] };
    deferred.rows = rows;
    deferred.phases = phases;
  } else if (tasks) (packed.models as DocumentAnalysis['models']).tasks = tasks;
  return `${JSON.stringify(packed)}\t${JSON.stringify(deferred)}`;
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
  const head = models.packedTasks;
  const spec = models.spec as DeferredSpec | undefined;
  const storiesDeferred = spec?.userStories === 0;
  if (head === undefined && !storiesDeferred) return jsonEnd === end ? parsed : undefined;
  if (jsonEnd === end || (head !== undefined && !isTaskHead(head))) return undefined;
  const deferred = deferredPart(bytes, jsonEnd + 1, end);
  if (storiesDeferred) deferStories(spec, deferred);
  if (head) {
    delete models.packedTasks;
    models.tasks = lazyTaskList(head, deferred);
  }
  return parsed;
}

const EMPTY_BYTE = EMPTY_ANALYSIS.charCodeAt(0);
const TAB = 0x09;
