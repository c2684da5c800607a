import { assembleSpecParts, specPartModels, specPartReaders } from './spec-parts.js';
import type { DocumentKindDefinition } from './types.js';

/** A spec's task list (`specs/NNN-name/tasks.md`, or `task.md` as some name it, an OpenSpec change's or a Kiro spec's `tasks.md`, a Conductor track's `plan.md`, the task list made from a PRD in `tasks/`). */
export const tasks: DocumentKindDefinition = {
  name: 'tasks',
  locations: ['specs/*/{tasks,task}.md', 'specs/*/[0-9]*/{tasks,task}.md', 'docs/specs/[0-9]*/{tasks,task}.md', '.specify/specs/*/{tasks,task}.md', 'openspec/changes/*/tasks.md', 'openspec/changes/archive/*/tasks.md', '.kiro/specs/**/tasks.md', '.specs/**/tasks.md', 'conductor/{tracks,archive}/*/plan.md', '{tasks,tarefas,tareas}/{tasks,tarefas,tareas}-*prd-*.md'],
  readers: specPartReaders,
  modelsAt: specPartModels('tasks'),
  assemble: assembleSpecParts,
};
