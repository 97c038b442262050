import type { Department } from '../../schema/department.ts';
import type { Law } from '../../schema/law.ts';
import { parseLimitText } from '../../lib/time-limit.ts';
import type { PowerRecord } from '../../model/snapshot.ts';
import type { Model } from '../../model/types.ts';

/**
 * A record flattened into entities keyed by identity, each with named fields: the shape in which
 * two versions are compared. Lists are keyed, never positional — citations by law and article,
 * stages by stage name, units by id — so reordering a list is not a change.
 */
export interface Entity {
  key: string;
  label: string;
  fields: Record<string, string>;
}

export type LawNames = (id: string) => string;

/**
 * Names for the identifiers a record holds, for pages read by the public: the 承办机构's name
 * rather than its id, the standard liability text rather than a placeholder. The CLI diff, read by
 * editors of the files, leaves them out and shows the identifiers.
 */
export interface RecordNames {
  unit: (department: string, id: string) => string | undefined;
  standardLiability: string[];
}

export function recordNamesFor(model: Model): RecordNames {
  const departments = new Map(model.departments.map((d) => [d.id, d]));
  return { unit: (department, id) => departments.get(department)?.unitById.get(id)?.name, standardLiability: model.stageTable.liability };
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).replace(/\s+/g, ' ').trim());
const list = (v: string[] | undefined): string => (v ?? []).slice().sort().join('、');
type Limit = string | { days: number; type: string };
const limitText = (l: Limit | undefined): string => (l === undefined ? '' : typeof l === 'string' ? (parseLimitText(l)?.text ?? l) : `${l.days}个${l.type}`);

export function powerEntities(p: PowerRecord, lawName: LawNames, names?: RecordNames): Entity[] {
  const r = p.record;
  const department = /(?:^|\/)powers\/([^/]+)\/[^/]+$/.exec(p.file)?.[1] ?? '';
  const unit = (id: string) => names?.unit(department, id) ?? id;
  const one = (key: string, label: string, value: unknown): Entity => ({ key, label, fields: { '': text(value) } });
  // A reference names the law version only when the file pins one.
  const ref = (a: { law: string; article: string; version?: string } | undefined) => (a ? `《${lawName(a.law)}》${a.article}${a.version ? `（${a.version} 版）` : ''}` : '');
  const entities: Entity[] = [
    one('name', '职权名称', r.name),
    one('category', '职权类别', r.category),
    one('procedure', '程序', r.procedure),
    one('parent', '主项', r.parent),
    one('unit', '承办机构', unit(r.unit)),
    one('partners', '配合部门', list(r.partners)),
    one('level', '行使层级', r.level),
    one('target', '实施对象', list(r.target)),
    one('status', '状态', r.status),
    one('fee', '收费情况', r.fee ? (r.fee.charged ? `收费；标准：${r.fee.standard ?? ''}；依据：${r.fee.basis ?? ''}` : '不收费') : ''),
    one('liability', '违法责任', r.liability === undefined ? (names ? names.standardLiability.join('\n') : '（标准表述）') : [r.liability].flat().join('\n')),
    one('notes', '备注', r.notes),
    one('directory_code', '目录编码', r.directory_code),
    one('body', '正文', p.body),
  ];
  for (const c of r.basis) {
    entities.push({
      key: `basis:${c.law}:${c.article}`,
      label: `实施依据《${lawName(c.law)}》${c.article}`,
      fields: { 版本: c.version, 引文: text(c.quote) },
    });
  }
  for (const s of r.stages) {
    entities.push({
      key: `stage:${s.stage}`,
      label: `责任事项「${s.stage}」`,
      fields: {
        岗位: s.post ? (s.unit ? `${unit(s.unit)}/${s.post}` : s.post) : '',
        职责: text(s.duty),
        期限: limitText(s.limit),
        依据: ref(s.basis),
        延长期限: limitText(s.extension?.limit),
        延长依据: ref(s.extension?.basis),
      },
    });
  }
  if (r.total_limit) {
    entities.push({ key: 'total-limit', label: '办结时限', fields: { 法定: limitText(r.total_limit.statutory), 承诺: limitText(r.total_limit.promised), 依据: ref(r.total_limit.basis) } });
  }
  if (r.enforcement) {
    entities.push({ key: 'enforcement', label: '强制执行事实', fields: { 执行主体: r.enforcement.by, 执行权依据: ref(r.enforcement.basis), 义务类型: r.enforcement.obligation } });
  }
  if (r.legal_review) {
    entities.push({ key: 'legal-review', label: '法制审核', fields: { 情形: r.legal_review.circumstances.join('；'), 范围: text(r.legal_review.scope), 依据: ref(r.legal_review.basis) } });
  }
  for (const a of r.av_recording ?? []) entities.push({ key: `av:${a.stage}:${a.scene}`, label: `音像记录「${a.stage}·${a.scene}」`, fields: { 方式: a.method } });
  for (const d of r.discretion ?? []) {
    entities.push({ key: `disc:${text(d.violation)}`, label: `裁量基准「${text(d.violation)}」`, fields: { 违法依据: ref(d.violated), 处罚依据: ref(d.penalty_basis) } });
    for (const b of d.bands) {
      entities.push({ key: `disc:${text(d.violation)}:${b.degree}:${b.applies_to ?? ''}`, label: `裁量基准「${text(d.violation)}」${b.degree}${b.applies_to ? `（${b.applies_to}）` : ''}`, fields: { 情节: text(b.circumstances), 处罚: text(b.penalty) } });
    }
  }
  for (const l of r.leniency ?? []) entities.push({ key: `len:${l.list}:${text(l.conditions)}`, label: `${l.list}清单`, fields: { 条件: text(l.conditions), 依据: ref(l.basis) } });
  for (const k of r.risks ?? []) entities.push({ key: `risk:${text(k.risk)}`, label: `风险点「${text(k.risk)}」`, fields: { 等级: k.level, 防控措施: text(k.measures) } });
  for (const a of r.accountability ?? []) {
    entities.push({ key: `acc:${text(a.situation)}`, label: '追责情形', fields: { '': text(a.situation), 依据: ref(a.basis) } });
  }
  return entities;
}

export function departmentEntities(d: Department): Entity[] {
  const entities: Entity[] = [
    { key: 'name', label: '部门名称', fields: { '': d.name } },
    { key: 'region', label: '行政区划代码', fields: { '': d.region } },
    { key: 'level', label: '层级', fields: { '': d.level } },
    { key: 'service', label: '服务机构', fields: { 名称: d.service.org, 电话: d.service.phone, 地点: text(d.service.address) } },
    { key: 'complaint', label: '投诉机构', fields: { 名称: d.complaint.org, 电话: d.complaint.phone } },
  ];
  for (const u of d.units) entities.push({ key: `unit:${u.id}`, label: `内设机构 ${u.id}`, fields: { 名称: u.name, 岗位: list(u.posts) } });
  return entities;
}

export function lawEntities(l: Law): Entity[] {
  const entities: Entity[] = [
    { key: 'title', label: '名称', fields: { '': l.title } },
    { key: 'short', label: '简称', fields: { '': l.short } },
    { key: 'level', label: '效力层级', fields: { '': l.level } },
    { key: 'status', label: '时效性', fields: { '': l.status } },
    { key: 'repealed', label: '废止日期', fields: { '': text(l.repealed) } },
  ];
  for (const v of l.versions) entities.push({ key: `version:${v.date}`, label: `版本 ${v.date}`, fields: { 类型: v.kind, 施行: text(v.effective), 说明: text(v.note) } });
  return entities;
}
