import path from 'node:path';
import { absoluteIn, alternativePaths, clip, isTameGlob, loadMarkdownParser, matchesGlob, parseTasks, specStatusState, type RuleFiles, type Spec, type Task } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { denialIn, labelIsOurs, ownRepoNames, repoLabelsByLine } from '../utils/task-claims.js';
import { linesByFile } from '../utils/lines.js';

type Options = [{ finished?: 'check' | 'ignore' }?];
type MessageIds = 'phantom' | 'phantomInChange' | 'denied';

/**
 * Tasks whose whole point is that a file goes away or moves, in the languages tasks are written in (`eliminar`,
 * `supprimer`, `löschen`, `удалить`, `删除`), or that read a file back from history (`git show HEAD:old.sql`): the named
 * file is meant not to exist. Such a task is not checked at all; missing one phantom is better than a false alarm.
 */
const REMOVAL =
  /\b(?:remov|delet|drop(?:s|ped|ping)?\b|renam|mov(?:e|ed|es|ing)\b|replac|retir|deprecat|purg|get rid|clean(?:ed|ing)? ?up|archiv|split|merg|consolidat|inlin|unif|elimin|borr[aeó]|supprim|lösch|entfern|git show)|удал|删除|刪除|移除|削除/i;

/**
 * Notes that say the file a ticked task names was never to be made: the work went into another file (`Create the
 * useUpload hook (integrated into the upload form)`, `… - Integrated directly into ChatPanel`), another file would do
 * (`(or equivalent component)`), other work covers it (`- DEFERRED: Covered by T110`), or the task was wanted only if
 * something held (`Add a migration (if needed)`), ticked when it did not. Such a task is not checked either.
 */
