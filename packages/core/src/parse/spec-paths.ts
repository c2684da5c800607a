import type { Located, SourcePosition, Spec, SpecDocument, TaskList } from '../model/types.js';
import { DATED } from '../text/document-names.js';
import { specOrdinal } from '../text/spec-numbers.js';

/**
 * Where specs live: Spec Kit folders (`specs/003-tags/{spec,plan,tasks}.md`, also under `.specify/`),
 * single-file specs (`.agent/specs/<slug>.md`), OpenSpec changes (`openspec/changes/<id>/{proposal,design,tasks}.md`,
 * finished ones under `openspec/changes/archive/<date>-<id>/`) and Kiro specs
 * (`.kiro/specs/<name>/{requirements,bugfix,design,tasks}.md`, at any depth below `.kiro/specs`), Conductor tracks
 * (`conductor/tracks/<id>/{spec,plan}.md` with `metadata.json`, finished ones moved to `conductor/archive/<id>/`) and
 * execution plans (`docs/exec-plans/active/<name>.md`, finished ones moved to `completed/`), and Backlog.md's task
 * files (`backlog/tasks/task-12 - Title.md`, finished ones moved to `backlog/completed/` or `backlog/archive/`), and
 * PRDs in a `tasks/` folder with the task list made from each (`tasks/prd-tags.md`, `tasks/tasks-prd-tags.md`), and BMAD's
 * story files (`docs/stories/1.2.story.md`, `_bmad-output/implementation-artifacts/1-2-export.md`).
 */

export type SpecRole = 'spec' | 'plan' | 'tasks' | 'other';

export type SpecLayout = 'speckit' | 'agent' | 'openspec' | 'kiro' | 'conductor' | 'execplan' | 'backlog' | 'prd' | 'story';

export interface SpecPathInfo {
  kind: SpecLayout;
  /** The spec's folder, or for a single-file spec the file itself. */
  dir: string;
  /** The folder's number as written (`003`). */
  number?: string;
  slug: string;
  role: SpecRole;
  /**
   * The work was moved aside as finished: an OpenSpec change under `changes/archive/`, a Kiro spec under an
   * `archive` or `_archived` folder. The date the folder name starts with, when it has one, else `''`.
   */
  archived?: string;
  /** What several folders of one piece of work share (an OpenSpec change and its archived copy): they are one spec. */
  key?: string;
}

const AGENT_SPEC = /^((?:.*\/)?\.agent\/specs)\/([^/]+)\.md$/i;
const MAYBE_AGENT = /\.agent\//i;
/** `specs/<name>/...` at the root or under `.specify/`: any folder name. */
const ROOT_SPECS = /^((?:\.specify\/)?specs\/([^/]+))\/(.+)$/;
/**
 * `specs/<group>/<NNN-name>/...`: numbered folders grouped one level down (`specs/features/007-invoices/`), the
 * group named by words, not a number, so a spec's own numbered sub-folder stays part of it.
 */
const GROUPED_SPECS = /^((?:\.specify\/)?specs\/([^/\d][^/]*)\/(\d+[-_][^/]+))\/(.+)$/;
/** Groups whose specs were put away as finished. */
const FINISHED_GROUP = /^_?(?:archived?|done|completed|finished|old|legacy)$/i;
/** `<package>/specs/<NNN-name>/...` deeper in a monorepo: only numbered folders, so `src/specs/helpers/` stays code. */
const NESTED_SPECS = /^((?:.+\/)?(?:\.specify\/)?specs\/(\d+[-_][^/]+))\/(.+)$/;
const NUMBERED = /^(\d+)[-_](.+)$/;
const OPENSPEC_CHANGES = 'openspec/changes/';
const KIRO_SPECS = '.kiro/specs/';
/** The date OpenSpec puts before an archived change's id. */
const ARCHIVE_DATE = /^(\d{4}-\d{2}-\d{2})-(.+)$/;
/** Folders Kiro users move finished or superseded specs into. */
const ARCHIVE_FOLDER = /(?:^|\/)_?archived?\/$/i;

const OPENSPEC_ROLES: Readonly<Record<string, SpecRole>> = { 'proposal.md': 'spec', 'design.md': 'plan', 'tasks.md': 'tasks' };
const KIRO_ROLES: Readonly<Record<string, SpecRole>> = { 'requirements.md': 'spec', 'bugfix.md': 'spec', 'design.md': 'plan', 'tasks.md': 'tasks' };
/**
 * A `.specs/` folder at the root holds spec folders written as Kiro's (`.specs/<name>/requirements.md`, `design.md`,
 * `tasks.md`) or with a `spec.md` (`.specs/features/<name>/spec.md`); its `project/` folder holds the project's
 * roadmap and state and its `codebase/` folder notes on the code, neither a spec.
 */
