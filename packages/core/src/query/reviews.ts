import { createFeatureIndex, resolveReference, type FeatureIndex } from '../model/identity/feature-index.js';
import type { Feature, Project } from '../model/project.js';
import type { FeatureState, ReviewItem, ReviewOutput, SourcePosition } from '../model/types.js';
import { DATED } from '../text/document-names.js';
import { lineStarts } from '../text/lines.js';

/**
 * Which feature each review is for, and what a feature's reviews say together: the latest verdict, the
 * open blocking findings, and how many reviews in a row asked for changes. docs/formats/review.md
 * ("Which feature a review is for") documents the precedence.
 */

/** How a review was tied to its feature, strongest first. */
export type ReviewTie = 'declared' | 'branch' | 'scope-block' | 'file-name';

/** A verdict as the loop reads it, whatever words the reviewer used. */
export type VerdictClass = 'approved' | 'changes' | 'rejected' | 'comment' | 'unknown';

export interface ReviewLink {
  review: ReviewOutput;
  featureId: string;
  by: ReviewTie;
  verdict: VerdictClass;
  /** The round the review states, else its file name's round suffix (`-2`); 1 without either. */
  round: number;
  /** A leading ISO date of its file name or folder, else the date the review states. */
  date?: string;
  verdictSource: SourcePosition;
}

export interface UnattachedReview {
  review: ReviewOutput;
  /** Why no feature: a sentence fragment after the file name. */
  reason: string;
}

export interface ReviewLinks {
  /** Each feature's reviews, oldest first. */
  byFeature: Map<string, ReviewLink[]>;
  unattached: UnattachedReview[];
}

export interface ReviewLinkOptions {
  /** The checked-out branch: ties a review at the root of the checkout (`.codex-review-output.json`) that names none. */
  branch?: string;
}

const JSON_VERDICTS: Record<string, VerdictClass> = {
  approved: 'approved',
  approve: 'approved',
  changes_requested: 'changes',
  request_changes: 'changes',
  needs_changes: 'changes',
  rejected: 'rejected',
  reject: 'rejected',
  comment: 'comment',
  commented: 'comment',
};
/** Words only prose reviews use for a verdict (seed 001: `VERDICT: PASS | NEEDS_CHANGES | FAIL`). */
const PROSE_VERDICTS: Record<string, VerdictClass> = { pass: 'approved', passed: 'approved', lgtm: 'approved', fail: 'rejected', failed: 'rejected' };

export function verdictClass(review: ReviewOutput): VerdictClass {
  if (review.verdict === undefined) return 'unknown';
  const word = review.verdict.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const known = JSON_VERDICTS[word];
  if (known || review.format !== 'markdown') return known ?? 'unknown';
  // Prose goes on after the verdict (`Approved with minor comments`): its first word decides.
  const first = word.split('_')[0] ?? '';
  return PROSE_VERDICTS[word] ?? JSON_VERDICTS[first] ?? PROSE_VERDICTS[first] ?? 'unknown';
}

/** Branch prefixes that say what kind of work, not which: `feat/tags` names `tags`. */
const BRANCH_PREFIX = /^(?:feat|feature|fix|bugfix|refactor|chore|codex|claude)\//i;
const ROUND_SUFFIX = /[-_.](?:r|round[-_]?|v)?(\d{1,3})$/i;
const REVIEW_AFFIX_END = /[-_.]review$/i;
const REVIEW_AFFIX_START = /^review[-_.]/i;
const STEM = /^[\p{L}\p{N}._-]+$/u;

/** Ties every review of the project to a feature, or says why it cannot. Pure. */
export function reviewLinks(project: Pick<Project, 'features' | 'reviews'>, options: ReviewLinkOptions = {}): ReviewLinks {
  const byFeature = new Map<string, ReviewLink[]>();
  const unattached: UnattachedReview[] = [];
  if (project.reviews.length === 0) return { byFeature, unattached };
  const index = createFeatureIndex(project.features);
  const agentSpecs = new Map<string, Feature[]>();
  const scopes = new Map<string, Feature[]>();
  for (const feature of project.features) {
    for (const spec of feature.specs) {
      const inScope = spec.spec?.scope?.inScope;
      if (inScope && inScope.length > 0) {
        const key = scopeKey(inScope.map((i) => i.value));
        const list = scopes.get(key) ?? [];
        if (!list.includes(feature)) list.push(feature);
        scopes.set(key, list);
      }
      if (spec.kind !== 'agent') continue;
      const list = agentSpecs.get(spec.slug.toLowerCase()) ?? [];
      if (!list.includes(feature)) list.push(feature);
      agentSpecs.set(spec.slug.toLowerCase(), list);
    }
  }
  for (const review of project.reviews) {
    const tie = tieOf(review, index, agentSpecs, scopes, options);
    if ('reason' in tie) {
      unattached.push({ review, reason: tie.reason });
      continue;
    }
    const name = fileName(review.file);
    const link: ReviewLink = {
      review,
      featureId: tie.id,
      by: tie.by,
      verdict: verdictClass(review),
      round: review.round ?? name.round ?? 1,
      verdictSource: review.verdictPosition ?? { file: review.file, line: 1, column: 1 },
    };
    const date = name.date ?? review.date;
    if (date) link.date = date;
    const list = byFeature.get(tie.id) ?? [];
    list.push(link);
    byFeature.set(tie.id, list);
  }
  for (const list of byFeature.values()) list.sort(compareLinks);
  return { byFeature, unattached };
}

