/**
 * What a governance document is by its name, whatever its case: a plan that orders the work (a roadmap,
 * a development plan), a pool of work without a stated order (a backlog, a to-do list), or a record of
 * state (a status or progress file). Discovery finds plans by these names, and the parsers read each
 * kind by its own defaults. See docs/formats.md ("Where documents are looked for").
 */

export type PlanDocumentKind =
  /** States the order of the work: ROADMAP.md, DEVELOPMENT.md, docs/plan.md, project_plan.md, MILESTONES.md. */
  | 'plan'
  /** Holds work without stating its order: BACKLOG.md, TODO.md, TASKS.md, SPRINT.md. */
  | 'pool'
  /** Records where the work stands: STATUS.md, progress.md, PROJECT_STATUS.md. */
  | 'state';

/** Folders whose files are never plans, whatever their name: templates, prompts, old copies. */
export const NOT_PLAN_FOLDER = /(?:^|\/)(?:_?templates?|commands|prompts|archives?|archived|old|legacy|examples?)\//iu;

/**
 * Folders of templates, examples and exported copies: a CLAUDE.md or AGENTS.md there (`.specify/extensions/x/templates/CLAUDE.md`,
 * `exports/playbook/template-root/CLAUDE.md`) is a form to copy into a project, not the memory of the folder it sits in.
 */
export const TEMPLATE_FOLDER = /(?:^|\/)(?:_?templates?(?:[-_][^/]*)?|examples?|exports?)\//iu;

/** Words of a base name (lowercased, `.md` off, `-`, `_`, `.` and spaces as separators) and the kind each names. */
const NAME_WORDS: ReadonlyMap<string, PlanDocumentKind> = new Map([
  ['development', 'plan'],
  ['roadmap', 'plan'],
  ['plan', 'plan'],
  // `plans/index.md`, `docs/plans/INDEX.md`: a plans folder's index, named by its folder (see `INDEX_PAGE`), lists the plans in it.
  ['plans', 'plan'],
  ['milestones', 'plan'],
  ['phases', 'plan'],
  // BMAD's `epics.md`: every epic's stories, in the order they are built.
  ['epics', 'plan'],
  ['backlog', 'pool'],
  ['todo', 'pool'],
  ['todos', 'pool'],
  ['tasks', 'pool'],
  ['tasklist', 'pool'],
  ['sprint', 'pool'],
  ['sprints', 'pool'],
  ['kanban', 'pool'],
  ['status', 'state'],
  ['progress', 'state'],
  ['handoff', 'state'],
  // The same words in the other languages plans are written in: `00-ESTADO-DO-PROJETO.md`, `tareas.md`, `fahrplan.md`.
  ['estado', 'state'], ['avancement', 'state'], ['progreso', 'state'], ['progresso', 'state'], ['fortschritt', 'state'], ['statut', 'state'],
  ['roteiro', 'plan'], ['fahrplan', 'plan'], ['entwicklungsplan', 'plan'], ['plano', 'plan'], ['план', 'plan'], ['задачи', 'pool'], ['статус', 'state'], ['прогресс', 'state'], ['planejamento', 'plan'], ['planificacion', 'plan'], ['planificación', 'plan'], ['planung', 'plan'],
  ['tareas', 'pool'], ['tarefas', 'pool'], ['aufgaben', 'pool'], ['aufgabenliste', 'pool'], ['taskliste', 'pool'], ['pendientes', 'pool'], ['pendencias', 'pool'], ['pendências', 'pool'], ['taches', 'pool'], ['tâches', 'pool'],
]);

/** Words that join a name's words (`estado do projeto`, `plan de desarrollo`): they count for nothing. */
const JOINING_WORDS = new Set(['do', 'da', 'de', 'del', 'du', 'des', 'der', 'die', 'das', 'of', 'the']);

/** Two-word names: `to do`, `task list`, `dev plan`. */
const NAME_PAIRS: ReadonlyMap<string, PlanDocumentKind> = new Map([
  ['to do', 'pool'],
  ['task list', 'pool'],
  ['task board', 'pool'],
  ['tasks board', 'pool'],
  ['project board', 'pool'],
  ['task liste', 'pool'],
  ['todo liste', 'pool'],
  ['next steps', 'pool'],
  ['dev plan', 'plan'],
  ['implementation order', 'plan'],
  // "Roadmap" as other languages say it (`HOJA_DE_RUTA.md`, `FEUILLE_DE_ROUTE.md`, `yol-haritasi.md`), and lists to do.
  ['hoja ruta', 'plan'],
  ['feuille route', 'plan'],
  ['yol haritasi', 'plan'],
  ['yol haritası', 'plan'],
  ['дорожная карта', 'plan'],
  ['lo trinh', 'plan'],
  ['todo list', 'pool'],
  ['a faire', 'pool'],
  ['à faire', 'pool'],
]);

