import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { close as closePagefind, createIndex } from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedPage, pageSearchText, readForSearch } from '../src/build/indexed-page.ts';
import { isOtherSearchPage } from '../src/build/search-index.ts';

/**
 * The search indexer gives pagefind each page cut down to what pagefind reads (indexed-page.ts).
 * That is only right if pagefind makes the same index from the cut pages as from the pages as
 * written: so pagefind itself (its Node API, no code of ours in between) indexes both, for every
 * searchable page of the bundled sample (every page template: powers, laws with their statute
 * text, departments, post systems, categories) and for pages that put what pagefind reads in
 * the places a cut would reach — and every file it writes must be the same, byte for byte.
 */
const dir = mkdtempSync(join(tmpdir(), 'quanze-indexed-page-'));
const site = join(dir, 'site');
afterAll(async () => {
  await closePagefind();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file pagefind writes for these pages, by path. */
async function pagefindFiles(pages: { rel: string; html: string }[]): Promise<Map<string, Buffer>> {
  const { index, errors } = await createIndex();
  if (!index) throw new Error(errors.join('\n'));
  for (const page of pages) {
    const added = await index.addHTMLFile({ sourcePath: page.rel, content: page.html });
    expect(added.errors).toEqual([]);
  }
  const { files } = await index.getFiles();
  await index.deleteIndex();
  return new Map(files.map((f) => [f.path, Buffer.from(f.content)]));
}

async function expectSameIndex(pages: { rel: string; html: string }[]): Promise<void> {
  const written = await pagefindFiles(pages);
  const cut = await pagefindFiles(pages.map((p) => ({ rel: p.rel, html: indexedPage(p.html) })));
  expect([...cut.keys()].sort()).toEqual([...written.keys()].sort());
  const differing = [...written].filter(([path, bytes]) => !cut.get(path)!.equals(bytes)).map(([path]) => path);
  expect(differing).toEqual([]);
}

describe('pages cut to what pagefind reads', () => {
  let pages: { rel: string; html: string }[] = [];

  beforeAll(() => {
    const r = spawnSync(process.execPath, ['bin/quanze.mjs', 'build', '--content', 'content', '--out', site], { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    if (r.status !== 0) throw new Error(`quanze build failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    pages = readdirSync(site, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === 'index.html')
      .map((e) => relative(site, join(e.parentPath, e.name)))
      .filter((rel) => /^powers\/[^/]+\/index\.html$/.test(rel) || isOtherSearchPage(rel))
      .sort()
      .map((rel) => ({ rel, html: readFileSync(join(site, rel), 'utf8') }));
  }, 120_000);

  it('give pagefind the same index as the built pages, for every searchable page of the sample', async () => {
    expect(pages.filter((p) => p.rel.startsWith('powers/')).length).toBe(72);
    expect(pages.some((p) => p.rel.startsWith('laws/')) && pages.some((p) => p.rel.endsWith('/posts/index.html')) && pages.some((p) => p.rel.startsWith('categories/'))).toBe(true);
    await expectSameIndex(pages);
  });

  it('are much smaller where the page is mostly what search leaves out, and cutting twice changes nothing', () => {
    let before = 0;
    let after = 0;
    for (const page of pages) {
      const cut = indexedPage(page.html);
      before += page.html.length;
      after += cut.length;
      expect(indexedPage(cut), page.rel).toBe(cut);
      // The character pairs read the same text from the cut page, and the indexer's one reading gives both.
      expect(pageSearchText(cut), page.rel).toBe(pageSearchText(page.html));
      expect(readForSearch(page.html), page.rel).toEqual({ page: cut, text: pageSearchText(page.html) });
    }
    expect(after).toBeLessThan(before / 2);
  });

  it('keep whatever pagefind reads inside left-out content, and leave pages without a search body whole', async () => {
    const filler = '<table><tr><td>表格里很长的说明文字</td><td>第二列</td></tr></table>'.repeat(20);
    const hostile = [
      // Filters, metadata, sorts and the default title and image in ignored and outside content.
      `<!doctype html><html lang="zh-CN"><head><title>页面标题</title></head><body><nav>导航${filler}</nav><div>${filler}<span data-pagefind-filter="类型">外部筛选</span></div><main data-pagefind-body><div data-pagefind-ignore>${filler}<span data-pagefind-meta="code">A-1</span></div><p>正文第一段</p><div data-pagefind-ignore><h1>忽略区里的标题</h1></div><section data-pagefind-ignore="all">${filler}<span data-pagefind-filter="类型">全部忽略</span></section><p>正文第二段</p></main><aside>${filler}<img src="/a.png" alt="图"></aside><footer><span data-pagefind-sort="date">2024-01-01</span>${filler}</footer></body></html>`,
      // No data-pagefind-body element (the words only appear in text): everything is read.
      `<!doctype html><html lang="zh-CN"><head><title>无正文标记</title></head><body><p>这里写着 data-pagefind-body 这几个字</p><div>${filler}</div><div data-pagefind-ignore>${filler}</div><h1>整页都读</h1></body></html>`,
      // The page's only h1 outside the search body, its only image in ignored content.
      `<!doctype html><html lang="zh-CN"><head><title>标题在外</title></head><body><header><h1>页眉里的标题</h1>${filler}</header><article data-pagefind-body><p>正文</p><figure data-pagefind-ignore>${filler}<img src="/b.png" alt="示意图"></figure></article></body></html>`,
      // Implied ends, upper-case tags, comments and scripts with tags in strings.
      `<!DOCTYPE html><HTML lang="zh-CN"><HEAD><TITLE>大写</TITLE></HEAD><BODY><DIV>外部<P>没有结束标签的段落<LI>列表</DIV><MAIN data-pagefind-body><P>正文<!-- 注释 <div> --></P><SCRIPT>var s = "</div><h1>";</SCRIPT><UL data-pagefind-ignore><LI>一<LI>二</UL><P>结尾</MAIN><SCRIPT>document.write('<main data-pagefind-body>')</SCRIPT></BODY></HTML>`,
    ].map((html, i) => ({ rel: `hostile-${i}/index.html`, html }));
    // Each on its own: once one page of an index has a search body, pagefind leaves out the pages without one.
    for (const page of hostile) await expectSameIndex([page]);
    // Something was cut from each page with a search body, and nothing from the page without one.
    expect(indexedPage(hostile[0]!.html).length).toBeLessThan(hostile[0]!.html.length * 0.6);
    expect(indexedPage(hostile[1]!.html).length).toBeLessThan(hostile[1]!.html.length);
    expect(indexedPage(hostile[1]!.html)).toContain('整页都读');
    // The text of each, as the character pairs read it: the words data-pagefind-body in the text make no search body.
    expect(pageSearchText(hostile[0]!.html)).toBe('正文第一段正文第二段');
    expect(pageSearchText(hostile[1]!.html)).toContain('这里写着 data-pagefind-body 这几个字');
    expect(pageSearchText(hostile[1]!.html)).toContain('整页都读');
    expect(pageSearchText(hostile[2]!.html)).toBe('正文');
    for (const page of hostile) expect(pageSearchText(indexedPage(page.html)), page.rel).toBe(pageSearchText(page.html));
  });
});
