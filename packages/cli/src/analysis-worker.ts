// A worker thread of `govern check`: analyses documents with the same rules as the main thread,
// from the bundle when the main thread runs from it too.
import { loadBundle, tuneV8 } from './bundle-loader.js';

tuneV8();
const start = loadBundle()?.startAnalysisWorker ?? (await import('./main.js')).startAnalysisWorker;
await start();
