import { formatArticleRef } from '../../lib/article-ref-text.ts';
import { defineDerivedList, type LawRef } from '../define.ts';
import { LENIENCY_LISTS, leniencyField } from './schema.ts';

export interface ResolvedLeniency {
  list: (typeof LENIENCY_LISTS)[number];
  conditions: string;
  basis: LawRef;
}

/**
 * 不予处罚、减轻处罚、从轻处罚、不予实施行政强制清单 (四张清单): the first three for 行政处罚
 * powers, the last for 行政强制 ones; rows grouped by list.
 */
export const leniency = defineDerivedList({
  id: 'leniency',
  key: 'leniency',
  title: '不予处罚、减轻处罚、从轻处罚、不予实施行政强制清单（四张清单）',
  source: '郑州市 2024—2026 年提升行动台账第 24 项；《行政处罚法》第三十二条、第三十三条',
  field: leniencyField,
  resolve(value, { power, cite, report }): ResolvedLeniency[] {
    const out: ResolvedLeniency[] = [];
    value.forEach((l, i) => {
      const forCoercion = l.list === '不予实施行政强制';
      if (forCoercion !== (power.category === '行政强制') && (forCoercion || power.category !== '行政处罚')) {
        report(['leniency', i, 'list'], 'leniency-category', `${l.list}清单只适用于${forCoercion ? '行政强制' : '行政处罚'}事项，本事项是${power.category}`);
        return;
      }
      const basis = cite(l.basis, 'leniency', ['leniency', i, 'basis'], `${l.list}清单依据`);
      if (basis) out.push({ list: l.list, conditions: l.conditions, basis });
    });
    return out;
  },
  columns: ['清单', '适用条件', '依据'],
  rows: (l) => [[l.list, l.conditions, formatArticleRef(l.basis.law.short, l.basis.article)]],
  rank: (l) => LENIENCY_LISTS.indexOf(l.list),
  entities: (value, { text, ref }) => value.map((l) => ({ key: `len:${l.list}:${text(l.conditions)}`, label: `${l.list}清单`, fields: { 条件: text(l.conditions), 依据: ref(l.basis) } })),
  hints(category) {
    if (category === '行政处罚') return ['# leniency:                # 不予处罚、减轻处罚、从轻处罚清单', '#   - { list: 不予处罚, conditions: 初次违法且危害后果轻微并及时改正的, basis: { law: xzcff, article: 第三十三条第一款 } }'];
    if (category === '行政强制') return ['# leniency:', '#   - { list: 不予实施行政强制, conditions: 违法行为情节显著轻微或者没有明显社会危害的, basis: { law: xzqzf, article: 第十六条第二款 } }'];
    return [];
  },
});
