import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Model } from '../model/types.ts';
import { buildDownload, downloadSpecs } from './downloads.ts';
import { startDownloads, type DownloadsJob } from './downloads-job.ts';
import { publishDownloads } from './write-downloads.ts';

/**
 * The /downloads/ files (XLSX, CSV, JSON) are made on a worker thread that runs beside Astro's
 * page rendering (started by quanze build even earlier and passed in as `job`), then copied into
 * the output when the pages are done. Files whose powers did not change come from a cache kept
 * between builds.
 */
export interface DownloadsOptions {
  contentDir: string;
  /** A job already started (by quanze build); without one, the integration starts its own. */
  job?: DownloadsJob;
  /** The validated model, once the site integration has it. */
  model: () => Model;
}

export function downloadsIntegration(options: DownloadsOptions): AstroIntegration {
  let root = process.cwd();
  let given = options.job;
  let job: DownloadsJob | undefined;
  return {
    name: 'quanze-downloads',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      // The dev server makes a file when it is asked for (no cache: content changes as you edit).
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/downloads/', (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '').replace(/^\//, '').split('?')[0]!);
          const model = options.model();
          const spec = downloadSpecs(model).find((s) => s.file === name);
          if (!spec) return next();
          buildDownload(model, spec).then(
            (body) => res.end(body),
            (error: unknown) => next(error),
          );
        });
      },
      'astro:build:start': () => {
        // A job serves one build: a second build with this config starts its own.
        job = given;
        given = undefined;
        if (!job) {
          job = startDownloads(root, options.contentDir);
          job.provide(options.model());
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!job) return;
        try {
          const stats = await job.done;
          publishDownloads(stats.made, fileURLToPath(dir));
          logger.info(`下载文件：${stats.files} 个（沿用缓存 ${stats.cached} 个，新生成 ${stats.built} 个），用时 ${(stats.ms / 1000).toFixed(1)} 秒`);
        } finally {
          job = undefined;
        }
      },
    },
  };
}
