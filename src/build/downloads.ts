import { powersToCsv } from '../generators/exports/csv.ts';
import { listsToJson } from '../generators/exports/json.ts';
import { departmentWorkbook } from '../generators/exports/xlsx.ts';
import { tableCsv, tableWorkbook } from '../generators/exports/table.ts';
import { buildDerivedList, DERIVED_LISTS, type DerivedListId } from '../generators/derived-lists.ts';
import type { Model, PowerModel } from '../model/types.ts';

/**
 * The download files of the site (/downloads/<file>): each department's 权责清单 as XLSX (official
 * layout) and CSV; all lists as JSON (open data) and CSV; each derived list site-wide and per
 * department. A spec names a file and the powers it is made from, so a build can reuse a file whose
 * powers did not change.
 */
export type DownloadSpec =
  | { file: string; kind: 'all'; ext: 'json' | 'csv' }
  | { file: string; kind: 'department'; department: string; ext: 'xlsx' | 'csv' }
  | { file: string; kind: 'list'; list: DerivedListId; department?: string; ext: 'xlsx' | 'csv' | 'json' };

export function downloadSpecs(model: Model): DownloadSpec[] {
  const specs: DownloadSpec[] = [
    { file: 'quanze-lists.json', kind: 'all', ext: 'json' },
    { file: 'quanze-lists.csv', kind: 'all', ext: 'csv' },
  ];
  for (const d of model.departments) {
    for (const ext of ['xlsx', 'csv'] as const) specs.push({ file: `${d.id}.${ext}`, kind: 'department', department: d.id, ext });
  }
  for (const l of DERIVED_LISTS) {
    for (const ext of ['xlsx', 'csv', 'json'] as const) specs.push({ file: `list-${l.id}.${ext}`, kind: 'list', list: l.id, ext });
    for (const d of model.departments) {
      for (const ext of ['xlsx', 'csv'] as const) specs.push({ file: `${d.id}-${l.id}.${ext}`, kind: 'list', list: l.id, department: d.id, ext });
    }
  }
  return specs;
}

/** The powers a download is made from: one department's, or all. */
export function downloadPowers(model: Model, spec: DownloadSpec): PowerModel[] {
  const department = spec.kind === 'all' ? undefined : spec.department;
  return department ? model.powers.filter((p) => p.department.id === department) : model.powers;
}

export async function buildDownload(model: Model, spec: DownloadSpec): Promise<Uint8Array | string> {
  switch (spec.kind) {
    case 'all':
      return spec.ext === 'json' ? JSON.stringify(listsToJson(model), null, 2) : powersToCsv(model, model.powers);
    case 'department': {
      if (spec.ext === 'csv') return powersToCsv(model, downloadPowers(model, spec));
      return new Uint8Array(await departmentWorkbook(model, model.departments.find((d) => d.id === spec.department)!));
    }
    case 'list': {
      const department = spec.department ? model.departments.find((d) => d.id === spec.department) : undefined;
      const list = buildDerivedList(model, spec.list, department);
      const rows = list.rows.map((r) => r.cells);
      if (spec.ext === 'json') return JSON.stringify({ title: list.title, source: list.source, columns: list.columns, rows: list.rows }, null, 2);
      if (spec.ext === 'csv') return tableCsv(list.columns, rows);
      return new Uint8Array(await tableWorkbook(list.title, list.columns, rows));
    }
  }
}