function compareLinks(a: ReviewLink, b: ReviewLink): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  if (da !== db) return da < db ? -1 : 1;
  if (a.round !== b.round) return a.round - b.round;
  return a.review.file < b.review.file ? -1 : a.review.file > b.review.file ? 1 : 0;
}

type Tie = { id: string; by: ReviewTie } | { reason: string };

/** The first level that names exactly one feature; one that names several, or a feature nobody defines, stops. */
function tieOf(review: ReviewOutput, index: FeatureIndex, agentSpecs: Map<string, Feature[]>, scopes: Map<string, Feature[]>, options: ReviewLinkOptions): Tie {
  if (review.declared) {
    const reference = review.declared.value;
    const resolved = resolveReference(reference, index) ?? resolveReference(baseName(reference), index);
    if (!resolved) return { reason: `names feature "${reference}", which no document defines` };
    if ('ambiguous' in resolved) return { reason: `names "${reference}", which could be ${resolved.ambiguous.join(' or ')}` };
    return { id: resolved.id, by: 'declared' };
  }
  const branch = review.branch ?? (review.file.includes('/') ? undefined : options.branch);
  if (branch) {
    const resolved = resolveReference(branch, index) ?? resolveReference(branch.replace(BRANCH_PREFIX, ''), index);
    if (resolved && 'ambiguous' in resolved) return { reason: `is on branch "${branch}", which could be ${resolved.ambiguous.join(' or ')}` };
    if (resolved) return { id: resolved.id, by: 'branch' };
  }
  if (review.inScope) {
    const key = scopeKey(review.inScope);
    const matches = scopes.get(key) ?? [];
    if (matches.length > 1) return { reason: `carries the Scope block of several specs (${matches.map((f) => f.id).join(', ')})` };
    if (matches.length === 1) return { id: matches[0]!.id, by: 'scope-block' };
  }
  if (!review.file.includes('/')) return { reason: 'names no feature (add "feature": "<id>")' };
  const name = fileName(review.file);
  for (const stem of name.stems) {
    const specs = agentSpecs.get(stem.toLowerCase());
    if (specs && specs.length === 1) return { id: specs[0]!.id, by: 'file-name' };
    const resolved = resolveReference(stem, index);
    if (resolved && 'ambiguous' in resolved) return { reason: `is named "${stem}", which could be ${resolved.ambiguous.join(' or ')}` };
    if (resolved) return { id: resolved.id, by: 'file-name' };
  }
  return { reason: 'names no feature (add "feature": "<id>")' };
}

