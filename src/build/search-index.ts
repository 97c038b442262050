import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { close as closePagefind, createIndex, type PagefindIndex } from 'pagefind';
import { catalogueHtml, readCatalogueRecord } from '../search/catalogue.ts';

/**
 * The site's search indexes, two kinds:
 * - the catalogue (`pagefind/`, the bundle the search page loads first): one small record per
 *   searchable page (src/search/catalogue.ts) — title, code, filters, department, unit and the
 *   laws and articles it rests on. One index, so a query fetches one chunk per word; rebuilt by
 *   every build (measured at 10,000 powers: 0.7 GB and about 15 s on two cores).
 * - the full text of the power pages, in shards. Pagefind's time and memory grow faster than the
 *   number of pages it indexes in one run (measured at 10,000 powers: 4.8 GB in one run), so the
 *   pages are split into shards of about PAGES_PER_SHARD, indexed separately and merged by the
 *   search page. A page's shard follows from its code alone, so a build that changed a few powers
 *   re-indexes only their shards. The other pages' full text is one more bundle.
 */
export const PAGES_PER_SHARD = 1000;
const MAX_SHARDS = 32;

export function shardCount(pages: number, perShard = PAGES_PER_SHARD): number {
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(pages / perShard)));
}

/** FNV-1a of the code: stable across builds and machines, and spreads codes evenly. */
export function shardOf(code: string, shards: number): number {
  let h = 0x811c9dc5;
  for (const ch of code) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/** The catalogue: pagefind's default bundle folder, which the search page loads first. */
export const CATALOGUE_BUNDLE = 'pagefind';

/** The full text of shard k; the search page loads the first listed and merges the others into it. */
export function shardDir(k: number): string {
  return `pagefind-text-${k}`;
}

export const SHARD_LIST = 'pagefind-shards.json';

/**
 * The other searchable pages (laws, departments, post systems, categories): few, rebuilt with every
 * build, so indexed together in a bundle of their own that every build re-indexes. Their pages say
 * what they are (data-pagefind-meta type), and the search page merges this bundle with the shards.
 */
export const PAGES_BUNDLE = 'pagefind-pages';
const OTHER_PAGES = [/^laws\/[^/]+\/index\.html$/, /^categories\/[^/]+\/index\.html$/, /^departments\/[^/]+\/index\.html$/, /^departments\/[^/]+\/posts\/index\.html$/];

/** The other searchable pages of a built site (relative paths), from its output and an incremental build's. */
export function otherSearchPages(roots: string[]): string[] {
  const found = new Set<string>();
  for (const root of roots) {
    for (const dir of ['laws', 'categories', 'departments']) {
      if (!existsSync(join(root, dir))) continue;
      for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || entry.name !== 'index.html') continue;
        const rel = join(entry.parentPath, entry.name).slice(root.replace(/\/+$/, '').length + 1);
        if (OTHER_PAGES.some((re) => re.test(rel))) found.add(rel);
      }
    }
  }
  return [...found].sort();
}

export interface IndexStats {
  pages: number;
  /** Law, department, post-system and category pages, in their own bundle. */
  otherPages: number;
  shards: number;
  indexed: number[];
  ms: number;
}

export interface IndexOptions {
  site: string;
  codes: string[];
  shards: number;
  /** Only these shards (an incremental build); all by default. */
  only?: Set<number>;
  /** A folder whose pages, where present, replace the site's (an incremental build's output). */
  overlay?: string;
}

/**
 * Indexes the given shards (all by default) of a site whose pages are written, two shards at a
 * time where there are two cores, through pagefind's Node API (one index per shard, each page
 * added by its path so pagefind gives it the page's own URL). Every page must be complete on disk,
 * and pagefind must return exactly those pages: a page missing from search is an error, never a
 * silent gap.
 */
