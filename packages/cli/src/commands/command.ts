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

/**
 * What every command that reads the repository passes to `loadProject` (or `loadConfig`): `--config`,
 * the global `--no-config-js` and `--allow-outside-links`, and how a JavaScript config file is loaded.
 */
export function projectOptions(
  io: CliIO,
  globals: GlobalOptions,
  configFile: string | undefined,
): { configFile?: string; configJs?: false; allowOutsideLinks?: true; importModule?: (specifier: string) => Promise<unknown> } {
  return {
    ...(configFile !== undefined ? { configFile } : {}),
    ...(globals.configJs === false ? { configJs: false as const } : {}),
    ...(globals.allowOutsideLinks ? { allowOutsideLinks: true as const } : {}),
    ...(io.importModule ? { importModule: io.importModule } : {}),
  };
}
