import { isMainThread } from 'node:worker_threads';
import { runAction } from './action.js';
import { main, startAnalysisWorker } from './main.js';
import { runAsProcess, tuneV8 } from './process.js';

/**
 * The entry of the single-file build in bundle/ (scripts/bundle.mjs writes it): what the root
 * package's `govern` bin, the pre-commit hook and the GitHub Action run, with nothing installed
 * beside it. `self` is the build's own file: `govern check`'s worker threads start from it, and in
 * a worker thread it is that worker's body.
 */
export async function runStandalone(entry: 'cli' | 'action', self: string): Promise<void> {
  if (!isMainThread) return startAnalysisWorker();
  tuneV8();
  await runAsProcess(entry === 'action' ? runAction : main, { analysisWorker: self });
}
