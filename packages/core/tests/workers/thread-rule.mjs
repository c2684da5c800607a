// A worker for the analysis pool tests: its one rule says which thread ran it.
import { threadId } from 'node:worker_threads';
import { serveAnalyses } from '../../dist/index.js';

const rules = {
  'which-thread': {
    meta: { type: 'suggestion', docs: { description: 'Says which thread analysed the document' }, messages: {}, schema: [] },
    create: (context) => ({ root: (node) => context.report({ node, message: `thread ${threadId}` }) }),
  },
};
await serveAnalyses(rules);
