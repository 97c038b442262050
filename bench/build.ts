import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkContentAt } from '../src/model/check.ts';
import { generateContent } from './synthetic.ts';
import { median, printTable } from './stats.ts';

/**
 * Full-build benchmark at city scale: our build (validation, flowcharts, Astro pages, pagefind)
 * against a bare Astro + pagefind build of the same number of plain pages with the same text, on
 * the same machine in the same run. Wall time and peak RSS come from GNU time; medians of runs.
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
}

function timed(cwd: string, command: string): Measure {
  const r = spawnSync(TIME, ['-f', '%e %M', 'sh', '-c', command], { cwd, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`${command} failed in ${cwd}:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-4000)}`);
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, rssMb: kb! / 1024 };
}

/** A project folder using this repository's code and dependencies with generated content. */
function projectWith(size: number): string {
  const dir = join(tmpdir(), `quanze-bench-site-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['src', 'public', 'bin', 'node_modules', 'astro.config.mjs', 'package.json', 'tsconfig.json']) symlinkSync(join(ROOT, entry), join(dir, entry));
  generateContent(join(dir, 'content'), size);
  return dir;
}

/** The same text as plain pages in a bare Astro project: the baseline. */
function bareProjectWith(size: number, contentDir: string): string {
  const dir = join(tmpdir(), `quanze-bench-bare-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src/pages/p'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const model = checkContentAt(contentDir).model!;
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
  return dir;
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

const rows: string[][] = [];
for (const size of sizes) {
  const project = projectWith(size);
  const bare = bareProjectWith(size, join(project, 'content'));
  const ours: { validate: Measure; charts: Measure; astro: Measure; pagefind: Measure; total: number; rss: number }[] = [];
  const base: { astro: Measure; pagefind: Measure; total: number; rss: number }[] = [];
  for (let i = 0; i < runs; i++) {
    // Cold: no flowchart cache, no Astro data store, no output.
    rmSync(join(project, 'dist'), { recursive: true, force: true });
    rmSync(join(ROOT, 'node_modules/.cache/quanze-flowcharts'), { recursive: true, force: true });
    rmSync(join(ROOT, 'node_modules/.astro'), { recursive: true, force: true });
    rmSync(join(project, '.astro'), { recursive: true, force: true });
    const validate = timed(project, 'node bin/quanze.mjs validate');
    const charts = timed(project, 'node bin/quanze.mjs flowcharts');
    const astro = timed(project, 'node node_modules/astro/bin/astro.mjs build');
    const pagefind = timed(project, 'node bin/quanze.mjs index-search');
    ours.push({ validate, charts, astro, pagefind, total: charts.seconds + astro.seconds + pagefind.seconds, rss: Math.max(charts.rssMb, astro.rssMb, pagefind.rssMb) });
    rmSync(join(bare, 'dist'), { recursive: true, force: true });
    rmSync(join(bare, '.astro'), { recursive: true, force: true });
    const bAstro = timed(bare, 'node node_modules/astro/bin/astro.mjs build');
    const bPagefind = timed(bare, 'node_modules/.bin/pagefind --site dist');
    base.push({ astro: bAstro, pagefind: bPagefind, total: bAstro.seconds + bPagefind.seconds, rss: Math.max(bAstro.rssMb, bPagefind.rssMb) });
  }
  // Rebuild after one changed power (caches warm, as on a maintainer's machine or a cached CI).
  const file = join(project, 'content/powers', readdirSync(join(project, 'content/powers'))[0]!);
  const powerFile = join(file, readdirSync(file)[0]!);
  writeFileSync(powerFile, readFileSync(powerFile, 'utf8').replace(/duty: /, 'duty: 依法'));
  const rebuild = timed(project, 'node bin/quanze.mjs flowcharts && node node_modules/astro/bin/astro.mjs build && node bin/quanze.mjs index-search');

  const powerPages = readdirSync(join(project, 'dist/powers'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => statSync(join(project, 'dist/powers', e.name, 'index.html')).size);
  const m = (xs: number[]) => median(xs);
  const ourTotal = m(ours.map((o) => o.total));
  const bareTotal = m(base.map((b) => b.total));
  rows.push([
    String(size),
    `${m(ours.map((o) => o.validate.seconds)).toFixed(1)} s`,
    `${m(ours.map((o) => o.charts.seconds)).toFixed(1)} s`,
    `${m(ours.map((o) => o.astro.seconds)).toFixed(1)} s`,
    `${m(ours.map((o) => o.pagefind.seconds)).toFixed(1)} s`,
    `${ourTotal.toFixed(1)} s`,
    `${bareTotal.toFixed(1)} s`,
    `${(ourTotal / bareTotal).toFixed(2)}×`,
    `${(m(ours.map((o) => o.rss)) / 1024).toFixed(2)} GB`,
    `${rebuild.seconds.toFixed(1)} s`,
    `${(dirSize(join(project, 'dist')) / 1024 / 1024).toFixed(0)} MB`,
    `${(m(powerPages) / 1024).toFixed(1)} KB`,
  ]);
  console.error(`${size}: runs ours ${ours.map((o) => o.total.toFixed(1)).join('/')} s, bare ${base.map((b) => b.total.toFixed(1)).join('/')} s`);
}
printTable(['powers', 'validate', 'flowcharts', 'astro build', 'pagefind', 'full build', 'bare Astro+pagefind', 'ratio', 'peak RSS', 'rebuild (1 changed)', 'site size', 'power page (median)'], rows);
