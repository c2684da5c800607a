import { locationsOf } from '../kinds/index.js';
import type { Feature, Project } from '../model/project.js';
import type { Diagnostic, DocumentKind, FeatureState, SourcePosition, Spec, Task } from '../model/types.js';
import { featureFromStateUnit, isNothing } from '../model/identity/build-features.js';
import { lineStarts } from '../text/lines.js';
import { isSetAsideWord } from '../text/state-words.js';
import { andList } from '../text/messages.js';
import { isReadme } from '../text/document-names.js';
import { specOrdinal } from '../text/spec-numbers.js';
import { attemptsByFeature, type FeatureAttempt } from './attempts.js';
import { escalationOf, type EscalationReport } from './escalations.js';
import { dependencyCycles, dependencyGraph, dependsOn } from './dependencies.js';
import { orderFeatures, sequenceKind, unkeptPlans, type FeatureOrder, type OrderSource } from './order.js';
import { featureStates, isDocumentStatus, type FeatureStateReport, type StateEvidence } from './states.js';
import { planAuthorityOf } from './plan-authority.js';
import { prioritise, type FeaturePriority } from './priorities.js';
import { featureReview, reviewLinks, type FeatureReview } from './reviews.js';
import { awaitingApprovalByFeature, statusValuePosition } from './spec-approval.js';

export { dependencyCycles } from './dependencies.js';
export type { FeatureOrder, OrderSource } from './order.js';
export type { EscalationKind, EscalationReport, EscalationSubject } from './escalations.js';
export type { FeaturePriority } from './priorities.js';

/**
 * `unclear`: the documents do not say enough to choose (nothing records a state, two records disagree,
 * or nothing orders two candidates); the answer names what was read and what would settle it.
 * `escalate`: a feature that is not finished needs a person's decision first (the circuit breaker
 * stopped it); `escalations` says which and why, `meanwhile` what could be worked on until then.
 */
export type NextStatus = 'next' | 'continue' | 'done' | 'blocked' | 'empty' | 'unclear' | 'escalate';

/** A feature that needs a person first: why, where it is written, what clears it (query/escalations.ts). */
export interface Escalation extends EscalationReport {
  feature: PlannedFeature;
}

/** Why a feature was not the answer. */
export type SkipCode =
  | 'done'
  | 'cancelled'
  | 'blocked'
  | 'circuit-breaker'
  /** Three reviews in a row without approval: a person decides first. */
  | 'review-cycles'
  | 'dependency-cycle'
  | 'dependencies'
  /** Set aside on purpose by its own record (`Deferred`, `⏸️ Paused`): not a candidate now. */
  | 'deferred'
  /** Could start, but a feature already in progress comes first. */
  | 'not-started'
  /** In progress too, but another feature in progress comes first (see the answer's reason). */
  | 'also-in-progress';

export interface PlannedDependency {
  id?: string;
  reference: string;
  position: SourcePosition;
  /** The dependency's state; absent when the reference names no feature. */
  state?: FeatureState;
  satisfied: boolean;
}

/** One feature with everything `next` knows about it. */
export interface PlannedFeature {
  id: string;
  title: string;
  feature: Feature;
  state: FeatureStateReport;
  /** 0-based place in the order. */
  index: number;
  /** Which source placed it: the order's source, or a weaker one when that source does not list it. */
  placedBy: OrderSource;
  /** Where its place in the order is written (sequence entry, PRODUCT.md heading, spec folder). */
  orderSource: SourcePosition;
  dependencies: PlannedDependency[];
  attempts: FeatureAttempt[];
  /** The spec work happens in: the one with open tasks, else the first. */
  spec?: Spec;
  /** Why a person must decide before work on it goes on; absent when nothing needs one. */
  escalation?: Escalation;
  /** Its priority, when the file that gives the order ranks its entries (`order.byPriority`). */
  priority?: FeaturePriority;
  openTasks: Task[];
  /** Why it cannot start now; absent when it can (or is done). */
  skip?: SkippedFeature;
  /** What its reviews say: the latest verdict, open blocking findings, cycles without approval. */
  review?: FeatureReview;
  /** Things to settle that do not change the answer (a spec still awaiting approval). */
  notes: FeatureNote[];
}

export interface FeatureNote {
  kind: 'spec-awaiting-approval';
  message: string;
  source: SourcePosition;
}

export interface SkippedFeature {
  id: string;
  title: string;
  code: SkipCode;
  /** A sentence a person can act on, naming files and lines. */
  reason: string;
  /** The line that decided it. */
  source: SourcePosition;
  /** The ids (or unresolved references) standing in the way, for dependency skips. */
  blockedBy: string[];
}

export interface NextOptions {
  /** Also return up to this many features that can be worked on in parallel now (at least 1). */
  lanes?: number;
  /** Precomputed `featureStates(project)`, to avoid computing them twice. */
  states?: FeatureStateReport[];
}

export interface NextResult {
  status: NextStatus;
  /** The feature to work on (`next`, `continue`), or with `blocked` the one to unblock first. */
  feature?: PlannedFeature;
  /** One sentence: why this answer, naming files and lines. */
  reason: string;
  /** The line the reason rests on most. */
  reasonSource?: SourcePosition;
  order: FeatureOrder;
  /** Every feature, in order. */
  features: PlannedFeature[];
  /** Features before the answer in the order (all of them when there is no answer), each with why it was passed over. */
  skipped: SkippedFeature[];
  /** With `continue`: the other features in progress, in order. */
  alsoInProgress: PlannedFeature[];
  /** The next few features that could be taken instead, in order of preference. */
  runnersUp: PlannedFeature[];
  /** With `lanes`: features that can be worked on in parallel now, none depending on another. */
  lanes?: PlannedFeature[];
  /** With `unclear`: the features govern could not choose between or could not place, best first. */
  candidates: PlannedFeature[];
  /**
   * Work only a backlog or another lesser list names while a plan lists the work (`ROADMAP.md` beside
   * `BACKLOG.md`): not a candidate, shown apart so it is not lost.
   */
  unplanned: PlannedFeature[];
  /** With `blocked`: the unfinished features and what holds each. */
  blockers: SkippedFeature[];
  /** Every unfinished feature that needs a person first, in order (with `escalate`; empty otherwise). */
  escalations: Escalation[];
  /** With `escalate`: what `next` would give with the escalated features set aside, if anything. */
  meanwhile?: PlannedFeature;
  cycles: string[][];
  /** Dependency cycles, as diagnostics. */
  diagnostics: Diagnostic[];
  /** The documents features were read from. */
  lookedAt: string[];
  /** Where features are declared, as globs, for the `empty` answer. */
  searched: string[];
}

const RUNNERS_UP = 3;
const FEATURE_KINDS: readonly DocumentKind[] = ['product', 'sequence', 'spec', 'tasks', 'state'];
const DECLARING_KINDS: readonly DocumentKind[] = ['product', 'sequence', 'spec'];

/**
 * The next feature to work on, decided from the files alone; docs/next.md describes the algorithm.
 * Pure: reads nothing but `project`.
 */
