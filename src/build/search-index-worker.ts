import { rmSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { close as closePagefind, createIndex, type PagefindIndex } from 'pagefind';
import { writeBundlePairs } from './search-char-pairs.ts';
import type { IndexJob, IndexJobDone } from './search-index-job.ts';

/**
 * One search-index lane: a worker thread with its own pagefind service. Pagefind's Node API runs
 * one service process per JavaScript realm, and that service handles its messages one at a time
 * (one core), so two bundles are indexed at once only by two services — one per worker thread.
 * The main thread reads the pages and sends them here; this thread writes one bundle per job and
 * answers with the job's id and, on failure, the Chinese message to report.
 */
parentPort!.on('message', async (job: IndexJob | 'close') => {
  if (job === 'close') {
    await closePagefind();
    parentPort!.close();
    return;
  }
  let reply: IndexJobDone;
  try {
    await writeBundle(job);
    reply = { id: job.id };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});

async function writeBundle(job: IndexJob): Promise<void> {
  rmSync(job.output, { recursive: true, force: true });
  if (job.files.length === 0) return;
  const failed = (what: string, errors: string[]) => new Error(`搜索索引${job.label}建立失败（${what}）：\n${errors.join('\n')}`);
  const created = await createIndex();
  if (!created.index) throw failed('创建索引', created.errors);
  const index: PagefindIndex = created.index;
  try {
    const added = await Promise.all(job.pages.map(async ({ rel, content }) => ({ rel, ...(await index.addHTMLFile({ sourcePath: rel, content })) })));
    const rejected = added.filter((a) => a.errors.length > 0);
    if (rejected.length) throw failed('收录页面', rejected.map((a) => `${a.rel}：${a.errors.join('；')}`));
    // Reconciled from what pagefind returned: each page under its own URL, none twice, none missing.
    const urls = new Set(added.map((a) => a.file.url));
    const missing = job.files.filter((rel) => !urls.has(`/${rel.replace(/index\.html$/, '')}`));
    if (urls.size !== job.files.length || missing.length) {
      throw new Error(`搜索索引${job.label}应收录 ${job.files.length} 个页面，实际收录 ${urls.size} 个${missing.length ? `；未收录：${missing.join('、')}` : ''}`);
    }
    const written = await index.writeFiles({ outputPath: job.output });
    if (written.errors.length) throw failed('写出索引', written.errors);
    writeBundlePairs(job.output, job.pages, job.traditional);
  } finally {
    await index.deleteIndex();
  }
}
