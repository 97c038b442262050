import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkContentAt } from '../src/model/check.ts';
import { generateContent, keepValid } from './synthetic.ts';
import { distinctCharts } from './chart-variety.ts';
import { median, printTable } from './stats.ts';

/**
 * Full-build benchmark at city scale: our build (quanze build: validation, flowcharts, Astro pages,
 * downloads, search index), then an incremental rebuild after one power changed,
 * against a bare Astro + pagefind build of the same number of plain pages with the same text, on
 * the same machine in the same run. Wall time and peak RSS come from GNU time; medians of runs.
 * The generated powers vary in posts, units and limits as real lists do, so nearly every chart is
 * its own: the table reports how many differ and how many layouts they shared.
 *
 *   node bench/build.ts [sizes=1000,10000] [runs=3]
 */
const ROOT = resolve('.');
const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 3);
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error('需要 GNU time：apt-get install time');

interface Measure {
  seconds: number;
  rssMb: number;
  output: string;
}

function timed(cwd: string, command: string): Measure {
  const r = spawnSync(TIME, ['-f', '%e %M', 'sh', '-c', command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`${command} failed in ${cwd}:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-4000)}`);
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, rssMb: kb! / 1024, output: r.stdout };
}

/** A project folder using this repository's code and dependencies with generated content. */
function projectWith(size: number): string {
  const dir = join(tmpdir(), `quanze-bench-site-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A copy of the code, so the repository can be edited while a long run goes on.
  for (const entry of ['src', 'public', 'bin', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const plain = generateContent(join(dir, 'content'), size);
  const reverted = keepValid(join(dir, 'content'), plain, checkContentAt);
  console.error(`${size}: ${reverted} powers keep their template's stages (a varied limit contradicted the cited article)`);
  return dir;
}

/** The same text as plain pages in a bare Astro project: the baseline. */
function bareProjectWith(size: number, contentDir: string): { dir: string; charts: ReturnType<typeof distinctCharts> } {
  const dir = join(tmpdir(), `quanze-bench-bare-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src/pages/p'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const model = checkContentAt(contentDir).model!;
  const charts = distinctCharts(model);
  const pages = model.powers.map((p) => ({
    id: p.code,
    title: p.name,
    text: [p.category.name, p.department.name, ...p.basis.map((c) => `《${c.law.short}》${c.article}：${c.quote ?? ''}`), ...p.stages.map((s) => `${s.stage}（${s.post ?? ''}）：${s.duty} ${s.limit?.text ?? ''}`), ...p.liability],
  }));
  writeFileSync(join(dir, 'pages.json'), JSON.stringify(pages));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare', private: true, type: 'module' }));
  writeFileSync(join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n");
  writeFileSync(
    join(dir, 'src/pages/p/[id].astro'),
    `---
import pages from '../../../pages.json';
export function getStaticPaths() { return pages.map((p) => ({ params: { id: p.id }, props: p })); }
const { title, text } = Astro.props;
---
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head><body><main data-pagefind-body><h1>{title}</h1>{text.map((t) => <p>{t}</p>)}</main></body></html>
`,
  );
  return { dir, charts };
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

/** How many layouts the build's charts shared: 流程图：…，用 N 种版式. */
function layouts(output: string): number {
  const m = /用 (\d+) 种版式/.exec(output);
  if (!m) throw new Error(`quanze build printed no flowchart count:\n${output.slice(-2000)}`);
  return Number(m[1]);
}

/** Phase times printed by quanze build: 用时 T 秒（校验 a、流程图 b、页面 c、搜索索引 d）. */
function phases(output: string): { validate: number; charts: number; astro: number; index: number } {
  const m = /校验 ([\d.]+)、流程图 ([\d.]+)、页面 ([\d.]+)、搜索索引 ([\d.]+)/.exec(output);
  if (!m) throw new Error(`quanze build printed no timings:\n${output.slice(-2000)}`);
  const [validate, charts, astro, index] = m.slice(1).map(Number) as [number, number, number, number];
  return { validate, charts, astro, index };
}

const rows: string[][] = [];
for (const size of sizes) {
  const project = projectWith(size);
  const { dir: bare, charts } = bareProjectWith(size, join(project, 'content'));
  if (charts.distinct < 0.9 * charts.powers) throw new Error(`only ${charts.distinct} of ${charts.powers} charts differ: the bench must measure distinct charts`);
  const ours: { build: Measure; phases: ReturnType<typeof phases> }[] = [];
  const base: { astro: Measure; pagefind: Measure; total: number; rss: number }[] = [];
  const rebuilds: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    // Cold: no flowchart, download or build caches, no Astro data store, no output.
    rmSync(join(project, 'dist'), { recursive: true, force: true });
    for (const cache of ['.cache/quanze-flowcharts', '.cache/quanze-downloads', '.cache/quanze-build', '.cache/quanze-parse', '.astro']) rmSync(join(ROOT, 'node_modules', cache), { recursive: true, force: true });
    rmSync(join(project, '.astro'), { recursive: true, force: true });
    const build = timed(project, 'node bin/quanze.mjs build');
    ours.push({ build, phases: phases(build.output) });
    // Rebuild after one changed power (caches warm, as on a maintainer's machine or a cached CI).
    const file = join(project, 'content/powers', readdirSync(join(project, 'content/powers'))[i % 7]!);
    const powerFile = join(file, readdirSync(file)[i]!);
    writeFileSync(powerFile, readFileSync(powerFile, 'utf8').replace(/duty: /, 'duty: 依法'));
    const rebuild = timed(project, 'node bin/quanze.mjs build');
    if (!/增量/.test(rebuild.output)) throw new Error(`the rebuild was not incremental:\n${rebuild.output.slice(-2000)}`);
    rebuilds.push(rebuild);
    rmSync(join(bare, 'dist'), { recursive: true, force: true });
    rmSync(join(bare, '.astro'), { recursive: true, force: true });
    const bAstro = timed(bare, 'node node_modules/astro/bin/astro.mjs build');
    const bPagefind = timed(bare, 'node_modules/.bin/pagefind --site dist');
    base.push({ astro: bAstro, pagefind: bPagefind, total: bAstro.seconds + bPagefind.seconds, rss: Math.max(bAstro.rssMb, bPagefind.rssMb) });
  }
  const validate = timed(project, 'node bin/quanze.mjs validate');

  const powerPages = readdirSync(join(project, 'dist/powers'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => statSync(join(project, 'dist/powers', e.name, 'index.html')).size);
  const m = (xs: number[]) => median(xs);
  const ourTotal = m(ours.map((o) => o.build.seconds));
  const bareTotal = m(base.map((b) => b.total));
  rows.push([
    String(size),
    `${charts.distinct} (${((100 * charts.distinct) / charts.powers).toFixed(1)}%)`,
    String(layouts(ours[0]!.build.output)),
    `${validate.seconds.toFixed(1)} s`,
    `${m(ours.map((o) => o.phases.charts)).toFixed(1)} s`,
    `${m(ours.map((o) => o.phases.astro)).toFixed(1)} s`,
    `${m(ours.map((o) => o.phases.index)).toFixed(1)} s`,
    `${ourTotal.toFixed(1)} s`,
    `${bareTotal.toFixed(1)} s`,
    `${(ourTotal / bareTotal).toFixed(2)}×`,
    `${(m(ours.map((o) => o.build.rssMb)) / 1024).toFixed(2)} GB`,
    `${(m(base.map((b) => b.rss)) / 1024).toFixed(2)} GB`,
    `${m(rebuilds.map((r) => r.seconds)).toFixed(1)} s`,
    `${(dirSize(join(project, 'dist')) / 1024 / 1024).toFixed(0)} MB`,
    `${(m(powerPages) / 1024).toFixed(1)} KB`,
  ]);
  console.error(`${size}: runs ours ${ours.map((o) => o.build.seconds.toFixed(1)).join('/')} s, bare ${base.map((b) => b.total.toFixed(1)).join('/')} s, rebuild ${rebuilds.map((r) => r.seconds.toFixed(1)).join('/')} s`);
}
printTable(['powers', 'distinct charts', 'chart layouts', 'validate', 'flowcharts', 'pages (astro)', 'search index', 'full build', 'bare Astro+pagefind', 'ratio', 'peak RSS', 'bare peak RSS', 'rebuild (1 changed)', 'site size', 'power page (median)'], rows);
