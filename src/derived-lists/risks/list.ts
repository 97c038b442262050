import { defineDerivedList } from '../define.ts';
import { RISK_LEVELS, risksField } from './schema.ts';

/** 行政相对人违法风险点及防控措施清单: rows grouped by level, 高 first. */
export const risks = defineDerivedList({
  id: 'risks',
  key: 'risks',
  title: '行政相对人违法风险点及防控措施清单',
  source: '许昌市 2020 年通知第四部分',
  field: risksField,
  resolve: (value) => value,
  columns: ['风险点', '风险等级', '防控措施'],
  rows: (r) => [[r.risk, r.level, r.measures]],
  rank: (r) => RISK_LEVELS.indexOf(r.level),
  entities: (value, { text }) => value.map((k) => ({ key: `risk:${text(k.risk)}`, label: `风险点「${text(k.risk)}」`, fields: { 等级: k.level, 防控措施: text(k.measures) } })),
  hints: () => ['# risks:                   # 行政相对人违法风险点及防控措施清单', '#   - { risk: 风险点, level: 中, measures: 防控措施 }'],
});
