import type { DepartmentModel, Model, PowerModel } from '../model/types.ts';
import { formatArticleRef } from '../lib/article-ref-text.ts';

/**
 * The other public lists the documents require, derived from the power entries: one generic table
 * shape (columns + rows) per list, so that pages, XLSX/CSV/JSON exports and print share it.
 */
export interface DerivedList {
  id: DerivedListId;
  title: string;
  /** The document that requires it. */
  source: string;
  columns: string[];
  rows: { code: string; name: string; cells: string[] }[];
  /** Number of powers in the list (a power may give several rows). */
  powers: number;
}

export type DerivedListId = 'legal-review' | 'av-recording' | 'discretion' | 'leniency' | 'risks';

export const DERIVED_LISTS: { id: DerivedListId; title: string; source: string }[] = [
  { id: 'legal-review', title: '重大执法决定法制审核目录清单', source: '《行政处罚法》第五十八条；许昌市 2020 年通知第二部分' },
  { id: 'av-recording', title: '音像记录事项清单', source: '执法全过程记录制度；许昌市 2020 年通知第二部分' },
  { id: 'discretion', title: '行政处罚裁量权基准', source: '郑州市 2024—2026 年提升行动台账第 19—22 项' },
  { id: 'leniency', title: '不予处罚、减轻处罚、从轻处罚、不予实施行政强制清单（四张清单）', source: '郑州市 2024—2026 年提升行动台账第 24 项；《行政处罚法》第三十二条、第三十三条' },
  { id: 'risks', title: '行政相对人违法风险点及防控措施清单', source: '许昌市 2020 年通知第四部分' },
];

const ref = (r: { law: { short: string }; article: string }) => formatArticleRef(r.law.short, r.article);

export function buildDerivedList(model: Model, id: DerivedListId, department?: DepartmentModel): DerivedList {
  const meta = DERIVED_LISTS.find((l) => l.id === id)!;
  const powers = model.powers.filter((p) => !department || p.department.id === department.id);
  const rows: DerivedList['rows'] = [];
  const push = (p: PowerModel, cells: string[]) => rows.push({ code: p.code, name: p.name, cells: [...(department ? [] : [p.department.name]), p.name, ...cells] });
  let columns: string[];
  switch (id) {
    case 'legal-review':
      columns = ['职权类别', '审核情形', '审核范围', '审核依据'];
      for (const p of powers) if (p.derived.legalReview) push(p, [p.category.name, p.derived.legalReview.circumstances.join('；'), p.derived.legalReview.scope ?? '', ref(p.derived.legalReview.basis)]);
      break;
    case 'av-recording':
      columns = ['环节', '记录场景', '记录方式'];
      for (const p of powers) for (const r of p.derived.avRecording) push(p, [r.stage, r.scene, r.method]);
      break;
    case 'discretion':
      columns = ['违法行为', '违法依据', '处罚依据', '裁量阶次', '情节', '处罚标准'];
      for (const p of powers) for (const d of p.derived.discretion) for (const b of d.bands) push(p, [d.violation, ref(d.violated), ref(d.penaltyBasis), b.degree, b.circumstances, b.applies_to ? `${b.penalty}（${b.applies_to}）` : b.penalty]);
      break;
    case 'leniency':
      columns = ['清单', '适用条件', '依据'];
      for (const list of ['不予处罚', '减轻处罚', '从轻处罚', '不予实施行政强制'] as const) {
        for (const p of powers) for (const l of p.derived.leniency) if (l.list === list) push(p, [l.list, l.conditions, ref(l.basis)]);
      }
      break;
    case 'risks':
      columns = ['风险点', '风险等级', '防控措施'];
      for (const level of ['高', '中', '低'] as const) for (const p of powers) for (const r of p.derived.risks) if (r.level === level) push(p, [r.risk, r.level, r.measures]);
      break;
  }
  return {
    id,
    title: department ? `${department.name}${meta.title}` : meta.title,
    source: meta.source,
    columns: [...(department ? [] : ['部门']), '职权名称', ...columns],
    rows,
    powers: new Set(rows.map((r) => r.code)).size,
  };
}
