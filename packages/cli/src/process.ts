import v8 from 'node:v8';
import type { CliIO } from './io.js';

/**
 * A check lasts a fraction of a second to a few seconds. V8 sends a function to its optimising
 * compiler after a fixed budget of bytecode; in runs this short, on two cores, compiling that early
 * costs more than the optimised code gives back (100 documents: ~600 → ~520 ms), so the budget is four
 * times V8's default. Set before any of govern's code is compiled, and the same when the bundle's
 * code cache is made (a cache is only taken under the flags it was made with).
 */
export const V8_FLAGS = '--interrupt-budget=270336';

/** Applies V8_FLAGS to this process, before govern's code is loaded. */
export function tuneV8(): void {
  v8.setFlagsFromString(V8_FLAGS);
}

/** What a process entry decides: how govern is invoked, the rest comes from the process. */
export type ProcessInvocation = Partial<Pick<CliIO, 'argv' | 'cwd' | 'analysisWorker' | 'importModule'>>;

/**
 * Runs `run` as this process (its arguments, streams, environment and standard input), then exits
 * with its code once the output is out. The one process entry of `govern`, its bundle and its Action.
 */
export async function runAsProcess(run: (io: CliIO) => Promise<number>, invocation: ProcessInvocation = {}): Promise<never> {
  // Node warns on stderr when a JavaScript config in a package without `"type"` turns out to be an ES
  // module; govern's stderr is its own one-line errors. Other warnings still reach Node's printer.
  const printWarning = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error & { code?: string }) => {
    if (warning.code === 'MODULE_TYPELESS_PACKAGE_JSON' && !process.env.GOVERN_DEBUG) return;
    for (const print of printWarning) print.call(process, warning);
  });
  // A reader that stops early (`govern check | head`) closes the pipe: the rest of the output has
  // nowhere to go, which is no failure of the check. The run ends as it would have, with its exit code.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
  const io: CliIO = {
    argv: invocation.argv ?? process.argv.slice(2),
    cwd: invocation.cwd ?? process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        length += (chunk as Buffer).length;
        // Enough to know the input is over the limit: the rest is never held in memory.
        if (length >= maxBytes) break;
      }
      process.stdin.destroy();
      return Buffer.concat(chunks).subarray(0, maxBytes);
    },
  };
  if (invocation.analysisWorker !== undefined) io.analysisWorker = invocation.analysisWorker;
  if (invocation.importModule) io.importModule = invocation.importModule;
  const exitCode = await run(io);
  process.exitCode = exitCode;
  // Everything is done once `run` returns and the output is out. A natural exit first frees the heap,
  // which after a large repository (thousands of documents held in memory) takes milliseconds; exiting
  // once the output is flushed (a pipe may still hold some of it) skips that.
  const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', () => resolve())));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(exitCode);
}
