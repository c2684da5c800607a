import { agentCommands, assertGitRef, createGitAccess, draftHandoffFromGit, loadProject } from '@govern/core';
import { EXIT, UsageError } from '../io.js';
import { projectOptions, type Command } from './command.js';
import { parseCommandArgs } from './args.js';

const LANE = /^[^\s<>].{0,79}$/u;

export const handoffCommand: Command = {
  name: 'handoff',
  summary: 'Draft a handoff block pre-filled from git and AGENTS.md',
  help: `Usage: govern handoff --from <lane> --to <lane> [--base <ref>] [--config <file>]

Prints a "### Handoff: <from> -> <to>" block in the five-field contract. The
diff scope comes from the files changed since --base (default HEAD, with
uncommitted and untracked files); in a repository with no commit yet, or
outside git, it is left for you to fill in and a line on stderr says why.
The evidence lines name the lint, test and build commands AGENTS.md gives
(an install or setup step is never quoted as a test), with <pass/fail> left
to fill in. Goal status,
risk note, next owner and due date stay placeholders: a person decides them,
and govern check flags any left in.

Options:
  --from <lane>      The lane handing off (required)
  --to <lane>        The lane taking over (required)
  --base <ref>       Git ref to diff against (default: HEAD)
  --config <file>    Use this config file instead of searching the root

Examples:
  govern handoff --from implement --to verify
  govern handoff --from implement --to review --base origin/main >> status.md
  govern handoff --from verify --to release | pbcopy`,
  async run(args, io, globals) {
    const { values } = parseCommandArgs('handoff', {
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, base: { type: 'string' }, config: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    for (const name of ['from', 'to'] as const) {
      const value = values[name];
      if (value === undefined) throw new UsageError(`handoff needs --${name} <lane>`);
      if (!LANE.test(value) || /->|→/.test(value)) throw new UsageError(`--${name} needs a lane name such as "implement" (got "${value}")`);
    }
    const git = createGitAccess(globals.root);
    if (values.base !== undefined && (await git.status()) === 'ok') await assertGitRef(globals.root, values.base, '--base');
    const project = await loadProject(globals.root, { kinds: ['agents'], ...projectOptions(io, globals, values.config) });
    const draft = await draftHandoffFromGit(git, {
      root: project.root,
      from: values.from!,
      to: values.to!,
      commands: agentCommands(project.agents),
      ...(values.base !== undefined ? { base: values.base } : {}),
    });
    io.stdout(draft.markdown);
    // The draft is still worth having without a diff; the person filling it in is told why the scope is blank.
    if ('unavailable' in draft.diff) io.stderr(`govern: ${draft.diff.message}\n`);
    return EXIT.ok;
  },
};
