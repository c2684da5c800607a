import os from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import type { LineEnding } from '../load/read.js';
import type { DocumentKind } from '../model/types.js';
import { loadMarkdownParser, type MarkdownParser } from '../parse/markdown.js';
import { analyseDocument, type DocumentAnalysis } from './analysis.js';
import type { ActiveDocumentRule } from './document-runner.js';
import type { RuleModule } from './types.js';

/** One document to analyse, as it crosses to a worker: rules by id, not as functions. */
export interface AnalysisJob {
  file: string;
  absolutePath: string;
  kinds: DocumentKind[];
  text: string;
  eol: LineEnding;
  rules: Array<{ id: string; severity: 1 | 2; options: unknown[] }>;
}

type ToWorker = { type: 'jobs'; root: string; jobs: AnalysisJob[] };
type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; analyses: Array<{ file: string; analysis: DocumentAnalysis }>; refused: string[] };

/** Where worker threads come from: a script that calls `serveAnalyses` with the same rules, and how many. */
export interface AnalysisWorkers {
  /** Path or file URL of the worker entry. */
  script: string | URL;
  /** At most this many threads besides the main one; `'auto'`: one fewer than the machine's cores. */
  threads: number | 'auto';
}

/**
 * Threads pay off only past this much text: starting one and loading the parser in it costs about
 * what parsing this much costs (remark reads ~0.3–0.5 MB/s on the machines measured).
 */
export const BYTES_PER_WORKER = 256 * 1024;
/** Documents per message: enough to keep a thread busy between round trips, few enough to share the tail. */
const BATCH_BYTES = 24 * 1024;

function activeRules(job: AnalysisJob, rules: Record<string, RuleModule>): ActiveDocumentRule[] | undefined {
  const active: ActiveDocumentRule[] = [];
  for (const { id, severity, options } of job.rules) {
    const rule = rules[id];
    if (!rule || rule.meta.govern?.scope === 'project') return undefined;
    active.push({ id, rule: rule as ActiveDocumentRule['rule'], severity, options });
  }
  return active;
}

function analyseJob(parser: MarkdownParser, root: string, job: AnalysisJob, rules: ActiveDocumentRule[]): DocumentAnalysis {
  return analyseDocument(parser, job, rules, { root, absolutePath: job.absolutePath });
}

/**
 * The body of a worker thread for `checkProject`: analyses the documents it is sent with `rules`
 * (the same rules the main thread has) and sends back plain data. A job naming a rule this thread
 * does not have is refused and done by the main thread.
 */
export async function serveAnalyses(rules: Record<string, RuleModule>): Promise<void> {
  if (!parentPort) throw new Error('serveAnalyses runs in a worker thread');
  const port = parentPort;
  const parser = await loadMarkdownParser();
  port.on('message', (message: ToWorker) => {
    const analyses: Array<{ file: string; analysis: DocumentAnalysis }> = [];
    const refused: string[] = [];
    for (const job of message.jobs) {
      const active = activeRules(job, rules);
      if (active) analyses.push({ file: job.file, analysis: analyseJob(parser, message.root, job, active) });
      else refused.push(job.file);
    }
    port.postMessage({ type: 'done', analyses, refused } satisfies FromWorker);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

/** How many threads to start for `bytes` of text. */
export function workerCount(workers: AnalysisWorkers, bytes: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const limit = workers.threads === 'auto' ? cores - 1 : Math.max(0, Math.floor(workers.threads));
  return Math.max(0, Math.min(limit, Math.floor(bytes / BYTES_PER_WORKER)));
}

/**
 * Analyses `jobs` on this thread and on `count` worker threads, which take batches from the same
 * queue. A worker that cannot start or dies hands its batch back; the main thread always finishes
 * the queue, so the result never depends on the workers.
 */
export async function analyseInParallel(
  jobs: AnalysisJob[],
  root: string,
  local: (job: AnalysisJob) => DocumentAnalysis,
  workers: AnalysisWorkers,
  count: number,
): Promise<Map<string, DocumentAnalysis>> {
  const results = new Map<string, DocumentAnalysis>();
  const queue = [...jobs];
  if (count === 0 || queue.length === 0) {
    for (const job of queue) results.set(job.file, local(job));
    return results;
  }
  const byFile = new Map(jobs.map((job) => [job.file, job]));
  const takeBatch = (): AnalysisJob[] => {
    const batch: AnalysisJob[] = [];
    let bytes = 0;
    while (queue.length > 0 && (batch.length === 0 || bytes < BATCH_BYTES)) {
      const job = queue.shift()!;
      batch.push(job);
      bytes += job.text.length;
    }
    return batch;
  };

  let busy = 0;
  let wake: (() => void) | undefined;
  const settle = () => {
    wake?.();
    wake = undefined;
  };
  const threads = Array.from({ length: count }, () => {
    const worker = new Worker(workers.script);
    let outstanding: AnalysisJob[] = [];
    let finished = false;
    const send = () => {
      outstanding = takeBatch();
      if (outstanding.length === 0) {
        finish();
        return;
      }
      worker.postMessage({ type: 'jobs', root, jobs: outstanding } satisfies ToWorker);
    };
    const finish = () => {
      if (finished) return;
      finished = true;
      busy--;
      // Whatever it still held goes back to the queue for the main thread.
      for (const item of outstanding.filter((job) => !results.has(job.file))) queue.push(item);
      outstanding = [];
      void worker.terminate();
      settle();
    };
    busy++;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'done') {
        for (const { file, analysis } of message.analyses) results.set(file, analysis);
        for (const file of message.refused) results.set(file, local(byFile.get(file)!));
        outstanding = [];
        settle();
      }
      send();
    });
    worker.on('error', finish);
    worker.on('exit', finish);


    return { finish };
  });

  // The main thread works through the queue too, yielding between documents so replies get through.
  for (;;) {
    const job = queue.shift();
    if (job) {
      if (!results.has(job.file)) results.set(job.file, local(job));
      await new Promise<void>((resolve) => setImmediate(resolve));
      continue;
    }
    if (busy === 0 || results.size === jobs.length) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  for (const thread of threads) thread.finish();
  return results;
}
