import type { PowerModel } from '../../model/types.ts';
import { formatArticleRef } from '../../lib/article-ref-text.ts';
import { derivedListKeys } from '../../derived-lists/index.ts';

/**
 * Machine-readable columns added to the right of the official layout, so that an exported list
 * can be imported back without loss. The official columns come first and are unchanged; a
 * department's own spreadsheet without these columns still imports.
 */
export const EXTENSION_COLUMNS = ['事项编码', '程序', '承办机构', '行使层级', '实施对象', '状态', '主项编码', '依据版本', '环节依据', '配合部门', '追责情形', '备注', '其他清单（机读）', '源数据（机读）'] as const;
/**
 * The sheet of an exported workbook that `quanze import` reads back: every power on one row, the
 * official columns followed by the machine-readable ones (the CSV layout). Hidden, so that it is
 * not printed; Excel shows it with 取消隐藏.
 */
export const MACHINE_SHEET = '机读数据（导入用）';

export type ExtensionColumn = (typeof EXTENSION_COLUMNS)[number];

/** Per-power values of the extension columns; 环节依据 is per duty row and 源数据（机读） is the whole row's (see source-column.ts), both filled separately. */
export function extensionValues(power: PowerModel): Record<Exclude<ExtensionColumn, '环节依据' | '源数据（机读）'>, string> {
  return {
    事项编码: power.code,
    程序: power.procedure.name,
    承办机构: power.unit.name,
    行使层级: power.level,
    实施对象: power.target.join('、'),
    状态: power.status,
    主项编码: power.parent ?? '',
    依据版本: power.basis.map((c) => c.version).join('\n'),
    配合部门: power.partners.join('、'),
    追责情形: power.accountability.map((a) => (a.basis ? `${a.situation}（依据：${formatArticleRef(a.basis.law.short, a.basis.article)}）` : a.situation)).join('\n'),
    备注: power.notes ?? '',
    '其他清单（机读）': derivedJson(power),
  };
}

/**
 * The fields behind the derived lists (every registered list), as the power file writes them, in
 * one JSON cell: too structured for a readable column, and needed for an exact round trip.
 */
function derivedJson(power: PowerModel): string {
  const record = power.record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of derivedListKeys()) {
    const value = record[key];
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  }
  return Object.keys(out).length ? JSON.stringify(out) : '';
}

/** 环节依据 of each duty row, aligned with the list's duty lines (the closing 其他 line has none). */
export function stageBasisValues(power: PowerModel, dutyCount: number): string[] {
  const main = power.stages.filter((s) => !s.isOther);
  return Array.from({ length: dutyCount }, (_, i) => {
    const basis = main[i]?.basis;
    return basis ? formatArticleRef(basis.law.short, basis.article) : '';
  });
}
