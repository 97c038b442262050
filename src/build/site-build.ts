import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { parseCacheFor } from '../model/parse-cache.ts';
import { formatRuleSummary, type Finding } from '../model/findings.ts';
import type { Model } from '../model/types.ts';
import { readContentHistory, type ContentHistory } from '../history/content-history.ts';
import { departmentUpdateDates } from './downloads.ts';
import { recordNamesFor } from '../generators/diff/record-fields.ts';
import { missingNoteFindings, NO_CHANGE_NOTE, publicRevisions, revisionDepartment } from '../history/public-record.ts';
import { templateCharts } from '../generators/flowchart/all-charts.ts';
import { createSvgRenderer } from '../generators/flowchart/render-svg.ts';
import { renderPowerFlowchart, renderTemplateChart, type ChartOnPage } from '../generators/flowchart/rendered-chart.ts';
import type { BuildScope } from '../site/site-data.ts';
import { astroConfig } from './astro-config.ts';
import { ChartFiles } from './chart-files.ts';
import { startDownloads, type DownloadsJob } from './downloads-job.ts';
import { codeFingerprint, contentFingerprints } from './fingerprint.ts';
import { dropManifest, MANIFEST_VERSION, manifestPathFor, readManifest, writeManifest } from './manifest.ts';
import { departmentFingerprints, pageFingerprints, planBuild, type BuildPlan } from './plan.ts';
import type { PageSink } from './prerender-feed.ts';
import { SearchFeed } from './search-index-feed.ts';
import { readSearchData } from '../search/search-data.ts';
import { CHAR_PAIRS_FILE } from '../search/char-pairs.ts';
import { shardCount, shardOf, SHARD_LIST, type IndexStats } from './search-index.ts';

/**
 * The site build: validate, lay out the flowcharts, render the pages with Astro, index the power
 * pages for search. After a first build it is incremental: when only power files changed, Astro
 * renders every list and summary page again but only the changed powers' own pages, and only
 * their search shards are re-indexed. Anything else (code, dependencies, the stage table, flows,
 * departments, laws, settings) makes a full build.
 */
export interface SiteBuildOptions {
  root: string;
  contentDir: string;
  outDir: string;
  full?: boolean;
  manifestFile?: string;
  log?: (message: string) => void;
}

export interface SiteBuildResult {
  plan: BuildPlan;
  powers: number;
  /** Powers whose own pages were rendered. */
  rendered: number;
  index: IndexStats;
  seconds: { validate: number; flowcharts: number; astro: number; index: number; total: number };
}

export class ContentInvalidError extends Error {
  readonly findings: Finding[];
  constructor(findings: Finding[]) {
    super('内容校验未通过');
    this.findings = findings;
  }
}

/** Outputs with owners: power and department pages are rebuilt with their owner, the rest always. */
const OWN_OUTPUTS = /^(powers\/|departments\/[^/]+\/|flowcharts\/|pagefind(-text-\d+|-\d+|-pages)?\/)/;

/**
 * A site-wide output Astro makes: not an owned output, nor a file of the search index (the shard
 * list and the character pairs, which indexing writes — in an incremental build often before the
 * merge, which must not take them for pages no longer made).
 */
