import type { CliIO } from './io.js';
import { UsageError } from './io.js';
import { main, reportFailure } from './main.js';

/**
 * An input of the GitHub Action (action.yml). The runner passes each as `INPUT_<NAME>`, the name
 * upper-cased with spaces as underscores, as @actions/core reads them; an unset input is ''.
 */
export function actionInput(env: CliIO['env'], name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * Words as a shell splits them, without expanding anything: spaces separate, `'…'` and `"…"` group
 * (a backslash escapes `"` and `\` inside double quotes). An input is text, not a command line to run.
 */
export function splitArguments(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'" || ch === '"') {
      const close = ch === "'" ? text.indexOf("'", i + 1) : closingDoubleQuote(text, i + 1);
      if (close < 0) throw new UsageError(`args: the quote at character ${i + 1} is never closed`);
      const quoted = text.slice(i + 1, close);
      word = (word ?? '') + (ch === '"' ? quoted.replace(/\\(["\\])/g, '$1') : quoted);
      i = close;
    } else word = (word ?? '') + ch;
  }
  if (word !== undefined) words.push(word);
  return words;
}

function closingDoubleQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** `govern check` as the Action runs it: in `working-directory`, in `format` (github: annotations), with `args`. */
export function actionArgv(env: CliIO['env']): string[] {
  return ['-C', actionInput(env, 'working-directory') || '.', 'check', '--format', actionInput(env, 'format') || 'github', ...splitArguments(actionInput(env, 'args'))];
}

/** The Action's run: its inputs read from the environment, the rest as `govern check`. */
export async function runAction(io: CliIO): Promise<number> {
  let argv: string[];
  try {
    argv = actionArgv(io.env);
  } catch (error) {
    return reportFailure(error, io);
  }
  return main({ ...io, argv });
}
