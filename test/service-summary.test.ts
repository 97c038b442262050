import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayTypeOf, serviceSummary, sumLimits } from '../src/generators/service-summary.ts';
import { parseLimitText } from '../src/lib/time-limit.ts';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';

/**
 * The 办事要点 card's facts. Expected values are read from the fixture files and the statutes
 * (行政许可法第四十二条第一款: 二十日, and by 第八十二条 its own limits are working days; a special
 * statute's 30日 are calendar days; 行政处罚法第八十五条: 五日 is working days, 十五日 is not).
 */
const PERMIT = 'content/powers/test-dept/410100-CS-XK-001.md';
const permitText = readFileSync(join(BASE_FIXTURE, PERMIT), 'utf8');
const limits = (...texts: string[]) => texts.map((t) => parseLimitText(t)!);

describe('办事要点', () => {
  it('counts a bare 日 by the day-counting rule of the law that sets it, else by the category', () => {
    const { model } = checkFixture();
    const rules = model!.stageTable.dayCounting;
    const [five, fifteen, twenty] = limits('5日', '15日', '二十日');
    expect(dayTypeOf(twenty!, 'xzxkf', rules, '自然日')).toBe('工作日');
    expect(dayTypeOf(five!, 'xzcff', rules, '自然日')).toBe('工作日');
    expect(dayTypeOf(fifteen!, 'xzcff', rules, '自然日')).toBe('自然日');
    expect(dayTypeOf(twenty!, 'csf', rules, '自然日')).toBe('自然日');
    expect(dayTypeOf(twenty!, undefined, rules, '工作日')).toBe('工作日');
    expect(dayTypeOf(limits('24小时')[0]!, 'xzxkf', rules, '自然日')).toBeUndefined();
  });

  it('adds up stage limits counted the same way', () => {
    const days = (text: string, dayType?: '工作日' | '自然日') => ({ limit: parseLimitText(text)!, dayType });
    expect(sumLimits([days('5个工作日', '工作日'), days('20日', '工作日'), days('10个工作日', '工作日')])).toEqual({ text: '35个工作日', dayType: '工作日' });
    expect(sumLimits([days('当场'), days('15日', '自然日')])).toEqual({ text: '15个自然日', dayType: '自然日' });
    expect(sumLimits([days('当场'), days('即时')])).toEqual({ text: '当场办结' });
    // 工作日 and calendar days, or days and hours, cannot be added.
    expect(sumLimits([days('5个工作日', '工作日'), days('30日', '自然日')])).toBeUndefined();
    expect(sumLimits([days('24小时'), days('7日', '自然日')])).toBeUndefined();
    expect(sumLimits([])).toBeUndefined();
  });

  it('shows the stage total, fee, window, phones and the basis in one line', () => {
    const { model } = checkFixture();
    const summary = serviceSummary(model!.powers.find((p) => p.code === '410100-CS-XK-001')!, model!.stageTable.dayCounting);
    // 受理 5个工作日 + 决定 20个工作日 + 送达 10个工作日 (审查 and 事后监管 have no limit).
    expect(summary.statutory).toEqual({ text: '35个工作日', dayType: '工作日', from: 'stages' });
    expect(summary.promised).toBeUndefined();
    expect(summary.fee).toBe('不收费');
    expect(summary.service).toEqual({ org: '测试市政务服务中心', phone: '0371-00000000', address: '测试市示例路 1 号' });
    expect(summary.complaint).toEqual({ org: '测试市应急管理局政策法规处', phone: '0371-00000001' });
    expect(summary.basis).toBe('《行政许可法》第四十二条第一款；《测试条例》第三条第二款第二项');
  });

  it('prefers the stated total_limit (statutory and promised) over the sum of the stages', () => {
    const text = permitText.replace('fee: { charged: false }', 'fee: { charged: false }\ntotal_limit:\n  statutory: 二十日\n  promised: 10个工作日\n  basis: { law: xzxkf, article: 第四十二条第一款 }');
    const { model, lines } = checkFixture({ [PERMIT]: text });
    expect(lines.filter((l) => l.includes('error'))).toEqual([]);
    const summary = serviceSummary(model!.powers.find((p) => p.code === '410100-CS-XK-001')!, model!.stageTable.dayCounting);
    // 二十日 set by 行政许可法: working days by its 第八十二条.
    expect(summary.statutory).toEqual({ text: '20日', dayType: '工作日', from: 'total_limit', basis: '《行政许可法》第四十二条第一款' });
    expect(summary.promised).toEqual({ text: '10个工作日', dayType: '工作日' });
    expect(summary.stageLimits).toEqual([]);
  });

  it('refuses a promise longer than the statutory limit, and an unknown law', () => {
    // 30日 under 行政许可法 are 30 working days: longer than the 20 the law allows.
    const over = permitText.replace('fee: { charged: false }', 'fee: { charged: false }\ntotal_limit:\n  statutory: 20个工作日\n  promised: 30日\n  basis: { law: xzxkf, article: 第四十二条第一款 }');
    expect(checkFixture({ [PERMIT]: over }).lines.filter((l) => l.includes('total_limit'))).toEqual([
      expect.stringMatching(/total_limit\.promised: 承诺办结时限（30日）不得长于法定办结时限（20个工作日） \(promised-over-statutory\)$/),
    ]);
    const unknown = permitText.replace('fee: { charged: false }', 'fee: { charged: false }\ntotal_limit:\n  statutory: 20个工作日\n  basis: { law: xzxk, article: 第四十二条 }');
    expect(checkFixture({ [PERMIT]: unknown }).lines.filter((l) => l.includes('total_limit'))).toEqual([
      expect.stringMatching(/total_limit\.basis\.law: 法规库中没有法律「xzxk」，是否应为「xzxkf」（行政许可法）？ \(unknown-law\)$/),
    ]);
  });

  it('lists each stage when the limits cannot be added and no total is stated', () => {
    // The fixture's penalty: 决定 90日 (行政处罚, counted in calendar days) and 送达 7个工作日.
    const { model } = checkFixture();
    const summary = serviceSummary(model!.powers.find((p) => p.code === '410100-CS-CF-001')!, model!.stageTable.dayCounting);
    expect(summary.statutory).toBeUndefined();
    expect(summary.fee).toBeUndefined();
    expect(summary.stageLimits).toEqual([
      { stage: '决定', text: '90日', dayType: '自然日' },
      { stage: '送达', text: '7个工作日', dayType: '工作日' },
    ]);
  });
});
