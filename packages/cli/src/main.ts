import path from 'node:path';
import { didYouMean, isGovernError } from '@govern/core';
import { unknownOption } from './commands/args.js';
import type { Command, GlobalOptions } from './commands/command.js';
import { briefCommand } from './commands/brief.js';
import { checkCommand } from './commands/check.js';
import { graphCommand } from './commands/graph.js';
import { handoffCommand } from './commands/handoff.js';
import { initCommand } from './commands/init.js';
import { inspectCommand } from './commands/inspect.js';
import { nextCommand } from './commands/next.js';
import { statusCommand } from './commands/status.js';
import { EXIT, UsageError, type CliIO } from './io.js';
import { cliVersion } from './output/version.js';

export type { CliIO } from './io.js';
export { EXIT } from './io.js';

/** The body of a `govern check` worker thread (src/analysis-worker.ts starts it). */
export async function startAnalysisWorker(): Promise<void> {
  const [{ serveAnalyses }, { rules }] = await Promise.all([import('@govern/core'), import('@govern/eslint-style-rules')]);
  await serveAnalyses(rules);
}

const commands: Command[] = [nextCommand, statusCommand, inspectCommand, checkCommand, initCommand, briefCommand, handoffCommand, graphCommand];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: govern [-C <dir>] <command> [options]

govern reads the governance documents of a spec-driven repository (constitution,
PRODUCT.md, DEVELOPMENT.md, AGENTS.md, CLAUDE.md, specs, status.md, handoffs).

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run govern help <command> (or govern <command> --help) for a command's options.

Global options:
  -C, --cwd <dir>   Run as if started in <dir> (the repository root)
  --no-config-js    Refuse a JavaScript config file instead of running it (also
                    GOVERN_NO_CONFIG_JS=1); for CI on untrusted pull requests
  --allow-outside-links
                    Read documents that are symbolic links to files outside
                    the repository (by default they are reported, not read)
  --color, --no-color
                    Force colours on or off (default: on a terminal, unless NO_COLOR is set)
  -h, --help        Show help (also: govern <command> --help)
  -v, --version     Show the version

Examples:
  govern init
  govern next
  govern check --format github
  govern brief F-002 > brief.md
  govern handoff --from implement --to verify >> status.md
  govern graph --format dot | dot -Tsvg > features.svg
  govern -C ../other-repo inspect --json
`;
}

/** The global options' spellings, for a misspelt one. */
const GLOBAL_OPTIONS = ['-C', '--cwd', '--color', '--no-color', '-h', '--help', '-v', '--version'];

function commandNamed(name: string): Command {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  const names = commands.map((c) => c.name);
  const suggestion = didYouMean(name, names);
  throw new UsageError(`unknown command "${name}"${suggestion || ` (commands: ${names.join(', ')})`}`);
}

/** Splits global options (anywhere before or after the command) from the command's own arguments. */
function splitGlobals(argv: string[], cwd: string, env: CliIO['env']): { globals: GlobalOptions; rest: string[]; help: boolean; version: boolean } {
  const rest: string[] = [];
  let root = cwd;
  let color: boolean | undefined;
  let help = false;
  let version = false;
  let configJs = env.GOVERN_NO_CONFIG_JS === undefined || env.GOVERN_NO_CONFIG_JS === '' || env.GOVERN_NO_CONFIG_JS === '0';
  let allowOutsideLinks = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-C' || arg === '--cwd') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a directory`);
      root = path.resolve(root, value);
    } else if (arg.startsWith('--cwd=')) root = path.resolve(root, arg.slice(6));
    else if (arg === '--color') color = true;
    else if (arg === '--no-color') color = false;
    else if (arg === '--no-config-js') configJs = false;
    else if (arg === '--allow-outside-links') allowOutsideLinks = true;
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '-v' || arg === '--version') version = true;
    else rest.push(arg);
  }
  const globals: GlobalOptions = { root };
  if (color !== undefined) globals.color = color;
  if (!configJs) globals.configJs = false;
  if (allowOutsideLinks) globals.allowOutsideLinks = true;
  return { globals, rest, help, version };
}

/** Runs govern with the given arguments; returns the exit code. Never throws. */
export async function main(io: CliIO): Promise<number> {
  try {
    const { globals, rest, help, version } = splitGlobals(io.argv, io.cwd, io.env);
    if (version) {
      io.stdout(`${cliVersion()}\n`);
      return EXIT.ok;
    }
    const [name, ...args] = rest;
    if (!name) {
      (help ? io.stdout : io.stderr)(usage());
      return help ? EXIT.ok : EXIT.usage;
    }
    // Global options come before or after the command; anything else with a dash here is none of them.
    if (name.startsWith('-')) throw unknownOption(name, GLOBAL_OPTIONS);
    if (name === 'help') {
      io.stdout(args[0] === undefined ? usage() : `${commandNamed(args[0]).help}\n`);
      return EXIT.ok;
    }
    const command = commandNamed(name);
    if (help) {
      io.stdout(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(args, io, globals);
  } catch (error) {
    return reportFailure(error, io);
  }
}

export function reportFailure(error: unknown, io: CliIO): number {
  if (error instanceof UsageError || isGovernError(error)) {
    io.stderr(`govern: ${error.message}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`govern: internal error: ${message.split('\n')[0]}${io.env.GOVERN_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set GOVERN_DEBUG=1 for details)'}\n`);
  return EXIT.usage;
}