export function nextFeature(project: Project, options: NextOptions = {}): NextResult {
  if (options.lanes !== undefined && (!Number.isInteger(options.lanes) || options.lanes < 1)) {
    throw new RangeError(`lanes must be a whole number of at least 1 (got ${options.lanes})`);
  }
  const planned = planFeatures(project, options.states ?? featureStates(project));
  const { ordering, features, cycles, diagnostics, unplanned } = planned;
  // The README is read for a roadmap section; one without it was not a place the work could have been declared.
  const readmeRoadmap = project.sequences.some((s) => isReadme(s.file) && s.entries.length > 0);
  const lookedAt = project.documents.filter((d) => d.parsed && d.kinds.some((k) => FEATURE_KINDS.includes(k)) && (readmeRoadmap || !isReadme(d.file))).map((d) => d.file);
  const searched = DECLARING_KINDS.flatMap((kind) => locationsOf(kind, project.config));
  const base = {
    order: ordering.order,
    features,
    alsoInProgress: [] as PlannedFeature[],
    runnersUp: [] as PlannedFeature[],
    blockers: [] as SkippedFeature[],
    escalations: [] as Escalation[],
    candidates: [] as PlannedFeature[],
    unplanned,
    cycles,
    diagnostics,
    lookedAt,
    searched,
  };

  if (features.length === 0) {
    return {
      ...base,
      status: 'empty',
      reason: emptyReason(lookedAt),
      skipped: [],
      ...(options.lanes !== undefined ? { lanes: [] } : {}),
    };
  }

  // Work in progress first: what the documents say is under way before what only its ticks suggest.
  const underWay = features.filter((f) => f.state.state === 'in-progress' && !f.skip);
  const passed = passedBy(underWay, features);
  const pointed = underWay.some(isPointed);
  let looseEnds: ReadonlySet<PlannedFeature> = new Set();
  const inProgress = underWay.sort(
    (a, b) =>
      Number(passed.has(a)) - Number(passed.has(b)) ||
      (pointed ? Number(bySpecAlone(a)) - Number(bySpecAlone(b)) : 0) ||
      explicitness(a) - explicitness(b) ||
      Number(taskUnderWay(b)) - Number(taskUnderWay(a)) ||
      a.index - b.index,
  );
  // What a current-focus line names as next comes before the plan's first open entry, whose boxes may lag behind.
  const startable = features.filter((f) => f.state.state === 'todo' && !f.skip).sort((a, b) => Number(namedNext(b)) - Number(namedNext(a)) || a.index - b.index);
  const lanes = options.lanes !== undefined ? pickLanes([...inProgress, ...startable], options.lanes, project) : undefined;
  const withLanes = lanes ? { lanes } : {};

  // A spec left with little open while every later spec that started is finished is a loose end: the work moved on,
  // and what is planned next comes before it.
  if (inProgress.length > 0 && startable.length > 0 && inProgress.every((f) => looseEnd(f, features))) {
    looseEnds = new Set(inProgress);
    inProgress.length = 0;
  }
  const chosen = inProgress[0] ?? startable[0];
  // Work the plan has moved past is a loose end, not a rival of the work after it.
  const unclear = unclearAnswer(project, features, chosen, chosen !== undefined && chosen === inProgress[0] ? inProgress.filter((f) => !passed.has(f)) : startable, lookedAt);

  // A person must decide first: saying so comes before any other answer, so a loop that runs `next` stops.
  const escalations = features.map((f) => f.escalation).filter((e): e is Escalation => e !== undefined);
  if (escalations.length > 0) {
    const first = escalations[0]!;
    return {
      ...base,
      ...withLanes,
      status: 'escalate',
      feature: first.feature,
      reason: first.reason,
      reasonSource: first.source,
      escalations,
      ...(chosen && !unclear ? { meanwhile: chosen } : {}),
      skipped: features.slice(0, first.feature.index).flatMap((f) => (f.skip ? [f.skip] : [])),
    };
  }
  if (unclear) {
    return {
      ...base,
      status: 'unclear',
      reason: unclear.reason,
      reasonSource: unclear.source,
      candidates: unclear.candidates,
      // Each skipped feature says what it is: one under way is passed over as such, not called not started.
      skipped: features.slice(0, chosen ? chosen.index : features.length).map((f) => {
        if (f.skip) return f.skip;
        if (looseEnds.has(f)) return looseEndSkip(f, features);
        if (!chosen) return notStarted(f, f);
        return f.state.state === 'in-progress' ? alsoInProgress(f, chosen, passed) : notStarted(f, chosen);
      }),
    };
  }

  if (inProgress.length > 0) {
    const chosen = inProgress[0]!;
    const others = inProgress.slice(1);
    const skipped = features.slice(0, chosen.index).map((f) => f.skip ?? (f.state.state === 'in-progress' ? alsoInProgress(f, chosen, passed) : notStarted(f, chosen)));
    return {
      ...base,
      ...withLanes,
      status: 'continue',
      feature: chosen,
      reason: continueReason(chosen, others, startable, passed),
      reasonSource: chosen.state.source,
      skipped,
      alsoInProgress: others,
      runnersUp: [...others, ...startable].slice(0, RUNNERS_UP),
    };
  }

  if (startable.length > 0) {
    const chosen = startable[0]!;
    const jumped = startable.some((f) => f.index < chosen.index);
    return {
      ...base,
      ...withLanes,
      status: 'next',
      feature: chosen,
      reason:
        (jumped ? namedNextReason(chosen, ordering.order) : nextReason(chosen, ordering.order)) +
        (looseEnds.size > 0 ? ` ${listNames([...looseEnds].map((f) => f.id))} ${looseEnds.size === 1 ? 'is' : 'are'} left with little open (a task or two, a fifth of its tasks or fewer, only checks of finished work, or any share once five specs after it are finished), but every spec after ${looseEnds.size === 1 ? 'it' : 'them'} that started is finished: a loose end, not the work under way.` : ''),
      reasonSource: jumped ? chosen.state.source : chosen.orderSource,
      skipped: features.slice(0, chosen.index).map((f) => f.skip ?? (looseEnds.has(f) ? looseEndSkip(f, features) : notStarted(f, chosen, `the current focus names ${chosen.id} as next`))),
      runnersUp: startable.slice(1, 1 + RUNNERS_UP),
    };
  }

  const skipped = features.map((f) => f.skip!);
  const blockers = skipped.filter((s) => s.code !== 'done' && s.code !== 'cancelled' && s.code !== 'deferred');
  if (blockers.length === 0) {
    const cancelled = skipped.filter((s) => s.code === 'cancelled').length;
    const deferred = skipped.filter((s) => s.code === 'deferred').length;
    const done = skipped.length - cancelled - deferred;
    const aside = unplanned.filter((f) => f.state.state !== 'done' && f.state.state !== 'cancelled');
    const named = workOnlyStatesName(project, features.length);
    if (named) {
      return {
        ...base,
        ...withLanes,
        status: 'next',
        feature: named,
        reason: `Every feature ${describeOrder(ordering.order)} lists is finished (${skipped.length}), and ${at(named.orderSource)} still names this as work to do; no feature stands for it, so it comes next.`,
        reasonSource: named.orderSource,
        skipped,
      };
    }
    return {
      ...base,
      ...withLanes,
      status: 'done',
      reason: `All ${skipped.length} feature${skipped.length === 1 ? ' is' : 's are'} finished${deferred ? ' or set aside' : ''}: ${done} done${cancelled ? `, ${cancelled} cancelled` : ''}${deferred ? `, ${deferred} set aside` : ''}.${
        aside.length > 0 ? ` ${aside.length} open item${aside.length === 1 ? '' : 's'} in ${[...new Set(aside.map((f) => listedIn(f)))].join(', ')} ${aside.length === 1 ? 'is' : 'are'} not in ${describeOrder(ordering.order)}, so not next: ${aside.slice(0, 3).map((f) => f.id).join(', ')}${aside.length > 3 ? ', …' : ''}.` : ''
      }`,
      skipped,
    };
  }
  // The feature to unblock: the first one held by its own state or by the breaker, not one merely waiting.
  const root = features.find((f) => f.skip?.code === 'blocked' || f.skip?.code === 'circuit-breaker') ?? features.find((f) => f.skip === blockers[0]);
  return {
    ...base,
    ...withLanes,
    status: 'blocked',
    ...(root ? { feature: root } : {}),
    reason: `Work remains but nothing can start: ${blockers
      .slice(0, 3)
      .map((b) => `${b.id} — ${b.reason}`)
      .join('; ')}${blockers.length > 3 ? `; and ${blockers.length - 3} more` : ''}.`,
    reasonSource: blockers[0]!.source,
    skipped,
    blockers,
  };
}

