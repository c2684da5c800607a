// A worker thread of `govern check`: analyses documents with the same rules as the main thread,
// from the bundle when the main thread runs from it too.
import { loadBundle } from './bundle-loader.js';
import { tuneV8 } from './process.js';

tuneV8();
const start = loadBundle()?.startAnalysisWorker ?? (await import('./main.js')).startAnalysisWorker;
await start();
