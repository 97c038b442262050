import type { APIRoute } from 'astro';
import { powersToCsv } from '../../generators/exports/csv.ts';
import { listsToJson } from '../../generators/exports/json.ts';
import { departmentWorkbook } from '../../generators/exports/xlsx.ts';
import { getModel } from '../../site/data.ts';

/** Downloads: each department's list as XLSX (official layout) and CSV; all lists as JSON and CSV. */
export function getStaticPaths() {
  const model = getModel();
  return [
    { params: { file: 'quanze-lists.json' } },
    { params: { file: 'quanze-lists.csv' } },
    ...model.departments.flatMap((d) => [{ params: { file: `${d.id}.xlsx` } }, { params: { file: `${d.id}.csv` } }]),
  ];
}

export const GET: APIRoute = async ({ params }) => {
  const model = getModel();
  const file = params.file!;
  if (file === 'quanze-lists.json') return new Response(JSON.stringify(listsToJson(model), null, 2));
  if (file === 'quanze-lists.csv') return new Response(powersToCsv(model, model.powers));
  const [id, ext] = [file.replace(/\.(xlsx|csv)$/, ''), file.split('.').pop()];
  const department = model.departments.find((d) => d.id === id)!;
  if (ext === 'csv') return new Response(powersToCsv(model, model.powers.filter((p) => p.department.id === id)));
  return new Response(new Uint8Array(await departmentWorkbook(model, department)));
};
