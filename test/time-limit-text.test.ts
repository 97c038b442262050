import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEntities } from '../src/generators/diff/compare.ts';
import { powerEntities } from '../src/generators/diff/record-fields.ts';
import { toChineseNumber } from '../src/lib/chinese-numerals.ts';
import { formatLimit, limitFromValue, MAX_LIMIT, parseLimitText, type LimitUnit } from '../src/lib/time-limit.ts';
import type { PowerRecord } from '../src/model/snapshot.ts';

/** A limit as the lists print it (formatLimit) and as files and imported lists write it (parseLimitText). */
const unit = fc.constantFrom(...(Object.keys(MAX_LIMIT) as Exclude<LimitUnit, '当场'>[]));
const limit = unit.chain((u) => fc.record({ unit: fc.constant(u), amount: fc.integer({ min: 1, max: MAX_LIMIT[u] }) }));

describe('time limits: one format and its parse', () => {
  it('reads back every limit it writes, up to the ten-year bound', () => {
    fc.assert(fc.property(limit, ({ amount, unit }) => {
        expect(parseLimitText(formatLimit(amount, unit))).toEqual({ amount, unit, text: formatLimit(amount, unit) });
      }), { numRuns: 500 });
    expect(parseLimitText(formatLimit(0, '当场'))).toEqual({ amount: 0, unit: '当场', text: '当场' });
    // One past the bound is a typing error, not a limit.
    for (const [u, max] of Object.entries(MAX_LIMIT)) expect(parseLimitText(formatLimit(max + 1, u as LimitUnit))).toBeUndefined();
  });

  it('prints limits as the published lists write them', () => {
    // The spellings of the template 办理期限 column and of the statutes (e.g. 行政许可法第四十二条
    // 二十日, counted as 工作日 by its 第八十二条; 行政强制法 二十四小时; 行政复议法 三个月).
    expect([formatLimit(20, '工作日'), formatLimit(30, '日'), formatLimit(3, '月'), formatLimit(24, '小时'), formatLimit(15, '自然日'), formatLimit(0, '当场')]).toEqual(['20个工作日', '30日', '3个月', '24小时', '15个自然日', '当场']);
  });

  it('reads limits written in Chinese numerals, with 个 and 内 as statutes write them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom('个工作日', '日', '个月', '天', '小时'), fc.constantFrom('', '内', '以内'), (n, u, suffix) => {
        const parsed = parseLimitText(`${toChineseNumber(n)}${u}${suffix}`);
        const max = { 个工作日: MAX_LIMIT.工作日, 日: MAX_LIMIT.日, 个月: MAX_LIMIT.月, 天: MAX_LIMIT.日, 小时: MAX_LIMIT.小时 }[u]!;
        if (n <= max) expect(parsed?.amount).toBe(n);
        else expect(parsed).toBeUndefined();
      }),
    );
  });

  it('prints one text for a limit however the file writes it, so the diff sees no change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2500 }), fc.constantFrom('工作日', '自然日') , (days, type) => {
        expect(limitFromValue({ days, type })?.text).toBe(parseLimitText(`${days}个${type}`)?.text);
        const record = (value: string | { days: number; type: '工作日' | '自然日' }): PowerRecord => ({
          record: { basis: [], stages: [{ stage: '受理', duty: '受理申请', limit: value }] } as unknown as PowerRecord['record'],
          file: 'content/powers/d/x.md',
          body: '',
        });
        expect(compareEntities(powerEntities(record({ days, type }), (id) => id), powerEntities(record(`${days}个${type}`), (id) => id))).toEqual([]);
      }),
    );
  });

  it('is stable: any text it reads prints as a text it reads the same way', () => {
    const text = fc.tuple(fc.oneof(fc.integer({ min: 0, max: 5000 }).map(String), fc.integer({ min: 0, max: 5000 }).map(toChineseNumber)), fc.constantFrom('个工作日', '工作日', '自然日', '日', '天', '小时', '月', '个月', '当场'), fc.constantFrom('', '内', '以内', ' ')).map(([a, b, c]) => `${a}${b}${c}`);
    fc.assert(
      fc.property(fc.oneof(text, fc.constantFrom('当场', '即办', '立即')), (t) => {
        const parsed = parseLimitText(t);
        if (parsed) expect(parseLimitText(parsed.text)).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });
});
