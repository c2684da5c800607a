import { threadId } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseInParallel, workerCount, BYTES_PER_WORKER } from '../src/incremental/pool.js';
import { analyseJobs, type AnalysisJob } from '../src/lint/engine.js';
import type { ProjectFiles } from '../src/load/project.js';
import type { DocumentRuleModule } from '../src/lint/types.js';
import type { DocumentAnalysis } from '../src/lint/analysis.js';

const script = (name: string) => fileURLToPath(new URL(`./workers/${name}`, import.meta.url));

/** Says which thread analysed the document; on the main thread it is slow, so that a worker surely gets some of the queue. */
const whichThread: DocumentRuleModule = {
  meta: { type: 'suggestion', docs: { description: 'Says which thread analysed the document', recommended: false }, messages: {}, schema: [] },
  create: (context) => ({
    root: (node) => {
      const until = Date.now() + 25;
      while (Date.now() < until);
      context.report({ node, message: `thread ${threadId}` });
    },
  }),
};
const rules = { 'which-thread': whichThread };

/** Forty task lists of ~8 KB, as a Spec Kit repository holds them: enough text for one thread. */
const texts = new Map<string, string>();
const jobs: AnalysisJob[] = Array.from({ length: 40 }, (_, i) => {
  const file = `specs/${String(i + 1).padStart(3, '0')}-feature/tasks.md`;
  const tasks = Array.from({ length: 200 }, (_, t) => `- [${t % 2 ? 'x' : ' '}] T${String(t + 1).padStart(3, '0')} Build part ${t} of feature ${i}`).join('\n');
  texts.set(file, `# Tasks: Feature ${i}\n\n## Phase 1\n\n${tasks}\n`);
  return { file, absolutePath: `/repo/${file}`, kinds: ['tasks'], eol: 'lf', rules: [{ id: 'which-thread', severity: 1, options: [] }], settings: '' };
});
const files = {
  root: '/repo',
  text: (file: string) => {
    const text = texts.get(file);
    return text === undefined ? undefined : { text, bom: false, eol: 'lf' as const };
  },
} as unknown as ProjectFiles;

const threadsUsed = (results: ReadonlyMap<string, DocumentAnalysis>) => new Set([...results.values()].map((a) => a.messages[0]?.message));

describe('analyseInParallel', () => {
  it('shares the documents between the main thread and a worker, with the same models either way', { timeout: 60_000 }, async () => {
    const results = await analyseInParallel({ script: script('thread-rule.mjs'), threads: 1 }, rules)(jobs, files);
    expect([...results.keys()].sort()).toEqual(jobs.map((j) => j.file).sort());
    const threads = threadsUsed(results);
    expect(threads).toContain('thread 0');
    expect([...threads].some((t) => t !== 'thread 0')).toBe(true);
    const alone = await analyseJobs(jobs, files, rules);
    for (const job of jobs) {
      const { messages: _m, ...fromPool } = results.get(job.file)!;
      const { messages: _l, ...local } = alone.get(job.file)!;
      expect(fromPool).toEqual(local);
    }
  });

  it('finishes on the main thread when a worker dies', { timeout: 60_000 }, async () => {
    const results = await analyseInParallel({ script: script('crash.mjs'), threads: 1 }, rules)(jobs, files);
    expect(results.size).toBe(jobs.length);
    expect(threadsUsed(results)).toEqual(new Set(['thread 0']));
  });

  it('finishes on the main thread when the worker script does not exist', { timeout: 60_000 }, async () => {
    const results = await analyseInParallel({ script: script('missing.mjs'), threads: 1 }, rules)(jobs, files);
    expect(results.size).toBe(jobs.length);
  });
});

describe('workerCount', () => {
  it('starts threads only for enough text, and never more than asked', () => {
    expect(workerCount({ script: '', threads: 4 }, BYTES_PER_WORKER - 1)).toBe(0);
    expect(workerCount({ script: '', threads: 4 }, 3 * BYTES_PER_WORKER)).toBe(3);
    expect(workerCount({ script: '', threads: 1 }, 10 * BYTES_PER_WORKER)).toBe(1);
    expect(workerCount({ script: '', threads: 0 }, 10 * BYTES_PER_WORKER)).toBe(0);
  });
});
