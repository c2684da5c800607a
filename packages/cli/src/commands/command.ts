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

/** What every command that reads the repository passes to `loadProject`: `--config`, and how a JavaScript config file is loaded. */
export function projectOptions(io: CliIO, configFile: string | undefined): { configFile?: string; importModule?: (specifier: string) => Promise<unknown> } {
  return { ...(configFile !== undefined ? { configFile } : {}), ...(io.importModule ? { importModule: io.importModule } : {}) };
}
