import { formatArticleRef } from '../../lib/article-ref-text.ts';
import { defineDerivedList } from '../define.ts';
import { resolveDiscretion } from './check.ts';
import { discretionField } from './schema.ts';

const ref = (r: { law: { short: string }; article: string }) => formatArticleRef(r.law.short, r.article);

/** 行政处罚裁量权基准: one row per band of each violation. */
export const discretion = defineDerivedList({
  id: 'discretion',
  key: 'discretion',
  title: '行政处罚裁量权基准',
  source: '郑州市 2024—2026 年提升行动台账第 19—22 项',
  field: discretionField,
  resolve: resolveDiscretion,
  columns: ['违法行为', '违法依据', '处罚依据', '裁量阶次', '情节', '处罚标准'],
  rows: (d) => d.bands.map((b) => [d.violation, ref(d.violated), ref(d.penaltyBasis), b.degree, b.circumstances, b.applies_to ? `${b.penalty}（${b.applies_to}）` : b.penalty]),
  entities: (value, { text, ref }) =>
    value.flatMap((d) => [
      { key: `disc:${text(d.violation)}`, label: `裁量基准「${text(d.violation)}」`, fields: { 违法依据: ref(d.violated), 处罚依据: ref(d.penalty_basis) } },
      ...d.bands.map((b) => ({
        key: `disc:${text(d.violation)}:${b.degree}:${b.applies_to ?? ''}`,
        label: `裁量基准「${text(d.violation)}」${b.degree}${b.applies_to ? `（${b.applies_to}）` : ''}`,
        fields: { 情节: text(b.circumstances), 处罚: text(b.penalty) },
      })),
    ]),
  hints: (category) =>
    category === '行政处罚'
      ? [
          '# discretion:              # 行政裁量权基准：各阶次罚款须在处罚条款规定的幅度内',
          '#   - violation: 违法行为',
          '#     violated: { law: 待填写, article: 第一条 }',
          '#     penalty_basis: { law: 待填写, article: 第一条 }   # 须已列入上面的实施依据并附引文',
          '#     bands:',
          '#       - { degree: 一般, circumstances: 情节, penalty: 处一万元以上二万元以下的罚款 }',
        ]
      : [],
});
