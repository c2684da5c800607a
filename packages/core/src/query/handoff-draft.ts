import { GovernError } from '../errors.js';
import type { AgentCommand, AgentCommandKind, AgentsFile, GitStatus } from '../model/types.js';


/** What the handoff draft needs from git: whether there is a history, and the changed files. */
export interface ChangedFilesSource {
  /** Repository-relative files that differ from `base`, including uncommitted and untracked ones. */
  changedFiles(base: string): Promise<string[]>;
  status(): Promise<GitStatus>;
}

/** The diff a draft's scope was read from, or why there was none to read. */
export type DraftDiff = { files: string[] } | { unavailable: Exclude<GitStatus, 'ok'>; message: string };

export interface HandoffDraft {
  markdown: string;
  diff: DraftDiff;
}

export interface HandoffDraftInput {
  from: string;
  to: string;
  /** Repository-relative changed files; absent for a blank template (the brief's closing handoff). */
  changedFiles?: readonly string[];
  /** Commands from AGENTS.md; the first of each kind is named in the evidence lines. */
  commands: readonly AgentCommand[];
}

/** The evidence lines of the handoff contract and the AGENTS.md command kind that fills each. */
const EVIDENCE: ReadonlyArray<readonly [label: string, kind: AgentCommandKind]> = [
  ['lint', 'lint'],
  ['typecheck', 'typecheck'],
  ['tests', 'test'],
  ['build', 'build'],
];

/** The contract's three evidence lines are always there; type-checking only when AGENTS.md names a command for it. */
const ALWAYS = new Set(['lint', 'tests', 'build']);

/** Lockfiles and generated files change with nearly every diff and say nothing about it. */
const NOISE = /(?:^|\/)(?:pnpm-lock\.yaml|package-lock\.json|yarn\.lock|bun\.lockb?|npm-shrinkwrap\.json|Cargo\.lock|poetry\.lock|uv\.lock|go\.sum)$/;

export const NOTABLE_FILES_SHOWN = 12;

/** Every command AGENTS.md files give, in file order. */
export function agentCommands(agents: readonly AgentsFile[]): AgentCommand[] {
  return agents.flatMap((a) => a.commands);
}

/**
 * The command to quote for an evidence line: the first of that kind by its own words (`pnpm test`),
 * else the first a label or heading gave that kind (`./run-checks` under "Tests"). A step of a test
 * section that installs or sets up is an install command by its own words, so it is never quoted.
 */
export function evidenceCommand(commands: readonly AgentCommand[], kind: AgentCommandKind): AgentCommand | undefined {
  return commands.find((c) => c.kind === kind && c.kindFrom === 'command') ?? commands.find((c) => c.kind === kind);
}

/** Directories touched, by their first path segment (`src/`, `tests/`), in order of first appearance after sorting. */
export function changedDirs(files: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const file of [...files].sort()) {
    const slash = file.indexOf('/');
    if (slash > 0) dirs.add(`${file.slice(0, slash)}/`);
  }
  return [...dirs];
}

/** The changed files worth naming: everything but lockfiles, capped, with a count of the rest. */
export function notableFiles(files: readonly string[]): { shown: string[]; more: number } {
  const relevant = [...files].filter((f) => !NOISE.test(f)).sort();
  return { shown: relevant.slice(0, NOTABLE_FILES_SHOWN), more: Math.max(0, relevant.length - NOTABLE_FILES_SHOWN) };
}

/**
 * A `### Handoff: from -> to` block in the five-field contract. What the repository can tell is filled in
 * (diff scope from the changed files, the commands to cite as evidence); what only a person can decide
 * stays a placeholder that `govern check` flags until it is replaced.
 */
export function draftHandoff(input: HandoffDraftInput): string {
  const lines = [`### Handoff: ${input.from} -> ${input.to}`, '', '- Goal status: done | partial | blocked', '- Evidence:'];
  for (const [label, kind] of EVIDENCE) {
    const command = evidenceCommand(input.commands, kind);
    if (command) lines.push(`  - ${label}: <pass/fail> (\`${command.command}\`)`);
    else if (ALWAYS.has(label)) lines.push(`  - ${label}: <pass/fail + command>`);
  }
  lines.push('- Diff scope:');
  if (input.changedFiles === undefined) {
    lines.push('  - changed dirs: <list>', '  - notable files: <list>');
  } else {
    const dirs = changedDirs(input.changedFiles);
    const { shown, more } = notableFiles(input.changedFiles);
    lines.push(`  - changed dirs: ${dirs.length > 0 ? dirs.join(', ') : input.changedFiles.length > 0 ? '(repository root only)' : 'none'}`);
    lines.push(`  - notable files: ${shown.length > 0 ? `${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}` : 'none'}`);
  }
  lines.push(
    '- Risk note:',
    '  - rollback path: <short>',
    '  - unresolved edge cases: <list or none>',
    '- Next owner: <person/role/lane>',
    '- Next action due: <date/time or trigger>',
  );
  return `${lines.join('\n')}\n`;
}

/** Why there is no diff to read, as the sentence to tell the person who asked for the draft. */
function noDiffMessage(status: Exclude<GitStatus, 'ok'>, root: string): string {
  const why =
    status === 'no-commit'
      ? 'the repository has no commit yet'
      : status === 'not-a-repository'
        ? `${root} is not inside a git repository`
        : 'git was not found on PATH';
  return `${why}, so there is no diff to read; fill in the diff scope yourself.`;
}

/**
 * The draft with the changed files read through `git` (vs `base`, default HEAD, uncommitted and
 * untracked included). Without a commit, outside a repository or without git, the diff scope stays
 * a placeholder and `diff` says why; an explicit `base` there is a usage error (it names nothing).
 */
export async function draftHandoffFromGit(
  git: ChangedFilesSource,
  input: Omit<HandoffDraftInput, 'changedFiles'> & { base?: string; root: string },
): Promise<HandoffDraft> {
  const { base, root, ...rest } = input;
  const status = await git.status();
  if (status !== 'ok') {
    if (base !== undefined) {
      if (status === 'no-commit') throw new GovernError('usage', `--base "${base}" names no commit: the repository has no commit yet`);
      if (status === 'not-a-repository') throw new GovernError('usage', `--base needs a git repository, and ${root} is not inside one`);
      throw new GovernError('io', '--base needs git, and git was not found on PATH');
    }
    return { markdown: draftHandoff(rest), diff: { unavailable: status, message: noDiffMessage(status, root) } };
  }
  const files = await git.changedFiles(base ?? 'HEAD');
  return { markdown: draftHandoff({ ...rest, changedFiles: files }), diff: { files } };
}
