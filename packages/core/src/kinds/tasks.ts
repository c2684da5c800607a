import { assembleSpecParts, specPartModels, specPartReaders } from './spec-parts.js';
import type { DocumentKindDefinition } from './types.js';

/** A spec's task list (`specs/NNN-name/tasks.md`, an OpenSpec change's or a Kiro spec's `tasks.md`, a Conductor track's `plan.md`, the task list made from a PRD in `tasks/`). */
export const tasks: DocumentKindDefinition = {
  name: 'tasks',
  locations: ['specs/*/tasks.md', 'specs/*/[0-9]*/tasks.md', 'docs/specs/[0-9]*/tasks.md', '.specify/specs/*/tasks.md', 'openspec/changes/*/tasks.md', 'openspec/changes/archive/*/tasks.md', '.kiro/specs/**/tasks.md', '.specs/**/tasks.md', 'conductor/{tracks,archive}/*/plan.md', 'tasks/tasks-*prd-*.md'],
  readers: specPartReaders,
  modelsAt: specPartModels('tasks'),
  assemble: assembleSpecParts,
};
