import type { Feature, Project } from '../model/project.js';
import type { Sequence } from '../model/types.js';
import { epicNumber, isReadme, planDocumentKind } from '../text/document-names.js';
import { specOrdinal } from '../text/spec-numbers.js';
import { planAuthorityOf } from './plan-authority.js';

/**
 * Where the order of work comes from, strongest first: DEVELOPMENT.md's sequence, BACKLOG.md's order,
 * PRODUCT.md's order of features, spec numbers (then names). `none` only when there are no features.
 */
export type OrderSource = 'development' | 'backlog' | 'product' | 'specs' | 'status' | 'none';

export interface FeatureOrder {
  source: OrderSource;
  /** The file that gave the order (absent for spec numbers). */
  file?: string;
  /** The file ranks its entries, and priority came first: priority, then order, then dependencies. */
  byPriority?: boolean;
}

export interface OrderedFeature {
  feature: Feature;
  /** 0-based place in the final order. */
  index: number;
  /** The source that placed this feature: the order's source, or a weaker one for features it does not list. */
  placedBy: OrderSource;
}

export interface FeatureOrdering {
  order: FeatureOrder;
  features: OrderedFeature[];
}

type SequenceFeature = Feature['sequence'][number];

/**
 * A backlog holds work without stating its order (BACKLOG.md, TODO.md, TASKS.md, SPRINT.md); every other
 * sequence file (DEVELOPMENT.md, ROADMAP.md, a plan) is a development sequence.
 */
export function sequenceKind(file: string): 'development' | 'backlog' {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return /backlog/i.test(base) || planDocumentKind(file) === 'pool' ? 'backlog' : 'development';
}

/**
 * How strongly each sequence file orders the work, strongest first: a file the repository names as its source of truth
 * or that CLAUDE.md imports, then a plan kept up before one never kept (`unkeptPlans`), then development sequences before
 * backlogs, then a file that states its order (an arrow chain) before one that only lists, then any plan before
 * MILESTONES.md, then load order. Retired files order nothing.
 */
export function sequenceRanks(project: Pick<Project, 'sequences'> & Partial<Pick<Project, 'claude' | 'agents' | 'states' | 'text'>>): Map<string, number> {
  const authority = planAuthorityOf(project);
  const unkept = unkeptPlans(project.sequences);
  const ranked = project.sequences
    .map((sequence, load) => ({ sequence, load }))
    .filter(({ sequence }) => !authority.retired.has(sequence.file))
    .sort(
      (a, b) =>
        authorityClass(authority, a.sequence.file) - authorityClass(authority, b.sequence.file) ||
        Number(isReadme(a.sequence.file)) - Number(isReadme(b.sequence.file)) ||
        Number(unkept.has(a.sequence.file)) - Number(unkept.has(b.sequence.file)) ||
        (sequenceKind(a.sequence.file) === 'development' ? 0 : 1) - (sequenceKind(b.sequence.file) === 'development' ? 0 : 1) ||
        (a.sequence.statedOrder ? 0 : 1) - (b.sequence.statedOrder ? 0 : 1) ||
        Number(isMilestoneLog(a.sequence.file)) - Number(isMilestoneLog(b.sequence.file)) ||
        epicOrder(a.sequence.file, b.sequence.file) ||
        a.load - b.load,
    );
  return new Map(ranked.map(({ sequence }, rank) => [sequence.file, rank]));
}

/** Whether an entry records its work as begun or finished: a state other than todo, or a ticked box. */
function entryProgress(entry: Sequence['entries'][number]): boolean {
  return (entry.state !== undefined && entry.state.state !== 'todo') || (entry.tasks?.done ?? 0) > 0;
}

/** Whether a plan records any work as begun or finished. */
function recordsProgress(sequence: Sequence): boolean {
  return sequence.entries.some(entryProgress);
}

/** The share of a plan's entries that record their work as begun or finished. */
function progressShare(sequence: Sequence): number {
  return sequence.entries.length === 0 ? 0 : sequence.entries.filter(entryProgress).length / sequence.entries.length;
}

/**
 * Plans that were never kept up while another is: many boxes, none ticked and no unit marked begun, beside a plan
 * that records progress (a design document's roadmap of unticked deliverables beside the TODO.md that ticks work off).
 */
export function unkeptPlans(sequences: readonly Sequence[]): Set<string> {
  if (!sequences.some(recordsProgress)) return new Set();
  const unkept = new Set<string>();
  const kept = sequences.some((sequence) => sequence.entries.length >= 5 && progressShare(sequence) >= 0.5);
  for (const sequence of sequences) {
    // Progress on a few of many entries (a design document's ticked test checklist among its notes), beside a plan
    // that records it on most of its own, is not a plan kept up either.
    if (kept && sequence.entries.length >= 20 && progressShare(sequence) < 0.2) {
      unkept.add(sequence.file);
      continue;
    }
    if (recordsProgress(sequence)) continue;
    // Boxes under the units, and units that are boxes themselves (`- [ ] README states what the project is`).
    const boxes = sequence.entries.reduce((sum, entry) => sum + (entry.tasks?.total ?? 0) + (entry.state?.raw === '[ ]' ? 1 : 0), 0);
    if (boxes >= 10) unkept.add(sequence.file);
  }
  return unkept;
}

/** One epic's file before the next by their numbers (`epic-2-…` before `epic-10-…`), which file names sort the other way. */
function epicOrder(a: string, b: string): number {
  const first = epicNumber(a);
  const second = epicNumber(b);
  return first === undefined || second === undefined ? 0 : first - second;
}