/**
 * How directly the documents say a feature's state: 0 on the feature itself (its mark, a Status line, a
 * current-focus pointer), 1 by the section it is in, 2 only by its ticks.
 */
/** `phase` for `phase-3`, `F` for `F-012`: the numbered family an id belongs to; undefined for an id without a number. */
function idFamily(id: string): string | undefined {
  // Read from the end, without a pattern that could backtrack: an optional letter, the number, a separator.
  const isDigit = (at: number) => at >= 0 && id.charCodeAt(at) >= 48 && id.charCodeAt(at) <= 57;
  let end = id.length;
  if (end > 1 && /[a-z]/iu.test(id[end - 1]!) && isDigit(end - 2)) end--;
  if (!isDigit(end - 1)) return undefined;
  // A version of several parts is one number: `v0-11-1` (v0.11.1) and `v0-13` are both of the family `v`.
  const version = /^v\d/u.test(id);
  let stem = end;
  while (stem > 0 && (isDigit(stem - 1) || id[stem - 1] === '.' || (version && id[stem - 1] === '-' && isDigit(stem - 2)))) stem--;
  if (stem > 0 && '-_.'.includes(id[stem - 1]!)) stem--;
  return stem === 0 ? undefined : id.slice(0, stem).toLowerCase();
}

/**
 * Of several features in progress, those the work has moved past: a later entry of the same plan and of the
 * same numbered family is already done (`Phase 0` with two chores open while Phases 1–4 are finished). Their
 * open items are loose ends, and work under way elsewhere comes first. With one feature in progress, nothing
 * is passed by.
 */
function passedBy(underWay: readonly PlannedFeature[], features: readonly PlannedFeature[]): Set<PlannedFeature> {
  const passed = new Set<PlannedFeature>();
  if (underWay.length < 2) return passed;
  for (const f of underWay) {
    const family = idFamily(f.id);
    const plans = new Map(f.feature.sequence.map(({ file, entry }) => [file, entry.index]));
    if (family === undefined || plans.size === 0) continue;
    const later = features.some(
      (g) =>
        g.state.state === 'done' &&
        idFamily(g.id) === family &&
        g.feature.sequence.some(({ file, entry }) => plans.has(file) && entry.index > plans.get(file)!),
    );
    if (later) passed.add(f);
  }
  // Work with only checks of finished work left (`Manual smoke test`) gives way to work with building left, and so does
  // a story built and waiting for its review.
  const built = (f: PlannedFeature): boolean => checksLeft(f) || awaitingReview(f);
  if (underWay.some((f) => !built(f))) for (const f of underWay) if (built(f)) passed.add(f);

  // When every one is passed by, none is preferred.
  if (passed.size === underWay.length) passed.clear();
  return passed;
}

/** A story built and waiting for its review (`Status: review`, every one of its tasks ticked). */
function awaitingReview(f: PlannedFeature): boolean {
  const tasks = f.state.tasks;
  return tasks !== undefined && tasks.total > 0 && tasks.done === tasks.total && f.feature.specs.some((s) => s.kind === 'story') && /review/iu.test(f.state.evidence[0]?.raw ?? '');
}

/** The lowest number of a feature's spec folders (`2` of `specs/002-x`; see `specOrdinal`), or undefined when none is numbered. */
function specNumberOf(f: PlannedFeature): number | undefined {
  const numbers = f.feature.specs.map((s) => specOrdinal(s.number)).filter((n): n is number => n !== undefined);
  return numbers.length > 0 ? Math.min(...numbers) : undefined;
}

/**
 * Whether a feature under way by its spec's tasks alone is a loose end: one or two tasks open, and every spec
 * numbered after it that has started is finished, two or more of them; a fifth of its tasks or fewer open, and three
 * or more specs after it started and all finished (work went on through several features while these stayed open);
 * more open, and five or more specs after it started and all finished;
 * or only checks of finished work open, and the specs after it that started are finished, or have only checks left
 * too, one of them at least finished.
 */
function looseEnd(f: PlannedFeature, features: readonly PlannedFeature[]): boolean {
  const tasks = f.state.tasks;
  const number = specNumberOf(f);
  if (f.state.basis !== 'tasks' || !tasks || number === undefined) return false;
  const checks = checksLeft(f);
  const open = tasks.total - tasks.done;
  // Many open tasks are loose ends too once the work went on through five or more features, all finished since.
  const needed = checks ? 1 : open <= 2 ? 2 : open * 5 <= tasks.total ? 3 : 5;
  const later = features.filter((g) => g.state.state !== 'todo' && (specNumberOf(g) ?? -1) > number);
  const done = later.filter((g) => g.state.state === 'done');
  return later.length >= needed && done.length >= 1 && later.every((g) => g.state.state === 'done' || checksLeft(g));
}

function looseEndSkip(f: PlannedFeature, features: readonly PlannedFeature[]): SkippedFeature {
  const number = specNumberOf(f)!;
  const later = features.filter((g) => g.state.state === 'done' && (specNumberOf(g) ?? -1) > number).map((g) => g.id);
  const open = f.state.tasks!.total - f.state.tasks!.done;
  const left = checksLeft(f) ? `only checks of finished work are` : open === 1 ? 'one task is' : `${open} of ${f.state.tasks!.total} tasks are`;
  return inProgressSkip(f, `in progress, but a loose end: ${left} open (${at(f.state.source)}) while the specs after it that started are finished (${listNames(later)})`);
}

/** A feature in progress that is not the answer, with the reason. */
function inProgressSkip(f: PlannedFeature, reason: string): SkippedFeature {
  return { id: f.id, title: f.title, code: 'also-in-progress', reason, source: f.state.source, blockedBy: [] };
}

