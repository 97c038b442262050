import type { APIRoute } from 'astro';
import { powersToCsv } from '../../generators/exports/csv.ts';
import { listsToJson } from '../../generators/exports/json.ts';
import { departmentWorkbook } from '../../generators/exports/xlsx.ts';
import { tableCsv, tableWorkbook } from '../../generators/exports/table.ts';
import { buildDerivedList, DERIVED_LISTS, type DerivedListId } from '../../generators/derived-lists.ts';
import { getModel } from '../../site/data.ts';

type Download =
  | { kind: 'all'; ext: 'json' | 'csv' }
  | { kind: 'department'; department: string; ext: 'xlsx' | 'csv' }
  | { kind: 'list'; list: DerivedListId; department?: string; ext: 'xlsx' | 'csv' | 'json' };

/**
 * Downloads: each department's 权责清单 as XLSX (official layout) and CSV; all lists as JSON (open
 * data) and CSV; each derived list site-wide and per department.
 */
export function getStaticPaths() {
  const model = getModel();
  const paths: { params: { file: string }; props: Download }[] = [
    { params: { file: 'quanze-lists.json' }, props: { kind: 'all', ext: 'json' } },
    { params: { file: 'quanze-lists.csv' }, props: { kind: 'all', ext: 'csv' } },
  ];
  for (const d of model.departments) {
    for (const ext of ['xlsx', 'csv'] as const) paths.push({ params: { file: `${d.id}.${ext}` }, props: { kind: 'department', department: d.id, ext } });
  }
  for (const l of DERIVED_LISTS) {
    for (const ext of ['xlsx', 'csv', 'json'] as const) paths.push({ params: { file: `list-${l.id}.${ext}` }, props: { kind: 'list', list: l.id, ext } });
    for (const d of model.departments) {
      for (const ext of ['xlsx', 'csv'] as const) paths.push({ params: { file: `${d.id}-${l.id}.${ext}` }, props: { kind: 'list', list: l.id, department: d.id, ext } });
    }
  }
  return paths;
}

export const GET: APIRoute = async ({ props }) => {
  const model = getModel();
  const download = props as Download;
  const department = 'department' in download && download.department ? model.departments.find((d) => d.id === download.department) : undefined;
  switch (download.kind) {
    case 'all':
      return new Response(download.ext === 'json' ? JSON.stringify(listsToJson(model), null, 2) : powersToCsv(model, model.powers));
    case 'department': {
      const powers = model.powers.filter((p) => p.department.id === download.department);
      return new Response(download.ext === 'csv' ? powersToCsv(model, powers) : new Uint8Array(await departmentWorkbook(model, department!)));
    }
    case 'list': {
      const list = buildDerivedList(model, download.list, department);
      const rows = list.rows.map((r) => r.cells);
      if (download.ext === 'json') return new Response(JSON.stringify({ title: list.title, source: list.source, columns: list.columns, rows: list.rows }, null, 2));
      if (download.ext === 'csv') return new Response(tableCsv(list.columns, rows));
      return new Response(new Uint8Array(await tableWorkbook(list.title, list.columns, rows)));
    }
  }
};