/**
 * Words a plan's name may carry besides its kind word: `PROJECT_STATUS.md`, `IMPLEMENTATION_ROADMAP.md`, `ROADMAP_v2.md`,
 * the part of the product it plans (`BACKEND_PLAN.md`, `FRONTEND_ROADMAP.md`, `docs/sdk-roadmap.md`, `MOBILE_APP_PLAN.md`) or the session it records (`SESSION_STATUS.md`).
 */
const QUALIFIERS = new Set([
  'project', 'implementation', 'master', 'current', 'product', 'release', 'feature', 'features', 'work', 'team', 'dev',
  'development', 'technical', 'tech', 'open', 'active', 'next', 'main', 'overall', 'delivery', 'build', 'public', 'task',
  'execution', 'backend', 'frontend', 'api', 'sdk', 'app', 'web', 'mobile', 'ios', 'android', 'server', 'client', 'cli', 'ui', 'mvp', 'platform', 'session', 'report', 'rapport', 'priority', 'priorities', 'priorita', 'priorità', 'prioridad', 'prioridade', 'priorité', 'priorite', 'priorität',
  'projeto', 'proyecto', 'projet', 'projekt', 'desarrollo', 'desenvolvimento', 'entwicklung', 'разработки', 'проекта', 'developpement', 'développement', 'atual', 'actual', 'aktueller',
]);

/** A name in Chinese, Japanese or Korean, whose words are not parted by spaces (`开发计划.md`, `ロードマップ.md`). */
const CJK_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc ]+$/u;

/** Such a name's last word and the kind it names: `开发计划` (development plan) is a plan, `任务清单` (task list) a pool. */
const CJK_NAME_ENDINGS: ReadonlyArray<readonly [string, PlanDocumentKind]> = [
  ['计划', 'plan'], ['計劃', 'plan'], ['計画', 'plan'], ['规划', 'plan'], ['規劃', 'plan'], ['路线图', 'plan'], ['路線圖', 'plan'],
  ['ロードマップ', 'plan'], ['로드맵', 'plan'], ['계획', 'plan'],
  ['待办', 'pool'], ['待辦', 'pool'], ['任务', 'pool'], ['任務', 'pool'], ['任务清单', 'pool'], ['タスク', 'pool'], ['할일', 'pool'], ['할 일', 'pool'],
  ['进度', 'state'], ['進度', 'state'], ['進捗', 'state'], ['状态', 'state'], ['狀態', 'state'], ['현황', 'state'],
];

/** A file one folder below `docs/` (`docs/orders/status.md`). */
const DOCS_TOPIC_FILE = /^docs\/[^/]+\/[^/]+$/iu;
/** Folders below `docs/` kept for the work itself rather than a part of the product. */
const DOCS_WORK_FOLDER = /^docs\/(?:wip|work|plans?|planning|projects?|roadmaps?|status|progress|dev|development|internal|tracking|management|agents?|ai|meta|process|sprints?|pm)\//iu;

/** Agents' planning folders, where a bare `STATE.md` records where the work stands. */
const STATE_FOLDER = /(?:^|\/)(?:\.planning|planning|\.gsd|\.agent|\.agents|\.claude)\/[^/]+$/iu;

/** Base names (after folding) that are Spec Kit parts inside a spec folder, never plans there. */
const SPEC_PARTS = new Set(['plan', 'tasks', 'spec', 'requirements', 'design', 'research', 'quickstart', 'data model']);

function baseName(file: string): string {
  const slash = file.lastIndexOf('/');
  return file.slice(slash + 1);
}

/** Whether a file's base name is written in capitals (`PROGRESS.md`, `STATUS.md`), as a project's own files are. */
function inCapitals(file: string): boolean {
  const name = baseName(file).slice(0, -3);
  return /\p{Lu}/u.test(name) && name === name.toUpperCase();
}

/** The folder a site's `index.md` page stands for (`roadmap` of `docs/roadmap/index.md`). */
const INDEX_PAGE = /(?:^|\/)([^/]+)\/index\.md$/iu;

/**
 * BMAD's epics, sharded one file per epic (`docs/prd/epic-2-checkout.md`, `docs/epics/epic-3.md`,
 * `_bmad-output/planning-artifacts/epics/epic-1.md`): each lists its stories in order, as `epics.md` lists them all.
 */
const EPIC_FILE = /^(?:docs\/(?:prd|epics)|_bmad-output\/planning-artifacts(?:\/(?:prd|epics))?)\/epic[-_ ]?(\d{1,3})(?:[-_ .][^/]*)?\.md$/iu;

