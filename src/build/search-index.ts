import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { catalogueHtml, readCatalogueRecord } from '../search/catalogue.ts';
import type { SearchData } from '../search/search-data.ts';
import { sha } from './fingerprint.ts';
import { writeSitePairs } from './search-char-pairs.ts';
import { runIndexJobs, type JobInput } from './search-index-job.ts';

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
        if (isOtherSearchPage(rel)) found.add(rel);
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
  /** Bundles (output folder names) written by this build, and kept from the last: made from the same pages or records. */
  written: string[];
  reused: string[];
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
  /**
   * A file (outside the site) recording what each bundle was made from: a bundle whose pages or
   * records are the same as last time, and which is still the one written then, is kept as it is
   * (pagefind writes the same bytes from the same input).
   */
  reuse?: string;
}

/**
 * Indexes the given shards (all by default) of a site whose pages are written, two bundles at a
 * time where there are two cores, each on a worker thread with its own pagefind service
 * (search-index-job.ts), through pagefind's Node API (one index per bundle, each page added by
 * its path so pagefind gives it the page's own URL). Every page must be complete on disk,
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
  const made = new BundleInputs(options.reuse);
  const traditional = readTraditional(site, options.overlay);
  const html = (bundle: string, files: string[], label: string) => () => made.unlessCurrent({ output: join(site, bundle), label, files, pages: readPages(site, options.overlay, files), traditional });
  // The catalogue is the largest job: first, so that the lanes finish together.
  await runIndexJobs(
    Math.min(2, availableParallelism()),
    [
      () => made.unlessCurrent({ output: join(site, CATALOGUE_BUNDLE), label: '目录', files: catalogued, pages: cataloguePages(site, options.overlay, catalogued), records: true, traditional }),
      ...[...members].map(([k, codes]) => html(shardDir(k), codes.map((code) => `powers/${code}/index.html`), `分片 ${k}`)),
      html(PAGES_BUNDLE, others, '其他页面'),
    ],
    (job) => made.written(job),
  );
  made.save();
  return { ...finishBundles(site, options.codes, shards, others), indexed: [...members.keys()], written: made.writtenBundles, reused: made.reused, ms: performance.now() - started };
}

/**
 * The end of every indexing: shards left from a build with more of them are removed (they would be
 * merged in again, like the numbered full-text shards of builds before the catalogue existed), and
 * the list of full-text bundles the search page merges is written, and the site's character pairs
 * joined from the bundles' (search-char-pairs.ts).
 */
export function finishBundles(site: string, codes: string[], shards: number, others: string[]): Pick<IndexStats, 'pages' | 'otherPages' | 'shards'> {
  for (const entry of readdirSync(site)) {
    const k = /^pagefind-text-(\d+)$/.exec(entry)?.[1];
    if ((k !== undefined && Number(k) >= shards) || /^pagefind-\d+$/.test(entry)) rmSync(join(site, entry), { recursive: true, force: true });
  }
  // Pagefind makes no index of nothing: a shard without pages (a site without powers) is left out.
  const filled = new Set(codes.map((c) => shardOf(c, shards)));
  const bundles = [...[...filled].sort((a, b) => a - b).map((k) => `/${shardDir(k)}/`), ...(others.length ? [`/${PAGES_BUNDLE}/`] : [])];
  writeFileSync(join(site, SHARD_LIST), JSON.stringify(bundles));
  writeSitePairs(site, [CATALOGUE_BUNDLE, ...bundles.map((b) => b.replaceAll('/', ''))]);
  return { pages: codes.length, otherPages: others.length, shards };
}

/** Whether a page (path relative to the site) is one of the other searchable pages. */
export function isOtherSearchPage(rel: string): boolean {
  return OTHER_PAGES.some((re) => re.test(rel));
}

/** A page as a bundle's input: its path and bytes. */
export function pageDigest(rel: string, content: string): string {
  return sha(rel, content);
}

/**
 * What each bundle was last made from, by output folder: the hash of its input (pagefind's
 * version, the page paths and bytes or the records) and of the entry file pagefind wrote for it.
 * The record is dropped when indexing starts and saved only when every bundle was written, so a
 * failed or interrupted build leaves nothing to trust.
 */
interface BundleRecord {
  input: string;
  entry: string;
  /** Each page's digest (for the catalogue: of its catalogue document), by path: what a build that renders few pages needs not read again. */
  pages?: Record<string, string>;
}

export class BundleInputs {
  private readonly previous: Record<string, BundleRecord>;
  private readonly next: Record<string, BundleRecord>;
  private readonly inputs = new Map<string, string>();
  private readonly file: string | undefined;
  reused: string[] = [];
  writtenBundles: string[] = [];

