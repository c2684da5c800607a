import type { SourcePosition, TaskList } from './types.js';

/** How far a task list is: its ticked and all tasks, and where its first open task is (the first task when all are ticked). */
export interface TaskProgress {
  done: number;
  total: number;
  /** Undefined for a list without tasks. */
  position?: SourcePosition;
}

/**
 * Progress known without reading the tasks: a list read back from a cache carries it, and its tasks
 * are read only when something asks for them.
 */
const known = new WeakMap<TaskList, TaskProgress>();

/** Records (or, with undefined, forgets) what `taskProgress` answers for `list` without reading its tasks. */
export function rememberTaskProgress(list: TaskList, progress: TaskProgress | undefined): void {
  if (progress) known.set(list, progress);
  else known.delete(list);
}

export function taskProgress(list: TaskList): TaskProgress {
  const remembered = known.get(list);
  if (remembered) return remembered;
  const { tasks } = list;
  let done = 0;
  let open: number | undefined;
  for (let i = 0; i < tasks.length; i++) {
    if (tasks[i]!.done) done++;
    else open ??= i;
  }
  const first = tasks[open ?? 0];
  return first ? { done, total: tasks.length, position: first.position } : { done, total: tasks.length };
}