/** Whether the feature is under way by its tasks alone, with only checks of finished work open. */
function checksLeft(f: PlannedFeature): boolean {
  return f.state.evidence[0]?.checksOnly === true;
}

/** The current focus's line naming a feature as next, where its state agrees that it has not started. */
function nextPointer(f: PlannedFeature): StateEvidence | undefined {
  if (f.state.state !== 'todo') return undefined;
  return f.state.evidence.find((e) => e.from === 'pointer' && e.state === 'todo');
}

function namedNext(f: PlannedFeature): boolean {
  return nextPointer(f) !== undefined;
}

function namedNextReason(chosen: PlannedFeature, order: FeatureOrder): string {
  const pointer = nextPointer(chosen)!;
  return `${chosen.id} is what the current focus names as next (${at(pointer.source)}: "${pointer.raw}"); it comes before the open entries ahead of it in ${describeOrder(order)}, whose boxes may not have been ticked.`;
}

/** Whether Spec Kit's `.specify/feature.json` is what says the feature is under way. */
function isPointed(f: PlannedFeature): boolean {
  return f.state.basis === 'pointer';
}

/**
 * Whether only the feature's own spec says it is under way (its Status line, its ticks). Where Spec Kit's pointer
 * names another feature, that one comes first: the tool moves the pointer when work starts on a feature, while a
 * spec's Status and leftover boxes stay as they were when the work moved on.
 */
function bySpecAlone(f: PlannedFeature): boolean {
  return f.state.basis === 'spec-status' || f.state.basis === 'tasks';
}

/** A task of its own marked under way (Kiro's `- [-]`): the work being done now, before work only its ticks show begun. */
function underWayTask(f: PlannedFeature): Task | undefined {
  for (const spec of f.feature.specs) {
    const task = spec.tasks?.tasks.find((t) => t.inProgress === true);
    if (task) return task;
  }
  return undefined;
}

function taskUnderWay(f: PlannedFeature): boolean {
  return underWayTask(f) !== undefined;
}

function explicitness(f: PlannedFeature): number {
  const direct = mostDirect(f);
  return direct ? evidenceExplicitness(direct) : 2;
}

/**
 * The most direct record of the state the feature is in: boxes ticked under a spec whose Status names the stage it
 * is at (`Checkpoint 2`) are in progress in words as well as by count.
 */
function mostDirect(f: PlannedFeature): StateEvidence | undefined {
  let best: StateEvidence | undefined;
  for (const evidence of f.state.evidence) {
    if (evidence.state === f.state.state && (!best || evidenceExplicitness(evidence) < evidenceExplicitness(best))) best = evidence;
  }
  return best;
}

/** Where the most direct record of a feature's state is, when it is not the one its state is told by: ` (spec.md:4)`. */
function directWhere(f: PlannedFeature): string {
  const direct = mostDirect(f);
  return direct === undefined || direct === f.state.evidence[0] ? '' : ` (${at(direct.source)})`;
}

function evidenceExplicitness(evidence: StateEvidence): number {
  if (evidence.basis === 'tasks' || evidence.basis === 'default' || evidence.from === 'tasks') return 2;
  // `Status: Draft` speaks of the document, not of the work.
  if (evidence.basis === 'spec-status' && isDocumentStatus(evidence.raw)) return 2;
  return evidence.from === 'section' ? 1 : 0;
}

/**
 * The first open entry of a state file that names no feature (`## Next` / `1. Add a dry-run flag`): once every
 * feature is finished, the work a status file still names is what comes next, not "done". Its own words are its name.
 */
function workOnlyStatesName(project: Project, index: number): PlannedFeature | undefined {
  const retired = planAuthorityOf(project).retired;
  // A backlog is read as a state file too, but its open entries are a pool of work the plan may leave out, not the
  // next step a status file records; an entry counts when its section (`## Next`) or a pointer gives its state.
  const pools = new Set(project.sequences.map((s) => s.file));
  const attached = new Set(project.features.flatMap((f) => f.stateEntries.map(({ entry }) => entry)));
  for (const stateFile of project.states) {
    if (retired.has(stateFile.file) || pools.has(stateFile.file)) continue;
    const entry = stateFile.entries.find((e) => e.mark.state === 'todo' && e.stateFrom !== undefined && e.stateFrom !== 'tasks' && !attached.has(e) && !isNothing(e.reference));
    if (!entry) continue;
    const feature = featureFromStateUnit(stateFile.file, entry, undefined);
    const state = featureStates({ ...project, features: [feature] })[0] ?? defaultState(feature);
    return { id: feature.id, title: feature.title, feature, state, index, placedBy: 'status', orderSource: entry.mark.position, dependencies: [], attempts: [], openTasks: [], notes: [] };
  }
  return undefined;
}

/** The file a feature is listed in, for sentences. */
function listedIn(f: PlannedFeature): string {
  return f.feature.sequence[0]?.file ?? f.feature.position.file;
}

interface UnclearAnswer {
  reason: string;
  source: SourcePosition;
  candidates: PlannedFeature[];
}

/**
 * Why the documents do not say enough to choose, when they do not: a feature up to the answer whose state
 * two records dispute; a feature whose tasks are named without any state, which may be under way; nothing
 * in the repository recording a state at all; or two candidates nothing orders (the same spec number, no
 * number at all). See docs/next.md ("When govern cannot tell").
 */
