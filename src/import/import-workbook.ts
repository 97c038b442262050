import type { DepartmentModel, Model } from '../model/types.ts';
import type { TextEncodingName } from './decode.ts';
import { type ImportResult, newImportState, parseList, type ParseOptions } from './parse-list.ts';
import type { Workbook } from './sheets.ts';

export interface WorkbookImport extends Omit<ImportResult, 'layout' | 'rowStatus'> {
  encoding?: TextEncodingName;
  sheets: { name: string; layout: string; rows: number; powers: number }[];
  rowCounts: { total: number; imported: number; structure: number; skipped: number };
  /** What a person must still supply or check, counted by kind (岗位, 法规库, 版本 …). */
  findingsByKind: Record<string, number>;
}

/** Every sheet of a workbook through parseList, with codes and new-law ids shared between sheets. */
export function importWorkbook(workbook: Workbook, model: Model, department: DepartmentModel, options: Omit<ParseOptions, 'sheet' | 'state'>): WorkbookImport {
  const state = newImportState(model);
  const results = workbook.sheets.map((sheet) => ({ sheet, result: parseList(sheet.rows, model, department, { ...options, sheet: sheet.name, state }) }));
  const powers = results.flatMap((r) => r.result.powers);
  const report = results.flatMap((r) => r.result.report);
  const rowsIn = (status: string) => results.reduce((n, r) => n + [...r.result.rowStatus.values()].filter((s) => s === status).length, 0);
  const findingsByKind: Record<string, number> = {};
  for (const p of powers) for (const f of p.findings) findingsByKind[f.kind] = (findingsByKind[f.kind] ?? 0) + 1;
  const total = workbook.sheets.reduce((n, s) => n + s.rows.length, 0);
  const nonEmpty = workbook.sheets.some((s) => s.rows.some((r) => r.cells.some((c) => c.text.trim())));
  const failure = powers.length === 0 ? (results.find((r) => r.result.failure)?.result.failure ?? (nonEmpty ? '没有找到任何事项' : '文件是空的')) : undefined;
  return {
    encoding: workbook.encoding,
    sheets: results.map((r) => ({ name: r.sheet.name, layout: r.result.layout, rows: r.sheet.rows.length, powers: r.result.powers.length })),
    powers,
    report,
    missingLaws: [...state.missingLaws.values()],
    contacts: results.flatMap((r) => r.result.contacts),
    failure,
    rowCounts: { total, imported: rowsIn('imported'), structure: rowsIn('structure'), skipped: rowsIn('skipped') },
    findingsByKind,
  };
}
