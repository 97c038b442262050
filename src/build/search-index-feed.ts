import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { PageSink } from './prerender-feed.ts';
import { IndexLanes } from './search-index-job.ts';
import {
  BundleInputs,
  bundleInput,
  CATALOGUE_BUNDLE,
  catalogueDocument,
  finishBundles,
  isOtherSearchPage,
  pageDigest,
  PAGES_BUNDLE,
  shardDir,
  shardOf,
  type IndexStats,
} from './search-index.ts';

export interface FeedOptions {
  site: string;
  codes: string[];
  shards: number;
  /** The record of what each bundle was made from (see BundleInputs), written for the next build. */
  reuse?: string;
}

interface Bundle {
  output: string;
  label: string;
  /** The pages in the order they are added, which decides the bytes pagefind writes. */
  files: string[];
  lane?: number;
  id?: number;
  added: number;
  /** Pages come before their turn (Astro rendered them out of the planned order): kept until it. */
  early: Map<string, string>;
}

/**
 * The search index of a full build, made while Astro renders the site instead of after it. Astro
 * renders on one thread and leaves the second core mostly idle, and pagefind's indexing is the
 * longest part of a build (≈ 7 ms of CPU per power page): so the power pages are rendered first,
 * shard by shard, each handed to a lane (search-index-job.ts) as Astro renders it, and a shard is
 * written as soon as its last page is in — while Astro goes on with the department, law, list and
 * flowchart pages. The catalogue and the other searchable pages follow the same way.
 *
 * Every bundle gets its pages in the order indexSearch gives them (shard members and catalogue in
 * code order, then the other pages in path order), because pagefind's output depends on that
 * order: the result is byte for byte the index indexSearch makes from the written site, and so
 * what an incremental build's indexSearch keeps or remakes matches it (test/search-feed.test.ts).
 */
export class SearchFeed implements PageSink {
  private readonly options: FeedOptions;
  private readonly started = performance.now();
  private readonly lanes = new IndexLanes(Math.min(2, availableParallelism()));
  private readonly made: BundleInputs;
  /** Pages in the lanes' queues, per lane: a new bundle goes to the lane with least to do. */
  private readonly queued: number[];
  private readonly shardOfPage = new Map<string, number>();
  private readonly shardBundles: Bundle[];
  /** Digests of what each bundle is given: the pages, and (for the catalogue) their catalogue documents. */
  private readonly digests = new Map<string, string>();
  private readonly catalogueDigests = new Map<string, string>();
  /** Catalogue documents and other pages, kept until their bundles can take them in order. */
  private readonly catalogueDocs = new Map<string, string>();
  private readonly otherPages = new Map<string, string>();
  private others: string[] = [];
  private otherSet = new Set<string>();
  private catalogue: Bundle | undefined;
  private powersIn = 0;
  private finalised = false;
  private readonly writes: Promise<void>[] = [];
  private failure: unknown;

  constructor(options: FeedOptions) {
    this.options = options;
    this.made = new BundleInputs(options.reuse);
    this.queued = Array.from({ length: this.lanes.lanes }, () => 0);
    this.shardBundles = Array.from({ length: options.shards }, (_, k) => ({ output: join(options.site, shardDir(k)), label: `分片 ${k}`, files: [], added: 0, early: new Map() }));
    for (const code of options.codes) {
      const rel = powerPage(code);
      const k = shardOf(code, options.shards);
      this.shardOfPage.set(rel, k);
      this.shardBundles[k]!.files.push(rel);
    }
  }

  plan(pages: string[]): ReadonlyMap<string, number> {
    this.others = [...new Set(pages.filter(isOtherSearchPage))].sort();
    this.otherSet = new Set(this.others);
    const ranks = new Map<string, number>();
    for (const bundle of this.shardBundles) for (const rel of bundle.files) ranks.set(rel, ranks.size);
    for (const rel of this.others) ranks.set(rel, ranks.size);
    this.progress();
    return ranks;
  }

