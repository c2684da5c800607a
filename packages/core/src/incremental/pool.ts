import os from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { analyseJob, analyseJobs, jobRules, type Analyse, type AnalysisJob } from '../lint/engine.js';
import type { DocumentAnalysis } from '../lint/analysis.js';
import { needsAnalysis } from '../lint/analysis.js';
import type { RuleModule } from '../lint/types.js';
import { loadMarkdownParser } from '../parse/markdown.js';

/** A job as it crosses to a worker: with its text. */
interface ThreadJob extends AnalysisJob {
  text: string;
}

type ToWorker = { type: 'jobs'; root: string; jobs: ThreadJob[] };
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

/**
 * The body of a worker thread: analyses the documents it is sent with `rules` (the same rules the main
 * thread has) and sends back plain data. A job naming a rule this thread does not have is refused and
 * done by the main thread.
 */
export async function serveAnalyses(rules: Record<string, RuleModule>): Promise<void> {
  if (!parentPort) throw new Error('serveAnalyses runs in a worker thread');
  const port = parentPort;
  const parser = await loadMarkdownParser();
  port.on('message', (message: ToWorker) => {
    const analyses: Array<{ file: string; analysis: DocumentAnalysis }> = [];
    const refused: string[] = [];
    for (const job of message.jobs) {
      const active = jobRules(job, rules);
      if (active) analyses.push({ file: job.file, analysis: analyseJob(parser, job, job.text, active, message.root) });
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
 * Analyses on this thread and on worker threads, when there is enough text to parse to repay starting
 * them: the threads take batches from the queue the main thread also works through. A worker that cannot
 * start or dies hands its batch back; the main thread always finishes the queue, so the analyses never
 * depend on the workers.
 */
export function analyseInParallel(workers: AnalysisWorkers, rules: Record<string, RuleModule>): Analyse {
  return async (jobs, files) => {
    const results = new Map<string, DocumentAnalysis>();
    const queue: ThreadJob[] = [];
    let bytes = 0;
    for (const job of jobs) {
      const text = files.text(job.file)?.text ?? '';
      if (!needsAnalysis({ file: job.file, kinds: job.kinds, text }, job.rules.length)) continue;
      queue.push({ ...job, text });
      bytes += text.length;
    }
    const count = workerCount(workers, bytes);
    if (count === 0) return analyseJobs(jobs, files, rules);
    const parser = await loadMarkdownParser();
    const local = (job: ThreadJob) => analyseJob(parser, job, job.text, jobRules(job, rules) ?? [], files.root);
    const total = queue.length;
    const byFile = new Map(queue.map((job) => [job.file, job]));
    const takeBatch = (): ThreadJob[] => {
      const batch: ThreadJob[] = [];
      let size = 0;
      while (queue.length > 0 && (batch.length === 0 || size < BATCH_BYTES)) {
        const job = queue.shift()!;
        batch.push(job);
        size += job.text.length;
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
      let outstanding: ThreadJob[] = [];
      let finished = false;
      const send = () => {
        outstanding = takeBatch();
        if (outstanding.length === 0) {
          finish();
          return;
        }
        worker.postMessage({ type: 'jobs', root: files.root, jobs: outstanding } satisfies ToWorker);
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
      if (busy === 0 || results.size === total) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    for (const thread of threads) thread.finish();
    // Documents nothing needs parsed get their (empty) analyses as on one thread.
    const rest = jobs.filter((job) => !results.has(job.file));
    for (const [file, analysis] of await analyseJobs(rest, files, rules)) results.set(file, analysis);
    return results;
  };
}
