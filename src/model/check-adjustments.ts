import { adjustmentSchema, WITHDRAWING_KINDS } from '../schema/adjustment.ts';
import { reporter, type Finding } from './findings.ts';
import { parseWithSchema } from './parse-file.ts';
import { yamlStem, type YamlSource } from './source-file.ts';
import type { AdjustmentModel, DepartmentModel, PowerModel } from './types.ts';

/**
 * Adjustment records (调整文件) against the list they adjust: a withdrawn power (取消、下放、合并、
 * 拆分) may no longer be in force, a power added or changed must be in the list, a successor must
 * exist, and no power is named twice in one record.
 */
export function checkAdjustments(
  sources: YamlSource[],
  ctx: { departments: Map<string, DepartmentModel>; powers: PowerModel[]; findings: Finding[] },
): AdjustmentModel[] {
  const byCode = new Map(ctx.powers.map((p) => [p.code, p]));
  const seenIds = new Map<string, string>();
  const out: AdjustmentModel[] = [];
  for (const source of sources) {
    const record = parseWithSchema(adjustmentSchema, source, ctx.findings);
    if (!record) continue;
    const start = ctx.findings.length;
    const report = reporter(source, ctx.findings);
    const stem = yamlStem(source.file);
    if (stem !== record.id) report(['id'], 'id-filename', `调整记录标识「${record.id}」应与文件名「${stem}」一致`);
    if (seenIds.has(record.id)) report(['id'], 'duplicate-id', `调整记录标识「${record.id}」重复（另见 ${seenIds.get(record.id)}）`);
    seenIds.set(record.id, source.file);
    const department = ctx.departments.get(record.department);
    if (!department) report(['department'], 'unknown-department', `部门「${record.department}」不存在：应为 content/departments/ 中某个文件的 id`);
    const named = new Map<string, number>();
    record.items.forEach((item, i) => {
      item.powers.forEach((code, j) => {
        const at = ['items', i, 'powers', ...(Array.isArray((source.data as { items?: { powers?: unknown }[] }).items?.[i]?.powers) ? [j] : [])];
        if (named.has(code)) report(at, 'duplicate-power', `事项「${code}」在本调整记录中已列于第 ${named.get(code)! + 1} 项调整，不能重复列出`);
        named.set(code, i);
        const power = byCode.get(code);
        if (WITHDRAWING_KINDS.includes(item.kind)) {
          if (power && power.status !== '已取消') report(at, 'withdrawn-still-listed', `调整记录称事项「${power.name}」（${code}）已${item.kind}，但清单中该事项仍为「${power.status}」：请删去事项文件，或把 status 改为 已取消`);
        } else if (!power) {
          report(at, 'unknown-power', `调整记录列出的事项「${code}」不在清单中：${item.kind}的事项须有事项文件 content/powers/<部门>/${code}.md`);
        } else if (department && power.department.id !== department.id) {
          report(at, 'other-department-power', `事项「${power.name}」（${code}）属于${power.department.name}，不是本调整记录的部门`);
        }
      });
      if ((item.kind === '合并' || item.kind === '拆分') && !item.successor) report(['items', i], 'missing-successor', `${item.kind}须用 successor 写明${item.kind}后行使职权的事项编码`);
      if (item.kind === '下放' && !item.to && !item.successor) report(['items', i], 'missing-receiver', '下放须用 to 写明承接单位（例如 各县（市、区）应急管理局），或用 successor 写明承接事项');
      for (const code of item.successor ?? []) {
        const successor = byCode.get(code);
        if (!successor) report(['items', i, 'successor'], 'unknown-successor', `承接事项「${code}」不在清单中：successor 应为现行清单中的事项编码`);
        else if (successor.status === '已取消') report(['items', i, 'successor'], 'withdrawn-successor', `承接事项「${successor.name}」（${code}）本身已取消，不能承接职权`);
      }
    });
    if (!department || ctx.findings.slice(start).some((f) => f.severity === 'error')) continue;
    out.push({ ...record, file: source.file, departmentName: department.name });
  }
  return out.sort((a, b) => b.approved.localeCompare(a.approved) || a.id.localeCompare(b.id));
}
