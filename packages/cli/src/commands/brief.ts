import { featureBrief, loadProject } from '@govern/core';
import { EXIT, UsageError } from '../io.js';
import { projectOptions, type Command } from './command.js';
import { parseCommandArgs } from './args.js';

export const briefCommand: Command = {
  name: 'brief',
  summary: 'Print a self-contained Markdown prompt for implementing a feature',
  help: `Usage: govern brief [feature] [--from <lane>] [--to <lane>] [--config <file>]

Prints one Markdown prompt an implementing agent can start from in a cleared
session: what needs a person first (if anything), the constitution's
principles, the feature's definition, acceptance criteria and boundary
conditions, the spec's Scope block, its spec, plan and open tasks, the
feature's latest handoff, the open review findings, the build/test/lint
commands from AGENTS.md, and the handoff block to fill in at the end. Without a feature, briefs the one govern next
picks. The output is plain Markdown (no colours), ready to pipe.

Options:
  --from <lane>      Lane named in the closing handoff block (default: implement)
  --to <lane>        Lane it hands to (default: verify)
  --config <file>    Use this config file instead of searching the root

Exit codes: 0 brief printed, 2 unknown feature or nothing to brief.

Examples:
  govern brief
  govern brief F-002 > brief.md
  govern brief 002-tags | claude -p
  govern brief --from build --to review | pbcopy`,
  async run(args, io, globals) {
    const { values, positionals } = parseCommandArgs('brief', {
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, config: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 1) throw new UsageError(`brief takes one feature, not ${positionals.length}`);
    const project = await loadProject(globals.root, projectOptions(io, globals, values.config));
    const brief = featureBrief(project, {
      ...(positionals[0] !== undefined ? { feature: positionals[0] } : {}),
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
    });
    io.stdout(brief.markdown);
    return EXIT.ok;
  },
};