/** The number of one epic's file (`10` of `docs/prd/epic-10-sharing.md`), which orders it among the others. */
export function epicNumber(file: string): number | undefined {
  const found = EPIC_FILE.exec(file);
  return found ? Number(found[1]) : undefined;
}

/** Whether a file is BMAD's epics (`epics.md`, or one epic's file of a sharded PRD), which plans its stories in order. */
export function isEpicsFile(file: string): boolean {
  return EPIC_FILE.test(file) || /(?:^|\/)epics\.md$/iu.test(file);
}

/** The overview of a plans folder (`plans/overview.md`, `docs/plans/00-overview.md`, `.plans/OVERVIEW.md`). */
const PLANS_FOLDER_OVERVIEW = /(?:^|\/)\.?plans\/(?:\d{1,3}[-_ ]?)?overview\.md$/iu;

/** `Project_Status.md` → `project status`; undefined when the file is not Markdown. */
function foldName(file: string): string | undefined {
  const base = baseName(file);
  if (!/\.md$/i.test(base)) return undefined;
  return base
    .slice(0, -3)
    .toLowerCase()
    .replace(/[-_. ]+/g, ' ')
    .trim();
}

/** Conductor's registry of tracks, in the order they are worked on (`- [ ] **Track: …**` with a link to the track's folder). */
export const TRACKS_REGISTRY = 'conductor/tracks.md';

/** The root README, read as a plan only in a roadmap section (`## Roadmap`, `## TODO`). */
export const README = 'README.md';

/** Whether a file is the root README. */
export function isReadme(file: string): boolean {
  return file.toLowerCase() === 'readme.md';
}

/**
 * The README of a folder of task files (`tasks/README.md` beside `tasks/phase-1.md`, `docs/tasks/README.md`): the
 * overview of what is in it, a plan throughout. The README of a `roadmap/` or `plans/` folder is as often a guide to
 * using the files as a plan, so it is left alone.
 */
const TASK_FOLDER_OVERVIEW = /^(?:docs?\/)?tasks\/readme\.md$/iu;

export function isTaskFolderOverview(file: string): boolean {
  return TASK_FOLDER_OVERVIEW.test(file);
}

/**
 * The README or index page of a spec directory (`specs/README.md`, `specs/index.md`, `.kiro/specs/_index.md`): its
 * index, read as a plan of the specs it names (their order, the state it gives each). What else it lists (how to write
 * a spec, the state of the project as a whole) is no work of its own.
 */
const SPEC_INDEX_README = /^(?:\.kiro\/)?specs\/(?:readme|_?index)\.md$/iu;

export function isSpecIndexReadme(file: string): boolean {
  return SPEC_INDEX_README.test(file);
}

/**
 * A memory bank's `activeContext.md` (what is being worked on now, `## Current focus`) and the index of its task files,
 * `tasks/_index.md` (tasks under `## In Progress`, `## Pending`, `## Completed`): state files, as a status file is.
 */
const MEMORY_BANK_STATE = /^(?:(?:[\w.-]+\/)?memory-bank|\.agent\/memory)\/(?:activecontext|tasks\/_index)\.md$/iu;

/** Where agents keep a memory bank: at the root, or under `.clinerules/`, `.cursor/`, `.github/` or `docs/`; or as `.agent/memory/`. */
export const MEMORY_BANK_FOLDERS = ['memory-bank/', '.clinerules/memory-bank/', '.cursor/memory-bank/', '.github/memory-bank/', 'docs/memory-bank/', '.agent/memory/'] as const;

/** Whether a file lies in a memory bank's own folder or its `tasks/` folder. */
function inMemoryBank(file: string): boolean {
  const folder = file.slice(0, file.lastIndexOf('/') + 1).toLowerCase().replace(/tasks\/$/u, '');
  return (MEMORY_BANK_FOLDERS as readonly string[]).includes(folder);
}

/**
 * A full date in a folded name (`technical roadmap 2026 07 09`, `status 20260715`): a copy kept as it stood that day
 * beside the live file, or a one-off plan of that day's work, never the plan that says where the work stands now.
 */
const DATED_NAME = /(?:^| )(?:19|20)\d\d ?(?:0[1-9]|1[0-2]) ?(?:0[1-9]|[12]\d|3[01])(?:t\d+)?(?: |$)/u;

/** A name that opens with a feature, story or spec and its number: one piece of work's own document. */
const ONE_FEATURE_NAME = /^(?:feature|feat|story|spec) \d/u;

/** GSD's second version keeps its milestones in order, ticked as they finish, in `.gsd/PROJECT.md`'s `## Milestone Sequence`. */
export const GSD_PROJECT = '.gsd/project.md';

