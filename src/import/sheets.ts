import { readFileSync } from 'node:fs';
import { loadWorkbook, readCsv, sheetGrid, type GridRow } from './grid.ts';
import { decodeText, type TextEncodingName } from './decode.ts';
import { MACHINE_SHEET } from '../generators/exports/extension-columns.ts';

/** One sheet of a workbook (a CSV file is one sheet named after nothing). */
export interface Sheet {
  name: string;
  rows: GridRow[];
}

export interface Workbook {
  sheets: Sheet[];
  /** The detected text encoding of a CSV file; XLSX files are always UTF-8 inside. */
  encoding?: TextEncodingName;
}

/**
 * Reads every visible sheet of an .xlsx workbook, or a .csv file in whatever encoding it was saved
 * (UTF-8 with or without BOM, GB18030/GBK, UTF-16). Hidden sheets are left out: they hold lookup
 * lists, not powers.
 */
export async function readWorkbook(file: string): Promise<Workbook> {
  if (/\.csv$/i.test(file)) {
    const { text, encoding } = decodeText(readFileSync(file));
    return { sheets: [{ name: '', rows: readCsv(text) }], encoding };
  }
  if (/\.xlsx$/i.test(file)) {
    // Bounded: merged ranges checked before loading, cells read as present (grid.ts).
    const workbook = await loadWorkbook(file);
    // A workbook exported by Quanze is read from its (hidden) import sheet alone: one power per
    // row with every field; its category sheets are the same powers laid out for print.
    const exported = workbook.worksheets.find((s) => s.name === MACHINE_SHEET);
    if (exported) return { sheets: [{ name: exported.name, rows: sheetGrid(exported) }] };
    return { sheets: workbook.worksheets.filter((s) => s.state === 'visible').map((sheet) => ({ name: sheet.name, rows: sheetGrid(sheet) })) };
  }
  throw new Error(`只支持 .xlsx 和 .csv 文件：${file}`);
}
