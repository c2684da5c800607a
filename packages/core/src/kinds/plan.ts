import { assembleSpecParts, specPartModels, specPartReaders } from './spec-parts.js';
import type { DocumentKindDefinition } from './types.js';

/** A spec's technical plan (`specs/NNN-name/plan.md`, an OpenSpec change's or a Kiro spec's `design.md`): part of its spec, with no model of its own. */
export const plan: DocumentKindDefinition = {
  name: 'plan',
  locations: ['specs/*/plan.md', 'specs/*/[0-9]*/plan.md', 'docs/specs/[0-9]*/plan.md', '.specify/specs/*/plan.md', 'openspec/changes/*/design.md', '.kiro/specs/**/design.md', '.specs/**/design.md'],
  readers: specPartReaders,
  modelsAt: specPartModels(undefined),
  assemble: assembleSpecParts,
};
