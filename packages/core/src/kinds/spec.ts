import { assembleSpecParts, SPEC_POINTER, specPartModels, specPartReaders, SPRINT_STATUS_LOCATIONS } from './spec-parts.js';
import { namesOneSpec } from './plan-names.js';
import type { DocumentKindDefinition } from './types.js';
import { classifySpecPath } from '../parse/spec-paths.js';

/** Where BMAD keeps its story files; only those named by an epic and a story number are stories (`1.2.story.md`). */
const STORY_LOCATIONS: readonly string[] = [
  'docs/stories/*.md', 'docs/stories/*/*.md', '_bmad-output/implementation-artifacts/*.md', '_bmad-output/{,planning-artifacts/}stories/*.md',
  'docs/sprint-artifacts/*.md', 'docs/sprint-artifacts/stories/*.md',
];

/**
 * A feature's specification: Spec Kit's `specs/NNN-name/spec.md`, a single-file `.agent/specs/<slug>.md`, an
 * OpenSpec change's `proposal.md` (active or archived), a Kiro spec's `requirements.md` or `bugfix.md` (in `.kiro/specs/` or a `.specs/` folder, where a `spec.md` is one too), a Conductor
 * track's `spec.md`, an execution plan (`docs/exec-plans/active/<name>.md`, `docs/plans/active/<name>.md`), a Backlog.md task (`backlog/tasks/task-12 - Title.md`), a PRD in `tasks/` (`tasks/prd-tags.md`); and what marks one of them: a Kiro spec's `spec.json` phase, a track's `metadata.json` status, Spec Kit's `.specify/feature.json` pointer to the
 * feature being worked on; a BMAD story file (`docs/stories/1.2.story.md`) and the sprint's record of every story's status.
 */
export const spec: DocumentKindDefinition = {
  name: 'spec',
  locations: [
    'specs/*/spec.md', 'specs/*/[0-9]*/spec.md', 'docs/specs/[0-9]*/spec.md',
    '.specify/specs/*/spec.md',
    '.agent/specs/*.md',
    'openspec/changes/*/proposal.md',
    'openspec/changes/archive/*/proposal.md',
    '.kiro/specs/**/requirements.md',
    '.kiro/specs/**/bugfix.md',
    '.kiro/specs/**/spec.json',
    '.specs/**/{spec,requirements,bugfix}.md',
    'docs/{exec-plans,plans}/{active,completed}/*.md',
    'backlog/{tasks,completed}/*.md',
    'backlog/archive/{tasks,completed}/*.md',
    '{tasks,tarefas,tareas}/{prd-,[0-9]*-prd-}*.md',
    'conductor/{tracks,archive}/*/spec.md',
    'conductor/{tracks,archive}/*/metadata.json',
    ...STORY_LOCATIONS,
    ...SPRINT_STATUS_LOCATIONS,
    SPEC_POINTER,
  ],
  accepts: (file, location) =>
    STORY_LOCATIONS.includes(location) ? classifySpecPath(file)?.kind === 'story' : (location !== '.agent/specs/*.md' && location !== 'docs/{exec-plans,plans}/{active,completed}/*.md') || namesOneSpec(file),
  readers: specPartReaders,
  modelsAt: specPartModels('spec'),
  assemble: assembleSpecParts,
};
