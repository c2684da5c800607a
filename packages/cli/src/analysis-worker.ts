// A worker thread of `govern check`: analyses documents with the same rules as the main thread,
// from the bundle when the main thread runs from it too.
import { loadBundle } from './bundle-loader.js';

const start = loadBundle()?.startAnalysisWorker ?? (await import('./main.js')).startAnalysisWorker;
await start();
