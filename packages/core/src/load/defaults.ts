import type { DocumentKind } from '../model/types.js';

/** Where each kind of document is looked for when the config does not say; see docs/formats.md. */
export const DEFAULT_DOCUMENT_GLOBS: Readonly<Record<DocumentKind, readonly string[]>> = {
  constitution: ['.specify/memory/constitution.md', 'constitution.md', 'docs/constitution.md', 'memory/constitution.md'],
  product: ['docs/PRODUCT.md', 'PRODUCT.md'],
  sequence: ['docs/DEVELOPMENT.md', 'DEVELOPMENT.md', 'BACKLOG.md', 'docs/BACKLOG.md'],
  agents: ['AGENTS.md', '**/AGENTS.md'],
  claude: ['CLAUDE.md', '.claude/CLAUDE.md', '**/CLAUDE.md'],
  spec: ['specs/*/spec.md', '.specify/specs/*/spec.md', '.agent/specs/*.md'],
  plan: ['specs/*/plan.md', '.specify/specs/*/plan.md'],
  tasks: ['specs/*/tasks.md', '.specify/specs/*/tasks.md'],
  state: ['status.md', 'docs/status.md', '.agent/status.md', 'BACKLOG.md', 'docs/BACKLOG.md'],
  review: ['.agent/reviews/*.json', '.agent/reviews/*.md', '.codex-review-output.json'],
};

/** Never searched: dependencies, build output and version control. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/vendor/**', '**/.venv/**'];

export const DOCUMENT_KINDS = Object.keys(DEFAULT_DOCUMENT_GLOBS) as DocumentKind[];
