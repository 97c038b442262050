import { toChineseNumber } from '../lib/chinese-numerals.ts';
import { formatFeeCell } from '../lib/fee-text.ts';
import { formatDuty, formatDutyLine } from '../lib/duty-text.ts';
import type { CategoryDef, DepartmentModel, Model, PowerModel, ResolvedStage } from '../model/types.ts';
import { citationText } from './citation-text.ts';
import { limitSummaryText } from './service-summary.ts';
import { departmentPowers } from '../model/department-powers.ts';

/**
 * The 权责清单 of one department as a table model, in the layout of the official template
 * (许昌 2020《行政执法权责清单、岗责体系（样式）》): one section per category, one power spanning
 * as many rows as it has responsibility items, the contact footer at the end. The site, the XLSX
 * export and the diff all render from this one structure.
 */
export interface DepartmentList {
  department: { id: string; name: string };
  title: string;
  sections: ListSection[];
  footer: ListFooter;
  total: number;
}

export interface ListSection {
  category: string;
  /** （一）行政许可类（共 3 项） */
  heading: string;
  columns: ListColumn[];
  powers: PowerRow[];
  count: number;
  /** Of `count`, how many are suspended or cancelled (they are listed, never hidden). */
  suspended: number;
  cancelled: number;
}

export type ListColumnKey = 'category' | 'name' | 'basis' | 'duties' | 'limit' | 'fee' | 'liability';

export interface ListColumn {
  key: ListColumnKey;
  label: string;
  /** Cells of this column span all the rows of a power (merged cells). */
  merged: boolean;
}

export interface DutyLine {
  /** 1. 受理责任（受理岗）：接收申请材料…… */
  text: string;
  stage: string;
  post?: string;
  /** 5个工作日; empty when the stage has no limit. */
  limit: string;
}

export interface PowerRow {
  code: string;
  categoryLabel: string;
  name: string;
  status: PowerModel['status'];
  /** Numbered citations: 1. 《法》第x条：“……”。 */
  basis: string[];
  duties: DutyLine[];
  fee: string;
  /** The power's time limit as its 办事要点 states it (30日（工作日）, 见各环节期限): for the phone cards. */
  timeLimit: string;
  liability: string[];
  /** Number of table rows the power spans (= duties.length). */
  rowSpan: number;
}

export interface ListFooter {
  service: { org: string; phone: string; address?: string };
  complaint: { org: string; phone: string };
  /** 服务机构：…　服务电话：…　… as one line. */
  text: string;
}

const COLUMN_LABELS: Record<ListColumnKey, string> = {
  category: '职权类别',
  name: '职权名称',
  basis: '实施依据',
  duties: '责任事项（岗位职责）',
  limit: '办理期限',
  fee: '收费情况',
  liability: '违法责任',
};

/** The template's columns; 收费情况 for the categories that have it, or where a power states a fee. */
export function columnsFor(category: CategoryDef, anyFee = false): ListColumn[] {
  const keys: ListColumnKey[] = ['category', 'name', 'basis', 'duties', 'limit', ...(category.fee || anyFee ? (['fee'] as const) : []), 'liability'];
  return keys.map((key) => ({ key, label: COLUMN_LABELS[key], merged: key !== 'duties' && key !== 'limit' }));
}

export function buildDepartmentList(model: Model, department: DepartmentModel): DepartmentList {
  const powers = departmentPowers(model, department.id);
  const sections: ListSection[] = [];
  for (const category of model.stageTable.categories) {
    const inCategory = powers.filter((p) => p.category.name === category.name);
    if (inCategory.length === 0) continue;
    const count = inCategory.length;
    const suspended = inCategory.filter((p) => p.status === '暂停实施').length;
    const cancelled = inCategory.filter((p) => p.status === '已取消').length;
    const extra = [suspended ? `暂停实施 ${suspended} 项` : '', cancelled ? `已取消 ${cancelled} 项` : ''].filter(Boolean).join('、');
    sections.push({
      category: category.name,
      heading: `（${toChineseNumber(sections.length + 1)}）${category.name}类（共 ${count} 项${extra ? `，其中${extra}` : ''}）`,
      columns: columnsFor(category, inCategory.some((p) => p.fee)),
      powers: inCategory.map((p) => buildPowerRow(model, p)),
      count,
      suspended,
      cancelled,
    });
  }
  const { service, complaint } = department;
  const footerParts = [
    `服务机构：${service.org}`,
    `服务电话：${service.phone}`,
    ...(service.address ? [`服务地点：${service.address}`] : []),
    `投诉机构：${complaint.org}`,
    `投诉电话：${complaint.phone}`,
  ];
  return {
    department: { id: department.id, name: department.name },
    title: `${department.name}行政执法权责清单`,
    sections,
    footer: { service, complaint, text: footerParts.join('　') },
    total: powers.length,
  };
}

export function buildPowerRow(model: Model, power: PowerModel): PowerRow {
  const duties = dutyLines(model, power);
  return {
    code: power.code,
    categoryLabel: `${power.category.name}类`,
    name: power.name,
    status: power.status,
    basis: power.basis.map((c, i) => `${i + 1}. ${citationText(c)}`),
    duties,
    fee: feeText(power),
    timeLimit: limitSummaryText(power, model.stageTable.dayCounting),
    liability: power.liability,
    rowSpan: duties.length,
  };
}

/** The numbered responsibility items, always closed by the 其他 item as the template prints it. */
export function dutyLines(model: Model, power: PowerModel): DutyLine[] {
  const other = model.stageTable.otherStage;
  const main = power.stages.filter((s) => !s.isOther);
  const otherStage = power.stages.find((s) => s.isOther);
  const lines = main.map((s, i) => ({ text: formatDutyLine(i + 1, dutyText(s, power)), stage: s.stage, post: s.post, limit: s.limit?.text ?? '' }));
  // The template's closing line; a power that assigns the 其他 item to a post says so like any stage.
  const text = otherStage?.post ? dutyText(otherStage, power) : (otherStage?.duty ?? other.duty);
  lines.push({ text: formatDutyLine(main.length + 1, text), stage: other.name, post: otherStage?.post, limit: otherStage?.limit?.text ?? '' });
  return lines;
}

/** 1. 受理责任（受理岗）：…; a stage owned by another unit names it: 审查责任（政策法规处·法制审核岗）. */
function dutyText(stage: ResolvedStage, power: PowerModel): string {
  return formatDuty({ stage: stage.stage, post: stage.post, unitName: stage.unit.id !== power.unit.id ? stage.unit.name : undefined, duty: stage.duty });
}

function feeText(power: PowerModel): string {
  return power.fee ? formatFeeCell(power.fee) : '';
}
