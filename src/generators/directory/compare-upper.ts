import { similarity } from '../../lib/similarity.ts';
import type { DirectoryItem } from '../../schema/directory.ts';
import type { DepartmentModel, DirectoryModel, Model, PowerModel } from '../../model/types.ts';
import { finding, sortFindings, type Finding } from '../../model/findings.ts';
import { articleNumberKey, lawKey, normalName } from './normalize.ts';
import { formatArticleRef } from '../../lib/article-ref-text.ts';

/** One way a matched item differs from its directory item, explained in both sides' words. */
export interface ItemDifference {
  field: '名称' | '职权类别' | '实施依据' | '行使层级';
  upper: string;
  list: string;
  explanation: string;
}

export interface ItemSummary {
  code: string;
  name: string;
  category: string;
}

export interface MatchedItem {
  item: ItemSummary & { levels: string[] };
  power: ItemSummary;
  /** How the power was matched: by its directory_code, or by the same name (directory_code not yet filled in). */
  by: '目录编码' | '名称相同';
  differences: ItemDifference[];
}

export interface AdditionalPower {
  power: ItemSummary;
  severity: 'error' | 'warning';
  explanation: string;
  /** The directory item with the most similar name, offered as a likely counterpart. */
  suggestion?: ItemSummary;
}

export interface DepartmentVersusDirectory {
  department: { id: string; name: string; level: string };
  directory: { id: string; title: string; issuer: string; published: string; source?: string };
  matched: MatchedItem[];
  /** Directory items exercised at the department's level that the list does not contain. */
  missing: (ItemSummary & { levels: string[] })[];
  additional: AdditionalPower[];
  counts: { matched: number; missing: number; additional: number; differing: number; errors: number };
}

/** Below this name similarity a directory item is not offered as the likely counterpart. */
const SUGGESTION_THRESHOLD = 0.6;

/** Every department that names a directory, compared with it. */
export function compareWithDirectories(model: Model): DepartmentVersusDirectory[] {
  return model.departments
    .filter((d) => d.directory !== undefined && model.directories.has(d.directory))
    .map((d) => compareDepartment(model, d, model.directories.get(d.directory!)!));
}

/**
 * One department's list against an upper-level directory: which items of the directory (at the
 * department's level) the list has, lacks and adds, and how matched items differ in name,
 * category, basis and level.
 */
export function compareDepartment(model: Model, department: DepartmentModel, directory: DirectoryModel): DepartmentVersusDirectory {
  const powers = model.powers.filter((p) => p.department.id === department.id && p.status !== '已取消');
  const applicable = directory.items.filter((i) => (i.levels as string[]).includes(department.level));
  const byName = new Map<string, DirectoryItem>();
  for (const item of directory.items) if (!byName.has(normalName(item.name))) byName.set(normalName(item.name), item);

  const matched: MatchedItem[] = [];
  const additional: AdditionalPower[] = [];
  const matchedCodes = new Set<string>();
  for (const power of powers) {
    const viaCode = power.directoryCode !== undefined ? directory.itemByCode.get(power.directoryCode) : undefined;
    const item = viaCode ?? byName.get(normalName(power.name));
    if (!item) {
      additional.push(additionalPower(power, directory));
      continue;
    }
    matchedCodes.add(item.code);
    matched.push({
      item: summaryOfItem(item),
      power: summaryOfPower(power),
      by: viaCode ? '目录编码' : '名称相同',
      differences: differences(model, item, power, department),
    });
  }
  // A main item is present when the list has it or any of its sub-items.
  for (const item of directory.items) if (item.parent !== undefined && matchedCodes.has(item.code)) matchedCodes.add(item.parent);
  const missing = applicable.filter((i) => !matchedCodes.has(i.code)).map(summaryOfItem);
  const differing = matched.filter((m) => m.differences.length > 0).length;
  return {
    department: { id: department.id, name: department.name, level: department.level },
    directory: { id: directory.id, title: directory.title, issuer: directory.issuer, published: directory.published, ...(directory.source ? { source: directory.source } : {}) },
    matched,
    missing,
    additional,
    counts: {
      matched: matched.length,
      missing: missing.length,
      additional: additional.length,
      differing,
      errors: additional.filter((a) => a.severity === 'error').length,
    },
  };
}

function additionalPower(power: PowerModel, directory: DirectoryModel): AdditionalPower {
  const closed = directory.closed_categories.includes(power.category.name);
  let best: { item: DirectoryItem; score: number } | undefined;
  for (const item of directory.items) {
    const score = similarity(item.name, power.name);
    if (score >= SUGGESTION_THRESHOLD && (!best || score > best.score)) best = { item, score };
  }
  return {
    power: summaryOfPower(power),
    severity: closed ? 'error' : 'warning',
    explanation: closed
      ? `《${directory.title}》规定${power.category.name}事项不得超出目录；本事项不在目录中：请对照目录改用目录事项（填写 directory_code），或说明设定依据后报上级增补目录`
      : `本事项不在《${directory.title}》中：请确认是否为本级特有事项，或填写 directory_code 对应目录事项`,
    ...(best ? { suggestion: summaryOfItem(best.item) } : {}),
  };
}

