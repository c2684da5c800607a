import type { Diagnostic, FeatureState, SourcePosition, Spec } from '../model/types.js';
import type { NextResult, NextStatus, PlannedFeature, SkipCode, SkippedFeature } from './next.js';
import type { OrderSource } from './order.js';
import type { StateBasis, StateCertainty } from './states.js';

/** A place in a file, as JSON output gives it. */
export interface JsonSource {
  file: string;
  line: number;
}

export interface JsonText {
  text: string;
  source: JsonSource;
}

export interface JsonSkipped {
  id: string;
  title: string;
  code: SkipCode;
  reason: string;
  source: JsonSource;
  blockedBy: string[];
}

export interface JsonDependency {
  /** The feature the reference names; absent when it names none. */
  id?: string;
  reference: string;
  state?: FeatureState;
  satisfied: boolean;
  source: JsonSource;
}

export interface JsonAttempt {
  reference: string;
  task?: string;
  attempts: number;
  failures: number;
  escalated: boolean;
  /** The circuit breaker stopped work on it. */
  tripped: boolean;
  source: JsonSource;
}

/** What the JSON of `govern next` and `govern status` says of every feature. */
export interface FeatureJsonCore {
  id: string;
  title: string;
  state: FeatureState;
  /** Where the feature is defined. */
  source: JsonSource;
  /** Where its state was read, and from what kind of evidence. */
  stateSource: JsonSource & { basis: StateBasis };
  stateReason?: string;
  /** Its place in the order, which source placed it there, and where that is written. */
  order: { index: number; placedBy: OrderSource; source: JsonSource };
}

/** A feature in full: the answer of `govern next` and each lane. */
export interface NextJsonFeature extends FeatureJsonCore {
  certainty: StateCertainty;
  /** With certainty `disputed`: what disagrees, and where. */
  dispute?: { message: string; source: JsonSource };
  definition?: JsonText;
  acceptanceCriteria?: JsonText[];
  /** The spec the work happens in: its folder, its layout, the date it was archived (`''` when undated), its Status and file. */
  spec?: { dir: string; layout: Spec['kind']; archived?: string; status?: string; file?: string };
  tasks?: { done: number; total: number; file: string };
  openTasks?: Array<{ id?: string; text: string; source: JsonSource }>;
  dependencies: JsonDependency[];
  attempts?: JsonAttempt[];
  conflicts: Array<{ message: string; source: JsonSource }>;
}

/** A feature in short, for runners-up, the other features in progress, candidates and unplanned work. */
export interface NextJsonBrief {
  id: string;
  title: string;
  state: FeatureState;
  source: JsonSource;
  certainty: StateCertainty;
}

/** `govern next --json`; described in docs/json.md and schema/next.schema.json. */
export interface NextJson {
  schemaVersion: 1;
  kind: 'govern.next';
  status: NextStatus;
  feature: NextJsonFeature | null;
  reason: string;
  reasonSource?: JsonSource;
  order: { source: OrderSource; file?: string };
  skipped: JsonSkipped[];
  runnersUp: NextJsonBrief[];
  alsoInProgress: NextJsonBrief[];
  /** With `unclear`: the features govern could not choose between or could not place. */
  candidates: NextJsonBrief[];
  /** Work only a lesser list names while a plan lists the work: not candidates. */
  unplanned: NextJsonBrief[];
  lanes?: NextJsonFeature[];
  blockers: JsonSkipped[];
  cycles: string[][];
  diagnostics: Diagnostic[];
  lookedAt: string[];
  searched: string[];
}

export function jsonSource(position: SourcePosition): JsonSource {
  return { file: position.file, line: position.line };
}

export function jsonSkipped(skip: SkippedFeature): JsonSkipped {
  return { id: skip.id, title: skip.title, code: skip.code, reason: skip.reason, source: jsonSource(skip.source), blockedBy: skip.blockedBy };
}

export function jsonDependencies(f: PlannedFeature): JsonDependency[] {
  return f.dependencies.map((d) => {
    const item: JsonDependency = { reference: d.reference, satisfied: d.satisfied, source: jsonSource(d.position) };
    if (d.id !== undefined) item.id = d.id;
    if (d.state !== undefined) item.state = d.state;
    return item;
  });
}

