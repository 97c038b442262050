import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { chartHash } from './render-svg.ts';

export interface PrerenderStats {
  charts: number;
  distinct: number;
  cached: number;
  rendered: number;
  workers: number;
  ms: number;
}

/**
 * Lays out every distinct chart not yet in the cache, spread over worker threads (one per core),
 * before the site build, which then only reads the cache. Layout is the slow part of a build with
 * thousands of charts; this is where both cores are used.
 */
export async function prerenderFlowcharts(sources: string[], cacheDir: string, workers = availableParallelism()): Promise<PrerenderStats> {
  const started = performance.now();
  mkdirSync(cacheDir, { recursive: true });
  const distinct = [...new Set(sources)];
  const missing = distinct.filter((s) => !existsSync(join(cacheDir, `${chartHash(s)}.svg`)));
  const count = Math.max(1, Math.min(workers, Math.ceil(missing.length / 20)));
  if (missing.length) {
    const shares: string[][] = Array.from({ length: count }, () => []);
    missing.forEach((s, i) => shares[i % count]!.push(s));
    await Promise.all(
      shares.map(
        (share) =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(new URL('./render-worker.ts', import.meta.url), { workerData: { sources: share, cacheDir } });
            worker.once('message', () => resolve());
            worker.once('error', reject);
            worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`flowchart worker exited with ${code}`))));
          }),
      ),
    );
  }
  return {
    charts: sources.length,
    distinct: distinct.length,
    cached: distinct.length - missing.length,
    rendered: missing.length,
    workers: missing.length ? count : 0,
    ms: performance.now() - started,
  };
}
