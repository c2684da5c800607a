import { isIndexName, isSpecIndexReadme, isTaskFolderOverview, isTemplateName, MEMORY_BANK_FOLDERS, NOT_PLAN_FOLDER, planDocumentKind, type PlanDocumentKind } from '../text/document-names.js';

/**
 * Plans, backlogs, to-do lists and status files are found by their name, whatever its case, in the
 * folders where teams keep them: the root, `docs/` (or `doc/`) and one folder below it, the top of `specs/`, a `todo/` folder,
 * a plans folder and one folder below it (`plan/<feature>/phases.md`; a hidden `.plans/` too), and the agents' folders (`.agents/plans/`, `.claude/plans/`, `.codex/`,
 * GSD's `.planning/` and, from its second version, `.gsd/`; `.specs/` and its `project/` folder; the memory bank many agents
 * keep, `memory-bank/` (or under `.clinerules/`, `.cursor/`, `.github/`, `docs/`, or as `.agent/memory/`), whose `progress.md` records what works and what is left). The location holds every Markdown file there; `planNamed` says which are plans.
 */
export const PLAN_FOLDERS = [
  '', 'docs/', 'docs/*/', 'doc/', 'doc/*/', 'specs/', '.kiro/specs/', '.claude/', '.claude/plans/', 'claude/', '.agent/', '.agents/', '.agents/*/', '.ai/', '.codex/', '.specify/', '.specify/memory/', 'memory/', 'planning/',
  '.planning/', '.gsd/', '.specs/', '.specs/project/', 'plans/', 'plans/*/', '.plans/', 'plan/', 'plan/*/', 'roadmap/', '.roadmap/', 'tasks/', 'todo/', 'todos/', 'openspec/',
  'openspec/changes/', '_bmad-output/planning-artifacts/', '_bmad-output/planning-artifacts/*/', ...MEMORY_BANK_FOLDERS.flatMap((folder) => [folder, `${folder}tasks/`]),
];

export const NAMED_PLAN_LOCATION = `{${PLAN_FOLDERS.join(',')}}*.md`;

/**
 * Whether a file the named-plan location found is a plan of one of `kinds` by its name (`ROADMAP.md`,
 * `todo.md`, `.claude/TASKS.md`, `PROJECT_STATUS.md`), or the overview of a spec directory (`specs/OVERVIEW.md`), its
 * README (`specs/README.md`, `.kiro/specs/README.md`, an index of the specs) or the overview of a folder of task files
 * (`tasks/README.md`), which holds its roadmap and counts as a plan.
 */
export function planNamed(file: string, kinds: readonly PlanDocumentKind[]): boolean {
  if (NOT_PLAN_FOLDER.test(file)) return false;
  const named = planDocumentKind(file);
  if (named !== undefined) return kinds.includes(named);
  return kinds.includes('plan') && (/^specs\/overview\.md$/iu.test(file) || isSpecIndexReadme(file) || isTaskFolderOverview(file));
}

/**
 * Index files of `.agent/specs/` (`README.md`, `INDEX.md`, `_index.md`) list specs, and its templates (`_template.md`,
 * `spec-template.md`) are the form a spec is written from; neither is one.
 */
export function namesOneSpec(file: string): boolean {
  return !isIndexName(file) && !isTemplateName(file);
}
