import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import type { Finding } from '../model/findings.ts';
import type { Model } from '../model/types.ts';
import { readContentHistory } from '../history/content-history.ts';
import { allCharts } from '../generators/flowchart/all-charts.ts';
import { prerenderFlowcharts } from '../generators/flowchart/prerender.ts';
import { chartHash, DEFAULT_FLOWCHART_CACHE } from '../generators/flowchart/render-svg.ts';
import { leavePrevalidatedModel } from '../site/shared-model.ts';
import { codeFingerprint, contentFingerprints } from './fingerprint.ts';
import { dropManifest, manifestPathFor, readManifest, writeManifest } from './manifest.ts';
import { pageFingerprints, planBuild, type BuildPlan } from './plan.ts';
import { indexSearch, shardCount, shardOf, SHARD_LIST, type IndexStats } from './search-index.ts';

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

const OWN_OUTPUTS = /^(powers\/|flowcharts\/|pagefind(-\d+)?\/)/;

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

  const checked = checkContentAt(contentDir);
  if (!checked.ok || !checked.model) throw new ContentInvalidError(checked.findings);
  const model = checked.model;
  const validate = lap(clock);

  let since = performance.now();
  const charts = allCharts(model);
  const chartStats = await prerenderFlowcharts(charts.map((c) => c.mermaid), resolve(root, DEFAULT_FLOWCHART_CACHE));
  log(`流程图：${chartStats.charts} 张，不同的 ${chartStats.distinct} 张，新绘制 ${chartStats.rendered} 张`);
  const flowcharts = lap(since);

  const content = contentFingerprints(contentDir, model);
  const history = readContentHistory(contentDir, (id) => model.laws.get(id)?.short ?? id);
  const pages = pageFingerprints(model, content, history);
  const code = codeFingerprint(root);
  const previous = options.full ? undefined : readManifest(manifestFile);
  const plan = options.full ? ({ mode: 'full', reason: '指定了 --full' } as const) : planBuild(previous, { outDir, contentDir, code, shared: content.shared, pages, outDirExists: existsSync(join(outDir, 'index.html')) });
  log(plan.mode === 'full' ? `完整构建：${plan.reason}` : `增量构建：${plan.changed.length} 个事项有变化，${plan.removed.length} 个已删除；其余 ${model.powers.length - plan.changed.length} 个事项页沿用上次结果`);
  dropManifest(manifestFile);

  since = performance.now();
  const target = plan.mode === 'full' ? outDir : `${outDir}.partial`;
  rmSync(`${outDir}.partial`, { recursive: true, force: true });
  const scopeFile = manifestFile.replace(/\.json$/, '.scope.json');
  if (plan.mode === 'incremental') {
    mkdirSync(dirname(scopeFile), { recursive: true });
    writeFileSync(scopeFile, JSON.stringify(plan.changed));
  }
  await runAstro(root, target, model, contentDir, plan.mode === 'incremental' ? scopeFile : undefined);
  if (plan.mode === 'incremental') mergePartial(target, outDir, plan, previous!.aggregates, new Set(charts.map((c) => chartHash(c.mermaid))));
  const astro = lap(since);

  since = performance.now();
  const codes = model.powers.map((p) => p.code);
  const shards = shardCount(codes.length);
  const only =
    plan.mode === 'incremental' && previous!.shards === shards && existsSync(join(outDir, SHARD_LIST))
      ? new Set([...plan.changed, ...plan.removed].map((c) => shardOf(c, shards)))
      : undefined;
  const index = indexSearch({ site: outDir, codes, shards, only });
  log(`搜索索引：${codes.length} 个事项页，${shards} 个分片，重建 ${index.indexed.length} 个`);
  const indexSeconds = lap(since);

  writeManifest(manifestFile, {
    version: 1,
    outDir,
    contentDir,
    code,
    shared: content.shared,
    pages: Object.fromEntries(pages),
    shards,
    aggregates: filesIn(outDir).filter((f) => !OWN_OUTPUTS.test(f) && f !== SHARD_LIST),
  });
  return {
    plan,
    powers: model.powers.length,
    rendered: plan.mode === 'full' ? model.powers.length : plan.changed.length,
    index,
    seconds: { validate, flowcharts, astro, index: indexSeconds, total: lap(clock) },
  };
}

async function runAstro(root: string, outDir: string, model: Model, contentDir: string, scopeFile?: string): Promise<void> {
  const saved = { scope: process.env.QUANZE_ONLY_POWERS, content: process.env.QUANZE_CONTENT, telemetry: process.env.ASTRO_TELEMETRY_DISABLED };
  if (scopeFile) process.env.QUANZE_ONLY_POWERS = scopeFile;
  else delete process.env.QUANZE_ONLY_POWERS;
  process.env.QUANZE_CONTENT = contentDir;
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  leavePrevalidatedModel(model, contentDir);
  try {
    const { build } = await import('astro');
    await build({ root, outDir });
  } finally {
    for (const [key, value] of [['QUANZE_ONLY_POWERS', saved.scope], ['QUANZE_CONTENT', saved.content], ['ASTRO_TELEMETRY_DISABLED', saved.telemetry]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Moves an incremental build's output over the last full output: the changed powers' pages
 * replace theirs, removed powers' pages go, every other page is replaced, pages no longer made
 * are deleted, and flowcharts no power uses any more are deleted.
 */
function mergePartial(partial: string, outDir: string, plan: Extract<BuildPlan, { mode: 'incremental' }>, previousAggregates: string[], charts: Set<string>): void {
  for (const code of [...plan.changed, ...plan.removed]) rmSync(join(outDir, 'powers', code), { recursive: true, force: true });
  const made = filesIn(partial);
  for (const file of made) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    renameSync(join(partial, file), join(outDir, file));
  }
  const aggregates = new Set(made.filter((f) => !OWN_OUTPUTS.test(f)));
  for (const file of previousAggregates) if (!aggregates.has(file)) rmSync(join(outDir, file), { force: true });
  const chartsDir = join(outDir, 'flowcharts');
  if (existsSync(chartsDir)) {
    for (const file of readdirSync(chartsDir)) if (!charts.has(file.replace(/\.(svg|mmd)$/, ''))) rmSync(join(chartsDir, file), { force: true });
  }
  rmSync(partial, { recursive: true, force: true });
}