export function jsonAttempts(f: PlannedFeature): JsonAttempt[] {
  return f.attempts.map((a) => {
    const item: JsonAttempt = {
      reference: a.record.reference,
      attempts: a.record.attempts,
      failures: a.record.failures,
      escalated: a.record.escalated,
      tripped: a.tripped,
      source: jsonSource(a.record.position),
    };
    if (a.task) item.task = a.task;
    return item;
  });
}

export function jsonFeature(f: PlannedFeature): NextJsonFeature {
  const item: NextJsonFeature = {
    id: f.id,
    title: f.title,
    state: f.state.state,
    source: jsonSource(f.feature.position),
    stateSource: { ...jsonSource(f.state.source), basis: f.state.basis },
    order: { index: f.index, placedBy: f.placedBy, source: jsonSource(f.orderSource) },
    dependencies: jsonDependencies(f),
    conflicts: f.state.conflicts.map((c) => ({ message: c.message, source: jsonSource(c.source) })),
    certainty: f.state.certainty,
  };
  if (f.state.dispute) item.dispute = { message: f.state.dispute.message, source: jsonSource(f.state.dispute.source) };
  if (f.state.reason) item.stateReason = f.state.reason;
  const product = f.feature.product;
  if (product?.definition) item.definition = { text: product.definition.value, source: jsonSource(product.definition.position) };
  if (product && product.acceptanceCriteria.length > 0) {
    item.acceptanceCriteria = product.acceptanceCriteria.map((c) => ({ text: c.value, source: jsonSource(c.position) }));
  }
  if (f.spec) {
    const spec: NonNullable<NextJsonFeature['spec']> = { dir: f.spec.dir, layout: f.spec.kind };
    if (f.spec.archived !== undefined) spec.archived = f.spec.archived;
    if (f.spec.spec?.status) spec.status = f.spec.spec.status.value;
    if (f.spec.spec?.file) spec.file = f.spec.spec.file;
    item.spec = spec;
  }
  if (f.state.tasks) item.tasks = { done: f.state.tasks.done, total: f.state.tasks.total, file: f.state.tasks.file };
  else if (f.spec?.tasks && f.spec.tasks.tasks.length > 0) {
    const tasks = f.spec.tasks.tasks;
    item.tasks = { done: tasks.filter((t) => t.done).length, total: tasks.length, file: f.spec.tasks.file };
  }
  if (f.openTasks.length > 0) {
    item.openTasks = f.openTasks.map((t) => (t.id ? { id: t.id, text: t.text, source: jsonSource(t.position) } : { text: t.text, source: jsonSource(t.position) }));
  }
  if (f.attempts.length > 0) item.attempts = jsonAttempts(f);
  return item;
}

export function jsonBrief(f: PlannedFeature): NextJsonBrief {
  return { id: f.id, title: f.title, state: f.state.state, source: jsonSource(f.feature.position), certainty: f.state.certainty };
}

/** The versioned envelope `govern next --json` prints. */
export function toNextJson(result: NextResult): NextJson {
  const json: NextJson = {
    schemaVersion: 1,
    kind: 'govern.next',
    status: result.status,
    feature: result.feature ? jsonFeature(result.feature) : null,
    reason: result.reason,
    ...(result.reasonSource ? { reasonSource: jsonSource(result.reasonSource) } : {}),
    order: result.order.file ? { source: result.order.source, file: result.order.file } : { source: result.order.source },
    skipped: result.skipped.map(jsonSkipped),
    runnersUp: result.runnersUp.map(jsonBrief),
    alsoInProgress: result.alsoInProgress.map(jsonBrief),
    candidates: result.candidates.map(jsonBrief),
    unplanned: result.unplanned.map(jsonBrief),
    blockers: result.blockers.map(jsonSkipped),
    cycles: result.cycles,
    diagnostics: result.diagnostics,
    lookedAt: result.lookedAt,
    searched: result.searched,
  };
  if (result.lanes) json.lanes = result.lanes.map(jsonFeature);
  return json;
}
