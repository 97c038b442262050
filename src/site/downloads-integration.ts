import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentDir } from './content-dir.ts';
import { sharedModel } from './shared-model.ts';
import { buildDownload, downloadSpecs } from '../build/downloads.ts';
import { startDownloads, takeDownloadsJob, type DownloadsJob } from '../build/downloads-job.ts';
import { publishDownloads } from '../build/write-downloads.ts';

/**
 * The /downloads/ files (XLSX, CSV, JSON) are made on a worker thread that runs beside Astro's
 * page rendering (started by quanze build even earlier), then copied into the output when the
 * pages are done. Files whose powers did not change come from a cache kept between builds.
 */
export function downloadsIntegration(): AstroIntegration {
  let root = process.cwd();
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
          // The validation integration shares the model it checked when the server started.
          const model = sharedModel();
          const spec = model && downloadSpecs(model).find((s) => s.file === name);
          if (!model || !spec) return next();
          buildDownload(model, spec).then(
            (body) => res.end(body),
            (error: unknown) => next(error),
          );
        });
      },
      'astro:build:start': () => {
        job = takeDownloadsJob(contentDir());
        if (!job) {
          // astro build on its own: the validation integration has shared the model by now.
          job = startDownloads(root, contentDir());
          job.provide(sharedModel()!);
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
