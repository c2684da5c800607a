import type { Project } from '../model/project.js';
import type { Diagnostic, FeatureState, Spec } from '../model/types.js';
import { planFeatures, type PlannedFeature } from './next.js';
import {
  jsonAttempts,
  jsonDependencies,
  jsonEscalation,
  jsonOrder,
  jsonPriority,
  jsonReviewAndNotes,
  jsonSource,
  type FeatureJsonCore,
  type JsonAttempt,
  type JsonDependency,
  type JsonEscalation,
  type JsonSource,
} from './next-json.js';
import type { FeatureOrder, OrderSource } from './order.js';
import { featureStates, type FeatureStateReport } from './states.js';
import type { SkipCode } from './next.js';
import { reviewLinks, type UnattachedReview } from './reviews.js';

export interface StatusSummary {
  total: number;
  done: number;
  inProgress: number;
  todo: number;
  blocked: number;
  cancelled: number;
  /** Features whose sources disagree about their state. */
  conflicts: number;
}

export interface StatusResult {
  order: FeatureOrder;
  /** Every feature, in the order `govern next` walks. */
  features: PlannedFeature[];
  summary: StatusSummary;
  cycles: string[][];
  diagnostics: Diagnostic[];
  /** Reviews no feature could be tied to, with why (docs/formats/review.md). */
  unattachedReviews: UnattachedReview[];
}

/** Every feature in order with its state and where it came from: what `govern status` shows. Pure. */
export function projectStatus(project: Project, options: { states?: FeatureStateReport[] } = {}): StatusResult {
  const plan = planFeatures(project, options.states ?? featureStates(project));
  const count = (state: FeatureState) => plan.features.filter((f) => f.state.state === state).length;
  return {
    order: plan.ordering.order,
    features: plan.features,
    summary: {
      total: plan.features.length,
      done: count('done'),
      inProgress: count('in-progress'),
      todo: count('todo'),
      blocked: count('blocked'),
      cancelled: count('cancelled'),
      conflicts: plan.features.filter((f) => f.state.conflicts.length > 0).length,
    },
    cycles: plan.cycles,
    diagnostics: plan.diagnostics,
    unattachedReviews: reviewLinks(project).unattached,
  };
}

export interface StatusJsonFeature extends FeatureJsonCore {
  tasks?: { done: number; total: number; file: string };
  specs: string[];
  /** The layouts its specs are written in (`speckit`, `agent`, `openspec`, `kiro`), one each. */
  layouts?: Array<Spec['kind']>;
  dependencies: JsonDependency[];
  attempts?: JsonAttempt[];
  /** Why `govern next` would not take it now; absent when it could (or it is done). */
  waiting?: { code: SkipCode; reason: string; source: JsonSource };
  /** Why a person must decide before work on it goes on (`govern next` answers `escalate`). */
  escalation?: JsonEscalation;
  conflicts: Array<{ message: string; source: JsonSource }>;
}

/** `govern status --json`; described in docs/json.md and schema/status.schema.json. */
export interface StatusJson {
  schemaVersion: 1;
  kind: 'govern.status';
  order: { source: OrderSource; file?: string; byPriority?: true };
  summary: StatusSummary;
  features: StatusJsonFeature[];
  cycles: string[][];
  diagnostics: Diagnostic[];
  /** Reviews no feature could be tied to; `[]` when none. */
  unattachedReviews: Array<{ file: string; reason: string }>;
}

export function toStatusJson(result: StatusResult): StatusJson {
  return {
    schemaVersion: 1,
    kind: 'govern.status',
    order: jsonOrder(result.order),
    summary: result.summary,
    features: result.features.map((f) => {
      const item: StatusJsonFeature = {
        id: f.id,
        title: f.title,
        state: f.state.state,
        source: jsonSource(f.feature.position),
        stateSource: { ...jsonSource(f.state.source), basis: f.state.basis },
        order: { index: f.index, placedBy: f.placedBy, source: jsonSource(f.orderSource) },
        specs: f.feature.specs.map((s) => s.dir),
        ...(f.feature.specs.length > 0 ? { layouts: [...new Set(f.feature.specs.map((s) => s.kind))] } : {}),
        dependencies: jsonDependencies(f),
        conflicts: f.state.conflicts.map((c) => ({ message: c.message, source: jsonSource(c.source) })),
      };
      if (f.state.reason) item.stateReason = f.state.reason;
      if (f.state.tasks) item.tasks = { done: f.state.tasks.done, total: f.state.tasks.total, file: f.state.tasks.file };
      if (f.attempts.length > 0) item.attempts = jsonAttempts(f);
      jsonReviewAndNotes(f, item);
      if (f.escalation) item.escalation = jsonEscalation(f.escalation);
      const priority = jsonPriority(f);
      if (priority) item.priority = priority;
      if (f.skip && f.skip.code !== 'done' && f.skip.code !== 'cancelled') {
        item.waiting = { code: f.skip.code, reason: f.skip.reason, source: jsonSource(f.skip.source) };
      }
      return item;
    }),
    cycles: result.cycles,
    diagnostics: result.diagnostics,
    unattachedReviews: result.unattachedReviews.map((u) => ({ file: u.review.file, reason: u.reason })),
  };
}
