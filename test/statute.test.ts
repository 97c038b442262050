import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseChineseNumber, toChineseNumber } from '../src/lib/chinese-numerals.ts';
import { parseStatute, quoteMatches, textAt } from '../src/lib/statute.ts';
import { parseLimitText } from '../src/lib/time-limit.ts';
import { BASE_FIXTURE } from './helpers/content.ts';

const text = readFileSync(join(BASE_FIXTURE, '../statutes/xzxkf-2019-04-23.md'), 'utf8');
const articles = parseStatute(text);

describe('statute parsing', () => {
  it('finds articles under chapter and section headings', () => {
    expect([...articles.keys()]).toEqual(['第三十二条', '第四十二条', '第四十四条']);
    expect(articles.get('第四十二条')!.paragraphs).toHaveLength(2);
  });

  it('keeps items with their paragraph and numbers them as printed', () => {
    const p = articles.get('第三十二条')!.paragraphs;
    expect(p).toHaveLength(2);
    expect(p[0]!.items.map((i) => i.number)).toEqual([1, 4]);
  });

  it('resolves 条、款、项 references, quoting an item with its lead-in', () => {
    const item = textAt(articles, '第三十二条第一款第四项');
    expect(item).toEqual({
      ok: true,
      text: '行政机关对申请人提出的行政许可申请，应当根据下列情况分别作出处理：（四）申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理；',
      item: '（四）申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理；',
    });
    expect(textAt(articles, '第四十二条第三款')).toEqual({ ok: false, problem: '第四十二条只有 2 款，没有第三款' });
    expect(textAt(articles, '第九十条')).toEqual({ ok: false, problem: '该版本没有第九十条' });
  });

  it('matches quotes ignoring whitespace and punctuation width, with ellipses', () => {
    const t = textAt(articles, '第四十四条');
    if (!t.ok) throw new Error(t.problem);
    expect(quoteMatches('行政机关作出准予行政许可的决定,应当自作出决定之日起十日内 向申请人颁发……', t.text)).toBe(true);
    // Text left out without an ellipsis is not a quote.
    expect(quoteMatches('行政机关作出准予行政许可的决定,应当自作出决定之日起十日内 向申请人颁发', t.text)).toBe(false);
    expect(quoteMatches('行政机关作出准予行政许可的决定，……加贴标签、加盖检验、检测、检疫印章。', t.text)).toBe(true);
    expect(quoteMatches('行政机关作出准予行政许可的决定，应当自作出决定之日起二十日内', t.text)).toBe(false);
    expect(quoteMatches('加贴标签……行政机关作出准予', t.text)).toBe(false);
  });
});

describe('numbers and limits', () => {
  it('reads and writes statute numerals', () => {
    expect(parseChineseNumber('一百零三')).toBe(103);
    expect(parseChineseNumber('十五')).toBe(15);
    expect(parseChineseNumber('五万')).toBe(50000);
    expect(parseChineseNumber('一千五百')).toBe(1500);
    expect(toChineseNumber(19)).toBe('十九');
    expect(toChineseNumber(103)).toBe('一百零三');
    expect(toChineseNumber(110)).toBe('一百一十');
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), (n) => parseChineseNumber(toChineseNumber(n)) === n));
  });

  it('parses stage limits', () => {
    expect(parseLimitText('5个工作日')).toEqual({ amount: 5, unit: '工作日', text: '5个工作日' });
    expect(parseLimitText('二十日内')).toEqual({ amount: 20, unit: '日', text: '20日' });
    expect(parseLimitText('当场')).toEqual({ amount: 0, unit: '当场', text: '当场' });
    expect(parseLimitText('3个月')?.text).toBe('3个月');
    expect(parseLimitText('五天左右')).toBeUndefined();
  });
});
