import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The search index of the power pages, in shards. Pagefind's time and memory grow faster than the
 * number of pages it indexes in one run (measured at 10,000 powers: 5.6 GB in one run), so the
 * pages are split into shards of about PAGES_PER_SHARD, indexed one after another, and merged by
 * the search page. A page's shard follows from its code alone, so a build that changed a few
 * powers re-indexes only their shards.
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

export interface IndexStats {
  pages: number;
  shards: number;
  indexed: number[];
  ms: number;
}

/**
 * Indexes the pages of the given shards (all by default). Each shard's pages are hard-linked into
 * a folder of their own, since pagefind selects pages by glob and a hash cannot be written as one.
 */
export function indexSearch(options: { site: string; codes: string[]; shards: number; only?: Set<number> }): IndexStats {
  const started = performance.now();
  const { site, codes, shards } = options;
  const bin = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');
  const staging = `${site.replace(/\/+$/, '')}.search-shards`;
  const indexed: number[] = [];
  // Shards left from a build with more of them would be merged in again: remove them.
  for (const entry of readdirSync(site)) {
    const k = /^pagefind-(\d+)$/.exec(entry)?.[1];
    if (k !== undefined && Number(k) >= shards) rmSync(join(site, entry), { recursive: true, force: true });
  }
  for (let k = 0; k < shards; k++) {
    if (options.only && !options.only.has(k)) continue;
    rmSync(staging, { recursive: true, force: true });
    let pages = 0;
    for (const code of codes) {
      if (shardOf(code, shards) !== k) continue;
      const page = join(site, 'powers', code, 'index.html');
      if (!existsSync(page)) throw new Error(`事项页 ${page} 不存在：网站构建不完整，未建立搜索索引`);
      const link = join(staging, 'powers', code, 'index.html');
      mkdirSync(dirname(link), { recursive: true });
      try {
        linkSync(page, link);
      } catch {
        copyFileSync(page, link);
      }
      pages++;
    }
    const output = join(site, shardDir(k));
    rmSync(output, { recursive: true, force: true });
    if (pages === 0) mkdirSync(staging, { recursive: true });
    const r = spawnSync(process.execPath, [bin, '--site', staging, '--output-path', output], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`搜索索引分片 ${k} 建立失败：\n${r.stdout}\n${r.stderr}`);
    indexed.push(k);
  }
  rmSync(staging, { recursive: true, force: true });
  writeFileSync(join(site, SHARD_LIST), JSON.stringify([...Array(shards).keys()].slice(1).map((k) => `/${shardDir(k)}/`)));
  return { pages: codes.length, shards, indexed, ms: performance.now() - started };
}