function differences(model: Model, item: DirectoryItem, power: PowerModel, department: DepartmentModel): ItemDifference[] {
  const out: ItemDifference[] = [];
  if (normalName(item.name) !== normalName(power.name)) {
    out.push({ field: '名称', upper: item.name, list: power.name, explanation: `名称与目录不一致：目录为「${item.name}」，清单为「${power.name}」` });
  }
  if (item.category !== power.category.name) {
    out.push({ field: '职权类别', upper: item.category, list: power.category.name, explanation: `职权类别与目录不一致：目录为「${item.category}」，清单为「${power.category.name}」` });
  }
  const levels = item.levels as string[];
  const powerLevels = power.level.split(/[、，,\s]+/).filter(Boolean);
  const outside = powerLevels.filter((l) => !levels.includes(l));
  if (!levels.includes(department.level) || outside.length) {
    out.push({
      field: '行使层级',
      upper: levels.join('、'),
      list: `${power.level}（${department.name}为${department.level}）`,
      explanation: `目录规定由${levels.join('、')}行使，清单写作「${power.level}」（${department.name}为${department.level}）`,
    });
  }
  const basis = basisDifference(model, item, power);
  if (basis) out.push(basis);
  return out;
}

/**
 * The directory's basis against the power's, by law and article (条): the directory may cite a
 * whole article where the list cites a paragraph of it, which is the same basis.
 */
function basisDifference(model: Model, item: DirectoryItem, power: PowerModel): ItemDifference | undefined {
  if (!item.basis?.length) return undefined;
  const listed = new Set(power.basis.map((c) => `${lawKey(c.law.title)}|${articleNumberKey(c.article)}`));
  const listedLaws = new Set(power.basis.map((c) => lawKey(c.law.title)));
  const absent: string[] = [];
  for (const citation of item.basis) {
    const law = model.laws.get(citation.law);
    if (!law) continue;
    const present = citation.article ? listed.has(`${lawKey(law.title)}|${articleNumberKey(citation.article)}`) : listedLaws.has(lawKey(law.title));
    if (!present) absent.push(formatArticleRef(law.short, citation.article ?? ''));
  }
  if (!absent.length) return undefined;
  const upper = item.basis.map((c) => formatArticleRef(model.laws.get(c.law)?.short ?? c.law, c.article ?? '')).join('；');
  const list = power.basis.map((c) => formatArticleRef(c.law.short, c.article)).join('；');
  return { field: '实施依据', upper, list, explanation: `目录列出的依据 ${absent.join('、')} 清单中没有引用` };
}

function summaryOfItem(item: DirectoryItem): ItemSummary & { levels: string[] } {
  return { code: item.code, name: item.name, category: item.category, levels: [...item.levels] };
}

function summaryOfPower(power: PowerModel): ItemSummary {
  return { code: power.code, name: power.name, category: power.category.name };
}

/** The power field a difference is about, for a finding that names its line. */
const DIFFERENCE_FIELD: Record<ItemDifference['field'], string> = { 名称: 'name', 职权类别: 'category', 实施依据: 'basis', 行使层级: 'level' };

/**
 * The comparison as findings in the validator's form (file:line:column: severity: field: message
 * (rule)): a power outside the directory in a closed category is an error, anything else a warning.
 * `locate` gives the line of a field in a file (1:1 when it cannot be found).
 */
export function upperFindings(report: DepartmentVersusDirectory, model: Model, locate: (file: string, field: string) => { line: number; column: number }): Finding[] {
  const department = model.departments.find((d) => d.id === report.department.id)!;
  const fileOf = (code: string) => model.powers.find((p) => p.code === code && p.department.id === department.id)!.file;
  const findings: Finding[] = [];
  for (const item of report.missing) {
    findings.push(finding('directory-missing', department.file, locate(department.file, 'directory'), 'directory', `《${report.directory.title}》中${department.level}行使的事项 ${item.code}「${item.name}」（${item.category}）不在本部门清单中：请补充，或在清单中说明不实施的原因`));
  }
  for (const extra of report.additional) {
    const hint = extra.suggestion ? `；是否对应目录事项 ${extra.suggestion.code}「${extra.suggestion.name}」？` : '';
    const file = fileOf(extra.power.code);
    findings.push(finding(extra.severity === 'error' ? 'directory-closed-category' : 'directory-extra', file, locate(file, 'name'), 'name', `${extra.explanation}${hint}`));
  }
  for (const match of report.matched) {
    const file = fileOf(match.power.code);
    for (const d of match.differences) findings.push(finding('directory-differs', file, locate(file, DIFFERENCE_FIELD[d.field]), DIFFERENCE_FIELD[d.field], `与目录事项 ${match.item.code} 不一致：${d.explanation}`));
    if (match.by === '名称相同') findings.push(finding('directory-code-unset', file, locate(file, 'name'), 'name', `按名称对应目录事项 ${match.item.code}：请填写 directory_code: ${match.item.code}`));
  }
  return sortFindings(findings);
}
