import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { contentDir } from './content-dir.ts';
import { DEFAULT_DOWNLOADS_CACHE, type DownloadStats } from '../build/write-downloads.ts';

/**
 * The /downloads/ files (XLSX, CSV, JSON) are made on a worker thread that starts with the build
 * and runs beside Astro's page rendering, then copied into the output when the pages are done.
 * Files whose powers did not change come from a cache kept between builds.
 */
export function downloadsIntegration(): AstroIntegration {
  let root = process.cwd();
  let job: { staging: string; done: Promise<DownloadStats> } | undefined;
  return {
    name: 'quanze-downloads',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': () => {
        const staging = mkdtempSync(join(tmpdir(), 'quanze-downloads-'));
        const worker = new Worker(new URL('../build/downloads-worker.ts', import.meta.url), {
          workerData: { root, contentDir: contentDir(), outDir: staging, cacheDir: resolve(root, DEFAULT_DOWNLOADS_CACHE) },
        });
        const done = new Promise<DownloadStats>((ok, fail) => {
          worker.once('message', ok);
          worker.once('error', fail);
          worker.once('exit', (code) => code !== 0 && fail(new Error(`下载文件生成线程异常退出（${code}）`)));
        });
        // Reported when awaited at the end of the build, not as an unhandled rejection meanwhile.
        done.catch(() => {});
        job = { staging, done };
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!job) return;
        try {
          const stats = await job.done;
          cpSync(join(job.staging, 'downloads'), join(fileURLToPath(dir), 'downloads'), { recursive: true });
          logger.info(`下载文件：${stats.files} 个（沿用缓存 ${stats.cached} 个，新生成 ${stats.built} 个），用时 ${(stats.ms / 1000).toFixed(1)} 秒`);
        } finally {
          rmSync(job.staging, { recursive: true, force: true });
          job = undefined;
        }
      },
    },
  };
}
