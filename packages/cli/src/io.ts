/** What a command may touch: everything from outside comes through here, so tests can drive `main` directly. */
export interface CliIO {
  argv: string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colours are used only then). */
  isTTY: boolean;
  /**
   * Reads standard input for `--stdin`, stopping after `maxBytes` (bytes, or text from a test): a
   * longer input is refused without being read to its end.
   */
  readStdin?: (maxBytes: number) => Promise<Uint8Array | string>;
  /** The worker entry `govern check` may start threads from; without it everything runs on one thread. */
  analysisWorker?: string;
  /**
   * How a JavaScript config file is loaded, for a caller whose own `import()` is the one that works: code
   * run from a bundle through `vm.Script` has none on Node 20 (see bundle-loader.ts). Default: `import()`.
   */
  importModule?: (specifier: string) => Promise<unknown>;
}

/** Exit codes, as ESLint uses them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
