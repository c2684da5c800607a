import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseInParallel, workerCount, BYTES_PER_WORKER, type AnalysisJob } from '../src/lint/analysis-pool.js';
import { analyseDocument, type DocumentAnalysis } from '../src/lint/analysis.js';
import type { DocumentRuleModule } from '../src/lint/types.js';
import { loadMarkdownParser } from '../src/parse/markdown.js';

const script = (name: string) => fileURLToPath(new URL(`./workers/${name}`, import.meta.url));

const whichThread: DocumentRuleModule = {
  meta: { type: 'suggestion', docs: { description: 'Says which thread analysed the document' }, messages: {}, schema: [] },
  create: (context) => ({ root: (node) => context.report({ node, message: 'thread 0' }) }),
};

/** Forty task lists, as a Spec Kit repository holds them. */
const jobs: AnalysisJob[] = Array.from({ length: 40 }, (_, i) => {
  const file = `specs/${String(i + 1).padStart(3, '0')}-feature/tasks.md`;
  const tasks = Array.from({ length: 30 }, (_, t) => `- [${t % 2 ? 'x' : ' '}] T${String(t + 1).padStart(3, '0')} Build part ${t} of feature ${i}`).join('\n');
  return { file, absolutePath: `/repo/${file}`, kinds: ['tasks'], text: `# Tasks: Feature ${i}\n\n## Phase 1\n\n${tasks}\n`, eol: 'lf', rules: [{ id: 'which-thread', severity: 1, options: [] }] };
});

async function localAnalysis(): Promise<(job: AnalysisJob) => DocumentAnalysis> {
  const parser = await loadMarkdownParser();
  return (job) => analyseDocument(parser, job, [{ id: 'which-thread', rule: whichThread, severity: 1, options: [] }], { root: '/repo', absolutePath: job.absolutePath });
}

const threadsUsed = (results: Map<string, DocumentAnalysis>) => new Set([...results.values()].map((a) => a.messages[0]?.message));

describe('analyseInParallel', () => {
  it('shares the documents between the main thread and a worker, with the same models either way', { timeout: 30_000 }, async () => {
    const local = await localAnalysis();
    // A slow main thread, so the worker is surely up before the queue is empty, however fast the machine.
    const slowLocal = (job: AnalysisJob) => {
      const until = Date.now() + 25;
      while (Date.now() < until);
      return local(job);
    };
    const results = await analyseInParallel(jobs, '/repo', slowLocal, { script: script('thread-rule.mjs'), threads: 1 }, 1);
    expect([...results.keys()].sort()).toEqual(jobs.map((j) => j.file).sort());
    const threads = threadsUsed(results);
    expect(threads).toContain('thread 0');
    expect([...threads].some((t) => t !== 'thread 0')).toBe(true);
    for (const job of jobs) {
      const { messages: _m, ...fromPool } = results.get(job.file)!;
      const { messages: _l, ...alone } = local(job);
      expect(fromPool).toEqual(alone);
    }
  });

  it('finishes on the main thread when a worker dies', { timeout: 30_000 }, async () => {
    const results = await analyseInParallel(jobs, '/repo', await localAnalysis(), { script: script('crash.mjs'), threads: 1 }, 1);
    expect(results.size).toBe(jobs.length);
    expect(threadsUsed(results)).toEqual(new Set(['thread 0']));
  });

  it('finishes on the main thread when the worker script does not exist', { timeout: 30_000 }, async () => {
    const results = await analyseInParallel(jobs, '/repo', await localAnalysis(), { script: script('missing.mjs'), threads: 1 }, 1);
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
