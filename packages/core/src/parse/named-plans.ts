import { NOT_PLAN_FOLDER, planDocumentKind } from '../text/document-names.js';

/**
 * The plans an agent file points at. CLAUDE.md and AGENTS.md often name the file that holds the order of
 * work when its name says nothing of the kind (`` `docs/IMPLEMENTATION.md` — sprint breakdown; follow this for
 * build order ``). A line that names a Markdown file and says it holds the order of work makes that file a
 * plan, wherever it is and whatever it is called. Only words about the order of work count: a line that
 * names a file for its status codes or its style rules does not, nor one that calls it an "implementation
 * plan", which as often means a technical design.
 */

/** Words that say a file holds the order of work. Lower case, compared as substrings of the line. */
const ORDER_PHRASES = [
  'build order', 'implementation order', 'order of work', 'order of implementation', 'roadmap', 'backlog',
  'task list', 'milestone planning', 'milestone tracking', 'milestones and progress', 'sprint plan', 'sprint breakdown', 'progress tracking', 'tracks progress', 'track progress', 'what to work on next', 'work queue', 'active work', 'current work', 'work in progress', 'current tasks', 'task tracking', 'current status', 'project status',
  'reihenfolge', 'fahrplan', 'feuille de route', 'ordre des travaux', 'hoja de ruta', 'orden de implementación',
  'roteiro', 'ordem de implementação', 'дорожная карта', 'порядок работ', 'порядок реализации', 'yol haritası',
  '路线图', '路線圖', '开发顺序', '開發順序', '实施顺序', 'ロードマップ', '実装順', '로드맵', '구현 순서',
];

/** Files that are never plans, whatever a line says of them. Lower-case base names without `.md`. */
const NEVER_PLANS = new Set([
  'readme', 'changelog', 'contributing', 'license', 'code_of_conduct', 'security', 'agents', 'claude', 'gemini',
  'architecture', 'constitution', 'product', 'template',
]);

export interface NamedPlan {
  /** Repository-relative. */
  file: string;
  /** `state` when the file's name says it records where work stands (`CURRENT_STATE.md`), else `sequence`. */
  kind: 'sequence' | 'state';
}

/** Markdown paths in a line: `docs/IMPLEMENTATION.md`, `@docs/plan.md`, `[plan](./docs/plan.md)`; one split, no backtracking. */
function markdownPaths(line: string): string[] {
  return line.split(/[^\p{L}\p{N}_./@-]+/u).filter((token) => token.length > 3 && token.length <= 200 && token.toLowerCase().endsWith('.md'));
}

/** A path as written, made repository-relative; undefined for one that leaves the repository or the user's files. */
function repositoryPath(written: string): string | undefined {
  let path = written.startsWith('@') ? written.slice(1) : written;
  while (path.startsWith('./')) path = path.slice(2);
  if (path === '' || path.startsWith('/') || path.startsWith('~') || path.split('/').some((part) => part === '..' || part === '')) return undefined;
  return path;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).slice(0, -3).toLowerCase();
}

/** The plans a root agent file's text names, each once, in the order first named. */
export function plansNamedIn(text: string): NamedPlan[] {
  const plans: NamedPlan[] = [];
  for (const line of text.split(/\r\n|\r|\n/u)) {
    if (line.length > 2000 || (!line.includes('.md') && !line.includes('.MD'))) continue;
    // The words are read outside code spans and file names: `_show_backlog_dialog()` is a name, not a backlog, and
    // in "update REPO_MAP.md and BACKLOG.md" nothing is said of REPO_MAP.md.
    const words = line
      .replace(/`[^`]*`/gu, ' ')
      .split(/\s+/u)
      .filter((word) => !word.toLowerCase().includes('.md'))
      .join(' ')
      .toLowerCase();
    if (!ORDER_PHRASES.some((phrase) => words.includes(phrase))) continue;
    // The line's words are about the first file it names: `Roadmap: ROADMAP.md (v1 detail: milestones/v1-ROADMAP.md)`.
    const written = markdownPaths(line)[0];
    const file = written === undefined ? undefined : repositoryPath(written);
    if (!file || NEVER_PLANS.has(baseName(file)) || NOT_PLAN_FOLDER.test(file) || plans.some((p) => p.file === file)) continue;
    const named = planDocumentKind(file);
    const kind = named === 'state' || (named === undefined && /state|status|progress/u.test(baseName(file))) ? 'state' : 'sequence';
    plans.push({ file, kind });
  }
  return plans;
}

/** Titles that call a document the plan of work: `# Tally — Development Plan`, `# Roadmap`, `# 開発計画`. */
const PLAN_TITLE =
  /(?<![\p{L}\p{N}])(?:roadmap|development plan|dev plan|implementation plan|project plan|work plan|entwicklungsplan|fahrplan|plan de développement|plan de desarrollo|plano de desenvolvimento|план разработки|дорожная карта)(?![\p{L}\p{N}])|开发计划|開發計劃|開発計画|개발 계획|로드맵|ロードマップ|路线图|路線圖/iu;

/**
 * Whether an agent file is itself the plan: its title, the first heading within its first lines, calls it one
 * (`# flowtime — Development Plan` as CLAUDE.md's first line). A CLAUDE.md titled for its project or for Claude
 * is memory, whatever plan-like sections it holds.
 */
export function titledAsPlan(text: string): boolean {
  const lines = text.slice(0, 4000).split(/\r\n|\r|\n/u, 30);
  const title = lines.find((line) => /^#{1,2}\s/u.test(line));
  return title !== undefined && title.length <= 200 && PLAN_TITLE.test(title);
}
