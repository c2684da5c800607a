import type { Diagnostic, FeatureState, SourcePosition, Spec } from '../model/types.js';
import type { EscalationKind } from './escalations.js';
import type { Escalation, NextResult, NextStatus, PlannedFeature, SkipCode, SkippedFeature } from './next.js';
import type { ReviewItem } from '../model/types.js';
import type { ReviewTie } from './reviews.js';
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
  /** Where the attempts are written: the task heading, the item they are nested under, or the row. */
  recordedAt: JsonSource;
  /** Each attempt the file writes out, oldest first. */
  outcomes: Array<{ number: number; result: 'failed' | 'passed' | 'unknown'; cause?: string; sameAsPrevious?: boolean; source: JsonSource }>;
  /** The latest attempt passed. */
  resolved: boolean;
  /** The two latest attempts failed in a row with the same cause. */
  notConverging: boolean;
}

/** A feature that needs a person first (`govern next`'s `escalations`). */
export interface JsonEscalation {
  id: string;
  title: string;
  kind: EscalationKind;
  reason: string;
  /** The line the reason rests on most. */
  source: JsonSource;
  /** Where the evidence is written (the attempts' task heading, item or row). */
  recordedAt: JsonSource;
  /** What a person does to clear it. */
  clear: string;
  /** For the breaker: the task the attempts name, and its counts. */
  task?: string;
  attempts?: number;
  failures?: number;
  causes?: JsonText[];
  /** For `review-cycles`: the reviews without approval, oldest first. */
  reviews?: Array<{ file: string; verdict: string; source: JsonSource }>;
}

/** A review finding: its text, and the file and line it is about when the reviewer gave them. */
export interface JsonReviewItem {
  text: string;
  file?: string;
  line?: number;
}

/** What a feature's reviews say (docs/json.md, "review"). */
export interface JsonFeatureReview {
  latest: { file: string; verdict: string; source: JsonSource; tiedBy: ReviewTie; round: number };
  /** How many reviews are tied to the feature. */
  reviews: number;
  /** Reviews in a row since the last approval that asked for changes or rejected. */
  withoutApproval: number;
  approved: boolean;
  blocking: JsonReviewItem[];
  scopeViolations: JsonReviewItem[];
}

export interface JsonNote {
  kind: 'spec-awaiting-approval';
  message: string;
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
  /** Its latest review's verdict and open findings; absent when no review is tied to it. */
  review?: JsonFeatureReview;
  /** Things to settle that do not change the answer; absent when none. */
  notes?: JsonNote[];
  /** Its priority as written, when the file giving the order ranks its entries; `inheritedFrom` names the feature that waits on it and lends it its rank. */
  priority?: JsonPriority;
}

export interface JsonPriority {
  raw: string;
  rank: number;
  source: JsonSource;
  inheritedFrom?: string;
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
  order: { source: OrderSource; file?: string; byPriority?: true };
  skipped: JsonSkipped[];
  runnersUp: NextJsonBrief[];
  alsoInProgress: NextJsonBrief[];
  /** With `unclear`: the features govern could not choose between or could not place. */
  candidates: NextJsonBrief[];
  /** Work only a lesser list names while a plan lists the work: not candidates. */
  unplanned: NextJsonBrief[];
  lanes?: NextJsonFeature[];
  blockers: JsonSkipped[];
  /** Every unfinished feature that needs a person first, in order; with status `escalate` the first is `feature`. */
  escalations: JsonEscalation[];
  /** With `escalate`: what could be worked on until a person decides. */
  meanwhile?: NextJsonBrief;
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
      recordedAt: jsonSource(a.record.recordedAt),
      outcomes: a.record.outcomes.map((o) => ({
        number: o.number,
        result: o.result,
        ...(o.cause !== undefined ? { cause: o.cause } : {}),
        ...(o.sameAsPrevious ? { sameAsPrevious: true } : {}),
        source: jsonSource(o.position),
      })),
      resolved: a.record.resolved,
      notConverging: a.record.repeatedCause !== undefined,
    };
    if (a.task) item.task = a.task;
    return item;
  });
}

function jsonReviewItem(item: ReviewItem): JsonReviewItem {
  const out: JsonReviewItem = { text: item.text };
  if (item.file !== undefined) out.file = item.file;
  if (item.line !== undefined) out.line = item.line;
  return out;
}

/** A feature's `review` and `notes`, for `govern next --json` and `govern status --json`. */
export function jsonReviewAndNotes(f: PlannedFeature, item: FeatureJsonCore): void {
  const review = f.review;
  if (review) {
    const latest = review.latest;
    item.review = {
      latest: { file: latest.review.file, verdict: latest.review.verdict ?? '', source: jsonSource(latest.verdictSource), tiedBy: latest.by, round: latest.round },
      reviews: review.reviews.length,
      withoutApproval: review.withoutApproval,
      approved: review.approved,
      blocking: review.blocking.map(jsonReviewItem),
      scopeViolations: review.scopeViolations.map(jsonReviewItem),
    };
  }
  if (f.notes.length > 0) item.notes = f.notes.map((n) => ({ kind: n.kind, message: n.message, source: jsonSource(n.source) }));
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
  const priority = jsonPriority(f);
  if (priority) item.priority = priority;
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
  jsonReviewAndNotes(f, item);
  return item;
}

/** A feature's written priority, for JSON; absent when it writes none and takes none from a feature waiting on it. */
export function jsonPriority(f: PlannedFeature): JsonPriority | undefined {
  const priority = f.priority;
  if (!priority || priority.raw === undefined || !priority.source) return undefined;
  const item: JsonPriority = { raw: priority.raw, rank: priority.rank, source: jsonSource(priority.source) };
  if (priority.inheritedFrom) item.inheritedFrom = priority.inheritedFrom.id;
  return item;
}

/** `{ source, file?, byPriority? }`. */
export function jsonOrder(order: NextResult['order']): NextJson['order'] {
  return { source: order.source, ...(order.file ? { file: order.file } : {}), ...(order.byPriority ? { byPriority: true as const } : {}) };
}

export function jsonEscalation(e: Escalation): JsonEscalation {
  const item: JsonEscalation = { id: e.id, title: e.title, kind: e.kind, reason: e.reason, source: jsonSource(e.source), recordedAt: jsonSource(e.recordedAt), clear: e.clear };
  if (e.attempt) {
    if (e.attempt.task) item.task = e.attempt.task;
    item.attempts = e.attempt.record.attempts;
    item.failures = e.attempt.record.failures;
  }
  if (e.causes) item.causes = e.causes.map((c) => ({ text: c.text, source: jsonSource(c.source) }));
  if (e.reviews) item.reviews = e.reviews.map((r) => ({ file: r.review.file, verdict: r.review.verdict ?? '', source: jsonSource(r.verdictSource) }));
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
    order: jsonOrder(result.order),
    skipped: result.skipped.map(jsonSkipped),
    runnersUp: result.runnersUp.map(jsonBrief),
    alsoInProgress: result.alsoInProgress.map(jsonBrief),
    candidates: result.candidates.map(jsonBrief),
    unplanned: result.unplanned.map(jsonBrief),
    blockers: result.blockers.map(jsonSkipped),
    escalations: result.escalations.map(jsonEscalation),
    ...(result.meanwhile ? { meanwhile: jsonBrief(result.meanwhile) } : {}),
    cycles: result.cycles,
    diagnostics: result.diagnostics,
    lookedAt: result.lookedAt,
    searched: result.searched,
  };
  if (result.lanes) json.lanes = result.lanes.map(jsonFeature);
  return json;
}
