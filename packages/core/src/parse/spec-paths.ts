import type { SourcePosition, Spec, SpecDocument, TaskList } from '../model/types.js';
import { DATED } from '../text/document-names.js';

/**
 * Where specs live: Spec Kit folders (`specs/003-tags/{spec,plan,tasks}.md`, also under `.specify/`)
 * and single-file specs (`.agent/specs/<slug>.md`).
 */

export type SpecRole = 'spec' | 'plan' | 'tasks' | 'other';

export interface SpecPathInfo {
  kind: 'speckit' | 'agent';
  /** The spec's folder, or for a single-file spec the file itself. */
  dir: string;
  /** The folder's number as written (`003`). */
  number?: string;
  slug: string;
  role: SpecRole;
}

const AGENT_SPEC = /^((?:.*\/)?\.agent\/specs)\/([^/]+)\.md$/i;
const MAYBE_AGENT = /\.agent\//i;
/** `specs/<name>/...` at the root or under `.specify/`: any folder name. */
const ROOT_SPECS = /^((?:\.specify\/)?specs\/([^/]+))\/(.+)$/;
/** `<package>/specs/<NNN-name>/...` deeper in a monorepo: only numbered folders, so `src/specs/helpers/` stays code. */
const NESTED_SPECS = /^((?:.+\/)?(?:\.specify\/)?specs\/(\d+[-_][^/]+))\/(.+)$/;
const NUMBERED = /^(\d+)[-_](.+)$/;


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
  const folder = ROOT_SPECS.exec(path) ?? NESTED_SPECS.exec(path);
  if (!folder) return undefined;
  const dir = folder[1]!;
  const name = folder[2]!;
  const rest = folder[3]!;
  if (rest === '' || rest.endsWith('/')) return undefined;
  const lower = rest.toLowerCase();
  const role: SpecRole = lower === 'spec.md' ? 'spec' : lower === 'plan.md' ? 'plan' : lower === 'tasks.md' ? 'tasks' : 'other';
  const numbered = NUMBERED.exec(name);
  if (numbered) return { kind: 'speckit', dir, number: numbered[1]!, slug: numbered[2]!, role };
  return { kind: 'speckit', dir, slug: name, role };
}

export interface SpecPart {
  file: string;
  spec?: SpecDocument;
  tasks?: TaskList;
  /** What `classifySpecPath(file)` says, when the caller asked it already. */
  where?: SpecPathInfo;
}

const ROLE_ORDER: Record<SpecRole, number> = { spec: 0, plan: 1, tasks: 2, other: 3 };

function compareSpecs(a: Spec, b: Spec): number {
  if (a.number !== undefined && b.number !== undefined) {
    const byNumber = Number(a.number) - Number(b.number);
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
  const groups = new Map<string, { info: SpecPathInfo; files: Array<{ part: SpecPart; role: SpecRole; file: string }> }>();
  for (const part of parts) {
    const info = part.where ?? classifySpecPath(part.file);
    if (!info) continue;
    let group = groups.get(info.dir);
    if (!group) {
      group = { info, files: [] };
      groups.set(info.dir, group);
    }
    group.files.push({ part, role: info.role, file: normalise(part.file) });
  }
  const specs: Spec[] = [];
  for (const { info, files } of groups.values()) {
    files.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const first = files[0]!;
    const spec: Spec = { kind: info.kind, dir: info.dir, slug: info.slug, position: { file: first.file, line: 1, column: 1 } };
    if (info.number !== undefined) spec.number = info.number;
    for (const { part, role, file } of files) {
      if (role === 'spec' && part.spec && !spec.spec) spec.spec = part.spec;
      else if (role === 'plan' && spec.planFile === undefined) spec.planFile = file;
      else if (role === 'tasks' && part.tasks && !spec.tasks) spec.tasks = part.tasks;
    }
    const title: SourcePosition | undefined = spec.spec?.title?.position;
    if (title) spec.position = title;
    specs.push(spec);
  }
  return specs.sort(compareSpecs);
}
