import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `govern` in-process with captured output, as a user at `cwd` would. */
export async function runCli(argv: string[], options: { cwd?: string; env?: Record<string, string>; stdin?: string; isTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    cwd: options.cwd ?? repoRoot,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    readStdin: async () => options.stdin ?? '',
  });
  return { code, stdout, stderr };
}
