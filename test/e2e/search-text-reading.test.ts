import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close as closePagefind, createIndex } from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { pageSearchText } from '../../src/build/indexed-page.ts';
import { addCharPairs } from '../../src/search/char-pairs.ts';
import { folding, matchKey } from '../../src/search/query.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/static-server.ts';

/**
 * The site's character pairs must hold every pair of the text pagefind indexes, or a query would be
 * answered "nothing" wrongly. Which elements pagefind leaves out is pagefind's behaviour, not
 * ours: so a page with every kind of HTML element, each between marker characters, is indexed by
 * pagefind itself (its Node API) and read back through its browser API — and every pair of what
 * pagefind kept must be among the pairs our reading of the same page gives.
 */
const ELEMENTS = ['header', 'footer', 'nav', 'aside', 'main', 'article', 'section', 'address', 'form', 'label', 'button', 'select', 'textarea', 'output', 'datalist', 'noscript', 'template', 'iframe', 'object', 'embed', 'audio', 'video', 'canvas', 'svg', 'math', 'dialog', 'details', 'summary', 'figure', 'figcaption', 'picture', 'table', 'caption', 'code', 'pre', 'del', 's', 'menu', 'search', 'slot', 'map', 'span hidden', 'span data-pagefind-ignore', 'img alt="图说" /'];
// Pagefind reads Chinese in words: distinct characters around each element make every gap a pair of its own.
const CHARS = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星山川风云雷电江河湖海春夏秋冬东南西北天地人和花草树林鸟兽虫鱼'];

function page(): string {
  let i = 0;
  const next = () => CHARS[i++ % CHARS.length]! + CHARS[(i * 7) % CHARS.length]!;
  const parts = ELEMENTS.map((tag) => {
    const name = tag.split(' ')[0]!;
    return tag.endsWith('/') ? `${next()}<${tag}>` : `${next()}<${tag}>${next()}</${name}>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><title>页题</title></head><body><nav>站点导航</nav><main data-pagefind-body><h1>元素之间</h1><p>${parts.join('')}${next()}</p></main><footer>页脚文字</footer></body></html>`;
}

const dir = mkdtempSync(join(tmpdir(), 'quanze-text-reading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(browserAvailable())('a page read as pagefind reads it', () => {
  it('has every character pair of what pagefind indexed, for every kind of element', async () => {
    const html = page();
    writeFileSync(join(dir, 'index.html'), html);
    const { index } = await createIndex();
    await index!.addHTMLFile({ sourcePath: 'index.html', content: html });
    await index!.writeFiles({ outputPath: join(dir, 'pagefind') });
    await closePagefind();
    const site = await serveStatic(dir);
    const browser = await launchChromium();
    try {
      const view = await (await browser.newContext()).newPage();
      await view.goto(site.url + '/');
      const content = (await view.evaluate(`(async () => {
        const pf = await import('/pagefind/pagefind.js');
        const r = await pf.search('元素');
        return (await r.results[0].data()).content;
      })()`)) as string;
      const fold = folding({ synonyms: [], traditional: '' });
      const ours = new Set<number>();
      addCharPairs(matchKey(pageSearchText(html), fold), ours);
      const key = matchKey(content, fold);
      const missing: string[] = [];
      for (let i = 0; i + 1 < key.length; i++) if (!ours.has(key.charCodeAt(i) * 65536 + key.charCodeAt(i + 1))) missing.push(key.slice(i, i + 2));
      expect(key.length).toBeGreaterThan(60);
      expect(missing).toEqual([]);
    } finally {
      await browser.close();
      await site.close();
    }
  }, 60_000);
});
