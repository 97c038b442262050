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
  /** The pages are catalogue records, indexed as they are (full-text pages are cut to what pagefind reads, indexed-page.ts). */
  records?: boolean;
  /** The traditional-character table the search folds text with (its character pairs, search-char-pairs.ts). */
  traditional: string;
}

/** What a lane is told: open a bundle, add a page to it, write it out (answered), or stop. */
export type LaneMessage =
  | { op: 'open'; id: number; label: string; traditional: string; records: boolean }
  | { op: 'add'; id: number; rel: string; content: string }
  /** A page the lane reads itself from `site` (checked complete), or for the catalogue its catalogue record. */
  | { op: 'addFile'; id: number; rel: string; site: string; catalogue: boolean }
  | { op: 'write'; id: number; output: string; files: string[] }
  | { op: 'close' };

export interface IndexJobDone {
  id: number;
  /** The message to report, when the bundle could not be written. */
  error?: string;
  /** The digests (pageDigest) of the bundle's pages, by path: what it was made from. */
  digests?: Record<string, string>;
}

/**
 * Worker threads, each with its own pagefind service (search-index-worker.ts), on which bundles
 * are opened, filled page by page and written. A lane that stops unexpectedly fails every write
 * it still owed; `close` stops the workers (and so their services).
 */
export class IndexLanes {
  private readonly workers: Worker[];
  private readonly exited: Promise<void>[];
  private readonly pending = new Map<number, { lane: number; ok: (digests: Record<string, string>) => void; fail: (error: Error) => void }>();
  private readonly broken: (Error | undefined)[];
  private nextId = 0;

  constructor(lanes: number) {
    this.workers = Array.from({ length: lanes }, () => new Worker(new URL('./search-index-worker.ts', import.meta.url)));
    this.broken = this.workers.map(() => undefined);
    this.exited = this.workers.map((worker, lane) => {
      const stop = (error: Error) => {
        this.broken[lane] ??= error;
        for (const [id, p] of this.pending) {
          if (p.lane !== lane) continue;
          this.pending.delete(id);
          p.fail(error);
        }
      };
      worker.on('error', stop);
      worker.on('message', (reply: IndexJobDone) => {
        const p = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.error) p?.fail(new Error(reply.error));
        else p?.ok(reply.digests ?? {});
      });
      return new Promise<void>((done) =>
        worker.once('exit', (code) => {
          stop(new Error(`搜索索引线程异常退出（${code}）`));
          done();
        }),
      );
    });
  }

  get lanes(): number {
    return this.workers.length;
  }

  /**
   * A new bundle on the lane, folded with the traditional-character table for its character pairs;
   * its id. Its pages are built pages, cut to what pagefind reads, or (`records`) catalogue records.
   */
  open(lane: number, label: string, traditional: string, records = false): number {
    const id = this.nextId++;
    this.send(lane, { op: 'open', id, label, traditional, records });
    return id;
  }

  add(lane: number, id: number, rel: string, content: string): void {
    this.send(lane, { op: 'add', id, rel, content });
  }

  /** Adds a page (or for the catalogue, the page's catalogue record) that the lane reads itself, off this thread. */
  addFile(lane: number, id: number, rel: string, site: string, catalogue = false): void {
    this.send(lane, { op: 'addFile', id, rel, site, catalogue });
  }

  /**
   * Writes the bundle to `output`: settles with the digests of its pages when it is written, fails with pagefind's complaint or a page count that does not reconcile with `files`.
   */
  write(lane: number, id: number, output: string, files: string[]): Promise<Record<string, string>> {
    return new Promise<Record<string, string>>((ok, fail) => {
      if (this.broken[lane]) return fail(this.broken[lane]);
      this.pending.set(id, { lane, ok, fail });
      this.send(lane, { op: 'write', id, output, files });
    });
  }

  async close(): Promise<void> {
    for (const [lane, worker] of this.workers.entries()) if (!this.broken[lane]) worker.postMessage({ op: 'close' } satisfies LaneMessage);
    await Promise.all(this.exited);
  }

  private send(lane: number, message: LaneMessage): void {
    if (!this.broken[lane]) this.workers[lane]!.postMessage(message);
  }
}

/**
 * Runs index jobs on `lanes` lanes and stops the lanes when the jobs are done or one failed. A
 * job's input is made by its function in `jobs` only when a lane takes it (undefined: nothing to
 * write, the bundle is current), and `written` is told of each bundle written, so the pages of
 * at most `lanes` bundles are in memory at once, and they are read in one synchronous pass on
 * this thread (an incremental build moves its pages over the last output meanwhile, on this
 * thread too: never halfway through a read).
 */
export async function runIndexJobs(lanes: number, jobs: (() => JobInput | undefined)[], written: (job: JobInput) => void = () => {}): Promise<void> {
  const queue = [...jobs];
  const pool = new IndexLanes(Math.min(lanes, queue.length));
  const lane = async (k: number) => {
    for (let load = queue.shift(); load; load = queue.shift()) {
      const input = load();
      if (!input) continue;
      const id = pool.open(k, input.label, input.traditional, input.records);
      for (const page of input.pages) pool.add(k, id, page.rel, page.content);
      await pool.write(k, id, input.output, input.files);
      written(input);
    }
  };
  // Every lane is let finish (or fail) before the workers stop, so no service is left running;
  // then the first failure is reported, and no further job is started after one.
  const settled = await Promise.allSettled(
    Array.from({ length: pool.lanes }, (_, k) =>
      lane(k).catch((error: unknown) => {
        queue.length = 0;
        throw error;
      }),
    ),
  );
  await pool.close();
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
}
