import { derivedListById } from '../derived-lists/index.ts';
import type { DepartmentModel, Model } from '../model/types.ts';
import { departmentPowers } from '../model/department-powers.ts';

/**
 * The other public lists the documents require, derived from the power entries: one generic table
 * shape (columns + rows) per list, so that pages, XLSX/CSV/JSON exports and print share it. The
 * lists themselves are registered in src/derived-lists/.
 */
export interface DerivedList {
  id: string;
  title: string;
  /** The document that requires it. */
  source: string;
  columns: string[];
  rows: { code: string; name: string; cells: string[] }[];
  /** Number of powers in the list (a power may give several rows). */
  powers: number;
}

export function buildDerivedList(model: Model, id: string, department?: DepartmentModel): DerivedList {
  const list = derivedListById(id);
  const powers = department ? departmentPowers(model, department.id) : model.powers;
  const ranked: { rank: number; row: DerivedList['rows'][number] }[] = [];
  for (const p of powers) {
    const entries = (p.derived as Record<string, unknown[] | undefined>)[list.key] ?? [];
    for (const entry of entries) {
      const rank = list.rank?.(entry) ?? 0;
      for (const cells of list.rows(entry, p)) ranked.push({ rank, row: { code: p.code, name: p.name, cells: [...(department ? [] : [p.department.name]), p.name, ...cells] } });
    }
  }
  // Array.prototype.sort is stable: within a rank, rows keep the order of the powers.
  const rows = ranked.sort((a, b) => a.rank - b.rank).map((r) => r.row);
  return {
    id,
    title: department ? `${department.name}${list.title}` : list.title,
    source: list.source,
    columns: [...(department ? [] : ['部门']), '职权名称', ...list.columns],
    rows,
    powers: new Set(rows.map((r) => r.code)).size,
  };
}