export async function indexSearch(options: IndexOptions): Promise<IndexStats> {
  const started = performance.now();
  const { site, shards } = options;
  const members = new Map<number, string[]>();
  for (let k = 0; k < shards; k++) if (!options.only || options.only.has(k)) members.set(k, []);
  for (const code of options.codes) members.get(shardOf(code, shards))?.push(code);

  const others = otherSearchPages([options.overlay, site].filter((r): r is string => !!r));
  const catalogued = [...options.codes.map((code) => `powers/${code}/index.html`), ...others];
  const queue: (number | 'pages' | 'catalogue')[] = ['catalogue', 'pages', ...members.keys()];
  const lanes = Math.min(2, availableParallelism(), queue.length);
  // Every lane is let finish before the pagefind service (a child process, which would otherwise
  // keep the build from exiting) is closed; then the first failure is reported.
  const lanesDone = await Promise.allSettled(
    Array.from({ length: lanes }, async () => {
      try {
        for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
          if (k === 'catalogue') await indexCatalogue(site, options.overlay, catalogued);
          else if (k === 'pages') await indexBundle(site, options.overlay, PAGES_BUNDLE, others, '其他页面');
          else await indexBundle(site, options.overlay, shardDir(k), members.get(k)!.map((code) => `powers/${code}/index.html`), `分片 ${k}`);
        }
      } catch (error) {
        queue.length = 0;
        throw error;
      }
    }),
  );
  await closePagefind();
  const failure = lanesDone.find((lane) => lane.status === 'rejected');
  if (failure) throw failure.reason;
  // Shards left from a build with more of them would be merged in again: remove them (and the
  // numbered full-text shards of builds before the catalogue existed).
  for (const entry of readdirSync(site)) {
    const k = /^pagefind-text-(\d+)$/.exec(entry)?.[1];
    if ((k !== undefined && Number(k) >= shards) || /^pagefind-\d+$/.test(entry)) rmSync(join(site, entry), { recursive: true, force: true });
  }
  // Pagefind makes no index of nothing: a shard without pages (a site without powers) is left out.
  const filled = new Set(options.codes.map((c) => shardOf(c, shards)));
  const bundles = [...[...filled].sort((a, b) => a - b).map((k) => `/${shardDir(k)}/`), ...(others.length ? [`/${PAGES_BUNDLE}/`] : [])];
  writeFileSync(join(site, SHARD_LIST), JSON.stringify(bundles));
  return { pages: options.codes.length, otherPages: others.length, shards, indexed: [...members.keys()], ms: performance.now() - started };
}

async function indexBundle(site: string, overlay: string | undefined, bundle: string, files: string[], label: string): Promise<void> {
  await writeBundle(site, bundle, files, label, readPages(site, overlay, files), (index, { rel, content }) => index.addHTMLFile({ sourcePath: rel, content }));
}

/** The catalogue: every searchable page's catalogue record, as one index of small HTML records. */
async function indexCatalogue(site: string, overlay: string | undefined, files: string[]): Promise<void> {
  const records = readPages(site, overlay, files).map(({ rel, content }) => {
    const record = readCatalogueRecord(content);
    if (!record) throw new Error(`页面 ${rel} 没有搜索目录记录（data-search-catalogue）：网站构建不完整，未建立搜索索引`);
    return { rel, record };
  });
  await writeBundle(site, CATALOGUE_BUNDLE, files, '目录', records, (index, { rel, record }) =>
    index.addHTMLFile({ url: `/${rel.replace(/index\.html$/, '')}`, content: catalogueHtml(record) }),
  );
}

/**
 * The pages, each read in the same synchronous pass that finds it: an incremental build moves its
 * pages over the last output meanwhile, so a path found now may be gone after the next await.
 */
function readPages(site: string, overlay: string | undefined, files: string[]): { rel: string; content: string }[] {
  return files.map((rel) => {
    const page = [overlay, site].map((root) => root && join(root, rel)).find((p) => p && existsSync(p));
    if (!page || !isCompletePage(page)) throw new Error(`${rel.startsWith('powers/') ? '事项页' : '页面'} ${rel} 不存在或不完整：网站构建不完整，未建立搜索索引`);
    return { rel, content: readFileSync(page, 'utf8') };
  });
}

async function writeBundle<T extends { rel: string }>(
  site: string,
  bundle: string,
  files: string[],
  label: string,
  items: T[],
  add: (index: PagefindIndex, item: T) => Promise<{ errors: string[]; file: { url: string } }>,
): Promise<void> {
  const output = join(site, bundle);
  rmSync(output, { recursive: true, force: true });
  if (files.length === 0) return;
  const failed = (what: string, errors: string[]) => new Error(`搜索索引${label}建立失败（${what}）：\n${errors.join('\n')}`);
  const created = await createIndex();
  if (!created.index) throw failed('创建索引', created.errors);
  const index = created.index;
  try {
    const added = await Promise.all(items.map(async (item) => ({ rel: item.rel, ...(await add(index, item)) })));
    const rejected = added.filter((a) => a.errors.length > 0);
    if (rejected.length) throw failed('收录页面', rejected.map((a) => `${a.rel}：${a.errors.join('；')}`));
    // Reconciled from what pagefind returned: each page under its own URL, none twice, none missing.
    const urls = new Set(added.map((a) => a.file.url));
    const missing = files.filter((rel) => !urls.has(`/${rel.replace(/index\.html$/, '')}`));
    if (urls.size !== files.length || missing.length) {
      throw new Error(`搜索索引${label}应收录 ${files.length} 个页面，实际收录 ${urls.size} 个${missing.length ? `；未收录：${missing.join('、')}` : ''}`);
    }
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length) throw failed('写出索引', written.errors);
  } finally {
    await index.deleteIndex();
  }
}

/** A page Astro has finished writing ends with its closing tag. */
function isCompletePage(file: string): boolean {
  if (!existsSync(file)) return false;
  const size = statSync(file).size;
  const tail = Buffer.alloc(Math.min(64, size));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, tail, 0, tail.length, size - tail.length);
  } finally {
    closeSync(fd);
  }
  return tail.toString('latin1').trimEnd().endsWith('</html>');
}
