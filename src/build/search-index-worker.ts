import { rmSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { close as closePagefind, createIndex, type PagefindIndex } from 'pagefind';
import { readForSearch } from './indexed-page.ts';
import { BundlePairs } from './search-char-pairs.ts';
import type { IndexJobDone, LaneMessage } from './search-index-job.ts';
import { catalogueDocument, pageDigest, readPage } from './search-index.ts';

/**
 * One search-index lane: a worker thread with its own pagefind service. Pagefind's Node API runs
 * one service process per JavaScript realm, and that service handles its messages one at a time
 * (one core), so two bundles are indexed at once only by two services — one per worker thread.
 * The main thread opens bundles here, sends their pages one by one as it has them (as Astro
 * renders them, or read from disk) or names pages of the last build for this thread to read, and
 * then asks for each bundle to be written; this thread answers each write with the bundle's id,
 * the digests of the pages it was given and, on failure, the Chinese message to report.
 */
interface OpenBundle {
  label: string;
  index: Promise<{ index?: PagefindIndex; errors: string[] }>;
  added: Promise<{ rel: string; url?: string; errors: string[] }>[];
  /** What each page added was (pageDigest), by path. */
  digests: Record<string, string>;
  /** The search's character pairs of the bundle's pages (search-char-pairs.ts). */
  pairs: BundlePairs;
  /** Its pages are catalogue records, indexed as they are; built pages are cut to what pagefind reads. */
  records: boolean;
}

const open = new Map<number, OpenBundle>();

parentPort!.on('message', async (message: LaneMessage) => {
  switch (message.op) {
    case 'open': {
      // Every promise kept here settles to a value, so none is left rejected before it is awaited.
      const index = createIndex().then(
        (created) => ({ index: created.index, errors: created.errors }),
        (error: unknown) => ({ errors: [String(error)] }),
      );
      open.set(message.id, { label: message.label, index, added: [], digests: {}, pairs: new BundlePairs(message.traditional), records: message.records });
      return;
    }
    case 'add':
    case 'addFile': {
      const bundle = open.get(message.id)!;
      const { rel } = message;
      // Added in the order sent (the callbacks run in the order they were attached, and a file is
      // read synchronously in its callback): pagefind numbers pages in the order it receives
      // them, so the order decides the bytes it writes.
      bundle.added.push(
        bundle.index.then(async ({ index }) => {
          if (!index) return { rel, errors: [] };
          try {
            const given = message.op === 'add' ? message.content : fromFile(message.site, rel, message.catalogue);
            // The digest is of the page as given: the cut (below) follows from it.
            bundle.digests[rel] = pageDigest(rel, given);
            // Pagefind indexes the cut page exactly as the page (indexed-page.ts), from a fraction of
            // its bytes; the same reading gives the page's text for the character pairs.
            let content = given;
            if (bundle.records) bundle.pairs.add(given);
            else {
              const read = readForSearch(given);
              content = read.page;
              bundle.pairs.addText(read.text);
            }
            const added = await index.addHTMLFile({ sourcePath: rel, content });
            return { rel, url: added.file?.url, errors: added.errors };
          } catch (error) {
            return { rel, errors: [error instanceof Error ? error.message : String(error)] };
          }
        }),
      );
      return;
    }
    case 'write': {
      const bundle = open.get(message.id)!;
      open.delete(message.id);
      let reply: IndexJobDone;
      try {
        await writeBundle(bundle, message.output, message.files);
        reply = { id: message.id, digests: bundle.digests };
      } catch (error) {
        reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
      }
      parentPort!.postMessage(reply);
      return;
    }
    case 'close':
      await closePagefind();
      parentPort!.close();
  }
});

async function writeBundle(bundle: OpenBundle, output: string, files: string[]): Promise<void> {
  rmSync(output, { recursive: true, force: true });
  const failed = (what: string, errors: string[]) => new Error(`搜索索引${bundle.label}建立失败（${what}）：\n${errors.join('\n')}`);
  const { index, errors } = await bundle.index;
  if (!index) throw failed('创建索引', errors);
  try {
    const added = await Promise.all(bundle.added);
    const rejected = added.filter((a) => a.errors.length > 0);
    if (rejected.length) throw failed('收录页面', rejected.map((a) => `${a.rel}：${a.errors.join('；')}`));
    // Reconciled from what pagefind returned: each page under its own URL, none twice, none missing.
    const urls = new Set(added.map((a) => a.url));
    const missing = files.filter((rel) => !urls.has(`/${rel.replace(/index\.html$/, '')}`));
    if (urls.size !== files.length || added.length !== files.length || missing.length) {
      throw new Error(`搜索索引${bundle.label}应收录 ${files.length} 个页面，实际收录 ${urls.size} 个${missing.length ? `；未收录：${missing.join('、')}` : ''}`);
    }
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length) throw failed('写出索引', written.errors);
    bundle.pairs.write(output);
  } finally {
    await index.deleteIndex();
  }
}

/** A page of the last build, or its catalogue record as the catalogue indexes it. */
function fromFile(site: string, rel: string, catalogue: boolean): string {
  const page = readPage(site, undefined, rel);
  return catalogue ? catalogueDocument(rel, page) : page;
}
