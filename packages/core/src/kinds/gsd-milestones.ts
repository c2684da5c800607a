import type { Sequence, SequenceEntry } from '../model/types.js';

/**
 * GSD's second version keeps one roadmap per milestone (`.gsd/milestones/M002/M002-ROADMAP.md`), its slices
 * (`- [ ] **S02: Notifications**`) numbered again in every milestone, and one plan per slice
 * (`.gsd/milestones/M002/slices/S02/S02-PLAN.md`) whose tasks are ticked as they are built. The project reads one
 * milestone: the first with a slice open, else the last; a slice of it whose plan has tasks ticked and tasks open is
 * under way.
 */

/** `.gsd/milestones/M002/M002-ROADMAP.md` or `.gsd/milestones/1.0/ROADMAP.md`. */
export function isGsdMilestoneRoadmap(file: string): boolean {
  const parts = file.toLowerCase().split('/');
  return parts.length === 4 && parts[0] === '.gsd' && parts[1] === 'milestones' && (parts[3] === 'roadmap.md' || parts[3] === `${parts[2]}-roadmap.md`);
}

/** `.gsd/milestones/M002/slices/S02/S02-PLAN.md`. */
export function isGsdSlicePlan(file: string): boolean {
  const parts = file.toLowerCase().split('/');
  return parts.length === 6 && parts[0] === '.gsd' && parts[1] === 'milestones' && parts[3] === 'slices' && parts[5] === `${parts[4]}-plan.md`;
}

const finished = (entry: SequenceEntry): boolean => entry.state?.state === 'done' || entry.state?.state === 'cancelled';

/** Whether a plan has an entry not finished. */
export function hasOpenEntry(plan: Sequence): boolean {
  return plan.entries.some((entry) => !finished(entry));
}

/** The slice a roadmap entry names (`S02: Notifications` → `s02`), lower case. */
const SLICE = /^s\d{1,4}(?![\p{L}\p{N}])/iu;

/**
 * The milestone roadmap the project reads, its open slices that have tasks ticked in their plans marked under way.
 * `slicePlans` holds the slice plans' models; the roadmaps' models are not changed.
 */
export function currentMilestone(roadmaps: readonly Sequence[], slicePlans: readonly Sequence[]): Sequence | undefined {
  const sorted = [...roadmaps].sort((a, b) => a.file.localeCompare(b.file, 'en', { numeric: true }));
  const current = sorted.find(hasOpenEntry) ?? sorted[sorted.length - 1];
  if (!current) return undefined;
  const folder = current.file.slice(0, current.file.lastIndexOf('/') + 1).toLowerCase();
  const plans = new Map<string, Sequence>();
  for (const plan of slicePlans) {
    const lower = plan.file.toLowerCase();
    if (lower.startsWith(`${folder}slices/`)) plans.set(lower.split('/')[4]!, plan);
  }
  if (plans.size === 0) return current;
  const entries = current.entries.map((entry) => {
    const slice = SLICE.exec(entry.reference.trim())?.[0].toLowerCase();
    const plan = slice === undefined || finished(entry) ? undefined : plans.get(slice);
    if (!plan) return entry;
    const tasks = plan.entries.filter((task) => task.state !== undefined);
    const done = tasks.filter(finished).length;
    if (done === 0 || done === tasks.length) return entry;
    const position = tasks.find((task) => !finished(task))!.position;
    return { ...entry, state: { state: 'in-progress' as const, raw: `${done}/${tasks.length} tasks done`, position }, stateFrom: 'tasks' as const, tasks: { done, total: tasks.length, position } };
  });
  return { ...current, entries };
}
