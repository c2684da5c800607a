/**
 * The files `govern init` writes. Each template passes `govern check` with the recommended rules and
 * declares one example feature that `govern next` picks, so a new repository starts from a working state.
 */

import { CONFIG_SCHEMA_URL } from '../messages.js';

export interface InitFile {
  /** Repository-relative path, `/`-separated. */
  path: string;
  content: string;
  /** Written only when missing; the config is too, like everything else. */
  description: string;
}

export const CONFIG_FILE = 'govern.config.json';
/** The schema where a project that installed govern's packages (npm, yarn) has it. */
export const CONFIG_SCHEMA_REF = './node_modules/@govern/core/schema/config.schema.json';

/**
 * The `$schema` of a new config: the installed copy when the repository has one (it matches the
 * installed govern's rules), else the schema's URL (govern installed globally, with pnpm, as a
 * pre-commit hook or an Action, where no path from the repository leads to it).
 */
export function configSchemaRef(exists: (path: string) => boolean): string {
  return exists(CONFIG_SCHEMA_REF.slice(2)) ? CONFIG_SCHEMA_REF : CONFIG_SCHEMA_URL;
}

export function configTemplate(schemaRef: string = CONFIG_SCHEMA_URL): string {
  return `${JSON.stringify({ $schema: schemaRef, extends: ['govern:recommended'] }, null, 2)}\n`;
}

const AGENTS = `# AGENTS.md

Instructions for coding agents working in this repository. Keep them short and true; update them in
the same pull request as the change that makes them wrong.

## Setup commands

- Install dependencies: \`npm install\`
- Build: \`npm run build\`
- Run tests: \`npm test\`
- Lint: \`npm run lint\`

## Where things are

- \`docs/PRODUCT.md\` — what each feature means: definition, acceptance criteria, boundary conditions.
- \`docs/DEVELOPMENT.md\` — the order features are built in.
- \`status.md\` — what is in progress, done or blocked, and the latest handoff.

## Working on a feature

- Ask \`govern next\` which feature comes next, and \`govern brief\` for everything it needs.
- Before a handoff, run the lint, test and build commands above and record the results in a
  handoff block in \`status.md\` (\`govern handoff --from <lane> --to <lane>\` drafts one).
`;

const CLAUDE = `@AGENTS.md

# How to work in this repository

Start every feature from a cleared session: everything you need is in files.

## Reading order

1. Read \`docs/DEVELOPMENT.md\` for the sequence and pick the next feature. If \`status.md\` lists a
   feature as in progress, continue that one instead.
2. Read that feature's definition, acceptance criteria and boundary conditions in \`docs/PRODUCT.md\`.
3. Implement it, then update \`status.md\` and end with a handoff block.
`;

const PRODUCT = `# Product

What each feature means. The order features are built in lives in [DEVELOPMENT.md](DEVELOPMENT.md).

## F-001: First feature

**Definition**: Replace this with one or two sentences saying what a user can do once the feature exists.

**Acceptance criteria**:
- Replace this with an observable result a test can check.
- Add one line per criterion.

**Boundary conditions**:
- Replace this with a limit the feature must respect (sizes, errors, what it does not do).

**Depends on**: none
`;

const DEVELOPMENT = `# Development sequence

This file decides what gets built next. What a feature means lives in [PRODUCT.md](PRODUCT.md).

Work top to bottom. A feature starts only when the features it depends on are done.

## Sequence

1. F-001 First feature
`;

const STATUS = `# Status

## In Progress

_Nothing is in progress._

## Done

_Nothing is done yet._

## Blocked

_Nothing is blocked._
`;

/** Every file `govern init` can write, config first; the config's `$schema` is `schemaRef`. */
export function initTemplates(schemaRef: string = CONFIG_SCHEMA_URL): InitFile[] {
  return [
    { path: CONFIG_FILE, content: configTemplate(schemaRef), description: 'govern configuration' },
    { path: 'AGENTS.md', content: AGENTS, description: 'instructions for coding agents' },
    { path: 'CLAUDE.md', content: CLAUDE, description: 'Claude Code memory, importing AGENTS.md' },
    { path: 'docs/PRODUCT.md', content: PRODUCT, description: 'feature definitions (one example feature)' },
    { path: 'docs/DEVELOPMENT.md', content: DEVELOPMENT, description: 'the order features are built in' },
    { path: 'status.md', content: STATUS, description: 'feature states and handoffs' },
  ];
}

export interface InitPlan {
  write: InitFile[];
  /** Files left alone because they exist. */
  keep: InitFile[];
}

/**
 * Which templates to write: only those whose path does not exist yet. A repository that already has a
 * config under another name (\`.governrc.json\`, \`package.json#govern\`) keeps it: pass \`hasConfig\`.
 */
export function planInit(exists: (path: string) => boolean, options: { hasConfig?: boolean } = {}): InitPlan {
  const plan: InitPlan = { write: [], keep: [] };
  for (const file of initTemplates(configSchemaRef(exists))) {
    const present = exists(file.path) || (file.path === CONFIG_FILE && options.hasConfig === true);
    (present ? plan.keep : plan.write).push(file);
  }
  return plan;
}
