import { checkInitPlan, planInitIn, writeInitPlan } from '@govern/core';
import { EXIT } from '../io.js';
import { colorsFor } from '../output/colors.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './args.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'Write a config and starter governance documents (never overwrites)',
  help: `Usage: govern init [--dry-run]

Writes govern.config.json (with "$schema", extending govern:recommended) and,
when they are missing, AGENTS.md, CLAUDE.md (importing AGENTS.md),
docs/PRODUCT.md, docs/DEVELOPMENT.md and status.md. The templates pass
govern check and declare one example feature, F-001, that govern next picks.
An existing file is never overwritten.

Options:
  --dry-run   List what would be written; write nothing

Examples:
  govern init --dry-run
  govern init
  govern -C ../new-repo init && govern -C ../new-repo next`,
  async run(args, io, globals) {
    const { values } = parseCommandArgs('init', { args, options: { 'dry-run': { type: 'boolean' } }, strict: true, allowPositionals: false });
    const c = colorsFor(io.isTTY, io.env, globals.color);
    const root = globals.root;
    const plan = planInitIn(root);
    const dry = values['dry-run'] === true;
    // All or nothing: every target is checked before anything is written (and for a dry run, too).
    if (dry) checkInitPlan(root, plan);
    else writeInitPlan(root, plan);
    const out: string[] = [];
    for (const file of plan.write) out.push(`${c.green((dry ? 'would write' : 'wrote').padEnd(11))}  ${file.path}  ${c.dim(file.description)}`);
    for (const file of plan.keep) out.push(`${c.dim('kept'.padEnd(11))}  ${file.path}  ${c.dim('exists, left alone')}`);
    if (plan.write.length === 0) out.push('Nothing to write: every file exists.');
    else if (!dry) out.push('', `Next: ${c.bold('govern check')} and ${c.bold('govern next')}; replace the example feature F-001 in docs/PRODUCT.md.`);
    io.stdout(`${out.join('\n')}\n`);
    return EXIT.ok;
  },
};
