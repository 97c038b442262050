import type { Department } from '../../schema/department.ts';
import type { Law } from '../../schema/law.ts';
import { type DayType, limitFromValue } from '../../lib/time-limit.ts';
import { formatFeeForDiff } from '../../lib/fee-text.ts';
import type { PowerRecord } from '../../model/snapshot.ts';
import type { Model } from '../../model/types.ts';
import { formatArticleRef } from '../../lib/article-ref-text.ts';
import { derivedLists } from '../../derived-lists/index.ts';

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
type Limit = string | { days: number; type: DayType };
const limitText = (l: Limit | undefined): string => (l === undefined ? '' : (limitFromValue(l)?.text ?? String(l)));

/** The key of a 实施依据 entity and its parse: code finds the law and article of a change by it. */
export function basisKey(law: string, article: string): string {
  return `basis:${law}:${article}`;
}

export function parseBasisKey(key: string): { law: string; article: string } | undefined {
  const match = /^basis:([^:]+):(.*)$/.exec(key);
  return match ? { law: match[1]!, article: match[2]! } : undefined;
}

/** The field of a 实施依据 entity that holds the law version cited. */
export const BASIS_VERSION = '版本';

export function powerEntities(p: PowerRecord, lawName: LawNames, names?: RecordNames): Entity[] {
  const r = p.record;
  const department = /(?:^|\/)powers\/([^/]+)\/[^/]+$/.exec(p.file)?.[1] ?? '';
  const unit = (id: string) => names?.unit(department, id) ?? id;
  const one = (key: string, label: string, value: unknown): Entity => ({ key, label, fields: { '': text(value) } });
  // A reference names the law version only when the file pins one.
  const ref = (a: { law: string; article: string; version?: string } | undefined) => (a ? `${formatArticleRef(lawName(a.law), a.article)}${a.version ? `（${a.version} 版）` : ''}` : '');
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
    one('fee', '收费情况', r.fee ? formatFeeForDiff(r.fee) : ''),
    one('liability', '违法责任', r.liability === undefined ? (names ? names.standardLiability.join('\n') : '（标准表述）') : [r.liability].flat().join('\n')),
    one('notes', '备注', r.notes),
    one('directory_code', '目录编码', r.directory_code),
    one('body', '正文', p.body),
  ];
  for (const c of r.basis) {
    entities.push({
      key: basisKey(c.law, c.article),
      label: `实施依据${formatArticleRef(lawName(c.law), c.article)}`,
      fields: { [BASIS_VERSION]: c.version, 引文: text(c.quote) },
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
  // The fields behind the derived lists, each compared as its list (src/derived-lists/) keys it.
  const fields = r as Record<string, unknown>;
  for (const derived of derivedLists) {
    const value = fields[derived.key];
    if (value !== undefined && value !== null) entities.push(...derived.entities(value, { text, ref }));
  }
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