function unclearAnswer(project: Project, features: PlannedFeature[], chosen: PlannedFeature | undefined, step: PlannedFeature[], lookedAt: string[]): UnclearAnswer | undefined {
  // Where the current focus names the answer as next, it has passed the entries ahead of it, boxes and all.
  const upTo = chosen ? (namedNext(chosen) ? [chosen] : features.slice(0, chosen.index + 1)) : features;
  // A dispute whose winner says not started sets "not started" against "finished": either way the work is not under way,
  // so it is no rival of the work that is.
  const disputed = upTo.find((f) => f.state.certainty === 'disputed' && f.state.dispute && !(chosen?.state.state === 'in-progress' && f.state.state === 'todo'));
  if (disputed) {
    return {
      reason: `The documents disagree about ${disputed.id}: ${disputed.state.dispute!.message} (${at(disputed.state.dispute!.source)}). Settle which is right (tick the tasks done, or correct the status) before choosing what comes next.`,
      source: disputed.state.dispute!.source,
      candidates: [disputed, ...(chosen && chosen !== disputed ? [chosen] : [])],
    };
  }
  const unknown = features.filter((f) => f.state.certainty === 'unknown');
  if (unknown.length > 0) {
    const files = unknown.map((f) => f.spec?.tasks?.file ?? f.feature.position.file);
    return {
      reason: `${listNames(unknown.map((f) => f.id))} name${unknown.length === 1 ? 's' : ''} tasks (${listNames([...new Set(files)])}) without recording whether any is done, so ${unknown.length === 1 ? 'it' : 'they'} may be finished or under way${chosen ? ` before ${chosen.id}` : ''}. Tick the tasks done (- [x]) or give ${unknown.length === 1 ? 'it' : 'each'} a Status.`,
      source: unknown[0]!.feature.position,
      candidates: [...unknown, ...(chosen ? [chosen] : [])].slice(0, 5),
    };
  }
  // A task list whose boxes are all open records that its work has not started: that is a state.
  const recordsByBoxes = (f: PlannedFeature): boolean => (f.state.tasks?.total ?? 0) > 0;
  if (chosen && features.every((f) => f.state.certainty === 'default' && !recordsByBoxes(f)) && features.every((f) => f.placedBy === 'product' || f.placedBy === 'specs' || f.placedBy === 'none')) {
    return {
      reason: `${listNames(lookedAt)} describe${lookedAt.length === 1 ? 's' : ''} ${features.length} feature${features.length === 1 ? '' : 's'}, but nothing records the state of any of them, nor an order of work. Add a Status to each, a status.md, or a plan that orders them (docs/DEVELOPMENT.md, ROADMAP.md).`,
      source: features[0]!.feature.position,
      candidates: features.slice(0, 5),
    };
  }
  // A spec nobody has started, behind which most specs numbered after it are finished: it may have been built
  // without its boxes being ticked, or set aside. Its number does not make it next. A number two folders use
  // (`001-portfolio-site` and a later `001-certificates`) does not place the spec before the others either: the
  // rule does not apply.
  const numbered = (f: PlannedFeature): boolean => f.placedBy === 'specs' && f.feature.specs[0]?.number !== undefined;
  const numberShared = (f: PlannedFeature): boolean =>
    features.some((g) => g !== f && specNumberOf(g) !== undefined && specNumberOf(g) === specNumberOf(f) && layoutFamily(g) === layoutFamily(f));
  if (chosen && chosen.state.state === 'todo' && numbered(chosen) && explicitness(chosen) === 2 && !numberShared(chosen)) {
    const later = features.filter((f) => f.index > chosen.index && numbered(f) && layoutFamily(f) === layoutFamily(chosen));
    const finished = later.filter((f) => f.state.state === 'done');
    if (finished.length >= 2 && finished.length * 2 > later.length) {
      return {
        reason: `${chosen.id} has not started, but ${finished.length} of the ${later.length} specs numbered after it are finished: it may have been built without its tasks being ticked, or set aside. Tick what is done, give it a Status, or list the order of work in a plan.`,
        source: chosen.orderSource,
        candidates: [chosen],
      };
    }
  }
  // A plan that records no state for any of its entries (`## Phase 1` … `## Phase 5` over plain bullets) gives an order,
  // not progress; where specs beside it are finished, its first entry may be built already.
  if (chosen && chosen.state.state === 'todo' && chosen.state.certainty === 'default' && (chosen.placedBy === 'development' || chosen.placedBy === 'backlog')) {
    const planFile = listedIn(chosen);
    const planned = features.filter((f) => f.placedBy === chosen.placedBy && listedIn(f) === planFile);
    const finishedSpecs = features.filter((f) => f.placedBy === 'specs' && f.state.state === 'done' && f.state.certainty !== 'default');
    if (planned.length >= 2 && planned.every((f) => f.state.certainty === 'default' && !recordsByBoxes(f) && f.feature.specs.length === 0) && finishedSpecs.length >= 2) {
      return {
        reason: `${planFile} records no state for any of its ${planned.length} entries, while ${finishedSpecs.length} specs beside it are finished: ${chosen.id} may be built already. Mark what is done in ${planFile}, or link its entries to the specs.`,
        source: chosen.orderSource,
        candidates: [chosen, ...finishedSpecs.slice(0, 4)],
      };
    }
  }
  // Work in progress the documents state is finished first whatever its place; only what its ticks alone
  // suggest, or what has not started, needs an order between candidates.
  if (chosen && (chosen.state.state !== 'in-progress' || explicitness(chosen) === 2)) {
    const tied = step.filter((f) => f !== chosen && explicitness(f) === explicitness(chosen) && taskUnderWay(f) === taskUnderWay(chosen) && tie(f, chosen, project));
    if (tied.length > 0) {
      const all = [chosen, ...tied];
      const number = chosen.feature.specs[0]?.number;
      const shared = number !== undefined && all.every((f) => f.feature.specs[0]?.number === number);
      const layouts = all.some((f) => layoutFamily(f) !== layoutFamily(chosen));
      const why = shared
        ? ` (they share the number ${number})`
        : layouts
          ? ': they are written in different layouts (a spec number orders the specs of its own layout only), and no plan orders them'
          : ': no number of theirs, no plan and no stated order puts one first';
      return {
        reason: `${listNames(all.map((f) => f.id))} are ${all.length === 2 ? 'both' : 'all'} ${chosen.state.state === 'in-progress' ? 'in progress' : 'ready to start'}, and nothing orders them${why}. Number them apart, or list them in a plan.`,
        source: chosen.orderSource,
        candidates: [chosen, ...tied].slice(0, 5),
      };
    }
  }
  return undefined;
}

/**
 * Whether nothing but their names or their place in a list orders two candidates: spec numbers that are equal
 * or absent; two items of the same status file, or of a list that says it has no order (`in no particular order`),
 * that numbers neither of them; or two items in progress in the same backlog (a plan's own order is an order; a
 * backlog's orders what has not started only).
 */
function tie(a: PlannedFeature, b: PlannedFeature, project: Project): boolean {
  if (a.placedBy === 'specs' && b.placedBy === 'specs' && a.feature.specs.length > 0 && b.feature.specs.length > 0) {
    // A number orders specs of its own layout only: Spec Kit's 003 says nothing about an OpenSpec change.
    if (layoutFamily(a) !== layoutFamily(b)) return true;
    // Backlog.md numbers every task and its sub-tasks (`task-25`, `task-25.1`) apart: its ids order them.
    if (layoutFamily(a) === 'backlog') return false;
    return specNumberOf(a) === specNumberOf(b);
  }
  const ea = placingEntry(a);
  const eb = placingEntry(b);
  if (!ea || !eb || ea.file !== eb.file || ea.ranked || eb.ranked) return false;
  // `## Next Up` in a status file lists what comes next in the order it is to be taken up, as a to-do list does.
  if (listedAsNext(a) && listedAsNext(b)) return false;
  if (a.feature.specs.length > 0 || b.feature.specs.length > 0 || a.feature.product || b.feature.product) return false;
  const sequence = project.sequences.find((s) => s.file === ea.file);
  if (sequence?.statedOrder) return false;
  if (sequence === undefined || sequence.statedOrder === false) return true;
  // Two items under way in one backlog are two pieces of work begun; of two not started, the one listed first is
  // what a reader of the list takes up first, the order a to-do list is kept in.
  return sequenceKind(ea.file) === 'backlog' && a.state.state === 'in-progress' && b.state.state === 'in-progress';
}

