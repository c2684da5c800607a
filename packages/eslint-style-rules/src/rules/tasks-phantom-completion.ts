import path from 'node:path';
import { absoluteIn, clip, isTameGlob, matchesGlob, type RuleFiles, type Spec, type Task } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';

type MessageIds = 'phantom';

/**
 * Tasks whose whole point is that a file goes away or moves: the named file is meant not to exist.
 * Such a task is not checked at all; missing one phantom is better than a false alarm.
 */
const REMOVAL = /\b(?:remov|delet|drop(?:s|ped|ping)?\b|renam|mov(?:e|ed|es|ing)\b|replac|retir|deprecat|purg|get rid|clean(?:ed|ing)? ?up|archiv|split|merg|consolidat|inlin|unif)/i;

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

export default createProjectRule<[], MessageIds>('tasks-phantom-completion', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A ticked task does not name a file that is missing from the repository',
      recommended: true,
    },
    messages: {
      phantom:
        '{{task}} is ticked, but {{path}} does not exist in the repository; commit the file, untick the task until the work is done, or correct the path.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    const { project } = context;
    const root = path.resolve(project.root);
    // Links count as there even when broken: the path is committed either way. Each path is asked
    // once: tasks name the same files and top folders over and over, and each answer is a system call.
    const known = new Map<string, boolean>();
    const exists = (absolute: string): boolean => {
      let answer = known.get(absolute);
      if (answer === undefined) {
        answer = context.files.kind(absolute, NO_FOLLOW) !== 'none';
        known.set(absolute, answer);
      }
      return answer;
    };
    let gitignore: IgnoreRule[] | undefined;
    let listing: Map<string, string[]> | undefined | null = null;
    const lines = new Map<string, string[]>();
    // Every spec's paths may be relative to the root, and a spec's folder is also its tasks file's.
    const basesByFolder = new Map<string, Base>();

    /** Whether `raw`, named by a ticked task of a spec whose paths are relative to one of `bases`, is missing. */
    const missing = (raw: string, bases: readonly Base[]): boolean => {
      const candidate = checkablePath(raw);
      if (!candidate) return false;
      const bare = candidate.replace(/(?<!\/)\/+$/, '');
      const first = bare.split('/')[0]!;
      let judged = false;
      for (const base of bases) {
        const absolute = base.join(bare);
        if (!base.inside && !inside(root, absolute)) continue;
        // Only a path whose top folder exists can be judged: `src/x.ts` in a repository
        // without `src/` most likely lives in another repository or package. Without its top
        // folder the path cannot exist either (`bare` always has a `/`), so that is asked first.
        if (!exists(base.join(first))) continue;
        if (exists(absolute)) return false;
        judged = true;
      }
      if (!judged) return false;
      gitignore ??= readGitignore(context.files, root);
      if (ignored(bare, gitignore)) return false;
      if (listing === null) listing = listRepository(context.files, root);
      // Too large to list: whether the path lives in some package cannot be told, so stay quiet.
      if (listing === undefined) return false;
      const suffix = `/${bare}`;
      const named = listing.get(bare.slice(bare.lastIndexOf('/') + 1)) ?? [];
      return !named.some((entry) => entry.endsWith(suffix));
    };

    /** Judges the ticked tasks of one spec: by that spec's folder and the file system. */
    const judge = (spec: Spec): void => {
      const tasks = spec.tasks;
      if (!tasks) return;
      if (!tasks.tasks.some((task) => task.done && task.paths.length > 0)) return;
      const folders = new Set<string>();
      for (const folder of ['', specFolder(spec), path.posix.dirname(tasks.file)]) folders.add(folder === '.' ? '' : folder);
      const bases = [...folders].map((folder) => {
        let base = basesByFolder.get(folder);
        if (!base) basesByFolder.set(folder, (base = baseAt(root, folder)));
        return base;
      });
      // The tasks of one spec name the same few files again and again; each is judged once.
      const verdicts = new Map<string, boolean>();
      for (const task of tasks.tasks) {
        if (!task.done || task.paths.length === 0) continue;
        // Asked only once a path is missing: most tasks name files that are there.
        let removal: boolean | undefined;
        for (const raw of task.paths) {
          let phantom = verdicts.get(raw);
          if (phantom === undefined) {
            phantom = missing(raw, bases);
            verdicts.set(raw, phantom);
          }
          if (!phantom || (removal ??= removesFiles(task.text))) continue;
          const file = task.position.file;
          let fileLines = lines.get(file);
          if (!fileLines) {
            const text = project.text(file)?.text;
            fileLines = text ? text.split(/\r\n|\r|\n/) : [];
            lines.set(file, fileLines);
          }
          context.report({ messageId: 'phantom', data: { task: taskName(task), path: raw.trim() }, position: pathPosition(task, raw.trim(), fileLines) });
        }
      }
    };

    return {
      project() {
        for (const spec of project.specs) judge(spec);
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
