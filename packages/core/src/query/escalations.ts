import type { Feature, Project } from '../model/project.js';
import type { AttemptOutcome, SourcePosition } from '../model/types.js';
import { breakerState, type FeatureAttempt } from './attempts.js';
import { reviewCyclesStop, type FeatureReview, type ReviewLink } from './reviews.js';
import type { FeatureStateReport } from './states.js';

/**
 * Why a feature needs a person before work on it goes on. `circuit-breaker`: a task failed three times;
 * `not-converging`: it failed twice in a row with the same cause (seed 002: stop and escalate);
 * `review-cycles`: three reviews in a row without approval (seed 003: escalate after three corrector cycles).
 */
export type EscalationKind = 'circuit-breaker' | 'not-converging' | 'review-cycles';

/** The skip code of a feature that needs a person, when it is not the answer. */
export type EscalationSkipCode = 'circuit-breaker' | 'review-cycles';

/** What an escalation is decided from: a planned feature (`PlannedFeature` has all of it). */
export interface EscalationSubject {
  id: string;
  title: string;
  feature: Feature;
  state: FeatureStateReport;
  attempts: FeatureAttempt[];
  review?: FeatureReview;
}

/** Why a feature needs a person's decision first, where it is written and how to clear it (`Escalation` adds the feature). */
export interface EscalationReport {
  id: string;
  title: string;
  kind: EscalationKind;
  /** The code the feature is skipped with when it is not the answer. */
  skipCode: EscalationSkipCode;
  /** One sentence naming files and lines. */
  reason: string;
  /** The line the reason rests on most (the latest failed attempt). */
  source: SourcePosition;
  /** Where the evidence is written: the heading, item or row holding the attempts. */
  recordedAt: SourcePosition;
  /** The words of that heading, item or row (`T014 Tag filter UI`). */
  recordedUnder: string;
  /** What a person does to clear it. */
  clear: string;
  /** For the breaker: the attempt record it rests on. */
  attempt?: FeatureAttempt;
  /** For the breaker: each failure's cause as written (a `Same error.` takes the one before), oldest first. */
  causes?: Array<{ text: string; source: SourcePosition }>;
  /** For `review-cycles`: the reviews without approval, oldest first. */
  reviews?: ReviewLink[];
}

/** A cause reads the feature and, where it must quote a line (a state entry saying "escalated"), the project's texts. */
type EscalationCause = (feature: EscalationSubject, project: Pick<Project, 'text'>) => EscalationReport | undefined;

/**
 * Every reason a feature can need a person, checked in this order; the first that applies is the one
 * reported for the feature. A new reason is one more function here.
 */
const CAUSES: readonly EscalationCause[] = [breakerEscalation, reviewEscalation];

/** Why `feature` needs a person first, if it does (only asked of features that are not done or cancelled). */
export function escalationOf(feature: EscalationSubject, project: Pick<Project, 'text'>): EscalationReport | undefined {
  for (const cause of CAUSES) {
    const escalation = cause(feature, project);
    if (escalation) return escalation;
  }
  return undefined;
}

/** The circuit breaker: three failures, else two in a row with one cause, with nobody having escalated. */
function breakerEscalation(feature: EscalationSubject): EscalationReport | undefined {
  const stopped = feature.attempts.map((attempt) => ({ attempt, state: breakerState(attempt.record) })).filter((a) => a.state !== undefined);
  const chosen = stopped.find((a) => a.state === 'tripped') ?? stopped[0];
  if (!chosen) return undefined;
  const { attempt } = chosen;
  const record = attempt.record;
  const what = attempt.task ? `task ${attempt.task}` : 'it';
  const where = at(record.recordedAt).replace(/:\d+$/u, '');
  const clear = `decide how to go on, then record it ${attempt.task ? `under ${attempt.task}` : `for ${feature.id}`} in ${where}: "Escalated to <name>: <why>"`;
  const causes = failureCauses(record.outcomes);
  const base = { id: feature.id, title: feature.title, skipCode: 'circuit-breaker' as const, recordedAt: record.recordedAt, recordedUnder: record.recordedUnder, clear, attempt, causes };
  if (chosen.state === 'tripped') {
    const failed = record.outcomes.filter((o) => o.result === 'failed');
    const lines = failed.length > 0 ? `${record.position.file}:${lineRange(failed)}` : at(record.position);
    const texts = [...new Set(causes.map((c) => c.text))];
    const said = causes.length === 0 ? '' : texts.length === 1 && causes.length === failed.length ? `, each time "${texts[0]}"` : `, last: "${causes[causes.length - 1]!.text}"`;
    return {
      ...base,
      kind: 'circuit-breaker',
      reason: `circuit breaker: ${what} failed ${record.failures} times${failed.length > 0 ? ' in a row' : ''} (${lines})${said}; nobody has escalated it, and a fourth attempt will not converge.`,
      source: record.position,
    };
  }
  const repeated = record.repeatedCause!;
  const [first, second] = repeated.positions;
  return {
    ...base,
    kind: 'not-converging',
    reason: `not converging: ${what} failed twice in a row with the same cause, "${repeated.cause}" (${first.file}:${first.line}, ${second.line}); the approach is not converging — a person must decide before a third attempt.`,
    source: second,
  };
}

/** Three corrector cycles without approval on unfinished work, and nobody has brought a person in (seed 003). */
function reviewEscalation(f: EscalationSubject, project: Pick<Project, 'text'>): EscalationReport | undefined {
  const review = f.review;
  if (!reviewCyclesStop(project, f.feature, f.state.state, review, f.attempts.some((a) => a.record.escalated))) return undefined;
  const first = review.cycles[0] ?? review.latest;
  const files = review.cycles.length > 1 ? `${first.review.file} … ${review.latest.review.file}` : review.latest.review.file;
  return {
    id: f.id,
    title: f.title,
    kind: 'review-cycles',
    skipCode: 'review-cycles',
    reason: `review loop: ${review.withoutApproval} reviews in a row without approval (${files}); after three corrector cycles the plan or the spec is likely wrong — a person must decide.`,
    source: review.latest.verdictSource,
    recordedAt: first.verdictSource,
    recordedUnder: `the first of ${review.withoutApproval} reviews without approval`,
    clear: `decide, then record it for ${f.id} in ${stateFileOf(f.feature)}: "Escalated to <name>: <why>"`,
    reviews: review.cycles,
  };
}

/** The state file a person records a feature's state in: the one that names it, else status.md. */
export function stateFileOf(feature: Feature): string {
  return feature.stateEntries[0]?.file ?? 'status.md';
}

/** Each failed attempt's cause, a `Same error.` taking the one before it. */
function failureCauses(outcomes: AttemptOutcome[]): Array<{ text: string; source: SourcePosition }> {
  const causes: Array<{ text: string; source: SourcePosition }> = [];
  let previous: string | undefined;
  for (const outcome of outcomes) {
    if (outcome.result !== 'failed') continue;
    const text = outcome.sameAsPrevious ? previous : outcome.cause;
    if (text !== undefined) causes.push({ text, source: outcome.position });
    previous = text;
  }
  return causes;
}

function lineRange(outcomes: AttemptOutcome[]): string {
  const first = outcomes[0]!.position.line;
  const last = outcomes[outcomes.length - 1]!.position.line;
  return first === last ? `${first}` : `${first}-${last}`;
}

function at(position: SourcePosition): string {
  return `${position.file}:${position.line}`;
}
