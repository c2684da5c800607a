import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '@govern/core';
import { UsageError } from '../io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--json` and `-j` are compared as `json` and `j` when a misspelt option is matched. */
export const optionName = (option: string): string => option.replace(/^-+/, '');

/** Every spelling of the options: `--format`, `-f`, … */
export function optionSpellings(options: Options): string[] {
  return Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
}

/** `unknown option "--jsn" for govern next; did you mean "--json"?`, the same wording for global and command options. */
export function unknownOption(raw: string, known: readonly string[], command?: string): UsageError {
  const suggestion = didYouMean(raw, known, optionName);
  const help = command ? `govern ${command} --help` : 'govern --help';
  return new UsageError(`unknown option "${raw}"${command ? ` for govern ${command}` : ''}${suggestion || ` (see ${help})`}`);
}

/**
 * node:util's parseArgs for a command's arguments, refusing what it refuses with govern's own one-line
 * messages: an unknown option (with the closest known one), an option without its value, a value
 * given to a flag, an argument to a command that takes none. Node's own messages quote unevenly and
 * suggest nothing, so arguments are checked from its tokens before the strict parse that types them.
 */
export function parseCommandArgs<T extends ParseArgsConfig & { options: Options; allowPositionals: boolean; strict: true }>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  const { tokens = [] } = parseArgs({ args: config.args, options: config.options, allowPositionals: true, strict: false, tokens: true } as ParseArgsConfig);
  for (const token of tokens) {
    if (token.kind === 'positional' && !config.allowPositionals) {
      throw new UsageError(`unexpected argument "${token.value}" for govern ${command}, which takes none (see govern ${command} --help)`);
    }
    if (token.kind !== 'option') continue;
    const option = config.options[token.name];
    if (!option) throw unknownOption(token.rawName, optionSpellings(config.options), command);
    if (option.type === 'boolean' && token.value !== undefined) throw new UsageError(`option ${token.rawName} takes no value, but was given "${token.value}"`);
    if (option.type === 'string' && token.value === undefined) throw new UsageError(`option ${token.rawName} needs a value`);
    // `--format --json`: a value that looks like an option is more likely a forgotten value than a value.
    if (option.type === 'string' && !token.inlineValue && token.value?.startsWith('-')) {
      throw new UsageError(`option ${token.rawName} needs a value; "${token.value}" looks like an option (write ${token.rawName}=${token.value} if it is the value)`);
    }
  }
  return parseArgs(config);
}