const NOT_MADE =
  /(?:\(|\s[-–—]\s)(?:[^()]{0,40}\s)?(?:integrated|merged|folded|built|implemented|included)\s+(?:[a-z]{1,20}\s+)?(?:into|in|within|inside)\s|\((?:only\s+)?if\s+(?:needed|necessary|required|applicable)\s*\)|\(or\s+(?:an?\s+)?equivalent\b|\bcovered\s+by\b|\bdeferred\b/i;

/** `Add credentials.json to .gitignore`: the files such a task names are the ones kept out of the repository. */
const KEEPS_OUT = /\.gitignore\b/i;

/** "Drag and drop" is a feature, not a removal. */
function removesFiles(text: string): boolean {
  return REMOVAL.test(text.replace(/drag[\s-]*(?:and|&|n|'n')[\s-]*drop/gi, ' '));
}

/** Folders that are build output or local state, never committed. */
const UNTRACKED_SEGMENTS = new Set([
  'node_modules', 'dist', 'build', 'out', 'target', 'coverage', '.venv', 'venv', 'env', '__pycache__', '.next', '.nuxt',
  '.turbo', '.cache', 'tmp', '.tmp', 'vendor', '.gradle', 'bin', 'obj',
]);

/** File names that have no extension but are files all the same. */
const EXTENSIONLESS_FILES = new Set([
  'Dockerfile', 'Makefile', 'Procfile', 'Justfile', 'Gemfile', 'Rakefile', 'Jenkinsfile', 'Brewfile', 'Vagrantfile', 'LICENSE', 'CODEOWNERS',
]);

const NO_FOLLOW = { followLinks: false } as const;

const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.next', '.turbo', '.cache', 'target', 'dist', 'build', 'coverage']);
const MAX_WALK_ENTRIES = 200_000;

/**
 * The path as a repository path, or undefined when it is not one govern can judge: routes (`/api/x`),
 * globs, placeholders (`path/to/file.py`, `[FEATURE]`, `<name>`), URLs, paths outside the repository,
 * bare file names (they could be anywhere) and names that carry no extension.
 */
function checkablePath(raw: string): string | undefined {
  let p = raw.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  if (p === '' || /[*?{}<>$|]|\.\.\.|…|:\/\//.test(p)) return undefined;
  if (/^[/~@]/.test(p) || p.startsWith('../') || p.includes('/../') || p.includes(':')) return undefined;
  if (/(?:^|\/)path\/to\//i.test(p) || /(?:^|[/_-])(?:your|my)[-_]/i.test(p) || /\[[A-Z0-9_#-]+\]/.test(p) || /X{3,}|N{3}/.test(p)) return undefined;
  const trimmed = p.replace(/(?<!\/)\/+$/, '');
  if (!trimmed.includes('/')) return undefined;
  const segments = trimmed.split('/');
  if (segments.some((s) => s === '' || s === '.' || UNTRACKED_SEGMENTS.has(s))) return undefined;
  const last = segments[segments.length - 1]!;
  if (/^\.env(?:\.|$)/.test(last) || /\.log$/i.test(last)) return undefined;
  const isDir = p.endsWith('/');
  const hasExtension = /^[^.].*\.[A-Za-z0-9]{1,10}$/.test(last);
  if (!isDir && !hasExtension && !EXTENSIONLESS_FILES.has(last)) return undefined;
  return isDir ? `${trimmed}/` : trimmed;
}

interface IgnoreRule {
  glob: string;
  anchored: boolean;
}

/** The root .gitignore's plain patterns: a file it ignores was never going to be in the repository. */
function readGitignore(files: RuleFiles, root: string): IgnoreRule[] {
  const text = files.readText(path.join(root, '.gitignore'));
  if (text === undefined) return [];
  const rules: IgnoreRule[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#') || pattern.startsWith('!')) continue;
    const body = pattern.replace(/^\//, '').replace(/(?<!\/)\/+$/, '');
    if (body === '') continue;
    const anchored = pattern.startsWith('/') || body.includes('/');
    if (!isTameGlob(body)) continue;
    rules.push({ glob: body, anchored });
  }
  return rules;
}

function ignored(relative: string, rules: IgnoreRule[]): boolean {
  if (rules.length === 0) return false;
  const segments = relative.replace(/(?<!\/)\/+$/, '').split('/');
  for (let i = 1; i <= segments.length; i++) {
    const prefix = segments.slice(0, i).join('/');
    const name = segments[i - 1]!;
    if (rules.some((r) => matchesGlob(r.anchored ? prefix : name, r.glob))) return true;
  }
  return false;
}


function inside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Every file and folder in the repository, relative, by base name (a path is then looked up by its
 * last segment rather than by scanning them all), or undefined when there are too many to list.
 */
function listRepository(files: RuleFiles, root: string): Map<string, string[]> | undefined {
  const found = new Map<string, string[]>();
  let count = 0;
  const stack: string[] = [''];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of files.readDir(path.join(root, dir)) ?? []) {
      const folder = entry.endsWith('/');
      const name = folder ? entry.slice(0, -1) : entry;
      const relative = dir ? `${dir}/${name}` : name;
      const named = found.get(name);
      if (named) named.push(relative);
      else found.set(name, [relative]);
      if (++count > MAX_WALK_ENTRIES) return undefined;
      if (folder && !SKIP_DIRS.has(name)) stack.push(relative);
    }
  }
  return found;
}

/** A folder task paths may be relative to, resolved once for all the paths of a spec. */
interface Base {
  /** The folder is the root or inside it, so every path below it is inside too. */
  inside: boolean;
  /** `path.resolve(root, base, relative)` for a `relative` that `checkablePath` accepted. */
  join(relative: string): string;
}

function baseAt(root: string, base: string): Base {
  // A folder the walk found (every spec's) is a plain repository path: joining it is resolving it.
  const plain = base === '' || (!path.isAbsolute(base) && !/(?:^|[\\/])\.\.?(?:[\\/]|$)/.test(base));
  if (plain) return baseOver(absoluteIn(root, base), true);
  const absolute = path.resolve(root, base);
  // `checkablePath` leaves no `.`, `..` or empty segments, so appending is resolving.
  return baseOver(absolute, absolute === root || inside(root, absolute));
}

function baseOver(absolute: string, isInside: boolean): Base {
  const prefix = absolute.endsWith(path.sep) ? absolute : `${absolute}${path.sep}`;
  return {
    inside: isInside,
    join: (relative) => prefix + (path.sep === '/' ? relative : relative.split('/').join(path.sep)),
  };
}

function specFolder(spec: Spec): string {
  const dir = spec.dir.replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
  return spec.kind === 'agent' || /\.md$/i.test(dir) ? path.posix.dirname(dir) : dir;
}

/** Extensions one file is often renamed between without its content changing. */
const SIBLING_EXTENSIONS: ReadonlyArray<readonly string[]> = [
  ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'],
  ['jsx', 'tsx', 'js', 'ts'],
  ['yml', 'yaml'],
  ['htm', 'html'],
  ['md', 'mdx'],
];

/** File names too common to say where a file went (`index.ts`, `__init__.py`): only the path finds them. */
const GENERIC_STEMS: ReadonlySet<string> = new Set([
  'index', 'main', '__init__', '__main__', 'mod', 'lib', 'config', 'settings', 'utils', 'util', 'helpers', 'types', 'constants',
  'create', 'list', 'update', 'delete', 'get', 'show', 'edit', 'new', 'layout', 'page', 'route', 'app', 'readme', 'styles', 'style',
  'test', 'tests', 'spec', 'setup', 'conftest', 'models', 'schema', 'service', 'api', 'server', 'client', 'package', 'changelog',
]);

/** A file name as compared across spellings: lower case, without `-`, `_` and `.`. */
function looseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '');
}

function textOfTask(task: Task): string {
  return task.text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether a spec's work is finished by its own documents: every task ticked, or a Status that says done (or dropped). */
function finished(spec: Spec): boolean {
  const tasks = spec.tasks?.tasks ?? [];
  if (tasks.length > 0 && tasks.every((task) => task.done)) return true;
  const status = spec.spec?.status?.value;
  const state = status === undefined ? undefined : specStatusState(status);
  return state === 'done' || state === 'cancelled';
}

export default createProjectRule<Options, MessageIds>('tasks-phantom-completion', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A ticked task does not name a file that is missing from the repository',
      recommended: true,
    },
    messages: {
      phantom:
        '{{task}} is ticked, but {{paths}} {{verb}} not exist in the repository{{history}}; commit {{them}}, untick the task until the work is done, or correct the path.',
      phantomInChange:
        '{{task}} is ticked in this change, but {{paths}} {{verb}} not exist; create {{them}}, untick the task until the work is done, or correct the path.',
      denied:
        '{{task}} is ticked, but its own text says "{{word}}" and {{paths}} {{verb}} not exist; untick it, or strike it through if the work was dropped.',
    },
    schema: [
      {
        type: 'object',
        properties: { finished: { enum: ['check', 'ignore'], default: 'ignore' } },
        additionalProperties: false,
      },
    ],
    govern: { scope: 'project' },
  },
  create(context) {
    const { project } = context;
    const root = path.resolve(project.root);
    const checkFinished = context.options[0]?.finished === 'check';
    // The change in front of the rule: --diff-base, or in a commit hook what is being committed.
    const base = context.diffBase ?? (context.commitHook ? 'HEAD' : undefined);
    // Links count as there even when broken: the path is committed either way. Each path is asked
    // once: tasks name the same files and top folders over and over, and each answer is a system call.
    const known = new Map<string, ReturnType<RuleFiles['kind']>>();
    const kindOf = (absolute: string) => {
      let answer = known.get(absolute);
      if (answer === undefined) {
        answer = context.files.kind(absolute, NO_FOLLOW);
        known.set(absolute, answer);
      }
      return answer;
    };
    const exists = (absolute: string): boolean => kindOf(absolute) !== 'none';
    let gitignore: IgnoreRule[] | undefined;
    let listing: Map<string, string[]> | undefined | null = null;
    let ownNames: Set<string> | undefined;
    let history: ReadonlySet<string> | undefined | null = null;
    const labels = new Map<string, Array<string | undefined>>();
    // Every spec's paths may be relative to the root, and a spec's folder is also its tasks file's.
    const basesByFolder = new Map<string, Base>();

    const linesOf = linesByFile(project);

    /** Whether the task sits in a section labelled as this repository's work (or in none). */
    const ours = (task: Task): boolean => {
      const file = task.position.file;
      let byLine = labels.get(file);
      if (!byLine) {
        byLine = repoLabelsByLine(linesOf(file).join('\n'));
        labels.set(file, byLine);
      }
      const label = byLine[task.position.line - 1];
      if (label === undefined) return true;
      ownNames ??= ownRepoNames(context.files, root, path.basename(root));
      return labelIsOurs(label, ownNames);
    };

    /**
     * Where a missing path may have gone without the task being wrong: the same file under another
     * folder (`tests/x.py` → `tests/unit/x.py`, `api/a/b.ts` → `src/handlers/a/b.ts`), a module that
     * became a package (`config.py` → `config/`), a sibling extension (`.js` → `.mjs`), or the same
     * name spelt otherwise in its folder (`2024-05-01_x.sql` → `2024_05_01_x.sql`).
     */
    const movedEquivalent = (bare: string, absolute: string, named: readonly string[]): boolean => {
      const segments = bare.split('/');
      const last = segments[segments.length - 1]!;
      const top = segments[0]!;
      const dot = last.lastIndexOf('.');
      const stem = dot > 0 ? last.slice(0, dot) : last;
      // Ending in the same last two segments anywhere, or a name of its own under the same top folder.
      const tail = segments.length >= 2 ? `/${segments.slice(-2).join('/')}` : undefined;
      const distinctive = !GENERIC_STEMS.has(stem.toLowerCase());
      if (named.some((entry) => (tail !== undefined && `/${entry}`.endsWith(tail)) || (distinctive && entry.startsWith(`${top}/`)))) return true;
      const extension = dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
      const folder = path.dirname(absolute);
      if (dot > 0 && kindOf(path.join(folder, stem)) === 'directory') return true;
      const entries = context.files.readDir(folder) ?? [];
      for (const family of SIBLING_EXTENSIONS) {
        if (!family.includes(extension)) continue;
        if (family.some((other) => other !== extension && entries.includes(`${stem}.${other}`))) return true;
      }
      const loose = looseName(last);
      return entries.some((entry) => !entry.endsWith('/') && looseName(entry) === loose);
    };

    /**
     * Whether `raw`, named by a ticked task of a spec whose paths are relative to one of `bases`, is
     * missing. `lenient` (work not under review in a change): a path that moved, or that the git
     * history shows existed, is not missing.
     */
    const missing = (raw: string, bases: readonly Base[], lenient: boolean): boolean => {
      const candidate = checkablePath(raw);
      // A folder is made of files; a task that names only a folder claims none of them (and git keeps no empty folder).
      if (!candidate || candidate.endsWith('/')) return false;
      const bare = candidate;
      const first = bare.split('/')[0]!;
      const judged: string[] = [];
      for (const folder of bases) {
        const absolute = folder.join(bare);
        if (!folder.inside && !inside(root, absolute)) continue;
        // Only a path whose top folder exists can be judged: `src/x.ts` in a repository
        // without `src/` most likely lives in another repository or package. Without its top
        // folder the path cannot exist either (`bare` always has a `/`), so that is asked first.
        if (!exists(folder.join(first))) continue;
        if (exists(absolute)) return false;
        judged.push(absolute);
      }
      if (judged.length === 0) return false;
      gitignore ??= readGitignore(context.files, root);
      if (ignored(bare, gitignore)) return false;
      if (listing === null) listing = listRepository(context.files, root);
      // Too large to list: whether the path lives in some package cannot be told, so stay quiet.
      if (listing === undefined) return false;
      const suffix = `/${bare}`;
      const named = listing.get(bare.slice(bare.lastIndexOf('/') + 1)) ?? [];
      if (named.some((entry) => entry.endsWith(suffix))) return false;
      if (!lenient) return true;
      if (judged.some((absolute) => movedEquivalent(bare, absolute, named))) return false;
      if (history === null) history = context.files.removedPaths(root);
      if (history && judged.some((absolute) => history!.has(path.relative(root, absolute).split(path.sep).join('/')))) return false;
      return true;
    };

    /** The tasks ticked in the change: done now, and not done in the base version of their list. */
    const tickedInChange = async (spec: Spec): Promise<Set<Task>> => {
      const list = spec.tasks!;
      const text = await context.git.showFile(base!, list.file);
      const before = text === undefined ? [] : parseTasks((await loadMarkdownParser()).parse(list.file, text).document).value.tasks;
      const doneIds = new Set(before.filter((t) => t.done && t.id !== undefined).map((t) => t.id!));
      const doneTexts = new Set(before.filter((t) => t.done).map(textOfTask));
      return new Set(list.tasks.filter((t) => t.done && (t.id !== undefined ? !doneIds.has(t.id) : !doneTexts.has(textOfTask(t)))));
    };

    // Files a ticked task removes on purpose, in any spec, are expected by no other task: a later spec may delete what an
    // earlier one built (`Delete .claude/hooks/`). A file named bare (`delete runner.py`) counts by its name, a folder
    // for everything in it.
    let retired: Set<string> | undefined;
    const isRetired = (raw: string): boolean => {
      retired ??= new Set(
        project.specs.flatMap((spec) => (spec.tasks?.tasks ?? []).filter((task) => task.done && task.paths.length > 0 && removesFiles(task.text)).flatMap((task) => task.paths.map((p) => p.trim().replace(/^\.\//, '')))),
      );
      const written = raw.trim().replace(/^\.\//, '');
      if (retired.has(written) || retired.has(written.slice(written.lastIndexOf('/') + 1))) return true;
      for (let slash = written.indexOf('/'); slash > 0; slash = written.indexOf('/', slash + 1)) if (retired.has(written.slice(0, slash + 1))) return true;
      return false;
    };

    /** Judges the ticked tasks of one spec: by that spec's folder, git and the file system. */
    const judge = async (spec: Spec): Promise<void> => {
        const tasks = spec.tasks;
        // An archived change is history, even in the commit that archives it (its tasks.md is new there).
        if (!tasks || spec.archived !== undefined) return;
        if (!tasks.tasks.some((task) => task.done && task.paths.length > 0)) return;
        const inChange = base !== undefined ? await tickedInChange(spec) : undefined;
        // Without a change to judge, the claims of work in progress; a finished feature is history.
        const judgeAll = inChange === undefined && (checkFinished || !finished(spec));
        const folders = new Set<string>();
        for (const folder of ['', specFolder(spec), path.posix.dirname(tasks.file)]) folders.add(folder === '.' ? '' : folder);
        const bases = [...folders].map((folder) => {
          let found = basesByFolder.get(folder);
          if (!found) basesByFolder.set(folder, (found = baseAt(root, folder)));
          return found;
        });
        const removing = new Set(tasks.tasks.filter((task) => task.done && task.paths.length > 0 && removesFiles(task.text)));
        for (const task of tasks.tasks) {
          if (!task.done || task.paths.length === 0 || NOT_MADE.test(task.text)) continue;
          const denied = denialIn(task.text);
          const claimed = inChange ? inChange.has(task) : judgeAll;
          if (!claimed && !(denied && inChange === undefined)) continue;
          if (!denied && removing.has(task)) continue;
          // A note that takes the tick back needs no excuse from history: the text says the work was not done.
          const lenient = inChange === undefined && !denied;
          const keptOut = KEEPS_OUT.test(task.text);
          const gone = task.paths.filter((raw) => !(keptOut && !raw.trim().endsWith('.gitignore')) && !isRetired(raw) && missing(raw, bases, lenient));
          if (gone.length === 0) continue;
          // Alternatives hold for any of their members: "update A (or create B)".
          const groups = alternativePaths(task.text);
          const phantoms = gone.filter((raw) => {
            const group = groups.find((g) => g.includes(raw.trim()));
            return !group || group.every((member) => member === raw.trim() || gone.includes(member) || !task.paths.includes(member));
          });
          const first = phantoms[0];
          // Asked only now: most tasks name files that are there, and the labels need the list's text.
          if (first === undefined || !ours(task)) continue;
          const paths = phantoms.map((raw) => raw.trim());
          context.report({
            messageId: denied ? 'denied' : inChange ? 'phantomInChange' : 'phantom',
            data: {
              task: taskName(task),
              paths: paths.join(', '),
              verb: paths.length === 1 ? 'does' : 'do',
              them: paths.length === 1 ? (inChange ? 'it' : 'the file') : 'them',
              word: denied ?? '',
              history: lenient && history ? ', and never did in its git history' : '',
            },
            position: pathPosition(task, first.trim(), linesOf(task.position.file)),
          });
        }
    };

    return {
      async project() {
        for (const spec of project.specs) await judge(spec);
      },
    };
  },
});

function taskName(task: Task): string {
  return task.id ? `Task ${task.id}` : `The task "${clip(task.text, 50)}"`;
}

/** The path's place on the task's line, so an editor puts the cursor on it; `lines` are the tasks file's, none when it has no text. */
function pathPosition(task: Task, written: string, lines: readonly string[]) {
  const position = { ...task.position };
  const line = lines[task.position.line - 1];
  if (line === undefined) return position;
  const at = line.indexOf(written);
  if (at < 0) return position;
  return { file: task.position.file, line: task.position.line, column: at + 1, endLine: task.position.line, endColumn: at + 1 + written.length };
}