function isAggregate(file: string): boolean {
  return !OWN_OUTPUTS.test(file) && file !== SHARD_LIST && file !== CHAR_PAIRS_FILE;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  const log = options.log ?? (() => {});
  const root = resolve(options.root);
  const contentDir = resolve(options.contentDir);
  const outDir = resolve(options.outDir);
  const manifestFile = resolve(root, options.manifestFile ?? manifestPathFor(outDir));
  const clock = performance.now();
  const lap = (since: number) => (performance.now() - since) / 1000;

  // The downloads take longest of the side work: start them first, on their own thread.
  const downloads = startDownloads(root, contentDir);
  const checked = checkContentAt(contentDir, { cache: parseCacheFor(root, contentDir), parallel: true });
  if (!checked.ok || !checked.model) {
    await downloads.cancel();
    throw new ContentInvalidError(checked.findings);
  }
  const model = checked.model;
  const validate = lap(clock);

  const content = contentFingerprints(contentDir, model);
  const history = readContentHistory(contentDir, (id) => model.laws.get(id)?.short ?? id, recordNamesFor(model));
  downloads.provide(model, content, departmentUpdateDates(history));
  const pages = pageFingerprints(model, content, history);
  const unexplained = unexplainedChanges(model, history);
  if (unexplained) log(unexplained);
  const departments = departmentFingerprints(model, pages);
  const code = codeFingerprint(root);
  const previous = options.full ? undefined : readManifest(manifestFile);
  const plan = options.full ? ({ mode: 'full', reason: '指定了 --full' } as const) : planBuild(previous, { outDir, contentDir, code, shared: content.shared, pages, departments, outDirExists: existsSync(join(outDir, 'index.html')) });
  log(
    plan.mode === 'full'
      ? `完整构建：${plan.reason}`
      : `增量构建：${plan.changed.length} 个事项有变化，${plan.removed.length} 个已删除，涉及 ${plan.departments.length} 个部门；其余事项页和部门页沿用上次结果`,
  );

  // Flowcharts: an unchanged power's chart is the one the last build recorded; the others (and the
  // standard charts) are drawn here, once: their files are kept to be written after Astro, and
  // the pages get what they show of them (chart-files.ts).
  let since = performance.now();
  const changed = new Set(plan.mode === 'incremental' ? plan.changed : model.powers.map((p) => p.code));
  const chartOf = new Map<string, string>();
  const renderer = createSvgRenderer();
  const chartFiles = new ChartFiles();
  const drawn = new Map<string, ChartOnPage>();
  for (const power of model.powers) {
    if (!changed.has(power.code) && previous?.charts[power.code]) chartOf.set(power.code, previous.charts[power.code]!);
    else {
      const chart = chartFiles.add(renderPowerFlowchart(renderer, model, power));
      drawn.set(power.code, chart);
      chartOf.set(power.code, chart.image.hash);
    }
  }
  const standard = templateCharts(model).map((c) => chartFiles.add(renderTemplateChart(renderer, c)));
  const published = new Set([...chartOf.values(), ...standard.map((c) => c.image.hash)]);
  log(`流程图：共 ${published.size} 张不同的流程图；本次绘制 ${renderer.stats.charts} 张，用 ${renderer.stats.layouts} 种版式`);
  const flowcharts = lap(since);
  dropManifest(manifestFile);

  since = performance.now();
  const target = plan.mode === 'full' ? outDir : `${outDir}.partial`;
  // Astro empties the output folder first, one file at a time on its thread (measured: 11 s for a
  // 10,000-power site). Moved aside, the old output is deleted in the background instead.
  const discarded = plan.mode === 'full' ? setAside(outDir) : undefined;
  rmSync(`${outDir}.partial`, { recursive: true, force: true });
  const scope = plan.mode === 'incremental' ? { powers: new Set(plan.changed), departments: new Set(plan.departments) } : undefined;
  const codes = model.powers.map((p) => p.code);
  const shards = shardCount(codes.length);
  const only =
    plan.mode === 'incremental' && previous!.shards === shards && existsSync(join(outDir, SHARD_LIST))
      ? new Set([...plan.changed, ...plan.removed].map((c) => shardOf(c, shards)))
      : undefined;
  // Search is indexed while Astro renders (search-index-feed.ts): the pages it renders are handed
  // over as they are made; an incremental build's other pages are the last build's, in the output.
  const feed = new SearchFeed({
    site: outDir,
    codes,
    shards,
    only,
    previous: plan.mode === 'incremental',
    reuse: manifestFile.replace(/\.json$/, '.search.json'),
    traditional: readSearchData(contentDir).traditional,
    rendered: plan.mode === 'incremental' ? plan.changed.map((code) => `powers/${code}/index.html`) : undefined,
  });
  let indexing: Promise<IndexStats> | undefined;
  const startIndexing = () => (indexing ??= feed.finish());
  try {
    await runAstro({ root, outDir: target, contentDir, model, history, scope, charts: drawn, downloads, pageSink: feed, onPagesWritten: () => void startIndexing().catch(() => {}) });
    chartFiles.write(target);
  } catch (error) {
    await feed.cancel();
    throw error;
  }
  const aggregates = plan.mode === 'incremental' ? mergePartial(target, outDir, plan, previous!.aggregates, published) : undefined;
  const astro = lap(since);

  since = performance.now();
  const index = await startIndexing();
  log(`搜索索引：${codes.length} 个事项页，${shards} 个分片，重建 ${index.indexed.length} 个（写出 ${index.written.join('、') || '无'}；内容未变、沿用上次的 ${index.reused.length} 个）；法律、部门、岗责体系和类别页 ${index.otherPages} 个`);
  const indexSeconds = lap(since);

  await discarded;
  writeManifest(manifestFile, {
    version: MANIFEST_VERSION,
    outDir,
    contentDir,
    code,
    shared: content.shared,
    pages: Object.fromEntries(pages),
    departments: Object.fromEntries(departments),
    charts: Object.fromEntries(chartOf),
    shards,
    // An incremental build knows them from what it made; listing the whole output costs ~0.5 s.
    aggregates: aggregates ?? filesIn(outDir).filter(isAggregate),
  });
  return {
    plan,
    powers: model.powers.length,
    rendered: plan.mode === 'full' ? model.powers.length : plan.changed.length,
    index,
    seconds: { validate, flowcharts, astro, index: indexSeconds, total: lap(clock) },
  };
}

