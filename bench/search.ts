import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.ts';
import { serveStatic } from '../test/helpers/static-server.ts';
import { checkContentAt } from '../src/model/check.ts';
import { generateContent, keepValid } from './synthetic.ts';
import { median, printTable } from './stats.ts';

/**
 * Search latency in a real browser on a city-scale site: the search page of a generated site with
 * `size` powers (built once with quanze build and reused; --rebuild builds again), on a desktop
 * profile and on a slow phone (1.6 Mbit/s, 150 ms round trip, 4× slower CPU, set through the
 * Chrome DevTools Protocol). Each run opens the page in a fresh browser context (empty cache), waits
 * until the index is ready, then times the first query and the later ones from pressing Enter to
 * the first results (or 「没有找到」) on screen, each two ways: pasted (the whole query at once, then
 * Enter) and typed (word by word as an input method commits words, 300 ms apart, then Enter — the
 * page searches and preloads as the words come). Medians of `runs`.
 *
 * After the timings, each query is asked once more on the desktop profile and its final first
 * result checked: where a power's name starts with the query, the first result must be such a power
 * (fast answers that rank the wrong thing first would not count).
 *
 *   node bench/search.ts [size=10000] [runs=5] [--rebuild] [--site DIR] [--detail]
 *
 * --site DIR measures an already built site (any size) instead of building one.
 */
const ROOT = resolve('.');
const args = process.argv.slice(2);
const siteOption = args.indexOf('--site');
const givenSite = siteOption >= 0 ? resolve(args[siteOption + 1]!) : undefined;
const positional = args.filter((a, i) => !a.startsWith('--') && (siteOption < 0 || i !== siteOption + 1));
const size = Number(positional[0] ?? 10_000);
const runs = Number(positional[1] ?? 5);
const rebuild = args.includes('--rebuild');
/** --detail prints every query's time in every run (to see which query is slow). */
const detail = args.includes('--detail');

const FIRST = '危险化学品经营许可证核发';
const LATER = ['食品经营许可', '安全生产法第97条', '违建', '驾驶证', '最低生活保障'];

const PROFILES = {
  桌面: undefined,
  慢速手机: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (0.75 * 1024 * 1024) / 8, cpu: 4 },
} as const;

function buildSite(): string {
  const content = join(tmpdir(), `quanze-bench-search-content-${size}`);
  const out = join(tmpdir(), `quanze-bench-search-site-${size}`);
  const stamp = join(out, 'pagefind-shards.json');
  if (!rebuild && existsSync(stamp)) {
    console.log(`沿用已构建的 ${size} 个事项的网站：${out}（--rebuild 重新构建）`);
    return out;
  }
  const plain = generateContent(content, size);
  // As the build bench does: a varied limit that contradicts its cited article goes back to the template's.
  keepValid(content, plain, checkContentAt);
  // A copy of the code, so that the repository can be edited (and tested) while the build runs.
  const project = join(tmpdir(), `quanze-bench-search-project-${size}`);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  for (const entry of ['src', 'public', 'bin', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  console.log(`构建 ${size} 个事项的网站……`);
  const r = spawnSync(process.execPath, ['bin/quanze.mjs', 'build', '--full', '--content', content, '--out', out], { cwd: project, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`quanze build failed:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-4000)}`);
  return out;
}

interface Sample {
  ready: number;
  first: number;
  later: number;
  typedFirst: number;
  typedLater: number;
}

async function measure(browser: Browser, url: string, profile: (typeof PROFILES)[keyof typeof PROFILES]): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  if (profile) await throttle(context, page, profile);
  const start = Date.now();
  await page.goto(`${url}/search/`);
  await page.waitForSelector('.search[data-ready=true]', { timeout: 120_000 });
  const ready = Date.now() - start;
  const first = await timeQuery(page, FIRST);
  const laterEach = await LATER.reduce<Promise<number[]>>(async (acc, q) => [...(await acc), await timeQuery(page, q)], Promise.resolve([]));
  const later = median(laterEach);
  await context.close();
  // Typed, in a second fresh context: its first query must not find the pasted one's cache.
  const typedContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const typedPage = await typedContext.newPage();
  if (profile) await throttle(typedContext, typedPage, profile);
  await typedPage.goto(`${url}/search/`);
  await typedPage.waitForSelector('.search[data-ready=true]', { timeout: 120_000 });
  const typedFirst = await timeQuery(typedPage, FIRST, true);
  const typedEach = await LATER.reduce<Promise<number[]>>(async (acc, q) => [...(await acc), await timeQuery(typedPage, q, true)], Promise.resolve([]));
  const typedLater = median(typedEach);
  if (detail) console.log(`  ${profile ? '慢速手机' : '桌面'}：粘贴 ${first} | ${laterEach.map(Math.round).join(' ')}；逐词输入 ${typedFirst} | ${typedEach.map(Math.round).join(' ')}`);
  await typedContext.close();
  return { ready, first, later, typedFirst, typedLater };
}

async function throttle(context: BrowserContext, page: Page, profile: NonNullable<(typeof PROFILES)[keyof typeof PROFILES]>): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.downloadThroughput, uploadThroughput: profile.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

/**
 * Milliseconds from pressing Enter to the first results or 「没有找到」 on screen, timed in the page;
 * typed: the query entered word by word first (as the browser's segmenter cuts it), 300 ms apart.
 */
async function timeQuery(page: Page, q: string, typed = false): Promise<number> {
  if (typed) {
    const words = [...new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment(q)].map((s) => s.segment);
    for (let i = 1; i < words.length; i++) {
      await page.fill('#search-input', words.slice(0, i).join(''));
      await page.waitForTimeout(300);
    }
  }
  await page.fill('#search-input', q);
  return page.evaluate(
    (query) =>
      new Promise<number>((done) => {
        const root = document.querySelector<HTMLElement>('.search')!;
        const form = root.querySelector('form')!;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (['results', 'done', 'empty'].includes(root.dataset.state!) && new URL(location.href).searchParams.get('q') === query) {
            observer.disconnect();
            // The time at which the next frame shows the results.
            requestAnimationFrame(() => done(performance.now() - started));
          }
        });
        observer.observe(root, { attributes: true, attributeFilter: ['data-state'] });
        form.requestSubmit();
      }),
    q,
  );
}