const DOT_SPECS = '.specs/';
const DOT_SPECS_ROLES: Readonly<Record<string, SpecRole>> = { ...KIRO_ROLES, 'spec.md': 'spec' };
const NOT_DOT_SPEC = new Set(['project', 'codebase']);
/** A Conductor track's `plan.md` is its list of phases and tasks, so it is the track's task list. */
const CONDUCTOR_ROLES: Readonly<Record<string, SpecRole>> = { 'spec.md': 'spec', 'plan.md': 'tasks' };
/** `conductor/tracks/<id>/<file>` or `conductor/archive/<id>/<file>`, at the root or one folder down. */
const CONDUCTOR_TRACK = /^((?:[^/]+\/)?conductor)\/(tracks|archive)\/([^/]+)\/([^/]+)$/;
/**
 * An execution plan (`docs/exec-plans/active/<name>.md`, or `docs/plans/active/<date>-<name>-plan.md`; finished ones
 * under `completed/`), at the root or one folder down.
 */
const EXEC_PLAN = /^(?:[^/]+\/)?docs\/(?:exec-plans|plans)\/(active|completed)\/([^/]+)\.md$/i;
/**
 * A Backlog.md task file (`backlog/tasks/task-12 - Add-export.md`), finished ones under `backlog/completed/` or
 * `backlog/archive/tasks/`; drafts (`backlog/drafts/`) are not planned yet and are not read.
 */
const BACKLOG_TASK = /^(?:[^/]+\/)?backlog\/(tasks|completed|archive\/tasks|archive\/completed)\/([^/]+)\.md$/i;
/** The task id a Backlog.md file name starts with (`task-12`, `NOT-25.1`): a prefix and a number, before ` - `. */
const BACKLOG_ID = /^([A-Za-z][\w]{0,15}-(\d{1,6})(?:\.\d{1,3})*)(?: - |$)/;

/**
 * A PRD in a `tasks/` folder (`tasks/prd-tags.md`, `tasks/0003-prd-tags.md`) and the task list made from it, named after
 * it (`tasks/tasks-prd-tags.md`, `tasks/tasks-0003-prd-tags.md`): one feature, its number when the names give one. Teams
 * that write in Portuguese or Spanish name the folder and the list in their words (`tarefas/tarefas-prd-tags.md`).
 */
const PRD_FILE = /^(?:[^/]+\/)?(?:tasks|tarefas|tareas)\/((?:tasks|tarefas|tareas)-)?((?:(\d{1,4})-)?prd-([^/]+))\.md$/i;

/**
 * A BMAD story file, one story of an epic: `docs/stories/1.2.story.md` (or `1.2.export.md`, or one folder per epic below),
 * `_bmad-output/implementation-artifacts/1-2-export.md`, `_bmad-output/planning-artifacts/stories/1.2.story.md`,
 * `docs/sprint-artifacts/1-2-export.md`; at the root or one folder down.
 */
const STORY_FILE = /^(?:[^/]+\/)?(?:docs\/stories\/(?:[^/]+\/)?|_bmad-output\/(?:implementation-artifacts\/|(?:planning-artifacts\/)?stories\/)|docs\/sprint-artifacts\/(?:stories\/)?)([^/]+)\.md$/i;
/**
 * The epic and story numbers a story file is named by (`1.2.story`, `1-2-export`, `story-1.2`), with a story's own
 * letter (`3-6a-design-system`) or a part of a story (`3-1-2-test-utilities`, `2.1-D10-fallback`), and the words after them.
 */
const STORY_NUMBER = /^(?:story[-_.]?)?(\d{1,3})[.-](\d{1,3}[a-z]?)(?:[.-]([a-z]?\d{1,3}[a-z]?)(?=[.-]|$))?(?:[.-](.*))?$/i;

/** The date Conductor ends a track id with (`dark_mode_20260116`): when it was made, not what it is. */
const TRACK_DATE = /[-_]\d{8}$/;


/** Paths as the directory walk gives them need no normalising: this finds the ones that do. */
const NOT_NORMAL = /\\|^\.\/|\/\//;

function normalise(file: string): string {
  if (!NOT_NORMAL.test(file)) return file;
  return file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/{2,}/g, '/');
}

