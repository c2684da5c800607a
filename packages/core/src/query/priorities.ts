import type { Feature } from '../model/project.js';
import type { Sequence, SourcePosition } from '../model/types.js';
import { DEFAULT_PRIORITY_RANK, normalisePriority } from '../text/priority.js';
import type { FeatureOrder, OrderedFeature } from './order.js';
import type { FeatureStateReport } from './states.js';

/** A feature's priority as its place in the order uses it. */
export interface FeaturePriority {
  /** As written; absent for an entry that writes none (it counts as medium, P2). */
  raw?: string;
  /** 0 the most urgent (`P0`, `critical`) to 4 (`someday`); see text/priority.ts. */
  rank: number;
  /** Where the priority is written. */
  source?: SourcePosition;
  /** The rank it is taken at: its own, or the higher one of an unfinished feature that waits on it. */
  effectiveRank: number;
  /** The feature whose priority it takes, and where that feature says it depends on this one. */
  inheritedFrom?: { id: string; raw?: string; rank: number; dependency: SourcePosition };
  /** With priorities inside phases (`## Stage 5` / `### P0`): the phase it ranks within. */
  phase?: string;
}

export interface Prioritised {
  features: OrderedFeature[];
  priorities: Map<Feature, FeaturePriority>;
  /** Priorities decided the order (the order source ranks at least one of its entries). */
  byPriority: boolean;
}

/**
 * Priority, then order, then dependencies (docs/next.md, "Order"): when the file that gives the order ranks
 * any of its entries (`## P0` sections, a Priority column, `(P1)`, `**Priority**: High`), the features it
 * lists are taken by rank, an entry without a priority counting as medium (P2), and in the file's order
 * within a rank. A feature that is not finished takes the highest rank of the unfinished features waiting
 * on it, directly or through others, so a P0 that waits on a P3 pulls the P3 forward. Features the file
 * does not list keep their places after it. A file that states its order (an arrow chain in an order section)
 * has weighed priorities itself: its order stands.
 */
export function prioritise(ordered: OrderedFeature[], order: FeatureOrder, stateOf: Map<string, FeatureStateReport>, sequences: readonly Sequence[]): Prioritised {
  const unchanged: Prioritised = { features: ordered, priorities: new Map(), byPriority: false };
  if ((order.source !== 'development' && order.source !== 'backlog') || order.file === undefined) return unchanged;
  // A file that states its order (`511 → 512 → 513` in an order section) has weighed its priorities already.
  if (sequences.find((s) => s.file === order.file)?.statedOrder) return unchanged;
  const priorities = new Map<Feature, FeaturePriority>();
  let anyWritten = false;
  let inPhases = false;
  for (const { feature } of ordered) {
    const entry = feature.sequence.find((s) => s.file === order.file)?.entry;
    if (!entry) continue;
    const written = normalisePriority(entry.priority);
    // A phase that is not itself a priority (`Stage 5: Deploy`, not `P0 — Must ship`) is a stage of the plan.
    const phase = entry.phase !== undefined && normalisePriority(entry.phase) === undefined ? entry.phase : undefined;
    const priority: FeaturePriority = written
      ? { raw: entry.priority!, rank: written.rank, source: entry.priorityAt ?? entry.position, effectiveRank: written.rank }
      : { rank: DEFAULT_PRIORITY_RANK, effectiveRank: DEFAULT_PRIORITY_RANK };
    if (phase !== undefined) priority.phase = phase;
    if (written) {
      anyWritten = true;
      if (phase !== undefined) inPhases = true;
    }
    priorities.set(feature, priority);
  }
  if (!anyWritten) return unchanged;
  // Priorities written inside stages (`## Stage 5` / `### P0`) rank work within each stage; the stages keep their order.
  if (!inPhases) for (const priority of priorities.values()) delete priority.phase;

  const open = (feature: Feature): boolean => {
    const state = stateOf.get(feature.id)?.state;
    return state !== 'done' && state !== 'cancelled';
  };
  const byId = new Map([...priorities.keys()].map((f) => [f.id, f]));
  // Each feature's rank only ever rises (five ranks), so the work list ends after a few passes per feature.
  const queue = [...priorities.keys()].filter(open);
  for (let i = 0; i < queue.length; i++) {
    const waiting = queue[i]!;
    const from = priorities.get(waiting)!;
    for (const dependency of waiting.dependencies) {
      const target = dependency.id !== undefined ? byId.get(dependency.id) : undefined;
      if (!target || target === waiting || !open(target)) continue;
      const taken = priorities.get(target)!;
      if (from.effectiveRank >= taken.effectiveRank) continue;
      taken.effectiveRank = from.effectiveRank;
      const origin = from.inheritedFrom ?? { id: waiting.id, ...(from.raw !== undefined ? { raw: from.raw } : {}), rank: from.rank, dependency: dependency.position };
      taken.inheritedFrom = from.inheritedFrom ? { ...origin, dependency: dependency.position } : origin;
      queue.push(target);
    }
  }

  const rankOf = (o: OrderedFeature): number => priorities.get(o.feature)?.effectiveRank ?? Number.MAX_SAFE_INTEGER;
  // Within stages, a stage sorts at its first feature's place and an entry outside any stage keeps its own.
  const groupStart = new Map<string, number>();
  for (const o of ordered) {
    const phase = priorities.get(o.feature)?.phase;
    if (phase !== undefined && !groupStart.has(phase)) groupStart.set(phase, o.index);
  }
  const groupOf = (o: OrderedFeature): number => {
    if (!inPhases) return 0;
    const phase = priorities.get(o.feature)?.phase;
    return phase !== undefined ? groupStart.get(phase)! : priorities.has(o.feature) ? o.index : Number.MAX_SAFE_INTEGER;
  };
  const features = [...ordered].sort((a, b) => groupOf(a) - groupOf(b) || rankOf(a) - rankOf(b) || a.index - b.index).map((o, index) => ({ ...o, index }));
  return { features, priorities, byPriority: true };
}