/** `MILESTONES.md` beside a roadmap is mostly the log of what shipped: the roadmap orders the work to come. */
function isMilestoneLog(file: string): boolean {
  return /^milestones\.md$/iu.test(file.slice(file.lastIndexOf('/') + 1));
}

function authorityClass(authority: ReturnType<typeof planAuthorityOf>, file: string): number {
  const named = authority.authoritative.get(file);
  return named === undefined ? 2 : named.reason === 'named' ? 0 : 1;
}

/**
 * Orders features by a chain of keys: the development sequence, then the backlog, then PRODUCT.md, then
 * spec number and name. A feature the strongest source does not list keeps its place from the next source
 * that does, after every feature the stronger one lists; ties keep the features' load order.
 */
export function orderFeatures(project: Pick<Project, 'features' | 'sequences' | 'product'> & Partial<Pick<Project, 'claude' | 'agents' | 'states' | 'text'>>): FeatureOrdering {
  const sequenceRank = sequenceRanks(project);
  const stateRank = new Map((project.states ?? []).map((state, i) => [state.file, i]));
  const productIndex = new Map<unknown, number>();
  project.product?.features.forEach((feature, i) => productIndex.set(feature, i));

  const keyed = project.features.map((feature, loadIndex) => ({
    feature,
    loadIndex,
    sequence: sequenceKey(feature.sequence, sequenceRank),
    product: feature.product ? (productIndex.get(feature.product) ?? feature.product.position.line) : undefined,
    spec: specKey(feature),
    status: statusKey(feature, stateRank),
  }));

  keyed.sort(
    (a, b) =>
      compareOptionalPair(a.sequence?.key, b.sequence?.key) ||
      compareOptional(a.product, b.product) ||
      compareSpecKeys(a.spec, b.spec) ||
      compareOptionalPair(a.status?.key, b.status?.key) ||
      a.loadIndex - b.loadIndex,
  );

  const order = primaryOrder(project, keyed);
  const features = keyed.map((k, index): OrderedFeature => ({
    feature: k.feature,
    index,
    placedBy:
      k.sequence !== undefined
        ? sequenceKind(k.sequence.file)
        : k.product !== undefined
            ? 'product'
            : k.spec.number !== undefined || k.spec.name !== undefined
              ? 'specs'
              : k.status !== undefined
                ? 'status'
                : order.source,
  }));
  return { order, features };
}

function primaryOrder(
  project: Pick<Project, 'features' | 'sequences' | 'product'>,
  keyed: Array<{ feature: Feature; sequence?: { key: [number, number]; file: string } | undefined; product?: number | undefined; spec: SpecKey; status?: { key: [number, number]; file: string } | undefined }>,
): FeatureOrder {
  if (keyed.length === 0) return { source: 'none' };
  const first = keyed.find((k) => k.sequence !== undefined);
  if (first?.sequence) return { source: sequenceKind(first.sequence.file), file: first.sequence.file };
  if (keyed.some((k) => k.product !== undefined) && project.product) return { source: 'product', file: project.product.file };
  if (keyed.some((k) => k.spec.number !== undefined || k.spec.name !== undefined)) return { source: 'specs' };
  const status = keyed.find((k) => k.status !== undefined)?.status;
  return status ? { source: 'status', file: status.file } : { source: 'specs' };
}

/** For a feature only a status file names: [file rank, line] of its first entry, with that file. */
function statusKey(feature: Feature, rank: Map<string, number>): { key: [number, number]; file: string } | undefined {
  if (feature.sequence.length > 0 || feature.product || feature.specs.length > 0) return undefined;
  const first = feature.stateEntries[0];
  if (!first) return undefined;
  return { key: [rank.get(first.file) ?? Number.MAX_SAFE_INTEGER, first.entry.mark.position.line], file: first.file };
}

/** [file rank, entry index] of the feature's earliest entry in the ranked sequence files, with that file. */
function sequenceKey(entries: SequenceFeature[], rank: Map<string, number>): { key: [number, number]; file: string } | undefined {
  let best: { key: [number, number]; file: string } | undefined;
  for (const { file, entry } of entries) {
    const fileRank = rank.get(file);
    if (fileRank === undefined) continue;
    const key: [number, number] = [fileRank, entry.index];
    if (!best || compareOptionalPair(key, best.key) < 0) best = { key, file };
  }
  return best;
}

interface SpecKey {
  number?: number | undefined;
  name?: string | undefined;
}

function specKey(feature: Feature): SpecKey {
  let number: number | undefined;
  let name: string | undefined;
  for (const spec of feature.specs) {
    const n = specOrdinal(spec.number);
    if (n !== undefined && (number === undefined || n < number)) number = n;
    const specName = spec.slug || spec.dir;
    if (name === undefined || specName < name) name = specName;
  }
  return { number, name };
}

function compareOptional(a: number | undefined, b: number | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return a - b;
}

function compareOptionalPair(a: [number, number] | undefined, b: [number, number] | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return a[0] - b[0] || a[1] - b[1];
}

function compareSpecKeys(a: SpecKey, b: SpecKey): number {
  const byNumber = compareOptional(a.number, b.number);
  if (byNumber !== 0) return byNumber;
  if (a.name === undefined) return b.name === undefined ? 0 : 1;
  if (b.name === undefined) return -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
