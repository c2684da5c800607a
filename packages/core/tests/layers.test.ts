import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script of the repository, without types.
import { layerProblems } from '../../../scripts/check-layers.mjs';

describe('the import graph of packages/*/src', () => {
  it('has no cycle, and inside core no import pointing back up its layers', () => {
    expect(layerProblems()).toEqual([]);
  });
});