/** What a repository-relative path is to a spec, or `undefined` when it is not part of one. */
export function classifySpecPath(file: string): SpecPathInfo | undefined {
  const path = normalise(file);
  // Tested first, so that every Spec Kit path does not try the agent pattern's leading `.*` at each of its slashes.
  const agent = MAYBE_AGENT.test(path) ? AGENT_SPEC.exec(path) : null;
  if (agent) {
    // `.agent/specs/2025-06-01-tags.md` (the seed workflow's naming): the date is when, the slug is `tags`.
    const name = agent[2]!;
    const dated = DATED.exec(name);
    return { kind: 'agent', dir: path, slug: dated && name.length > dated[0].length ? name.slice(dated[0].length) : name, role: 'spec' };
  }
  const changes = segmentStart(path, OPENSPEC_CHANGES);
  // Everything below `openspec/changes/` is a change's or nothing: a delta spec
  // (`changes/<id>/specs/<capability>/spec.md`) is part of its change, not a Spec Kit folder.
  if (changes >= 0) return openSpecChange(path.slice(0, changes + OPENSPEC_CHANGES.length - 1), path.slice(changes + OPENSPEC_CHANGES.length).split('/'));
  const kiro = segmentStart(path, KIRO_SPECS);
  if (kiro >= 0) return kiroSpec(path.slice(0, kiro + KIRO_SPECS.length - 1), path.slice(kiro + KIRO_SPECS.length).split('/'));
  if (path.startsWith(DOT_SPECS)) {
    const rest = path.slice(DOT_SPECS.length).split('/');
    return NOT_DOT_SPEC.has(rest[0]!.toLowerCase()) ? undefined : kiroSpec('.specs', rest, DOT_SPECS_ROLES);
  }
  const track = path.includes('conductor/') ? CONDUCTOR_TRACK.exec(path) : null;
  if (track) return conductorTrack(track[1]!, track[2] === 'archive', track[3]!, track[4]!);
  const plan = path.includes('plans/') ? EXEC_PLAN.exec(path) : null;
  if (plan) return execPlan(path, plan[1] === 'completed', plan[2]!);
  const task = path.includes('backlog/') ? BACKLOG_TASK.exec(path) : null;
  if (task) return backlogTask(path, task[1]!.toLowerCase() !== 'tasks', task[2]!);
  const prd = path.includes('prd-') ? PRD_FILE.exec(path) : null;
  if (prd) {
    const dir = `${path.slice(0, path.lastIndexOf('/') + 1)}${prd[2]!}.md`;
    const info: SpecPathInfo = { kind: 'prd', dir, slug: prd[4]!.toLowerCase(), role: prd[1] ? 'tasks' : 'spec', key: `prd/${dir.toLowerCase()}` };
    if (prd[3] !== undefined) info.number = prd[3];
    return info;
  }
  const story = path.includes('stor') || path.includes('artifacts/') ? STORY_FILE.exec(path) : null;
  if (story) return storyFile(path, story[1]!);
  const grouped = GROUPED_SPECS.exec(path);
  const folder = grouped ? [grouped[0], grouped[1], grouped[3], grouped[4]] : (ROOT_SPECS.exec(path) ?? NESTED_SPECS.exec(path));
  if (!folder) return undefined;
  const dir = folder[1]!;
  const name = folder[2]!;
  const rest = folder[3]!;
  if (rest === '' || rest.endsWith('/')) return undefined;
  const lower = rest.toLowerCase();
  const role: SpecRole = lower === 'spec.md' ? 'spec' : lower === 'plan.md' ? 'plan' : lower === 'tasks.md' || lower === 'task.md' ? 'tasks' : 'other';
  const numbered = NUMBERED.exec(name);
  const info: SpecPathInfo = numbered ? { kind: 'speckit', dir, number: numbered[1]!, slug: numbered[2]!, role } : { kind: 'speckit', dir, slug: name, role };
  if (grouped && FINISHED_GROUP.test(grouped[2]!)) info.archived = '';
  return info;
}

/** Where `segment` (`openspec/changes/`) starts in `path` as whole folder names, or -1. */
function segmentStart(path: string, segment: string): number {
  for (let at = path.indexOf(segment); at >= 0; at = path.indexOf(segment, at + 1)) {
    if (at === 0 || path[at - 1] === '/') return at;
  }
  return -1;
}

