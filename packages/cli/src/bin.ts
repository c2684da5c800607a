#!/usr/bin/env node
import path from 'node:path';
import { here, loadBundle, tuneV8 } from './bundle-loader.js';

tuneV8();
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
  // import() inside the bundle has no loader once its code cache is used (Node 20): the one place that
  // needs it, loading a JavaScript config file, gets this module's instead.
  importModule: (specifier) => import(specifier),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
process.exitCode = exitCode;
// Everything is done once main returns and the output is out. A natural exit first frees the heap,
// which after a large repository (thousands of documents held in memory) takes milliseconds; exiting
// once the output is flushed (a pipe may still hold some of it) skips that.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', () => resolve())));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);
