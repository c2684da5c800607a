#!/usr/bin/env node
import path from 'node:path';
import { here, loadBundle } from './bundle-loader.js';
import { runAsProcess, tuneV8 } from './process.js';

tuneV8();
const main = loadBundle()?.main ?? (await import('./main.js')).main;
await runAsProcess(main, { analysisWorker: path.join(here, 'analysis-worker.js') });
