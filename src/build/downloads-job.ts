import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Model } from '../model/types.ts';
import type { ContentFingerprints } from './fingerprint.ts';
import type { UpdateDates } from './downloads.ts';
import { DEFAULT_DOWNLOADS_CACHE, type DownloadStats } from './write-downloads.ts';

/**
 * The download files are made on a worker thread into their cache, beside whatever the main
 * thread does meanwhile (rendering pages); the site build links them into the output at the end.
 */
export interface DownloadsJob {
  contentDir: string;
  done: Promise<DownloadStats>;
  /** Hands the validated model (and its file hashes, when known) over; the worker starts. */
  provide(model: Model, content?: ContentFingerprints, updated?: UpdateDates): void;
  /** Stops the worker (the build stopped). */
  cancel(): Promise<void>;
}

export function startDownloads(root: string, contentDir: string): DownloadsJob {
  const worker = new Worker(new URL('./downloads-worker.ts', import.meta.url), {
    workerData: { root, contentDir, cacheDir: resolve(root, DEFAULT_DOWNLOADS_CACHE) },
  });
  const done = new Promise<DownloadStats>((ok, fail) => {
    worker.once('message', ok);
    worker.once('error', fail);
    worker.once('exit', (code) => code !== 0 && fail(new Error(`下载文件生成线程异常退出（${code}）`)));
  });
  // Reported where it is awaited, at the end of the build, not as an unhandled rejection meanwhile.
  done.catch(() => {});
  const cancel = async () => {
    await worker.terminate();
  };
  return { contentDir, done, cancel, provide: (model, content, updated) => worker.postMessage({ model, content, updated }) };
}
