import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { catalogueMarkup, readCatalogueRecord, type CatalogueRecord } from '../src/search/catalogue.ts';

/**
 * The catalogue record a page carries for the search index: written as the content of an inert
 * <template>, read back exactly, and never markup — checked with happy-dom's HTML parser (not
 * ours) as a browser would parse the page.
 */
const hostile: CatalogueRecord = {
  type: '事项',
  title: '对</template><script>alert(1)</script>的处罚 & 「引号」"\'',
  code: 'X-1',
  filters: { 类型: '事项', 部门: '<b>部门</b> &amp;' },
  lines: ['《法》第一条 &lt; \u2028 </TEMPLATE >', ''],
};

function page(record: CatalogueRecord): string {
  return `<!doctype html><html><body><article><template data-search-catalogue data-pagefind-ignore>${catalogueMarkup(record)}</template><h1>x</h1></article></body></html>`;
}

describe('search catalogue records', () => {
  it('are read back exactly, whatever their text', () => {
    expect(readCatalogueRecord(page(hostile))).toEqual(hostile);
  });

  it('are text to an HTML parser: no element, no script, nothing after the template changed', () => {
    const window = new Window();
    const doc = new window.DOMParser().parseFromString(page(hostile), 'text/html');
    const article = doc.querySelector('article')!;
    expect([...article.children].map((n) => n.tagName)).toEqual(['TEMPLATE', 'H1']);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const template = article.children[0] as unknown as { content: { childNodes: { nodeName: string; textContent: string }[] } };
    expect(new Set([...template.content.childNodes].map((n) => n.nodeName))).toEqual(new Set(['#text']));
    expect(JSON.parse([...template.content.childNodes].map((n) => n.textContent).join(''))).toEqual(hostile);
    void window.happyDOM.close();
  });

  it('are found only in a template element that carries the marker', () => {
    expect(readCatalogueRecord('<p>data-search-catalogue</p>')).toBeUndefined();
    expect(readCatalogueRecord('<html><body></body></html>')).toBeUndefined();
  });
});
