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
  otherSearchPages,
  pageDigest,
  PAGES_BUNDLE,
  shardDir,
  shardOf,
  type IndexStats,
} from './search-index.ts';

export interface FeedOptions {
  /** The output folder: where the bundles are written, and (with `previous`) the last build's pages. */
  site: string;
  codes: string[];
  shards: number;
  /** Only these shards (an incremental build); all by default. */
  only?: Set<number>;
  /** The site holds the last build's pages: a page this build does not render is read from there. */
  previous?: boolean;
  /** The record of what each bundle was made from (see BundleInputs): read, and written for the next build. */
  reuse?: string;
  /** The traditional-character table the search folds text with (content/search/, as search-data.json publishes it). */
  traditional: string;
  /**
   * With `previous`: the power pages the build will render (the changed powers'), known before
   * Astro starts. The shards then begin at once on the pages before them, read from the last
   * output, instead of waiting for Astro to list its pages (measured at 10,000 powers: about 3 s
   * of a rebuild, which waits for its one shard).
   */
  rendered?: string[];
}

interface Bundle {
  output: string;
  label: string;
  /** The pages in the order they are added, which decides the bytes pagefind writes. */
  files: string[];
  lane?: number;
  id?: number;
  added: number;
}

/**
 * The search index, made while Astro renders the site instead of after it. Astro renders on one
 * thread and leaves the second core mostly idle, and pagefind's indexing is the longest part of
 * a build (≈ 7 ms of CPU per power page): so the power pages are rendered first, shard by shard,
 * each page handed to a lane (search-index-job.ts) as Astro renders it, and a shard is written as
 * soon as its last page is in — while Astro goes on with the department, law, list and flowchart
 * pages. An incremental build renders few pages: the rest of a shard it re-indexes is read from
 * the last build's output, so the shard is indexed while Astro renders the site-wide pages. The
 * catalogue is decided last: kept when every record is the same as last time (known from the
 * record's page digests, without reading the pages Astro did not render), else made afresh.
 *
 * Every bundle gets its pages in the order indexSearch gives them (shard members and catalogue in
 * code order, then the other pages in path order; a page rendered early waits for its turn),
 * because pagefind's output depends on that order: the result is byte for byte the index
 * indexSearch makes from the written site (test/search-feed.test.ts).
 */
export class SearchFeed implements PageSink {
  private readonly options: FeedOptions;
  private readonly started = performance.now();
  private readonly lanes = new IndexLanes(Math.min(2, availableParallelism()));
  private readonly made: BundleInputs;
  /** Pages in the lanes' queues, per lane: a new bundle goes to the lane with least to do. */
  private readonly queued: number[];
  private readonly shardBundles = new Map<number, Bundle>();
  private readonly powerFiles: string[];
  /** The pages Astro renders that search needs, those it has rendered, and their text until their bundles took it. */
  private rendering = new Set<string>();
  /** The power pages an incremental build said it would render, when the shards started before Astro. */
  private foretold: Set<string> | undefined;
  private readonly arrived = new Set<string>();
  private readonly texts = new Map<string, string>();
  private readonly catalogueDigests = new Map<string, string>();
  private readonly catalogueDocs = new Map<string, string>();
  private others: Bundle | undefined;
  private finalised = false;
  private readonly writes: Promise<void>[] = [];
  private failure: unknown;

  constructor(options: FeedOptions) {
    this.options = options;
    this.made = new BundleInputs(options.reuse);
    this.queued = Array.from({ length: this.lanes.lanes }, () => 0);
    for (let k = 0; k < options.shards; k++) if (!options.only || options.only.has(k)) this.shardBundles.set(k, { output: join(options.site, shardDir(k)), label: `分片 ${k}`, files: [], added: 0 });
    this.powerFiles = options.codes.map(powerPage);
    for (const code of options.codes) this.shardBundles.get(shardOf(code, options.shards))?.files.push(powerPage(code));
    if (options.previous && options.rendered) {
      this.foretold = this.rendering = new Set(options.rendered);
      this.guard(() => {
        for (const shard of this.shardBundles.values()) this.pump(shard);
      });
    }
  }

  plan(pages: string[]): ReadonlyMap<string, number> {
    const listed = new Set(pages);
    const powers = new Set(this.powerFiles);
    const others = [...new Set([...pages.filter(isOtherSearchPage), ...(this.options.previous ? otherSearchPages([this.options.site]) : [])])].sort();
    this.others = { output: join(this.options.site, PAGES_BUNDLE), label: '其他页面', files: others, added: 0 };
    const rendering = new Set([...pages.filter((rel) => powers.has(rel)), ...others.filter((rel) => listed.has(rel))]);
    // Shards started early took every power page they were told would not be rendered from the last output.
    const foretold = this.foretold;
    const unforetold = foretold && [...rendering].find((rel) => powers.has(rel) && !foretold.has(rel));
    if (unforetold) throw new Error(`搜索索引：事项页 ${unforetold} 不在本次构建预定渲染的页面中，未建立搜索索引`);
    this.rendering = rendering;
    // Rendered first: the shards' pages in the order they are indexed, then the other pages.
    const ranks = new Map<string, number>();
    for (const bundle of this.shardBundles.values()) for (const rel of bundle.files) if (this.rendering.has(rel)) ranks.set(rel, ranks.size);
    for (const rel of this.rendering) if (!ranks.has(rel)) ranks.set(rel, ranks.size);
    this.guard(() => this.progress());
    return ranks;
  }

