import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageSearchText } from '../src/build/indexed-page.ts';
import { addCharPairs, decodeCharPairs, encodeCharPairs, mayMatch } from '../src/search/char-pairs.ts';
import { folding, matchKey, parseQuery } from '../src/search/query.ts';

/**
 * The site's character pairs (src/search/char-pairs.ts): the file reads back exactly what was
 * written, a query is ruled out only when a word truly cannot occur, and a page's text is read as
 * pagefind reads it. That the pairs hold everything pagefind indexed is checked against pagefind
 * itself on the built sample (test/e2e/site.test.ts).
 */
const fold = folding({ synonyms: [['违建', ['违法建设', '违法建筑']]], traditional: '處处罰罚' });

describe('character pairs', () => {
  it('reads back exactly the keys written, whatever they are', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 65536 * 65536 - 1 }), { maxLength: 300 }), (keys) => {
        expect([...decodeCharPairs(encodeCharPairs(keys))].sort((a, b) => a - b)).toEqual([...keys].sort((a, b) => a - b));
      }),
    );
  });

  it('never rules out a query that occurs in the text, as a phrase or as all of its parts', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'行政处罚许可证经营食品安全生产法第九十七条违法建设驾驶'), minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (text, a, b) => {
        const key = matchKey(text, fold);
        const keys = new Set<number>();
        addCharPairs(key, keys);
        const [from, to] = [a % (key.length + 1), b % (key.length + 1)].sort((x, y) => x - y);
        const phrase = key.slice(from!, to);
        if (phrase) expect(mayMatch(parseQuery(phrase, fold), keys)).toBe(true);
      }),
    );
  });

  it('rules out a word with a character or a pair found nowhere, and asks each word and synonym', () => {
    const keys = new Set<number>();
    addCharPairs(matchKey('违法建设行为的行政处罚。驾驶员；驶离，驾车', fold), keys);
    expect(mayMatch(parseQuery('驾驶证', fold), keys)).toBe(false); // 证 is nowhere
    expect(mayMatch(parseQuery('车驶', fold), keys)).toBe(false); // both characters, never side by side
    expect(mayMatch(parseQuery('处罚驾驶', fold), keys)).toBe(true); // its parts 处罚 and 驾驶 each occur (matchTier's tier 4)
    expect(mayMatch(parseQuery('处罚 驾驶', fold), keys)).toBe(true); // two words, each somewhere
    expect(mayMatch(parseQuery('處罰', fold), keys)).toBe(true); // traditional folded
    expect(mayMatch(parseQuery('违建', fold), keys)).toBe(true); // 违建 itself is nowhere, its term is
    expect(mayMatch(parseQuery('行政 驾驶证', fold), keys)).toBe(false);
  });
});

describe('a page as pagefind reads it', () => {
  it('reads only the data-pagefind-body, leaves ignored and never-read elements out (alt text too) and joins the text around them', () => {
    const html = `<html><head><title>标题</title><style>p{}</style></head><body><nav>导航</nav><article data-pagefind-body><h1>许可&amp;证</h1><p>甲<span data-pagefind-ignore>丙<b>丁</b></span>乙</p><img alt="图说"><svg><text>图形</text></svg><script>var x = "<p>脚本</p>";</script>末</article><footer>页脚</footer></body></html>`;
    expect(pageSearchText(html)).toBe('许可&证甲乙末');
  });

  it('reads the whole page when no element is marked as the body', () => {
    expect(pageSearchText('<html><body><h1>目录</h1><p>第&#20116;条</p></body></html>')).toBe('目录第五条');
  });
});

describe('traditional characters', () => {
  it('folds each traditional character to its simplified form, one pass or one by one alike', () => {
    const big = folding({ synonyms: [], traditional: '處处罰罚證证駕驾駛驶' });
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'處罰證駕駛处罚证驾驶abc 。'), maxLength: 30 }), (text) => {
        const oneByOne = [...text].map((ch) => big.traditional.get(ch) ?? ch).join('');
        expect(matchKey(text, big)).toBe(matchKey(oneByOne, folding({ synonyms: [], traditional: '' })));
      }),
    );
  });
});