  page(rel: string, html: string): void {
    if (this.failure) return;
    try {
      const k = this.shardOfPage.get(rel);
      if (k === undefined && !this.otherSet.has(rel)) return;
      if (this.digests.has(rel)) return;
      this.digests.set(rel, pageDigest(rel, html));
      const doc = catalogueDocument(rel, html);
      this.catalogueDocs.set(rel, doc);
      this.catalogueDigests.set(rel, pageDigest(rel, doc));
      if (k === undefined) this.otherPages.set(rel, html);
      else {
        const shard = this.shardBundles[k]!;
        shard.early.set(rel, html);
        for (let next = shard.files[shard.added]; next !== undefined && shard.early.has(next); next = shard.files[shard.added]) {
          this.add(shard, next, shard.early.get(next)!);
          shard.early.delete(next);
        }
        if (shard.added === shard.files.length) this.write(shard);
        this.powersIn++;
      }
      this.progress();
    } catch (error) {
      this.failure = error;
    }
  }

  /** Waits for every bundle; fails if a page never came (Astro did not make it) or a bundle failed. */
  async finish(): Promise<IndexStats> {
    try {
      const missing = [...this.shardOfPage.keys(), ...this.others].filter((rel) => !this.digests.has(rel));
      if (!this.failure && missing.length) {
        this.failure = new Error(`${missing[0]!.startsWith('powers/') ? '事项页' : '页面'} ${missing[0]} 不存在或不完整${missing.length > 1 ? `（共 ${missing.length} 个）` : ''}：网站构建不完整，未建立搜索索引`);
      }
      const settled = await Promise.allSettled(this.writes);
      this.failure ??= settled.find((s) => s.status === 'rejected')?.reason;
    } finally {
      await this.lanes.close();
    }
    if (this.failure) throw this.failure;
    this.made.save();
    return {
      ...finishBundles(this.options.site, this.options.codes, this.options.shards, this.others),
      indexed: this.shardBundles.map((_, k) => k),
      written: this.made.writtenBundles,
      reused: [],
      ms: performance.now() - this.started,
    };
  }

  /** Stops the lanes without writing what is left (Astro failed). */
  async cancel(): Promise<void> {
    this.failure ??= new Error('cancelled');
    await this.lanes.close();
  }

  /** The catalogue (powers in code order, then the other pages) and the other pages' bundle, once their pages are all in. */
  private progress(): void {
    const powersDone = this.powersIn === this.shardOfPage.size;
    if (powersDone && !this.catalogue) {
      this.catalogue = { output: join(this.options.site, CATALOGUE_BUNDLE), label: '目录', files: [...this.shardOfPage.keys(), ...this.others], added: 0, early: new Map() };
      for (const rel of this.shardOfPage.keys()) this.add(this.catalogue, rel, this.catalogueDocs.get(rel)!);
    }
    if (!powersDone || this.otherPages.size < this.others.length || this.finalised) return;
    this.finalised = true;
    for (const rel of this.others) this.add(this.catalogue!, rel, this.catalogueDocs.get(rel)!);
    this.write(this.catalogue!);
    const pages: Bundle = { output: join(this.options.site, PAGES_BUNDLE), label: '其他页面', files: this.others, added: 0, early: new Map() };
    for (const rel of this.others) this.add(pages, rel, this.otherPages.get(rel)!);
    this.write(pages);
    this.otherPages.clear();
    this.catalogueDocs.clear();
  }

  private add(bundle: Bundle, rel: string, content: string): void {
    if (bundle.lane === undefined) {
      bundle.lane = this.queued.indexOf(Math.min(...this.queued));
      bundle.id = this.lanes.open(bundle.lane, bundle.label);
    }
    this.lanes.add(bundle.lane, bundle.id!, rel, content);
    // A catalogue document is small: about a third of a page's indexing.
    this.queued[bundle.lane]! += bundle.output.endsWith(`/${CATALOGUE_BUNDLE}`) ? 1 / 3 : 1;
    bundle.added++;
  }

  private write(bundle: Bundle): void {
    // Pagefind makes no index of nothing: a bundle without pages is not written.
    if (bundle.files.length === 0) return;
    const digests = bundle === this.catalogue ? this.catalogueDigests : this.digests;
    const input = bundleInput(bundle.files, bundle.files.map((rel) => digests.get(rel)!));
    const lane = bundle.lane!;
    const pages = bundle.files.length;
    const written = this.lanes.write(lane, bundle.id!, bundle.output, bundle.files).then(() => {
      this.queued[lane]! -= bundle.output.endsWith(`/${CATALOGUE_BUNDLE}`) ? pages / 3 : pages;
      this.made.written(bundle, input);
    });
    // Reported by finish; never an unhandled rejection meanwhile.
    written.catch(() => {});
    this.writes.push(written);
  }
}

function powerPage(code: string): string {
  return `powers/${code}/index.html`;
}