/** `<id>/<file>` or `archive/<dated-id>/<file>` below `openspec/changes`. */
function openSpecChange(changes: string, rest: string[]): SpecPathInfo | undefined {
  const archived = rest[0] === 'archive' && rest.length === 3;
  if (rest.length !== (archived ? 3 : 2)) return undefined;
  const name = rest[archived ? 1 : 0]!;
  const file = rest[archived ? 2 : 1]!;
  const role = OPENSPEC_ROLES[file.toLowerCase()] ?? 'other';
  const dated = archived ? ARCHIVE_DATE.exec(name) : null;
  const id = dated ? dated[2]! : name;
  const info: SpecPathInfo = { kind: 'openspec', dir: `${changes}/${archived ? 'archive/' : ''}${name}`, slug: id, role, key: `${changes}/${id}` };
  const numbered = NUMBERED.exec(id);
  if (numbered) info.number = numbered[1]!;
  if (archived) info.archived = dated ? dated[1]! : '';
  return info;
}

/** `[<group>/…]<name>/<file>` below `.kiro/specs` (or `.specs`): the folder holding the file is the spec. */
function kiroSpec(specs: string, rest: string[], roles = KIRO_ROLES): SpecPathInfo | undefined {
  if (rest.length < 2) return undefined;
  const file = rest[rest.length - 1]!;
  const name = rest[rest.length - 2]!;
  const between = rest.slice(0, -2).map((folder) => `${folder}/`).join('');
  const role = roles[file.toLowerCase()] ?? 'other';
  const info: SpecPathInfo = { kind: 'kiro', dir: `${specs}/${between}${name}`, slug: name, role };
  const numbered = NUMBERED.exec(name);
  if (numbered) info.number = numbered[1]!;
  if (between !== '' && ARCHIVE_FOLDER.test(between)) info.archived = '';
  return info;
}

/** A Conductor track's file: the track id's folder, one spec whether active or moved to the archive. */
function conductorTrack(conductor: string, archived: boolean, id: string, file: string): SpecPathInfo {
  const dated = TRACK_DATE.exec(id);
  const info: SpecPathInfo = {
    kind: 'conductor',
    dir: `${conductor}/${archived ? 'archive' : 'tracks'}/${id}`,
    slug: dated && dated.index > 0 ? id.slice(0, dated.index) : id,
    role: CONDUCTOR_ROLES[file.toLowerCase()] ?? 'other',
    key: `${conductor}/tracks/${id}`,
  };
  if (archived) info.archived = '';
  return info;
}

/**
 * An execution plan: one file is the plan, its Progress boxes its tasks. One under `active/` is the work currently
 * driven (`current`); one under `completed/` was finished when it was moved. Both are one plan by the name.
 */
function execPlan(path: string, completed: boolean, name: string): SpecPathInfo {
  const dated = DATED.exec(name);
  const slug = dated && name.length > dated[0].length ? name.slice(dated[0].length) : name;
  const info: SpecPathInfo = { kind: 'execplan', dir: path, slug, role: 'spec', key: `exec-plans/${name.toLowerCase()}` };
  if (completed) info.archived = '';
  return info;
}

/** A Backlog.md task: its id names it and its number orders it; a file without an id is none (`backlog/tasks/README.md`). */
function backlogTask(path: string, finished: boolean, name: string): SpecPathInfo | undefined {
  const id = BACKLOG_ID.exec(name);
  if (!id) return undefined;
  const info: SpecPathInfo = { kind: 'backlog', dir: path, number: id[2]!, slug: id[1]!.toLowerCase(), role: 'spec', key: `backlog/${id[1]!.toLowerCase()}` };
  if (finished) info.archived = '';
  return info;
}

/**
 * A BMAD story: its epic and story numbers name and order it (`1.2`); a file not named by them is none (an epic's
 * retrospective, the sprint's notes).
 */
function storyFile(path: string, name: string): SpecPathInfo | undefined {
  const numbered = STORY_NUMBER.exec(name);
  if (!numbered) return undefined;
  const number = [numbered[1]!, numbered[2]!, numbered[3]].filter((part) => part !== undefined).join('.');
  const words = (numbered[4] ?? '').replace(/^story$/i, '');
  return { kind: 'story', dir: path, number, slug: words === '' ? `story-${number}` : words.toLowerCase(), role: 'spec' };
}

export interface SpecPart {
  file: string;
  spec?: SpecDocument;
  tasks?: TaskList;
  /** What `classifySpecPath(file)` says, when the caller asked it already. */
  where?: SpecPathInfo;
  /** A Kiro spec's `spec.json` phase (cc-sdd), a Conductor track's `metadata.json` status. */
  phase?: Located<string>;
  /**
   * Spec Kit's pointer to the feature being worked on (`.specify/feature.json`, or the block its agent-context
   * script keeps in CLAUDE.md and AGENTS.md): the folder it names, where.
   * It marks that spec; it is not a part of any spec itself.
   */
  current?: Located<string>;
}

