import { assembleSpecParts, specPartModels, specPartReaders } from './spec-parts.js';
import type { DocumentKindDefinition } from './types.js';

/** A spec's task list (`specs/NNN-name/tasks.md`). */
export const tasks: DocumentKindDefinition = {
  name: 'tasks',
  locations: ['specs/*/tasks.md', '.specify/specs/*/tasks.md'],
  readers: specPartReaders,
  modelsAt: specPartModels('tasks'),
  assemble: assembleSpecParts,
};