/** In-scope items compared as a set: case, markup, quotes and trailing punctuation aside. */
function scopeKey(items: readonly string[]): string {
  const normalised = items.map((item) =>
    item
      .toLowerCase()
      .replace(/[*_`"'“”‘’]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  ).map(withoutTrailingPunctuation);
  return [...new Set(normalised)].sort().join('\n');
}

function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && '.;:,!'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function baseName(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * What a review's file name says: the date it starts with (or its folder's), and the stems that may name
 * the feature, best first: without the `.review` affix, then also without a round suffix (`-2`, `-r2`).
 */
function fileName(file: string): { stems: string[]; date?: string; round?: number } {
  const parts = file.split('/');
  let stem = baseName(file);
  let date: string | undefined;
  const dated = DATED.exec(stem);
  if (dated && stem.length > dated[0].length) {
    date = dated[0].slice(0, -1);
    stem = stem.slice(dated[0].length);
  } else {
    const folder = parts.length > 1 ? parts[parts.length - 2]! : '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(folder)) date = folder;
  }
  const stems: string[] = [];
  const bare = stem.replace(REVIEW_AFFIX_END, '').replace(REVIEW_AFFIX_START, '');
  stems.push(bare);
  let round: number | undefined;
  const suffix = ROUND_SUFFIX.exec(stem);
  if (suffix) {
    const withoutRound = stem.slice(0, suffix.index).replace(REVIEW_AFFIX_END, '').replace(REVIEW_AFFIX_START, '');
    if (withoutRound !== '' && withoutRound !== bare) {
      stems.push(withoutRound);
      round = Number(suffix[1]);
    }
  }
  // A name with spaces or brackets (`1 - [Agent] Review`) is a title, not a feature's name.
  const out: { stems: string[]; date?: string; round?: number } = { stems: stems.filter((s) => STEM.test(s) && /\p{L}/u.test(s)) };
  if (date) out.date = date;
  if (round !== undefined && stems.length > 1) out.round = round;
  return out;
}

/** What one feature's reviews say together. */
export interface FeatureReview {
  /** The newest review. */
  latest: ReviewLink;
  /** Oldest first. */
  reviews: ReviewLink[];
  /** Reviews since the last approval that asked for changes or rejected: corrector cycles. */
  withoutApproval: number;
  /** Those reviews, oldest first. */
  cycles: ReviewLink[];
  approved: boolean;
  /** The latest review's blocking items; none when it approves. */
  blocking: ReviewItem[];
  scopeViolations: ReviewItem[];
  /** The latest review's should-fix items; none when it approves. */
  shouldFix: ReviewItem[];
}

export function featureReview(links: readonly ReviewLink[] | undefined): FeatureReview | undefined {
  if (!links || links.length === 0) return undefined;
  const latest = links[links.length - 1]!;
  const cycles: ReviewLink[] = [];
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i]!;
    if (link.verdict === 'approved') break;
    if (link.verdict === 'changes' || link.verdict === 'rejected') cycles.unshift(link);
  }
  const approved = latest.verdict === 'approved';
  // One overwritten review file counts the rounds it states.
  const stated = !approved && latest.review.round !== undefined ? latest.review.round : 0;
  return {
    latest,
    reviews: [...links],
    withoutApproval: Math.max(cycles.length, stated),
    cycles,
    approved,
    blocking: approved ? [] : latest.review.blocking,
    scopeViolations: approved ? [] : latest.review.scopeViolations,
    shouldFix: approved ? [] : latest.review.shouldFix,
  };
}

/** Corrector cycles without approval after which a person decides (seed 003: escalate after three). */
export const REVIEW_CYCLE_LIMIT = 3;

/**
 * Whether a feature's review loop must stop for a person (seed 003): three or more reviews in a row without
 * approval, on work that is not finished, and nobody has recorded an escalation for it.
 */
export function reviewCyclesStop(
  project: Pick<Project, 'text'>,
  feature: Feature,
  state: FeatureState,
  review: FeatureReview | undefined,
  escalatedAttempt: boolean,
): review is FeatureReview {
  if (!review || review.withoutApproval < REVIEW_CYCLE_LIMIT) return false;
  if (state === 'done' || state === 'cancelled') return false;
  return !escalatedAttempt && !escalationRecorded(project, feature);
}

/** A line of a state file that names the feature and says it was escalated (`F-001 Tags — escalated to @dana: …`). */
const ESCALATED = /\bescalated\b/i;
const NOT_ESCALATED = /\b(?:not|never|nobody|no one)\b[^.;]{0,20}\bescalated\b/i;

/**
 * Whether the state files record that a person was brought in for the feature: one of its state entries'
 * lines says "escalated", or an attempt record of it is escalated.
 */
export function escalationRecorded(project: Pick<Project, 'text'>, feature: Feature): boolean {
  for (const { entry } of feature.stateEntries) {
    const line = lineText(project, entry.mark.position);
    if (line && ESCALATED.test(line) && !NOT_ESCALATED.test(line)) return true;
  }
  return false;
}

function lineText(project: Pick<Project, 'text'>, position: SourcePosition): string | undefined {
  const text = project.text(position.file)?.text;
  if (text === undefined) return undefined;
  const starts = lineStarts(text);
  const start = starts[position.line - 1];
  if (start === undefined) return undefined;
  return text.slice(start, starts[position.line] ?? text.length);
}

/** The review files of a cycle list for a sentence: up to three names, then `and N more`. */
export function reviewNames(links: readonly ReviewLink[], full = false): string {
  const names = links.map((l) => (full ? l.review.file : l.review.file.slice(l.review.file.lastIndexOf('/') + 1)));
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** `1st`, `2nd`, `3rd`, `4th`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
