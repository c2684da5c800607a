import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { featureShape, featuresFromShape, isFeatureShape, type FeatureInput } from '../src/model/identity/feature-shape.js';
import { buildFeatures } from '../src/model/identity/build-features.js';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const repositories = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

async function inputOf(name: string): Promise<FeatureInput> {
  const project = await loadProject(path.join(fixtures, name));
  const input: FeatureInput = { specs: project.specs, sequences: project.sequences, states: project.states };
  if (project.product) input.product = project.product;
  return input;
}

describe('feature shape', () => {
  it.each(repositories)('gives back the features buildFeatures made, through JSON, in %s', async (name) => {
    const input = await inputOf(name);
    const built = buildFeatures(input);
    const shape = featureShape(built, input);
    expect(shape).toBeDefined();
    const kept: unknown = JSON.parse(JSON.stringify(shape));
    expect(isFeatureShape(kept)).toBe(true);
    const restored = featuresFromShape(kept as NonNullable<typeof shape>, input)!;
    // Equal as data, in the same key order (JSON output depends on it)…
    expect(JSON.stringify(restored)).toBe(JSON.stringify(built));
    // …and holding the input's own objects, as the built features do.
    restored.value.forEach((feature, i) => {
      const original = built.value[i]!;
      expect(feature.product).toBe(original.product);
      feature.specs.forEach((spec, j) => expect(spec).toBe(original.specs[j]));
      feature.sequence.forEach(({ entry }, j) => expect(entry).toBe(original.sequence[j]!.entry));
      feature.stateEntries.forEach(({ entry }, j) => expect(entry).toBe(original.stateEntries[j]!.entry));
    });
  });

  it('covers fixtures with product features, specs, sequences and state entries', async () => {
    const kinds = new Set<string>();
    for (const name of repositories) {
      const input = await inputOf(name);
      for (const feature of buildFeatures(input).value) {
        if (feature.product) kinds.add('product');
        if (feature.specs.length > 0) kinds.add('specs');
        if (feature.sequence.length > 0) kinds.add('sequence');
        if (feature.stateEntries.length > 0) kinds.add('state');
        if (feature.dependencies.length > 0) kinds.add('dependencies');
      }
    }
    expect([...kinds].sort()).toEqual(['dependencies', 'product', 'sequence', 'specs', 'state']);
  });

  it('does not fit an input with fewer specs or entries than it names', async () => {
    const input = await inputOf('example');
    const shape = featureShape(buildFeatures(input), input)!;
    expect(shape.features.some((f) => f.specs.length > 0)).toBe(true);
    expect(featuresFromShape(shape, { ...input, specs: [] })).toBeUndefined();
    expect(featuresFromShape(shape, { ...input, sequences: [] })).toBeUndefined();
  });

  it('is not taken from a feature that holds an object the input does not', async () => {
    const input = await inputOf('example');
    const built = buildFeatures(input);
    const stray = { ...built.value.find((f) => f.specs.length > 0)!.specs[0]! };
    built.value[0]!.specs.push(stray);
    expect(featureShape(built, input)).toBeUndefined();
  });
});