const ROLE_ORDER: Record<SpecRole, number> = { spec: 0, plan: 1, tasks: 2, other: 3 };

function compareSpecs(a: Spec, b: Spec): number {
  if (a.number !== undefined && b.number !== undefined) {
    const [left, right] = [specOrdinal(a.number), specOrdinal(b.number)];
    const byNumber = left !== undefined && right !== undefined ? left - right : 0;
    if (byNumber !== 0) return byNumber;
    if (a.number !== b.number) return a.number < b.number ? -1 : 1;
  } else if (a.number !== undefined || b.number !== undefined) {
    // Numbered specs declare an order; unnumbered ones come after them.
    return a.number !== undefined ? -1 : 1;
  }
  if (a.slug !== b.slug) return a.slug < b.slug ? -1 : 1;
  return a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0;
}

/**
 * Groups parsed spec files into one `Spec` per folder (or single-file spec), ordered by number, then slug.
 * Files that are not part of a spec are ignored. A spec's position is its title in spec.md, else the start
 * of its first file (spec, plan, tasks, then the rest by path).
 */
export function assembleSpecs(parts: ReadonlyArray<SpecPart>): Spec[] {
  const groups = new Map<string, { info: SpecPathInfo; files: Array<{ part: SpecPart; role: SpecRole; file: string; archived: boolean }> }>();
  const pointers: Located<string>[] = [];
  for (const part of parts) {
    if (part.current) {
      pointers.push(part.current);
      continue;
    }
    const info = part.where ?? classifySpecPath(part.file);
    if (!info) continue;
    const key = info.key ?? info.dir;
    let group = groups.get(key);
    if (!group) {
      group = { info, files: [] };
      groups.set(key, group);
    } else if (info.archived !== undefined && group.info.archived === undefined) {
      // An archived copy of a change whose active folder was left behind: the archive says it is finished.
      group.info = info;
    }
    group.files.push({ part, role: info.role, file: normalise(part.file), archived: info.archived !== undefined });
  }
  const specs: Spec[] = [];
  for (const { info, files } of groups.values()) {
    // The archived copy's files first: they are the change as finished.
    files.sort((a, b) => Number(b.archived) - Number(a.archived) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const first = files[0]!;
    const spec: Spec = { kind: info.kind, dir: info.dir, slug: info.slug, position: { file: first.file, line: 1, column: 1 } };
    if (info.number !== undefined) spec.number = info.number;
    if (info.archived !== undefined) spec.archived = info.archived;
    const left = info.archived !== undefined ? files.find((f) => !f.archived) : undefined;
    if (left) spec.activeCopy = left.file.slice(0, left.file.lastIndexOf('/'));
    for (const { part, role, file } of files) {
      if (role === 'spec' && part.spec && !spec.spec) spec.spec = part.spec;
      else if (role === 'plan' && spec.planFile === undefined) spec.planFile = file;
      else if (role === 'tasks' && part.tasks && !spec.tasks) spec.tasks = part.tasks;
      if (part.phase && !spec.phase) spec.phase = part.phase;
    }
    const title: SourcePosition | undefined = spec.spec?.title?.position;
    if (title) spec.position = title;
    // A story the sprint lists before its file is written is where the sprint lists it.
    else if (!spec.spec && spec.phase && first.role === 'other') spec.position = spec.phase.position;
    specs.push(spec);
  }
  for (const pointer of pointers) {
    const target = pointedSpec(specs, pointer.value);
    if (target) target.current = pointer.position;
  }
  return specs.sort(compareSpecs);
}

/**
 * The spec a pointer's folder names: `specs/004-tags` as written, `./specs/004-tags/`, an absolute path
 * that ends in a spec's folder (a pointer written on the author's machine), or the folder's name alone.
 */
function pointedSpec(specs: readonly Spec[], folder: string): Spec | undefined {
  let wanted = folder.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  while (wanted.endsWith('/')) wanted = wanted.slice(0, -1);
  if (wanted === '') return undefined;
  const found = specs.find((spec) => spec.dir === wanted) ?? specs.find((spec) => wanted.endsWith(`/${spec.dir}`));
  if (found || wanted.includes('/')) return found;
  // A folder's name alone (`Active feature: 016-drills`) names the one spec of that name, if only one has it.
  const named = specs.filter((spec) => spec.dir.endsWith(`/${wanted}`));
  return named.length === 1 ? named[0] : undefined;
}
