import type { CliIO } from '../io.js';

export interface Command {
  name: string;
  summary: string;
  /** The full `govern <name> --help` text, with examples. */
  help: string;
  run(args: string[], io: CliIO, globals: GlobalOptions): Promise<number>;
}

export interface GlobalOptions {
  /** The repository root (`-C <dir>`, default the working directory). */
  root: string;
  color?: boolean;
}
