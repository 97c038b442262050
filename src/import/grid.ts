import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { restoreFormulaText } from '../generators/exports/csv-text.ts';
import { MACHINE_SHEET } from '../generators/exports/extension-columns.ts';

/**
 * A spreadsheet as a grid of text cells. A cell inside a merged range carries the key of the
 * range's first cell, so that rows of one power (merged 职权名称) can be told apart from the next.
 */
export interface GridCell {
  text: string;
  /** Address of the merge master (e.g. B5); the cell's own address when not merged. */
  master: string;
}

export interface GridRow {
  /** 1-based row number as the user sees it in the spreadsheet. */
  number: number;
  cells: GridCell[];
}

export async function readGrid(file: string): Promise<{ rows: GridRow[]; sheet: string }> {
  if (/\.csv$/i.test(file)) return { rows: readCsv(readFileSync(file, 'utf8')), sheet: 'CSV' };
  if (/\.xlsx$/i.test(file)) return readXlsx(file);
  throw new Error(`只支持 .xlsx 和 .csv 文件：${file}`);
}

/** CSV cells lose the apostrophe that the export put before formula-like text (csv-text.ts). */
export function readCsv(text: string): GridRow[] {
  const records: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false, bom: true });
  return records.map((cells, i) => ({ number: i + 1, cells: cells.map((t, j) => ({ text: restoreFormulaText(t), master: `${j}:${i}` })) }));
}

async function readXlsx(file: string): Promise<{ rows: GridRow[]; sheet: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  // A workbook exported by Quanze is read from its import sheet (one power per row, every field);
  // any other workbook from its first visible sheet.
  const sheet = workbook.worksheets.find((s) => s.name === MACHINE_SHEET) ?? workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return { rows: [], sheet: '' };
  const rows: GridRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      cells.push({ text: cellText(master.value), master: master.address });
    }
    rows.push({ number: r, cells });
  }
  return { rows, sheet: sheet.name };
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}
