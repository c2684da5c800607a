import type { Feature } from '../project.js';
import type { Diagnostic, ParseResult, Product, Sequence, SourcePosition, Spec, StateFile } from '../types.js';

/** What `buildFeatures` works from. */
export interface FeatureInput {
  product?: Product;
  specs: Spec[];
  sequences: Sequence[];
  states: StateFile[];
}

/** One feature, with what it gathered written as places in the input rather than as the objects themselves. */
export interface ShapedFeature {
  id: string;
  title: string;
  position: SourcePosition;
  /** Index into the input's `product.features`. */
  product?: number;
  /** Indices into the input's `specs`. */
  specs: number[];
  /** `[sequence, entry]`: indices into the input's `sequences` and that sequence's `entries`. */
  sequence: Array<[number, number]>;
  /** `[state file, entry]`: indices into the input's `states` and that file's `entries`. */
  stateEntries: Array<[number, number]>;
  dependencies: Feature['dependencies'];
}

/**
 * `buildFeatures`' answer for one input, as plain data that can be kept between runs: which feature
 * holds which product feature, specs, sequence and state entries, and what it found wrong. For the
 * same input, `featuresFromShape` gives the same features without working identity out again.
 */
export interface FeatureShape {
  features: ShapedFeature[];
  diagnostics: Diagnostic[];
}

/** Places of the objects in the input, to write features as indices. */
function placesIn(input: FeatureInput) {
  const products = new Map<object, number>();
  input.product?.features.forEach((feature, index) => products.set(feature, index));
  const specs = new Map<object, number>();
  input.specs.forEach((spec, index) => specs.set(spec, index));
  const entries = new Map<object, [number, number]>();
  input.sequences.forEach((sequence, s) => sequence.entries.forEach((entry, e) => entries.set(entry, [s, e])));
  const stateEntries = new Map<object, [number, number]>();
  input.states.forEach((state, s) => state.entries.forEach((entry, e) => stateEntries.set(entry, [s, e])));
  return { products, specs, entries, stateEntries };
}

/**
 * The shape of `built` (what `buildFeatures(input)` returned), or undefined when a feature holds
 * something the input does not (which `buildFeatures` never does).
 */
export function featureShape(built: ParseResult<Feature[]>, input: FeatureInput): FeatureShape | undefined {
  const places = placesIn(input);
  const features: ShapedFeature[] = [];
  for (const feature of built.value) {
    const shaped: ShapedFeature = { id: feature.id, title: feature.title, position: feature.position, specs: [], sequence: [], stateEntries: [], dependencies: feature.dependencies };
    if (feature.product) {
      const index = places.products.get(feature.product);
      if (index === undefined) return undefined;
      shaped.product = index;
    }
    for (const spec of feature.specs) {
      const index = places.specs.get(spec);
      if (index === undefined) return undefined;
      shaped.specs.push(index);
    }
    for (const { file, entry } of feature.sequence) {
      const place = places.entries.get(entry);
      if (!place || input.sequences[place[0]]!.file !== file) return undefined;
      shaped.sequence.push(place);
    }
    for (const { file, entry } of feature.stateEntries) {
      const place = places.stateEntries.get(entry);
      if (!place || input.states[place[0]]!.file !== file) return undefined;
      shaped.stateEntries.push(place);
    }
    features.push(shaped);
  }
  return { features, diagnostics: built.diagnostics };
}

/**
 * The features `shape` describes, made of `input`'s objects as `buildFeatures` would have made them;
 * undefined when the shape does not fit the input. The caller vouches that the input is the one the
 * shape was taken from: nothing here can tell an input that changed in a way that moves a feature.
 */
export function featuresFromShape(shape: FeatureShape, input: FeatureInput): ParseResult<Feature[]> | undefined {
  const products = input.product?.features ?? [];
  const features: Feature[] = [];
  for (const shaped of shape.features) {
    const feature: Feature =
      shaped.product === undefined
        ? { id: shaped.id, title: shaped.title, position: { ...shaped.position }, specs: [], sequence: [], stateEntries: [], dependencies: [] }
        : { id: shaped.id, title: shaped.title, position: { ...shaped.position }, product: products[shaped.product]!, specs: [], sequence: [], stateEntries: [], dependencies: [] };
    if (shaped.product !== undefined && !products[shaped.product]) return undefined;
    for (const index of shaped.specs) {
      const spec = input.specs[index];
      if (!spec) return undefined;
      feature.specs.push(spec);
    }
    for (const [s, e] of shaped.sequence) {
      const sequence = input.sequences[s];
      const entry = sequence?.entries[e];
      if (!sequence || !entry) return undefined;
      feature.sequence.push({ file: sequence.file, entry });
    }
    for (const [s, e] of shaped.stateEntries) {
      const state = input.states[s];
      const entry = state?.entries[e];
      if (!state || !entry) return undefined;
      feature.stateEntries.push({ file: state.file, entry });
    }
    for (const dependency of shaped.dependencies) feature.dependencies.push({ ...dependency, position: { ...dependency.position } });
    features.push(feature);
  }
  return { value: features, diagnostics: shape.diagnostics.map((d) => ({ ...d })) };
}

/** Whether `value` (parsed JSON) has the form of a FeatureShape; its indices are checked against an input when used. */
export function isFeatureShape(value: unknown): value is FeatureShape {
  if (value === null || typeof value !== 'object') return false;
  const shape = value as Partial<FeatureShape>;
  return (
    Array.isArray(shape.diagnostics) &&
    Array.isArray(shape.features) &&
    shape.features.every(
      (f: Partial<ShapedFeature> | null) =>
        f !== null &&
        typeof f === 'object' &&
        typeof f.id === 'string' &&
        typeof f.title === 'string' &&
        typeof f.position === 'object' &&
        f.position !== null &&
        Array.isArray(f.specs) &&
        Array.isArray(f.sequence) &&
        Array.isArray(f.stateEntries) &&
        Array.isArray(f.dependencies),
    )
  );
}