interface AstroRun {
  root: string;
  outDir: string;
  contentDir: string;
  model: Model;
  history: ContentHistory;
  scope?: BuildScope;
  charts: ReadonlyMap<string, ChartOnPage>;
  downloads: DownloadsJob;
  onPagesWritten: () => void;
  pageSink?: PageSink;
}

/** Astro in this process, configured here from explicit options (astro.config.mjs is not read). */
async function runAstro({ root, ...options }: AstroRun): Promise<void> {
  const { build } = await import('astro');
  await build({ ...astroConfig(options), root, configFile: false });
}

/**
 * Moves an incremental build's output over the last full output: the changed powers' and
 * departments' pages replace theirs, removed powers' pages go, every site-wide page is replaced,
 * site-wide pages no longer made are deleted, and so are flowcharts no power uses any more.
 */
function mergePartial(partial: string, outDir: string, plan: Extract<BuildPlan, { mode: 'incremental' }>, previousAggregates: string[], charts: Set<string>): string[] {
  for (const code of [...plan.changed, ...plan.removed]) rmSync(join(outDir, 'powers', code), { recursive: true, force: true });
  for (const id of plan.departments) {
    const own = join(outDir, 'departments', id);
    // Only the department's own folder: the site-wide departments/index.html is not in it.
    if (existsSync(own)) for (const entry of readdirSync(own)) rmSync(join(own, entry), { recursive: true, force: true });
  }
  const made = filesIn(partial);
  for (const file of made) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    renameSync(join(partial, file), join(outDir, file));
  }
  const aggregates = new Set(made.filter(isAggregate));
  for (const file of previousAggregates) if (isAggregate(file) && !aggregates.has(file)) rmSync(join(outDir, file), { force: true });
  const chartsDir = join(outDir, 'flowcharts');
  if (existsSync(chartsDir)) {
    for (const file of readdirSync(chartsDir)) if (!charts.has(file.replace(/\.(svg|mmd)$/, ''))) rmSync(join(chartsDir, file), { force: true });
  }
  rmSync(partial, { recursive: true, force: true });
  return [...aggregates];
}

/** Renames a folder out of the way and deletes it asynchronously (fs.rm runs on libuv's threads). */
function setAside(dir: string): Promise<void> | undefined {
  if (!existsSync(dir)) return undefined;
  const aside = `${dir}.old-${process.pid}-${Date.now()}`;
  renameSync(dir, aside);
  return rm(aside, { recursive: true, force: true });
}

/** Changes the public record can only call 「内容调整（未填写变更说明）」, counted per department (warnings). */
function unexplainedChanges(model: Model, history: ContentHistory): string | undefined {
  const findings = missingNoteFindings(publicRevisions(history, model.adjustments));
  if (!findings.length) return undefined;
  const byDepartment = new Map<string, number>();
  for (const f of findings) {
    const id = revisionDepartment(f);
    byDepartment.set(id, (byDepartment.get(id) ?? 0) + 1);
  }
  const name = (id: string) => model.departments.find((d) => d.id === id)?.name ?? id;
  return formatRuleSummary(
    'missing-change-note',
    `${findings.length} 处变更既未填写变更说明（change_note）也没有调整记录，公开的变更记录显示为「${NO_CHANGE_NOTE}」：${[...byDepartment].map(([id, n]) => `${name(id)} ${n} 处`).join('，')}`,
  );
}
