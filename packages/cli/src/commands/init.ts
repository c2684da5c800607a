import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILES, planInit } from '@govern/core';
import { EXIT } from '../io.js';
import { colorsFor } from '../output/colors.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './args.js';

function hasPackageJsonConfig(root: string): boolean {
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { govern?: unknown }).govern !== undefined;
  } catch {
    return false;
  }
}

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
    const hasConfig = CONFIG_FILES.some((name) => name !== 'package.json' && existsSync(path.join(root, name))) || hasPackageJsonConfig(root);
    const plan = planInit((file) => existsSync(path.join(root, file)), { hasConfig });
    const dry = values['dry-run'] === true;
    const out: string[] = [];
    for (const file of plan.write) {
      if (!dry) {
        const target = path.join(root, file.path);
        mkdirSync(path.dirname(target), { recursive: true });
        // `wx` fails rather than overwrite a file created since the plan was made.
        writeFileSync(target, file.content, { flag: 'wx' });
      }
      out.push(`${c.green((dry ? 'would write' : 'wrote').padEnd(11))}  ${file.path}  ${c.dim(file.description)}`);
    }
    for (const file of plan.keep) out.push(`${c.dim('kept'.padEnd(11))}  ${file.path}  ${c.dim('exists, left alone')}`);
    if (plan.write.length === 0) out.push('Nothing to write: every file exists.');
    else if (!dry) out.push('', `Next: ${c.bold('govern check')} and ${c.bold('govern next')}; replace the example feature F-001 in docs/PRODUCT.md.`);
    io.stdout(`${out.join('\n')}\n`);
    return EXIT.ok;
  },
};
