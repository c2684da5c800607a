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
  /** `--no-config-js` or `GOVERN_NO_CONFIG_JS=1`: a JavaScript config file is refused, never run. */
  configJs?: false;
  /** `--allow-outside-links`: documents that are symbolic links leading out of the repository are read. */
  allowOutsideLinks?: true;
}

/** The options every command loads the project (or its config) with: the global ones and `--config`. */
export function loadOptionsOf(globals: GlobalOptions, configFile: string | undefined): { configFile?: string; configJs?: false; allowOutsideLinks?: true } {
  return {
    ...(configFile !== undefined ? { configFile } : {}),
    ...(globals.configJs === false ? { configJs: false as const } : {}),
    ...(globals.allowOutsideLinks ? { allowOutsideLinks: true as const } : {}),
  };
}