/**
 * The kind of plan document a file is by its name: one kind word (`roadmap`, `backlog`, `status`), alone
 * or with one qualifier (`project_status.md`, `ROADMAP_v2.md`). Undefined for any other name.
 */
export function planDocumentKind(file: string): PlanDocumentKind | undefined {
  // A documentation site's page for a folder (`roadmap/index.md`, `docs/backlog/index.md`) is named by its folder.
  const page = INDEX_PAGE.exec(file);
  const name = foldName(page ? `${page[1]!}.md` : file);
  if (name === undefined || name === '' || DATED_NAME.test(name)) return undefined;
  if (name === 'tracks' && file.toLowerCase() === TRACKS_REGISTRY) return 'plan';
  if (name === 'project' && file.toLowerCase() === GSD_PROJECT) return 'plan';
  if ((name === 'activecontext' || name === 'index') && MEMORY_BANK_STATE.test(file) && inMemoryBank(file)) return 'state';
  // `docs/plans/00-overview.md`: the overview of a plans folder orders and marks the plans in it, as its index does.
  if (name.endsWith('overview') && PLANS_FOLDER_OVERVIEW.test(file)) return 'plan';
  if (isEpicsFile(file)) return 'plan';
  if (name.charCodeAt(0) >= 0x2e80 && CJK_NAME.test(name)) return CJK_NAME_ENDINGS.find(([ending]) => name.endsWith(ending))?.[1];
  // `feature-08-sprints-backlog.md`: the brief of one numbered feature (here, a backlog screen), not a backlog.
  if (ONE_FEATURE_NAME.test(name)) return undefined;
  const words = name.split(' ').filter((word) => !JOINING_WORDS.has(word) && !/^\d+$/.test(word));
  if (words.length === 0 || words.length > 3) return undefined;
  const pair = words.length >= 2 ? NAME_PAIRS.get(`${words[0]} ${words[1]}`) ?? NAME_PAIRS.get(`${words[words.length - 2]} ${words[words.length - 1]}`) : undefined;
  if (pair) return words.length === 2 || QUALIFIERS.has(words[0]!) || /^v?\d+$/.test(words[2]!) ? pair : undefined;
  // `state.md` is as often a design note on application state as a record of work: it records work in an
  // agent's planning folder (GSD's `.planning/STATE.md`) or with a qualifier (`PROJECT_STATE.md`).
  if (words.includes('state')) {
    if (words.length === 1 && !STATE_FOLDER.test(file)) return undefined;
    return words.every((word) => word === 'state' || QUALIFIERS.has(word)) ? 'state' : undefined;
  }
  // `docs/orders/status.md` documents what an order's statuses mean: one folder below `docs/`, a bare status or progress
  // file records the work only in a folder kept for the work (`docs/wip/`, `docs/planning/`), or when its name is written
  // in capitals as the project's own files are (`docs/tickets/PROGRESS.md`, beside `README.md`).
  if (words.length === 1 && (words[0] === 'status' || words[0] === 'progress') && DOCS_TOPIC_FILE.test(file) && !DOCS_WORK_FOLDER.test(file) && !inMemoryBank(file) && !inCapitals(file)) return undefined;
  // `task.md`: a to-do list. Beside another kind word `task` only qualifies it (`TASK_STATUS.md` is a status file).
  // `NEXT.md`: what comes next, a list of work without more order than its own.
  if (words.length === 1 && (words[0] === 'task' || words[0] === 'next')) return 'pool';
  let kind: PlanDocumentKind | undefined;
  for (const word of words) {
    const named = NAME_WORDS.get(word);
    if (named) kind ??= named;
    else if (!QUALIFIERS.has(word) && !/^v?\d+$/.test(word)) return undefined;
  }
  return kind;
}

/** Whether a base name is one of a spec folder's own documents (`plan.md`, `tasks.md`), which are never plans there. */
export function isSpecPartName(file: string): boolean {
  const name = foldName(file);
  return name !== undefined && SPEC_PARTS.has(name);
}

/** Index files of a spec directory (`README.md`, `INDEX.md`, `_index.md`, `OVERVIEW.md`): they list specs, they are not one. */
export function isIndexName(file: string): boolean {
  const name = foldName(file);
  return name === 'readme' || name === 'index' || name === 'overview' || name === 'toc';
}

/** A template to copy (`_template.md`, `TEMPLATE.md`, `spec-template.md`): the form of a document, not one. */
export function isTemplateName(file: string): boolean {
  const name = foldName(file);
  return name === 'template' || (name !== undefined && name.endsWith(' template'));
}

/** A leading ISO date in a file name (`2025-06-01-tags.md`, `20250601-tags.md`): when it was written, not what it is. */
export const DATED = /^(?:\d{4}-\d{2}-\d{2}|\d{8})[-_]/;
