import type { Feature, Project } from '../model/project.js';

/**
 * Where the order of work comes from, strongest first: DEVELOPMENT.md's sequence, BACKLOG.md's order,
 * PRODUCT.md's order of features, spec numbers (then names). `none` only when there are no features.
 */
export type OrderSource = 'development' | 'backlog' | 'product' | 'specs' | 'none';

export interface FeatureOrder {
  source: OrderSource;
  /** The file that gave the order (absent for spec numbers). */
  file?: string;
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

/** BACKLOG.md (and any file named like it) is a backlog; every other sequence file is a development sequence. */
export function sequenceKind(file: string): 'development' | 'backlog' {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return /backlog/i.test(base) ? 'backlog' : 'development';
}

/**
 * Orders features by a chain of keys: the development sequence, then the backlog, then PRODUCT.md, then
 * spec number and name. A feature the strongest source does not list keeps its place from the next source
 * that does, after every feature the stronger one lists; ties keep the features' load order.
 */
export function orderFeatures(project: Pick<Project, 'features' | 'sequences' | 'product'>): FeatureOrdering {
  const sequenceRank = new Map<string, number>();
  project.sequences.forEach((sequence, i) => sequenceRank.set(sequence.file, i));
  const productIndex = new Map<unknown, number>();
  project.product?.features.forEach((feature, i) => productIndex.set(feature, i));

  const keyed = project.features.map((feature, loadIndex) => ({
    feature,
    loadIndex,
    development: sequenceKey(feature.sequence, 'development', sequenceRank),
    backlog: sequenceKey(feature.sequence, 'backlog', sequenceRank),
    product: feature.product ? (productIndex.get(feature.product) ?? feature.product.position.line) : undefined,
    spec: specKey(feature),
  }));

  keyed.sort(
    (a, b) =>
      compareOptionalPair(a.development, b.development) ||
      compareOptionalPair(a.backlog, b.backlog) ||
      compareOptional(a.product, b.product) ||
      compareSpecKeys(a.spec, b.spec) ||
      a.loadIndex - b.loadIndex,
  );

  const order = primaryOrder(project, keyed);
  const features = keyed.map((k, index): OrderedFeature => ({
    feature: k.feature,
    index,
    placedBy:
      k.development !== undefined
        ? 'development'
        : k.backlog !== undefined
          ? 'backlog'
          : k.product !== undefined
            ? 'product'
            : k.spec.number !== undefined || k.spec.name !== undefined
              ? 'specs'
              : order.source,
  }));
  return { order, features };
}

function primaryOrder(
  project: Pick<Project, 'features' | 'sequences' | 'product'>,
  keyed: Array<{ feature: Feature; development?: [number, number] | undefined; backlog?: [number, number] | undefined; product?: number | undefined; spec: SpecKey }>,
): FeatureOrder {
  if (keyed.length === 0) return { source: 'none' };
  for (const kind of ['development', 'backlog'] as const) {
    const first = keyed.find((k) => k[kind] !== undefined);
    if (first) {
      const file = project.sequences[first[kind]![0]]?.file;
      return file ? { source: kind, file } : { source: kind };
    }
  }
  if (keyed.some((k) => k.product !== undefined) && project.product) return { source: 'product', file: project.product.file };
  return { source: 'specs' };
}

/** [file rank, entry index] of the feature's earliest entry in a sequence file of this kind. */
function sequenceKey(entries: SequenceFeature[], kind: 'development' | 'backlog', rank: Map<string, number>): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const { file, entry } of entries) {
    if (sequenceKind(file) !== kind) continue;
    const key: [number, number] = [rank.get(file) ?? Number.MAX_SAFE_INTEGER, entry.index];
    if (!best || compareOptionalPair(key, best) < 0) best = key;
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
    const n = spec.number !== undefined && /^\d+$/.test(spec.number) ? Number.parseInt(spec.number, 10) : undefined;
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
