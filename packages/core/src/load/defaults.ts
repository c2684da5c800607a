import type { DocumentKind } from '../model/types.js';
import type { GovernConfig } from '../model/config-types.js';
import { isIndexName, planDocumentKind } from '../text/document-names.js';
import { matchesGlob } from '../text/glob.js';

/**
 * Folders where plans, backlogs, to-do lists and status files are found by their name: the root, `docs/`
 * and one folder below it, the top of `specs/`, and the agents' folders.
 */
export const PLAN_FOLDERS = ['', 'docs/', 'docs/*/', 'specs/', '.claude/', '.agent/', '.specify/', 'planning/', '.planning/'] as const;

/** Every Markdown file of those folders; which of them are plans is decided by name (`namedDocumentKinds`). */
export const NAMED_PLAN_GLOB = `{${PLAN_FOLDERS.join(',')}}*.md`;

/** Where each kind of document is looked for when the config does not say; see docs/formats.md. Matched without regard to case. */
export const DEFAULT_DOCUMENT_GLOBS: Readonly<Record<DocumentKind, readonly string[]>> = {
  constitution: ['.specify/memory/constitution.md', 'constitution.md', 'docs/constitution.md', 'memory/constitution.md'],
  product: ['docs/PRODUCT.md', 'PRODUCT.md'],
  sequence: ['docs/DEVELOPMENT.md', 'DEVELOPMENT.md', 'BACKLOG.md', 'docs/BACKLOG.md', NAMED_PLAN_GLOB],
  agents: ['AGENTS.md', '**/AGENTS.md'],
  claude: ['CLAUDE.md', '.claude/CLAUDE.md', '**/CLAUDE.md'],
  spec: ['specs/*/spec.md', '.specify/specs/*/spec.md', '.agent/specs/*.md'],
  plan: ['specs/*/plan.md', '.specify/specs/*/plan.md'],
  tasks: ['specs/*/tasks.md', '.specify/specs/*/tasks.md'],
  state: ['status.md', 'docs/status.md', '.agent/status.md', 'BACKLOG.md', 'docs/BACKLOG.md', NAMED_PLAN_GLOB],
  review: ['.agent/reviews/*.json', '.agent/reviews/*.md', '.codex-review-output.json'],
};

/** Folders whose files are never plans, whatever their name: templates, prompts, old copies. */
const NOT_PLAN_FOLDER = /(?:^|\/)(?:_?templates?|commands|prompts|archives?|archived|old|legacy|examples?)\//iu;

/**
 * Whether a file a default glob found is a document of `kind`: the named-plan glob takes only files whose
 * name makes them a plan (`ROADMAP.md`, `todo.md`, `.claude/TASKS.md` as sequences; `STATUS.md`,
 * `progress.md` as state files; `specs/OVERVIEW.md` as the spec directory's roadmap), and index files of
 * `.agent/specs/` (`README.md`, `INDEX.md`) are not specs.
 */
export function acceptsDefault(kind: DocumentKind, glob: string, file: string): boolean {
  if (glob === NAMED_PLAN_GLOB) {
    if (NOT_PLAN_FOLDER.test(file)) return false;
    const named = planDocumentKind(file);
    if (kind === 'sequence') return named === 'plan' || named === 'pool' || (isSpecOverview(file) && named === undefined);
    return named === 'state';
  }
  if (kind === 'spec' && file.toLowerCase().startsWith('.agent/specs/')) return !isIndexName(file);
  return true;
}

/** `specs/OVERVIEW.md`: the spec directory's overview, which holds its roadmap. */
function isSpecOverview(file: string): boolean {
  return /^specs\/overview\.md$/iu.test(file);
}

/** The globs `kind` is looked for at, and whether they are the defaults (matched without regard to case, with `acceptsDefault`). */
export function documentGlobs(kind: DocumentKind, config: GovernConfig): { globs: readonly string[]; defaults: boolean } {
  const configured = config.documents?.[kind];
  return configured ? { globs: configured, defaults: false } : { globs: DEFAULT_DOCUMENT_GLOBS[kind], defaults: true };
}

/** The kinds a repository-relative path has by the configured (or default) globs. */
export function documentKindsOf(file: string, config: GovernConfig): DocumentKind[] {
  return DOCUMENT_KINDS.filter((kind) => {
    const { globs, defaults } = documentGlobs(kind, config);
    return globs.some((glob) => (defaults ? matchesGlob(file, glob, true) && acceptsDefault(kind, glob, file) : matchesGlob(file, glob)));
  });
}

/** Never searched: dependencies, build output and version control. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/vendor/**', '**/.venv/**'];

export const DOCUMENT_KINDS = Object.keys(DEFAULT_DOCUMENT_GLOBS) as DocumentKind[];