/**
 * The final first result of each query (desktop, fresh context) and whether it is right: a power
 * whose name starts with the query where the site has one (read from the built pages' titles).
 */
async function checkFirstResults(browser: Browser, url: string, siteDir: string): Promise<string[][]> {
  const titles = readdirSync(join(siteDir, 'powers'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => /<h1[^>]*>([^<]*)/.exec(readFileSync(join(siteDir, 'powers', e.name, 'index.html'), 'utf8'))?.[1] ?? '');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${url}/search/`);
  await page.waitForSelector('.search[data-ready=true]', { timeout: 120_000 });
  const rows: string[][] = [];
  for (const q of [FIRST, ...LATER]) {
    await page.fill('#search-input', q);
    await page.press('#search-input', 'Enter');
    await page.waitForFunction((query) => {
      const root = document.querySelector<HTMLElement>('.search')!;
      return ['done', 'empty'].includes(root.dataset.state!) && new URL(location.href).searchParams.get('q') === query;
    }, q, { timeout: 120_000 });
    const first = (await page.locator('ol.search-results > li h3 a').first().textContent({ timeout: 1000 }).catch(() => null)) ?? '（没有结果）';
    const status = (await page.locator('.search-status').textContent()) ?? '';
    const named = titles.filter((t) => t.startsWith(q)).length;
    const verdict = named === 0 ? '—' : first.startsWith(q) ? '对' : '错';
    rows.push([q, String(named), first, status, verdict]);
  }
  await context.close();
  return rows;
}

const siteDir = givenSite ?? buildSite();
const shards = (JSON.parse(readFileSync(join(siteDir, 'pagefind-shards.json'), 'utf8')) as string[]).length + 1;
const server = await serveStatic(siteDir);
const browser = await launchChromium();
const rows: string[][] = [];
let checks: string[][] = [];
try {
  for (const [name, profile] of Object.entries(PROFILES)) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await measure(browser, server.url, profile));
    const ms = (pick: (s: Sample) => number) => `${Math.round(median(samples.map(pick)))} ms`;
    rows.push([name, ms((s) => s.ready), ms((s) => s.first), ms((s) => s.later), ms((s) => s.typedFirst), ms((s) => s.typedLater)]);
  }
  checks = await checkFirstResults(browser, server.url, siteDir);
} finally {
  await browser.close();
  await server.close();
}
const powerCount = readdirSync(join(siteDir, 'powers')).length;
console.log(`\n搜索延迟：${powerCount} 个事项，${shards} 个索引包，${runs} 次的中位数（首次查询「${FIRST}」；之后的查询：${LATER.join('、')}）`);
printTable(['环境', '索引就绪', '首次查询（粘贴）', '之后的查询（粘贴）', '首次查询（逐词输入）', '之后的查询（逐词输入）'], rows);
console.log('\n每个查询的最终第一条结果（桌面）：名称以查询词开头的事项存在时，第一条须是这样的事项');
printTable(['查询', '名称以之开头的事项', '第一条结果', '状态', '判断'], checks);
if (checks.some((r) => r[4] === '错')) process.exitCode = 1;