/** `Next up`, `Up next`, `Next steps`, `What's next`: the section of a status file that lists what comes next. */
const NEXT_SECTION = /^(?:next(?: up| steps?)?|up next|coming (?:up|next)|what'?s next)$/iu;

/** Whether a feature's state entry has its state from a status file's next-up section. */
function listedAsNext(f: PlannedFeature): boolean {
  const entry = f.feature.stateEntries[0]?.entry;
  return entry?.stateFrom === 'section' && NEXT_SECTION.test(entry.mark.raw.replace(/[^\p{L}\p{N}' ]+/gu, ' ').trim());
}

/** The layout a feature's first spec is written in; single-file specs number along with Spec Kit's folders. */
function layoutFamily(f: PlannedFeature): string {
  const kind = f.feature.specs[0]?.kind;
  return kind === undefined ? '' : kind === 'agent' ? 'speckit' : kind;
}

/** The list entry that gave a feature its place: its first sequence entry, else its first state entry. */
function placingEntry(f: PlannedFeature): { file: string; ranked: boolean } | undefined {
  const sequence = f.feature.sequence[0];
  if (sequence) return { file: sequence.file, ranked: sequence.entry.ranked === true };
  const state = f.feature.stateEntries[0];
  return state ? { file: state.file, ranked: state.entry.ranked === true } : undefined;
}

function listNames(names: readonly string[]): string {
  return andList(names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names);
}

interface Plan {
  ordering: ReturnType<typeof orderFeatures>;
  features: PlannedFeature[];
  /** Work only a lesser list names while a plan lists the work; not candidates. */
  unplanned: PlannedFeature[];
  cycles: string[][];
  diagnostics: Diagnostic[];
}

/**
 * How strongly a sequence file states the work: 0 a file the repository names as its source of truth,
 * 1 one CLAUDE.md imports, 2 a plan (ROADMAP.md, DEVELOPMENT.md), 3 a backlog or to-do list, 3.5 a plan never kept up
 * beside one that is (`unkeptPlans`), 4 the README's roadmap section.
 */
function planClass(authority: ReturnType<typeof planAuthorityOf>, unkept: ReadonlySet<string>, file: string): number {
  const named = authority.authoritative.get(file);
  if (named) return named.reason === 'named' ? 0 : 1;
  if (isReadme(file)) return 4;
  if (unkept.has(file)) return 3.5;
  return sequenceKind(file) === 'development' ? 2 : 3;
}

/**
 * Which features are planned work. Files the repository retires are not read as plans; when a plan (or a file
 * named as the source of truth) lists units, what only a lesser list names (a backlog beside a roadmap) is
 * not planned. Features with a spec or a PRODUCT.md entry are always planned.
 */
function planScope(project: Project, features: readonly Feature[]): { planned: Set<Feature>; unplanned: Set<Feature> } {
  const authority = planAuthorityOf(project);
  const unkept = unkeptPlans(project.sequences);
  const classes = project.sequences.filter((s) => s.entries.length > 0 && !authority.retired.has(s.file)).map((s) => planClass(authority, unkept, s.file));
  const leading = classes.length > 0 ? Math.min(...classes) : 4;
  const planned = new Set<Feature>();
  const unplanned = new Set<Feature>();
  for (const feature of features) {
    const sequences = feature.sequence.filter(({ file }) => !authority.retired.has(file));
    const states = feature.stateEntries.filter(({ file }) => !authority.retired.has(file));
    if (feature.product || feature.specs.length > 0) planned.add(feature);
    else if (sequences.length === 0 && states.length === 0) continue;
    else if (leading < 4 && sequences.length > 0 && sequences.every(({ file }) => planClass(authority, unkept, file) > leading)) unplanned.add(feature);
    else planned.add(feature);
  }
  return { planned, unplanned };
}

/** Orders the features and decides, for each, whether it could be taken now and if not, why. */
export function planFeatures(project: Project, states: FeatureStateReport[]): Plan {
  const scope = planScope(project, project.features);
  const stateOf = new Map(states.map((s) => [s.id, s]));
  // What only the README's roadmap lists is the work after everything else: while a spec or a plan still has work
  // open, it waits, and the README orders nothing.
  const readmeOnly = (feature: Feature): boolean => feature.specs.length === 0 && !feature.product && feature.stateEntries.length === 0 && feature.sequence.length > 0 && feature.sequence.every(({ file }) => isReadme(file));
  const finished = (feature: Feature): boolean => ['done', 'cancelled'].includes(stateOf.get(feature.id)?.state ?? 'todo');
  const readmeWaits = [...scope.planned].some((f) => !readmeOnly(f) && !finished(f)) && [...scope.planned].some(readmeOnly);
  if (readmeWaits) {
    for (const feature of [...scope.planned]) {
      if (!readmeOnly(feature)) continue;
      scope.planned.delete(feature);
      scope.unplanned.add(feature);
    }
  }
  const full = orderFeatures(readmeWaits ? { ...project, sequences: project.sequences.filter((s) => !isReadme(s.file)) } : project);
  const ranked = prioritise(
    full.features.filter((o) => scope.planned.has(o.feature)).map((o, index) => ({ ...o, index })),
    full.order,
    stateOf,
    project.sequences,
  );
  const kept = ranked.features;
  const aside = full.features.filter((o) => scope.unplanned.has(o.feature)).map((o, index) => ({ ...o, index: kept.length + index }));
  const ordering = { order: ranked.byPriority ? { ...full.order, byPriority: true } : full.order, features: kept };
  const attempts = attemptsByFeature(project);
  const reviews = reviewLinks(project);
  const awaiting = awaitingApprovalByFeature(project);
  const cycles = dependencyCycles(project);
  const inCycle = new Map<string, string[]>();
  for (const cycle of cycles) for (const id of cycle) if (!inCycle.has(id)) inCycle.set(id, cycle);
  const byId = new Map(project.features.map((f) => [f.id, f]));

  const lineStartsByFile = new Map<string, number[]>();
  const toPlanned = ({ feature, index, placedBy }: (typeof kept)[number]): PlannedFeature => {
    const state = stateOf.get(feature.id) ?? defaultState(feature);
    const dependencies = feature.dependencies.map((d): PlannedDependency => {
      const target = d.id !== undefined ? byId.get(d.id) : undefined;
      const targetState = target ? (stateOf.get(target.id)?.state ?? 'todo') : undefined;
      const item: PlannedDependency = { reference: d.reference, position: d.position, satisfied: targetState === 'done' && target !== feature };
      if (target) item.id = target.id;
      if (targetState) item.state = targetState;
      return item;
    });
    const spec = workSpec(feature);
    const planned: PlannedFeature = {
      id: feature.id,
      title: feature.title,
      feature,
      state,
      index,
      placedBy,
      orderSource: orderPosition(feature, placedBy),
      dependencies,
      attempts: attempts.get(feature.id) ?? [],
      openTasks: spec?.tasks?.tasks.filter((t) => !t.done) ?? [],
      notes: [],
    };
    if (spec) planned.spec = spec;
    const priority = ranked.priorities.get(feature);
    if (priority) planned.priority = priority;
    const review = featureReview(reviews.byFeature.get(feature.id));
    if (review) planned.review = review;
    if (state.state === 'in-progress') {
      for (const { status } of awaiting.get(feature.id) ?? []) {
        const source = statusValuePosition(project, status);
        planned.notes.push({ kind: 'spec-awaiting-approval', message: `${at(source)} says "${status.value}": approve it before implementing`, source });
      }
    }
    if (planned.state.state !== 'done' && planned.state.state !== 'cancelled') {
      const escalation = escalationOf(planned, project);
      if (escalation) planned.escalation = { ...escalation, feature: planned };
    }
    const skip = skipOf(planned, inCycle.get(feature.id), stateOf, (position) => quoteLine(project, position, lineStartsByFile));
    if (skip) planned.skip = skip;
    return planned;
  };
  const features = kept.map(toPlanned);
  const unplanned = aside.map(toPlanned);

  const diagnostics = cycles.map((cycle) => {
    const first = byId.get(cycle[0]!)!;
    const edge = first.dependencies.find((d) => d.id === (cycle[1] ?? cycle[0]));
    const loop = [...cycle, cycle[0]!].join(' → ');
    return {
      ruleId: 'govern/dependency-cycle',
      severity: 'warning' as const,
      message: `Features depend on each other in a cycle (${loop}): none of them can start until one of these dependencies is removed.`,
      ...(edge?.position ?? first.position),
    };
  });
  return { ordering, features, unplanned, cycles, diagnostics };
}

function skipOf(
  f: PlannedFeature,
  cycle: string[] | undefined,
  stateOf: Map<string, FeatureStateReport>,
  quote: (position: SourcePosition) => string | undefined,
): SkippedFeature | undefined {
  const make = (code: SkipCode, reason: string, source: SourcePosition, blockedBy: string[] = []): SkippedFeature => ({
    id: f.id,
    title: f.title,
    code,
    reason,
    source,
    blockedBy,
  });
  const state = f.state;
  if (state.state === 'done') return make('done', `done (${at(state.source)}${rawOf(state)})`, state.source);
  if (state.state === 'cancelled') return make('cancelled', `cancelled (${at(state.source)}${rawOf(state)})`, state.source);
  if (f.escalation) return make(f.escalation.skipCode, f.escalation.reason, f.escalation.source);
  // `Deferred`, `⏸️ Paused`: set aside on purpose, so not the next thing to build, and nothing waits on a person.
  if ((state.state === 'todo' || state.state === 'blocked') && isSetAsideWord(state.evidence.find((e) => e.basis === state.basis)?.raw ?? '')) return make('deferred', `set aside (${at(state.source)}${rawOf(state)})`, state.source);
  if (state.state === 'blocked') {
    // A `## Blocked` section gives the reason on the item's line rather than as a field: quote the line.
    const why = state.reason ?? quote(state.source);
    return make('blocked', `blocked (${at(state.source)}${why ? `: ${why}` : rawOf(state)})`, state.source);
  }
  if (state.state === 'in-progress') return undefined;
  if (cycle) {
    const edge = f.dependencies.find((d) => d.id !== undefined && cycle.includes(d.id));
    const loop = [...cycle, cycle[0]!].join(' → ');
    return make('dependency-cycle', `its dependencies form a cycle (${loop}; ${at(edge?.position ?? f.feature.position)})`, edge?.position ?? f.feature.position, cycle.filter((id) => id !== f.id));
  }
  const waiting = f.dependencies.filter((d) => !d.satisfied);
  if (waiting.length > 0) {
    const words = waiting.map((d) => {
      if (d.id === undefined) return `"${d.reference}", which names no feature (${at(d.position)})`;
      const dependencyState = stateOf.get(d.id);
      const where = dependencyState ? `, ${at(dependencyState.source)}` : '';
      return `${d.id} (${d.state === 'cancelled' ? 'cancelled, so never satisfied' : (d.state ?? 'todo')}${where})`;
    });
    return make('dependencies', `waits for ${words.join(', ')}`, waiting[0]!.position, waiting.map((d) => d.id ?? d.reference));
  }
  return undefined;
}

function notStarted(f: PlannedFeature, chosen: PlannedFeature, why = `${chosen.id} is already in progress and is finished first`): SkippedFeature {
  return {
    id: f.id,
    title: f.title,
    code: 'not-started',
    reason: `not started; ${why}`,
    source: f.orderSource,
    blockedBy: [],
  };
}

/** A feature in progress before the one chosen, and why the chosen one comes first. */
function alsoInProgress(f: PlannedFeature, chosen: PlannedFeature, passed: ReadonlySet<PlannedFeature>): SkippedFeature {
  const why = !passed.has(f)
    ? `${chosen.id} comes first`
    : checksLeft(f)
      ? `only checks of finished work are left open in it, and ${chosen.id} still has work to build`
      : `the work has moved past it: later entries of ${listedIn(f)} are already done, so its open items are loose ends`;
  return inProgressSkip(f, `in progress too; ${why}`);
}

/** Greedy in order: in-progress work first, then what can start, skipping any feature tied by dependency to one already taken. */
function pickLanes(candidates: PlannedFeature[], lanes: number, project: Project): PlannedFeature[] {
  const graph = dependencyGraph(project);
  const taken: PlannedFeature[] = [];
  for (const candidate of candidates) {
    if (taken.length >= lanes) break;
    const tied = taken.some((t) => dependsOn(candidate.id, t.id, graph) || dependsOn(t.id, candidate.id, graph));
    if (!tied) taken.push(candidate);
  }
  return taken;
}

/** What a pointer at the work says, by where it is: Spec Kit's record of its feature, or an execution plan kept under `active/`. */
/** `docs/exec-plans/active/x.md`, `docs/plans/active/x.md`: a plan whose folder says it drives the work now. */
function isExecutionPlan(file: string): boolean {
  return /(?:^|\/)docs\/(?:exec-plans|plans)\/active\//u.test(file);
}

function pointerSays(file: string): string {
  return isExecutionPlan(file) ? 'an active execution plan' : 'the feature Spec Kit is set to work on';
}

function continueReason(chosen: PlannedFeature, others: PlannedFeature[], startable: PlannedFeature[] = [], passed: ReadonlySet<PlannedFeature> = new Set()): string {
  const state = chosen.state;
  let reason =
    state.basis === 'pointer'
      ? `${chosen.id} is ${pointerSays(state.source.file)} (${at(state.source)}) and nothing records it finished`
      : `${chosen.id} is in progress (${at(state.source)}${rawOf(state)})`;
  if (chosen.state.tasks && state.basis !== 'tasks') reason += `, ${chosen.state.tasks.done}/${chosen.state.tasks.total} tasks done`;
  reason += '; work in progress is finished before anything new starts';
  if (others.length > 0) {
    // Candidates are ranked by how directly the documents state them in progress, then by order: say which decided.
    const namedMoreDirectly = others.every((o) => explicitness(o) > explicitness(chosen));
    const movedPast = !passed.has(chosen) && others.every((o) => passed.has(o));
    const pointedPast = isPointed(chosen) && others.every(bySpecAlone);
    const why =
      movedPast && others.every(checksLeft)
        ? `only checks of finished work are left open in ${listNames(others.map((o) => o.id))}, and ${chosen.id} still has work to build`
        : movedPast
          ? `the work has moved past ${listNames(others.map((o) => o.id))}: later entries of ${listedIn(others[0]!)} are already done, so ${others.length === 1 ? 'its open items are loose ends' : 'their open items are loose ends'}`
          : pointedPast
            ? `${isExecutionPlan(chosen.state.source.file) ? 'the active execution plan is' : "Spec Kit's pointer names"} ${chosen.id}, and only the others' own specs say they are under way (a Status line or boxes left as they were when work moved on)`
            : namedMoreDirectly
              ? `the documents say ${chosen.id} is in progress more directly${directWhere(chosen)}`
              : taskUnderWay(chosen) && !others.some(taskUnderWay)
                ? `a task of ${chosen.id} is marked under way (${at(underWayTask(chosen)!.position)})`
                : `${chosen.id} comes first in the order`;
    reason += `. Also in progress: ${others.map((o) => `${o.id} (${at(o.state.source)})`).join(', ')}; ${why}`;
  }
  const waiting = chosen.dependencies.filter((d) => !d.satisfied);
  if (waiting.length > 0) reason += `. Note: it depends on ${waiting.map((d) => d.id ?? `"${d.reference}"`).join(', ')}, not done yet`;
  // Work in progress is still finished first; a more urgent feature that could start is worth a word.
  const outranking = chosen.priority ? startable.find((f) => f.priority !== undefined && f.priority.effectiveRank < chosen.priority!.effectiveRank) : undefined;
  if (outranking) reason += `. Note: ${outranking.id} (${priorityWords(outranking.priority!)}) could start and outranks it`;
  return `${reason}.`;
}

function nextReason(chosen: PlannedFeature, order: FeatureOrder): string {
  const done = chosen.dependencies.filter((d) => d.satisfied).map((d) => d.id!);
  const deps = done.length > 0 ? `, and its dependencies (${done.join(', ')}) are done` : '';
  const where = at(chosen.orderSource);
  if (order.byPriority && chosen.priority) {
    const priority = chosen.priority;
    const from = priority.inheritedFrom;
    if (from) {
      return `${chosen.id} comes first although it is ${priority.raw ?? 'not ranked'}: ${from.id}${from.raw ? ` (${from.raw})` : ''} depends on it (${at(from.dependency)}).`;
    }
    if (priority.raw !== undefined) {
      if (priority.phase !== undefined) {
        return `${chosen.id} has the highest priority (${priorityWords(priority)}) in its phase, ${priority.phase}, among the features that are not done, not blocked and have no open dependencies; within a phase, priority comes before ${describeOrder(order)}.`;
      }
      return `${chosen.id} has the highest priority (${priorityWords(priority)}) among the features that are not done, not blocked and have no open dependencies; priority comes before ${describeOrder(order)}.`;
    }
    return `${chosen.id} is the first feature in ${describeOrder(order)} (${where}) that is not done, not blocked and has no open dependencies; nothing with a written priority can start before it.`;
  }
  if (chosen.placedBy === order.source) {
    return `${chosen.id} is the first feature in ${describeOrder(order)} (${where}) that is not done, not blocked${deps ? '' : ' and has no open dependencies'}${deps}.`;
  }
  return `${chosen.id} is not listed in ${describeOrder(order)}, and everything listed there is done or cannot start; it comes next by ${describeSource(chosen.placedBy)} (${where})${deps}.`;
}

/** `P0, BACKLOG.md:8`: a priority as written, and where. */
function priorityWords(priority: FeaturePriority): string {
  return `${priority.raw ?? 'no priority'}${priority.source ? `, ${at(priority.source)}` : ''}`;
}

export function describeOrder(order: FeatureOrder): string {
  switch (order.source) {
    case 'development':
      return `the sequence in ${order.file ?? 'DEVELOPMENT.md'}`;
    case 'backlog':
      return `the order of ${order.file ?? 'BACKLOG.md'}`;
    case 'product':
      return `the order of features in ${order.file ?? 'PRODUCT.md'}`;
    case 'specs':
      return 'spec numbers';
    case 'status':
      return `the order of ${order.file ?? 'the status file'}`;
    default:
      return 'no order';
  }
}

function describeSource(source: OrderSource): string {
  switch (source) {
    case 'development':
      return 'the development sequence';
    case 'backlog':
      return 'the backlog';
    case 'product':
      return 'PRODUCT.md order';
    case 'specs':
      return 'spec number';
    case 'status':
      return 'the order of the status file';
    default:
      return 'load order';
  }
}

function emptyReason(lookedAt: string[]): string {
  const read = lookedAt.length > 0 ? `Read ${lookedAt.join(', ')}, but none declares a feature.` : 'No product, sequence, spec or status file was found.';
  return `${read} Declare features as \`## F-001: Title\` headings in docs/PRODUCT.md, as an ordered list in docs/DEVELOPMENT.md, or as Spec Kit folders specs/001-name/spec.md.`;
}

function orderPosition(feature: Feature, placedBy: OrderSource): SourcePosition {
  if (placedBy === 'development' || placedBy === 'backlog') {
    const entries = feature.sequence.filter(({ file }) => sequenceKind(file) === placedBy);
    const first = entries.sort((a, b) => a.entry.index - b.entry.index)[0];
    if (first) return first.entry.position;
  }
  if (placedBy === 'product' && feature.product) return feature.product.position;
  if (placedBy === 'specs' && feature.specs[0]) return feature.specs[0].position;
  return feature.position;
}

function workSpec(feature: Feature): Spec | undefined {
  return feature.specs.find((s) => s.tasks?.tasks.some((t) => !t.done)) ?? feature.specs.find((s) => s.tasks) ?? feature.specs[0];
}

function defaultState(feature: Feature): FeatureStateReport {
  return { id: feature.id, title: feature.title, state: 'todo', basis: 'default', source: feature.position, evidence: [], conflicts: [], certainty: 'default' };
}

function rawOf(state: FeatureStateReport): string {
  const evidence = state.evidence.find((e) => e.basis === state.basis);
  const raw = evidence?.raw.trim();
  // `done (file:7: "done")` says nothing the state does not.
  if (!raw || raw.length > 60 || raw.toLowerCase().replace(/[-_]/g, ' ') === state.state.replace('-', ' ')) return '';
  return `: "${raw}"`;
}

/** The text of the line a position points at, without list or table markup, when it is short enough to quote. */
function quoteLine(project: Pick<Project, 'text'>, position: SourcePosition, lineStartsByFile: Map<string, number[]>): string | undefined {
  const text = project.text(position.file)?.text;
  if (text === undefined) return undefined;
  // CR, LF and CRLF each end a line; a file's line starts are found once however many lines are quoted.
  let starts = lineStartsByFile.get(position.file);
  if (!starts) lineStartsByFile.set(position.file, (starts = lineStarts(text)));
  const start = starts[position.line - 1];
  if (start === undefined) return undefined;
  const line = text
    .slice(start, starts[position.line] ?? undefined)
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')
    .replace(/^\|\s*|(?<!\s)\s*\|\s*$/g, '')
    .trim();
  return line.length > 0 && line.length <= 160 ? `"${line}"` : undefined;
}

export function at(position: SourcePosition): string {
  return `${position.file}:${position.line}`;
}