  constructor(file: string | undefined) {
    this.file = file;
    this.previous = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as typeof this.previous) : {};
    this.next = { ...this.previous };
    if (file) rmSync(file, { force: true });
  }

  /** The job, or undefined when its bundle is the one written last time from the same input. */
  unlessCurrent(job: JobInput): JobInput | undefined {
    if (job.files.length === 0) {
      // Pagefind makes no index of nothing: no bundle.
      rmSync(job.output, { recursive: true, force: true });
      delete this.next[job.output];
      return undefined;
    }
    if (!this.file) return job;
    const input = bundleInput(job.traditional, job.files, job.pages.map((p) => pageDigest(p.rel, p.content)));
    const last = this.previous[job.output];
    delete this.next[job.output];
    if (last && last.input === input && last.entry === entryHash(job.output)) {
      this.next[job.output] = last;
      this.reused.push(basename(job.output));
      return undefined;
    }
    this.inputs.set(job.output, input);
    return job;
  }

  /** Whether the bundle is the one written last time from the same input (then it is kept, and counted as reused). */
  current(output: string, input: string): boolean {
    const last = this.previous[output];
    if (!last || last.input !== input || last.entry !== entryHash(output)) return false;
    this.next[output] = last;
    this.reused.push(basename(output));
    return true;
  }

  /** The page digests recorded with the bundle last time. */
  pagesOf(output: string): Record<string, string> {
    return this.previous[output]?.pages ?? {};
  }

  /** A bundle written; its input, when it was not checked by unlessCurrent (made from pages as Astro rendered them). */
  written(job: Pick<JobInput, 'output'>, input = this.inputs.get(job.output), pages?: Record<string, string>): void {
    this.writtenBundles.push(basename(job.output));
    const entry = entryHash(job.output);
    delete this.next[job.output];
    if (input && entry) this.next[job.output] = { input, entry, ...(pages ? { pages } : {}) };
  }

  save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.next));
  }
}

/**
 * What a bundle is made from: pagefind's version, the traditional-character table its character
 * pairs are folded with, and its pages, in the order they are added (see pageDigest).
 */
export function bundleInput(traditional: string, files: string[], digests: string[]): string {
  return sha(PAGEFIND_VERSION, traditional, JSON.stringify(files), ...digests);
}

/**
 * The traditional-character table of the built search page (search-data.json, written by the site
 * build from content/search/), which the character pairs are folded with.
 */
function readTraditional(site: string, overlay: string | undefined): string {
  const file = [overlay, site].map((root) => root && join(root, 'search-data.json')).find((p) => p && existsSync(p));
  return file ? ((JSON.parse(readFileSync(file, 'utf8')) as Partial<SearchData>).traditional ?? '') : '';
}

/** The hash of a bundle's pagefind-entry.json (which names every index file by its content hash). */
function entryHash(bundle: string): string | undefined {
  const entry = join(bundle, 'pagefind-entry.json');
  return existsSync(entry) ? sha(readFileSync(entry)) : undefined;
}

const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;

/**
 * The catalogue: every searchable page's catalogue record, as one index of small HTML documents
 * (src/search/catalogue.ts: the title a weighted heading, so pagefind ranks title matches first),
 * each under its page's path and so its page's URL.
 */
function cataloguePages(site: string, overlay: string | undefined, files: string[]): { rel: string; content: string }[] {
  return readPages(site, overlay, files).map(({ rel, content }) => ({ rel, content: catalogueDocument(rel, content) }));
}

/** A page's catalogue record as the catalogue indexes it. */
export function catalogueDocument(rel: string, page: string): string {
  const record = readCatalogueRecord(page);
  if (!record) throw new Error(`页面 ${rel} 没有搜索目录记录（data-search-catalogue）：网站构建不完整，未建立搜索索引`);
  return catalogueHtml(record);
}

/**
 * The pages, each read in the same synchronous pass that finds it: an incremental build moves its
 * pages over the last output meanwhile, so a path found now may be gone after the next await.
 */
function readPages(site: string, overlay: string | undefined, files: string[]): { rel: string; content: string }[] {
  return files.map((rel) => ({ rel, content: readPage(site, overlay, rel) }));
}

/** A page of the site (the overlay's, where it has one), complete, or a clear error. */
export function readPage(site: string, overlay: string | undefined, rel: string): string {
  const page = [overlay, site].map((root) => root && join(root, rel)).find((p) => p && existsSync(p));
  if (!page || !isCompletePage(page)) throw new Error(`${rel.startsWith('powers/') ? '事项页' : '页面'} ${rel} 不存在或不完整：网站构建不完整，未建立搜索索引`);
  return readFileSync(page, 'utf8');
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
