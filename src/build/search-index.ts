import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The search index of the power pages, in shards. Pagefind's time and memory grow faster than the
 * number of pages it indexes in one run (measured at 10,000 powers: 5.6 GB in one run), so the
 * pages are split into shards of about PAGES_PER_SHARD, indexed separately and merged by the
 * search page. A page's shard follows from its code alone, so a build that changed a few powers
 * re-indexes only their shards.
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

/** Shard 0 is the main bundle the search page loads; the others are merged into it. */
export function shardDir(k: number): string {
  return k === 0 ? 'pagefind' : `pagefind-${k}`;
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
 * time where there are two cores. Each shard's pages are hard-linked into a folder of their own,
 * since pagefind selects pages by glob and a hash cannot be written as one. Every page must be
 * complete on disk, and pagefind must report exactly that many pages: a page missing from search
 * is an error, never a silent gap.
 */
export async function indexSearch(options: IndexOptions): Promise<IndexStats> {
  const started = performance.now();
  const { site, shards } = options;
  const staging = `${site.replace(/\/+$/, '')}.search-shards`;
  rmSync(staging, { recursive: true, force: true });
  const members = new Map<number, string[]>();
  for (let k = 0; k < shards; k++) if (!options.only || options.only.has(k)) members.set(k, []);
  for (const code of options.codes) members.get(shardOf(code, shards))?.push(code);

  const others = otherSearchPages([options.overlay, site].filter((r): r is string => !!r));
  const queue: (number | 'pages')[] = ['pages', ...members.keys()];
  const lanes = Math.min(2, availableParallelism(), queue.length);
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
        if (k === 'pages') await indexBundle(site, options.overlay, join(staging, 'pages'), PAGES_BUNDLE, others, '其他页面');
        else await indexBundle(site, options.overlay, join(staging, String(k)), shardDir(k), members.get(k)!.map((code) => join('powers', code, 'index.html')), `分片 ${k}`);
      }
    }),
  );
  // Shards left from a build with more of them would be merged in again: remove them.
  for (const entry of readdirSync(site)) {
    const k = /^pagefind-(\d+)$/.exec(entry)?.[1];
    if (k !== undefined && Number(k) >= shards) rmSync(join(site, entry), { recursive: true, force: true });
  }
  await rm(staging, { recursive: true, force: true });
  // Pagefind makes no index of nothing: a shard without pages (a site without powers) is left out.
  const filled = new Set(options.codes.map((c) => shardOf(c, shards)));
  const bundles = [...[...filled].filter((k) => k > 0).sort((a, b) => a - b).map((k) => `/${shardDir(k)}/`), ...(others.length ? [`/${PAGES_BUNDLE}/`] : [])];
  writeFileSync(join(site, SHARD_LIST), JSON.stringify(bundles));
  return { pages: options.codes.length, otherPages: others.length, shards, indexed: [...members.keys()], ms: performance.now() - started };
}

async function indexBundle(site: string, overlay: string | undefined, folder: string, bundle: string, pages: string[], label: string): Promise<void> {
  const output = join(site, bundle);
  rmSync(output, { recursive: true, force: true });
  if (pages.length === 0) return;
  mkdirSync(folder, { recursive: true });
  for (const rel of pages) {
    const page = [overlay, site].map((root) => root && join(root, rel)).find((p) => p && existsSync(p))!;
    if (!page || !isCompletePage(page)) throw new Error(`${rel.startsWith('powers/') ? '事项页' : '页面'} ${rel} 不存在或不完整：网站构建不完整，未建立搜索索引`);
    const link = join(folder, rel);
    mkdirSync(dirname(link), { recursive: true });
    try {
      linkSync(page, link);
    } catch {
      copyFileSync(page, link);
    }
  }
  const bin = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');
  const { status, output: printed } = await run(process.execPath, [bin, '--site', folder, '--output-path', output]);
  if (status !== 0) throw new Error(`搜索索引${label}建立失败：\n${printed}`);
  const indexed = Number(/Indexed (\d+) pages?/.exec(printed)?.[1] ?? 0);
  if (indexed !== pages.length) throw new Error(`搜索索引${label}应收录 ${pages.length} 个页面，实际收录 ${indexed} 个：\n${printed}`);
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

function run(command: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output }));
  });
}
