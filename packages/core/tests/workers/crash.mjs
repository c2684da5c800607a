// A worker for the analysis pool tests that dies on the first batch it is sent.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {
  throw new Error('worker crashed');
});
parentPort.postMessage({ type: 'ready' });
