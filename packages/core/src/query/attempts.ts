import type { Feature, Project } from '../model/project.js';
import type { AttemptRecord } from '../model/types.js';
import { createFeatureIndex, resolveReference, type FeatureIndex } from '../model/identity/feature-index.js';

/** Failed attempts after which work stops and a person decides (seed 002: "3 consecutive failures → stop"). */
export const CIRCUIT_BREAKER_FAILURES = 3;

export interface FeatureAttempt {
  record: AttemptRecord;
  /** The state file the record is in. */
  file: string;
  /** The task id the record names, when it names a task of the feature rather than the feature. */
  task?: string;
  /** Failures reached the limit and nobody has escalated yet. */
  tripped: boolean;
}

/**
 * Why the breaker stops a record, if it does: three failures (`tripped`), or two failures in a row with the
 * same cause (`not-converging`). Nothing stops a record someone escalated, or whose latest attempt passed.
 */
export function breakerState(record: AttemptRecord): 'tripped' | 'not-converging' | undefined {
  if (record.escalated || record.resolved) return undefined;
  if (record.failures >= CIRCUIT_BREAKER_FAILURES) return 'tripped';
  return record.repeatedCause ? 'not-converging' : undefined;
}

export function breakerTripped(record: AttemptRecord): boolean {
  return breakerState(record) !== undefined;
}

/**
 * Attempt records by feature id. A record names a feature (its id, title, spec folder or any reference
 * the repository uses for it) or one of its tasks (`T012`). Task ids repeat across Spec Kit folders, so a
 * task id found in several features goes to the one where that task is still open, and is dropped when
 * that leaves more than one: blaming the wrong feature is worse than not blaming one.
 */
export function attemptsByFeature(project: Pick<Project, 'features' | 'states'>): Map<string, FeatureAttempt[]> {
  const index = createFeatureIndex(project.features);
  const byId = new Map(project.features.map((f) => [f.id, f]));
  const byTask = new Map<string, Array<{ feature: Feature; id: string; open: boolean }>>();
  for (const feature of project.features) {
    for (const spec of feature.specs) {
      for (const task of spec.tasks?.tasks ?? []) {
        if (!task.id) continue;
        const key = normaliseTaskId(task.id);
        const list = byTask.get(key) ?? [];
        list.push({ feature, id: task.id, open: !task.done });
        byTask.set(key, list);
      }
    }
  }

  const result = new Map<string, FeatureAttempt[]>();
  for (const state of project.states) {
    for (const record of state.attempts) {
      const match = matchRecord(record.reference, index, byId, byTask);
      if (!match) continue;
      const item: FeatureAttempt = { record, file: state.file, tripped: breakerTripped(record) };
      if (match.task) item.task = match.task;
      const list = result.get(match.feature.id) ?? [];
      list.push(item);
      result.set(match.feature.id, list);
    }
  }
  return result;
}

function matchRecord(
  reference: string,
  index: FeatureIndex,
  byId: Map<string, Feature>,
  byTask: Map<string, Array<{ feature: Feature; id: string; open: boolean }>>,
): { feature: Feature; task?: string } | undefined {
  const resolved = resolveReference(reference, index);
  if (resolved && 'id' in resolved) {
    const feature = byId.get(resolved.id);
    if (feature) return { feature };
  }
  // `T012`, `T012 (retry login)`, `F-003 / T012`: any word that is a task id of exactly one feature.
  const tokens = [reference, ...reference.split(/[\s/,;:()[\]]+/u)].map(normaliseTaskId).filter(Boolean);
  for (const token of tokens) {
    const holders = byTask.get(token);
    if (!holders) continue;
    const features = unique(holders.map((h) => h.feature));
    if (features.length === 1) return { feature: features[0]!, task: holders[0]!.id };
    const open = holders.filter((h) => h.open);
    if (unique(open.map((h) => h.feature)).length === 1) return { feature: open[0]!.feature, task: open[0]!.id };
  }
  return undefined;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function normaliseTaskId(text: string): string {
  return text.replace(/[*_`~]/g, '').trim().toUpperCase();
}