  page(rel: string, html: string): void {
    if (!this.rendering.has(rel) || this.arrived.has(rel)) return;
    this.guard(() => {
      this.arrived.add(rel);
      this.texts.set(rel, html);
      const doc = catalogueDocument(rel, html);
      this.catalogueDocs.set(rel, doc);
      this.catalogueDigests.set(rel, pageDigest(rel, doc));
      this.progress();
    });
  }

  /** Waits for every bundle; fails if a page never came (Astro did not make it) or a bundle failed. */
  async finish(): Promise<IndexStats> {
    try {
      const missing = [...this.rendering].filter((rel) => !this.arrived.has(rel));
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
      ...finishBundles(this.options.site, this.options.codes, this.options.shards, this.others?.files ?? []),
      indexed: [...this.shardBundles.keys()],
      written: this.made.writtenBundles,
      reused: this.made.reused,
      ms: performance.now() - this.started,
    };
  }

  /** Stops the lanes without writing what is left (Astro failed). */
  async cancel(): Promise<void> {
    this.failure ??= new Error('cancelled');
    await this.lanes.close();
  }

  private guard(step: () => void): void {
    if (this.failure) return;
    try {
      step();
    } catch (error) {
      this.failure = error;
    }
  }

  /** Adds every page whose turn has come to its bundle, writes full bundles, and decides the catalogue once every page is in. */
  private progress(): void {
    for (const shard of this.shardBundles.values()) this.pump(shard);
    this.pump(this.others!);
    if (this.finalised || this.arrived.size < this.rendering.size) return;
    this.finalised = true;
    this.writeCatalogue();
  }

  /** Adds the bundle's pages in order, as long as each is rendered or is the last build's; writes it when all are in. */
  private pump(bundle: Bundle): void {
    if (bundle.added === bundle.files.length) return;
    for (let rel = bundle.files[bundle.added]; rel !== undefined; rel = bundle.files[bundle.added]) {
      if (!this.rendering.has(rel)) {
        // The last build's page: the lane reads it, off this thread (Astro renders here meanwhile).
        this.add(bundle, rel);
        continue;
      }
      const page = this.texts.get(rel);
      if (page === undefined) break;
      this.texts.delete(rel);
      this.add(bundle, rel, page);
    }
    if (bundle.added === bundle.files.length) this.write(bundle);
  }

  /**
   * The catalogue: every power page in code order, then the other pages. Kept as it is when every
   * record is the one it was made from (a page Astro did not render is the last build's, so its
   * record's digest is the recorded one); else every record is indexed again.
   */
  private writeCatalogue(): void {
    const output = join(this.options.site, CATALOGUE_BUNDLE);
    const files = [...this.powerFiles, ...this.others!.files];
    const recorded = this.made.pagesOf(output);
    const known = (rel: string) => this.catalogueDigests.get(rel) ?? recorded[rel];
    if (files.every((rel) => known(rel) !== undefined) && this.made.current(output, bundleInput(this.options.traditional, files, files.map((rel) => known(rel)!)))) return;
    const catalogue: Bundle = { output, label: '目录', files, added: 0 };
    // A record of a page Astro did not render is read by the lane, off this thread.
    for (const rel of files) this.add(catalogue, rel, this.catalogueDocs.get(rel));
    this.catalogueDocs.clear();
    this.write(catalogue, true);
  }

  /** Adds a page to its bundle: its text, or (without) the last build's file, which the lane reads (for the catalogue, its record). */
  private add(bundle: Bundle, rel: string, content?: string): void {
    if (bundle.lane === undefined) {
      bundle.lane = this.queued.indexOf(Math.min(...this.queued));
      bundle.id = this.lanes.open(bundle.lane, bundle.label, this.options.traditional, bundle.output.endsWith(`/${CATALOGUE_BUNDLE}`));
    }
    if (content === undefined) this.lanes.addFile(bundle.lane, bundle.id!, rel, this.options.site, bundle.output.endsWith(`/${CATALOGUE_BUNDLE}`));
    else this.lanes.add(bundle.lane, bundle.id!, rel, content);
    // A catalogue document is small: about a third of a page's indexing.
    this.queued[bundle.lane]! += weight(bundle, 1);
    bundle.added++;
  }

  /** Writes the bundle; its record holds the digests of what the lane was given (with each page's, for the catalogue). */
  private write(bundle: Bundle, keepDigests = false): void {
    // Pagefind makes no index of nothing: a bundle without pages is not written.
    if (bundle.files.length === 0) return;
    const lane = bundle.lane!;
    const written = this.lanes.write(lane, bundle.id!, bundle.output, bundle.files).then((digests) => {
      this.queued[lane]! -= weight(bundle, bundle.files.length);
      const list = bundle.files.map((rel) => digests[rel]!);
      const pages = keepDigests ? Object.fromEntries(bundle.files.map((rel, i) => [rel, list[i]!])) : undefined;
      this.made.written(bundle, bundleInput(this.options.traditional, bundle.files, list), pages);
    });
    // Reported by finish; never an unhandled rejection meanwhile.
    written.catch(() => {});
    this.writes.push(written);
  }
}

function weight(bundle: Bundle, pages: number): number {
  return bundle.output.endsWith(`/${CATALOGUE_BUNDLE}`) ? pages / 3 : pages;
}

function powerPage(code: string): string {
  return `powers/${code}/index.html`;
}
