#!/usr/bin/env node
import path from 'node:path';
import { here, loadBundle, tuneV8 } from './bundle-loader.js';

tuneV8();
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
const main = loadBundle()?.main ?? (await import('./main.js')).main;
const exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  analysisWorker: path.join(here, 'analysis-worker.js'),
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
});
process.exitCode = exitCode;
// Everything is done once main returns and the output is out. A natural exit first frees the heap,
// which after a large repository (thousands of documents held in memory) takes milliseconds; exiting
// once the output is flushed (a pipe may still hold some of it) skips that.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', () => resolve())));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);
