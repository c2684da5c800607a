#!/usr/bin/env node
import path from 'node:path';
import { here, loadBundle, tuneV8 } from './bundle-loader.js';

tuneV8();
const main = loadBundle()?.main ?? (await import('./main.js')).main;
const exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  analysisWorker: path.join(here, 'analysis-worker.js'),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
process.exitCode = exitCode;
// Everything is done once main returns. A natural exit first frees the heap, which after a large
// repository (thousands of documents held in memory) takes tens of milliseconds; exiting now skips
// that. Only when no output is still queued: writes to a pipe are asynchronous on some systems.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(exitCode);
