import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { AstroPrerenderer, PathWithRoute } from 'astro';
import { afterAll, describe, expect, it } from 'vitest';
import { feedingPrerenderer, pageFile } from '../src/build/prerender-feed.ts';
import { SearchFeed } from '../src/build/search-index-feed.ts';
import { indexSearch, shardOf } from '../src/build/search-index.ts';

/**
 * A full build indexes search while Astro renders (src/build/search-index-feed.ts). Its bundles
 * must be the ones indexSearch makes from the written site — the oracle is pagefind's own output
 * from the files on disk, byte for byte — whatever order the pages come in, and its record must
 * let the next build's indexSearch keep them.
 */
const dir = mkdtempSync(join(tmpdir(), 'quanze-feed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codes = ['X-01', 'X-02', 'X-03', 'X-04', 'X-05', 'X-06', 'X-07', 'X-08', 'X-09'];
const SHARDS = 3;
/** The search's traditional-character table, as the site publishes it (search-data.json): the bundles' character pairs are folded with it. */
const traditional = '處处罰罚';
const titles = ['许可证核发', '行政处罚', '监督检查', '行政强制', '行政确认', '行政奖励', '行政征收', '行政给付', '行政裁决'];

function html(title: string, type: string, body: string, code?: string): string {
  const record = `<template data-search-catalogue>${JSON.stringify({ type, title, ...(code ? { code } : {}), filters: { 类别: type }, lines: [body] })}</template>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><article data-pagefind-body><h1>${title}</h1>${record}<p>${body}</p></article></body></html>\n`;
}

/** A small site's pages: powers, other searchable pages and pages search leaves alone. */
const pages = new Map<string, string>([
  ...codes.map((code, i) => [`powers/${code}/index.html`, html(`测试${titles[i]}`, '事项', `由受理岗审查申请材料，第 ${i + 1} 项${i === 1 ? '（舊稱行政處罰）' : ''}`, code)] as const),
  ['laws/xzxkf/index.html', html('中华人民共和国行政许可法', '法律', '设定和实施行政许可，应当依照法定的权限、范围、条件和程序')],
  ['categories/xk/index.html', html('行政许可', '类别', '许可类事项的清单')],
  ['departments/test-dept/index.html', html('测试局', '部门', '测试局的权责清单')],
  ['departments/test-dept/posts/index.html', html('测试局岗责体系', '岗责体系', '受理岗、审查岗')],
  ['search-data.json', JSON.stringify({ synonyms: [], traditional, questionWords: [] })],
  ['index.html', '<!doctype html><html lang="zh-CN"><head><title>首页</title></head><body>首页</body></html>\n'],
  ['departments/test-dept/adjustments/index.html', '<!doctype html><html lang="zh-CN"><head><title>调整</title></head><body>调整记录</body></html>\n'],
]);

function writeSite(root: string): void {
  for (const [rel, content] of pages) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

/** Every file of the search bundles (and the site's character pairs joined from theirs), with its bytes. */
function bundles(root: string): [string, string][] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /^pagefind|^search-pairs\.bin$/.test(relative(root, join(e.parentPath, e.name))))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort()
    .map((f) => [f, readFileSync(join(root, f)).toString('base64')]);
}

/** Indexes like a full build: the pages as "Astro" renders them in `order` (default: the planned order). */
async function feedSite(name: string, order?: (planned: string[]) => string[]) {
  const site = join(dir, name);
  const reuse = join(dir, `${name}.search.json`);
  const feed = new SearchFeed({ site, codes, shards: SHARDS, reuse, traditional });
  const ranks = feed.plan([...pages.keys()]);
  const planned = [...ranks].sort((a, b) => a[1] - b[1]).map(([rel]) => rel);
  for (const rel of order ? order(planned) : planned) {
    mkdirSync(dirname(join(site, rel)), { recursive: true });
    writeFileSync(join(site, rel), pages.get(rel)!);
    feed.page(rel, pages.get(rel)!);
  }
  writeSite(site);
  return { site, reuse, stats: await feed.finish(), planned };
}

async function indexedAfter(name: string): Promise<string> {
  const site = join(dir, name);
  writeSite(site);
  await indexSearch({ site, codes, shards: SHARDS });
  return site;
}

describe('search index made while the site is rendered', () => {
  it('renders the power pages first, shard by shard in code order, then the other searchable pages', async () => {
    const feed = new SearchFeed({ site: join(dir, 'plan'), codes, shards: SHARDS, traditional });
    const ranks = feed.plan([...pages.keys()]);
    await feed.cancel();
    const planned = [...ranks].sort((a, b) => a[1] - b[1]).map(([rel]) => rel);
    const byShard = [0, 1, 2].flatMap((k) => codes.filter((c) => shardOf(c, SHARDS) === k).map((c) => `powers/${c}/index.html`));
    expect(planned).toEqual([...byShard, 'categories/xk/index.html', 'departments/test-dept/index.html', 'departments/test-dept/posts/index.html', 'laws/xzxkf/index.html']);
    // The fixture spreads its powers over every shard, or the order would prove little.
    expect(new Set(codes.map((c) => shardOf(c, SHARDS))).size).toBe(SHARDS);
  });

  it('writes the same bundles, byte for byte, as indexing the written site afterwards', async () => {
    const after = await indexedAfter('after');
    const fed = await feedSite('fed');
    expect(fed.stats).toMatchObject({ pages: codes.length, otherPages: 4, shards: SHARDS, reused: [] });
    expect(fed.stats.written.sort()).toEqual(['pagefind', 'pagefind-pages', 'pagefind-text-0', 'pagefind-text-1', 'pagefind-text-2']);
    expect(bundles(fed.site).length).toBeGreaterThan(20);
    // The character pairs are compared too: each bundle's and the site's.
    expect(bundles(fed.site).filter(([f]) => f.endsWith('.bin')).map(([f]) => f)).toEqual(['pagefind-pages/char-pairs.bin', 'pagefind-text-0/char-pairs.bin', 'pagefind-text-1/char-pairs.bin', 'pagefind-text-2/char-pairs.bin', 'pagefind/char-pairs.bin', 'search-pairs.bin']);
    expect(bundles(fed.site)).toEqual(bundles(after));
  }, 120_000);

  it('gives the same bundles when pages come out of the planned order', async () => {
    const after = await indexedAfter('after-2');
    const reversed = await feedSite('reversed', (planned) => [...planned].reverse());
    expect(bundles(reversed.site)).toEqual(bundles(after));
    const interleaved = await feedSite('interleaved', (planned) => [...planned.filter((_, i) => i % 2), ...planned.filter((_, i) => i % 2 === 0)]);
    expect(bundles(interleaved.site)).toEqual(bundles(after));
  }, 120_000);

  it('leaves a record the next build keeps its bundles by', async () => {
    const fed = await feedSite('record');
    const next = await indexSearch({ site: fed.site, codes, shards: SHARDS, reuse: fed.reuse });
    expect(next.written).toEqual([]);
    expect(next.reused.sort()).toEqual(['pagefind', 'pagefind-pages', 'pagefind-text-0', 'pagefind-text-1', 'pagefind-text-2']);
    // A page whose text changed since is indexed again, with its shard; its catalogue record is the same.
    const code = codes[4]!;
    writeFileSync(join(fed.site, 'powers', code, 'index.html'), pages.get(`powers/${code}/index.html`)!.replace('</article>', '<p>另由审查岗复核</p></article>'));
    const changed = await indexSearch({ site: fed.site, codes, shards: SHARDS, reuse: fed.reuse });
    expect(changed.written).toEqual([`pagefind-text-${shardOf(code, SHARDS)}`]);
  }, 120_000);

  it('re-indexes in an incremental build only the changed page’s shard, reading the rest of it from the last output', async () => {
    const fed = await feedSite('incremental');
    const code = codes[4]!;
    const k = shardOf(code, SHARDS);
    const rel = `powers/${code}/index.html`;
    const changed = pages.get(rel)!.replace('</article>', '<p>另由审查岗复核</p></article>');
    // A page of another shard is not read: the catalogue's record knows its record's digest.
    const untouched = `powers/${codes.find((c) => shardOf(c, SHARDS) !== k)}/index.html`;
    rmSync(join(fed.site, untouched));
    // Astro renders the changed power's page and the site-wide law and category pages, not the department's.
    const rendered = [rel, 'laws/xzxkf/index.html', 'categories/xk/index.html', 'index.html'];
    // Told the power pages Astro will render before it starts (as quanze build does), the shard
    // takes the pages before them from the last output at once.
    const feed = new SearchFeed({ site: fed.site, codes, shards: SHARDS, only: new Set([k]), previous: true, reuse: fed.reuse, traditional, rendered: [rel] });
    expect([...feed.plan(rendered).keys()]).toEqual([rel, 'categories/xk/index.html', 'laws/xzxkf/index.html']);
    for (const page of rendered) feed.page(page, page === rel ? changed : pages.get(page)!);
    const stats = await feed.finish();
    expect(stats.indexed).toEqual([k]);
    expect(stats.written.sort()).toEqual(['pagefind-pages', `pagefind-text-${k}`]);
    expect(stats.reused).toEqual(['pagefind']);
    expect(stats.otherPages).toBe(4);
    // The oracle: the whole site indexed afresh from its files.
    writeFileSync(join(fed.site, untouched), pages.get(untouched)!);
    writeFileSync(join(fed.site, rel), changed);
    const fresh = join(dir, 'incremental-fresh');
    cpSync(fed.site, fresh, { recursive: true });
    for (const entry of readdirSync(fresh)) if (entry.startsWith('pagefind')) rmSync(join(fresh, entry), { recursive: true });
    await indexSearch({ site: fresh, codes, shards: SHARDS });
    expect(bundles(fed.site)).toEqual(bundles(fresh));

    // A renamed power changes its catalogue record: the catalogue is made again, the records of
    // the pages Astro did not render read from the output.
    const renamed = changed.replaceAll('测试行政确认', '测试行政确认（更名）');
    const again = new SearchFeed({ site: fed.site, codes, shards: SHARDS, only: new Set([k]), previous: true, reuse: fed.reuse, traditional });
    again.plan(rendered);
    for (const page of rendered) again.page(page, page === rel ? renamed : pages.get(page)!);
    expect((await again.finish()).written.sort()).toEqual(['pagefind', 'pagefind-pages', `pagefind-text-${k}`]);
    writeFileSync(join(fed.site, rel), renamed);
    writeFileSync(join(fresh, rel), renamed);
    for (const entry of readdirSync(fresh)) if (entry.startsWith('pagefind')) rmSync(join(fresh, entry), { recursive: true });
    await indexSearch({ site: fresh, codes, shards: SHARDS });
    expect(bundles(fed.site)).toEqual(bundles(fresh));

    // A power page rendered that the shards were not told of (they may have read it from the last output) is refused.
    const unforetold = new SearchFeed({ site: fed.site, codes, shards: SHARDS, only: new Set([k]), previous: true, reuse: fed.reuse, traditional, rendered: [] });
    expect(() => unforetold.plan(rendered)).toThrow(`事项页 ${rel} 不在本次构建预定渲染的页面中`);
    await unforetold.cancel();
  }, 120_000);

  it('refuses to finish when a page never came or has no catalogue record', async () => {
    const missing = new SearchFeed({ site: join(dir, 'missing'), codes, shards: SHARDS, traditional });
    const planned = missing.plan([...pages.keys()]);
    for (const rel of planned.keys()) if (rel !== 'powers/X-03/index.html') missing.page(rel, pages.get(rel)!);
    await expect(missing.finish()).rejects.toThrow('事项页 powers/X-03/index.html 不存在或不完整：网站构建不完整，未建立搜索索引');

    const unrecorded = new SearchFeed({ site: join(dir, 'unrecorded'), codes, shards: SHARDS, traditional });
    for (const rel of unrecorded.plan([...pages.keys()]).keys()) unrecorded.page(rel, rel === 'laws/xzxkf/index.html' ? pages.get('index.html')! : pages.get(rel)!);
    await expect(unrecorded.finish()).rejects.toThrow('页面 laws/xzxkf/index.html 没有搜索目录记录');
  }, 60_000);
});

describe('the prerenderer that feeds it', () => {
  const route = (type: 'page' | 'endpoint', component: string) => ({ type, component }) as PathWithRoute['route'];
  const paths: PathWithRoute[] = [
    { pathname: '/', route: route('page', 'src/pages/index.astro') },
    { pathname: '/flowcharts/a.svg', route: route('endpoint', 'src/pages/flowcharts/[file].ts') },
    { pathname: '/laws/xzxkf', route: route('page', 'src/pages/laws/[id].astro') },
    { pathname: '/powers/X-02', route: route('page', 'src/pages/powers/[code].astro') },
    { pathname: '/powers/X-01', route: route('page', 'src/pages/powers/[code].astro') },
    // The same path from a later route: it stays where Astro put it (and loses to the first).
    { pathname: '/powers/X-01/', route: route('page', 'src/pages/powers/[...withdrawn].astro') },
  ];
  const astro: AstroPrerenderer = {
    name: 'astro:default',
    getStaticPaths: async () => paths,
    render: async (request) => new Response(`页面 ${new URL(request.url).pathname}\uFEFF`, { status: 200, headers: { 'content-type': 'text/html' } }),
  };

  it('renders the sink’s pages first, in its order, and hands it the bytes Astro writes', async () => {
    const seen: [string, string][] = [];
    const prerenderer = feedingPrerenderer({
      plan: (files) => {
        expect(files).toEqual(['index.html', 'laws/xzxkf/index.html', 'powers/X-02/index.html', 'powers/X-01/index.html', 'powers/X-01/index.html']);
        return new Map([
          ['powers/X-01/index.html', 0],
          ['powers/X-02/index.html', 1],
        ]);
      },
      page: (rel, text) => seen.push([rel, text]),
    })(astro);
    const ordered = await prerenderer.getStaticPaths();
    expect(ordered.map((p) => `${p.pathname} ${p.route.component}`)).toEqual([
      '/powers/X-01 src/pages/powers/[code].astro',
      '/powers/X-02 src/pages/powers/[code].astro',
      '/ src/pages/index.astro',
      '/flowcharts/a.svg src/pages/flowcharts/[file].ts',
      '/laws/xzxkf src/pages/laws/[id].astro',
      '/powers/X-01/ src/pages/powers/[...withdrawn].astro',
    ]);
    const rendered = await prerenderer.render(new Request('http://localhost/powers/X-01/'), { routeData: paths[4]!.route });
    const response = rendered instanceof Response ? rendered : rendered.response;
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(Buffer.from('页面 /powers/X-01/\uFEFF'))).toBe(true);
    expect(seen).toEqual([['powers/X-01/index.html', '页面 /powers/X-01/\uFEFF']]);
    // A page the sink did not ask for passes untouched and unreported.
    await prerenderer.render(new Request('http://localhost/laws/xzxkf/'), { routeData: paths[2]!.route });
    expect(seen).toHaveLength(1);
    expect(pageFile('/')).toBe('index.html');
    expect(pageFile('/departments/%E6%B5%8B%E8%AF%95/')).toBe('departments/测试/index.html');
  });
});
