import { Worker } from 'node:worker_threads';

/**
 * One bundle to write: HTML documents, each under its page's path (the pages themselves for a
 * full-text bundle, the pages' catalogue records for the catalogue).
 */
export interface JobInput {
  output: string;
  label: string;
  files: string[];
  pages: { rel: string; content: string }[];
  /** The traditional-character table the search folds text with (its character pairs, search-char-pairs.ts). */
  traditional: string;
}
export type IndexJob = JobInput & { id: number };

export interface IndexJobDone {
  id: number;
  /** The message to report, when the bundle could not be written. */
  error?: string;
}

/**
 * Runs index jobs on `lanes` worker threads, each with its own pagefind service, and stops the
 * workers (and so their services) when the jobs are done or one failed. A job's input is made
 * by its function in `jobs` only when a lane takes it (undefined: nothing to write, the bundle is
 * current), and `written` is told of each bundle written, so the pages of at most `lanes`
 * bundles are in memory at once, and they are read in one synchronous pass on this thread (an incremental build moves its
 * pages over the last output meanwhile, on this thread too: never halfway through a read).
 */
export async function runIndexJobs(lanes: number, jobs: (() => JobInput | undefined)[], written: (job: JobInput) => void = () => {}): Promise<void> {
  const queue = [...jobs];
  const workers = Array.from({ length: Math.min(lanes, queue.length) }, () => new Worker(new URL('./search-index-worker.ts', import.meta.url)));
  const exited = workers.map((w) => new Promise<void>((ok) => w.once('exit', () => ok())));
  let nextId = 0;
  const lane = async (worker: Worker) => {
    for (let load = queue.shift(); load; load = queue.shift()) {
      const input = load();
      if (!input) continue;
      const job: IndexJob = { id: nextId++, ...input };
      const done = await new Promise<IndexJobDone>((ok, fail) => {
        const onExit = (code: number) => fail(new Error(`搜索索引线程异常退出（${code}）`));
        worker.once('error', fail);
        worker.once('exit', onExit);
        worker.once('message', (reply: IndexJobDone) => {
          worker.off('error', fail);
          worker.off('exit', onExit);
          ok(reply);
        });
        worker.postMessage(job);
      });
      if (done.error) throw new Error(done.error);
      written(input);
    }
  };
  // Every lane is let finish (or fail) before the workers stop, so no service is left running;
  // then the first failure is reported, and no further job is started after one.
  const settled = await Promise.allSettled(
    workers.map((w) =>
      lane(w).catch((error: unknown) => {
        queue.length = 0;
        throw error;
      }),
    ),
  );
  for (const w of workers) w.postMessage('close');
  await Promise.all(exited);
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
}
