import type { Diagnostic, SourcePosition, Task } from '../model/types.js';
import { diagnostic } from '../model/positions.js';

/**
 * One cause, one report for task ids used twice. A block of tasks pasted twice, or a phase that
 * restarted its numbering, repeats a run of ids: one warning names the whole run (and carries every
 * place as `related`) instead of one warning per id.
 */

interface Repeat {
  id: string;
  /** The first task with the id, and the one that repeats it. */
  first: Task;
  later: Task;
  /** All the tasks with the id, in list order. */
  all: readonly Task[];
}

function range(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : `${values[0]}–${values[values.length - 1]}`;
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The first free `T` number after every id of the list, written like theirs (`T125`), if the ids are numbered so. */
function freeAfter(tasks: readonly Task[], width: number): string | undefined {
  let highest = -1;
  for (const task of tasks) {
    const match = task.id === undefined ? null : /^T(\d{1,9})$/.exec(task.id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest < 0 ? undefined : `T${String(highest + 1).padStart(width, '0')}`;
}

/**
 * The warnings for `groups` (each: the tasks that share one id, in list order), `tasks` being the
 * whole list in order. Repeats whose later copies follow each other in the list, as their first
 * copies do, are one run.
 */
export function repeatedIdDiagnostics(rule: string, groups: ReadonlyArray<readonly Task[]>, tasks: readonly Task[]): Diagnostic[] {
  const order = new Map<Task, number>();
  tasks.forEach((task, index) => order.set(task, index));
  const repeats: Repeat[] = groups
    .filter((group) => group.length >= 2 && group[0]!.id !== undefined)
    .map((group) => ({ id: group[0]!.id!, first: group[0]!, later: group[1]!, all: group }))
    .sort((a, b) => (order.get(a.later) ?? 0) - (order.get(b.later) ?? 0));
  const runs: Repeat[][] = [];
  for (const repeat of repeats) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    const follows =
      previous !== undefined &&
      (order.get(repeat.later) ?? 0) === (order.get(previous.later) ?? 0) + 1 &&
      (order.get(repeat.first) ?? 0) > (order.get(previous.first) ?? 0);
    if (run && follows) run.push(repeat);
    else runs.push([repeat]);
  }
  return runs.map((run) => {
    const head = run[0]!;
    if (run.length === 1) {
      const lines = head.all.map((t) => t.position.line).join(', ');
      return withRelated(
        diagnostic(rule, 'warning', `Task id ${head.id} is used by more than one task (lines ${lines}); give each task its own id.`, head.later.position),
        head.all.filter((t) => t !== head.later).map((t) => t.position),
      );
    }
    const ids = range([head.id, run[run.length - 1]!.id]);
    const laterLines = range([String(head.later.position.line), String(run[run.length - 1]!.later.position.line)]);
    const firstLines = range([String(head.first.position.line), String(run[run.length - 1]!.first.position.line)]);
    const sameText = run.filter((r) => normalised(r.first.text) === normalised(r.later.text)).length * 2 > run.length;
    let message: string;
    if (sameText) {
      const firstDone = run.every((r) => r.first.done);
      const laterDone = run.every((r) => r.later.done);
      const states = firstDone !== laterDone && run.every((r) => r.first.done === firstDone && r.later.done === laterDone) ? ', once open and once ticked' : '';
      message = `Tasks ${ids} on lines ${laterLines} repeat the ${run.length} tasks of lines ${firstLines}${states}; keep one copy.`;
    } else {
      const width = /^T(\d+)$/.exec(head.id)?.[1]?.length ?? 3;
      const free = freeAfter(tasks, width);
      message = `Tasks ${ids} on lines ${laterLines} reuse the ids of the ${run.length} tasks of lines ${firstLines}; give them ids of their own${free ? ` (from ${free} on, none is taken)` : ''}.`;
    }
    const places = run.flatMap((r) => r.all).filter((t) => t !== head.later).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return withRelated(diagnostic(rule, 'warning', message, head.later.position), places.map((t) => t.position));
  });
}

function withRelated(found: Diagnostic, related: SourcePosition[]): Diagnostic {
  if (related.length > 0) found.related = related;
  return found;
}
