import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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

/**
 * Bounds of a list: the largest official lists have a few thousand rows and some twenty columns.
 * A sheet reaching past them (often one stray cell at XFD1048576) is refused with its address,
 * instead of a grid of a billion empty cells.
 */
export const MAX_ROWS = 50_000;
export const MAX_COLUMNS = 200;

/** Merged ranges in one sheet: official lists have a few thousand; exceljs checks each against all. */
export const MAX_MERGES = 20_000;
/** A sheet's XML unpacked: a few MB for the largest lists; a zip bomb stops here. */
const MAX_SHEET_XML_BYTES = 200 * 1024 * 1024;

async function readXlsx(file: string): Promise<{ rows: GridRow[]; sheet: string }> {
  const workbook = await loadWorkbook(file);
  // A workbook exported by Quanze is read from its import sheet (one power per row, every field);
  // any other workbook from its first visible sheet.
  const sheet = workbook.worksheets.find((s) => s.name === MACHINE_SHEET) ?? workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return { rows: [], sheet: '' };
  return { rows: sheetGrid(sheet), sheet: sheet.name };
}

/** An .xlsx workbook loaded by exceljs once its merged ranges are known to be within bounds. */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const bytes = readFileSync(file);
  await checkMerges(bytes);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** A sheet's rows, read by the cells present in the file, within MAX_ROWS × MAX_COLUMNS. */
export function sheetGrid(sheet: ExcelJS.Worksheet): GridRow[] {
  // Only the cells present in the file are visited (eachRow/eachCell skip the empty ones), so
  // the work follows the file's size, not the sheet's dimensions.
  const present: { number: number; cells: Map<number, ExcelJS.Cell> }[] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, ExcelJS.Cell>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (r > MAX_ROWS || c > MAX_COLUMNS) {
        throw new Error(`工作表「${sheet.name}」的单元格 ${cell.address} 超出读取范围（至多 ${MAX_ROWS} 行、${MAX_COLUMNS} 列）：请删除表格范围外的内容后再导入`);
      }
      cells.set(c, cell);
      width = Math.max(width, c);
    });
    if (cells.size) present.push({ number: r, cells });
  });
  const rows: GridRow[] = [];
  let next = 1;
  for (const { number, cells } of present) {
    // Empty rows between filled ones are kept (they separate groups), as rows without cells.
    for (; next < number; next++) rows.push({ number: next, cells: [] });
    const row = sheet.getRow(number);
    const out: GridCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = cells.get(c) ?? row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      out.push({ text: cellText(master.value, master.address, sheet.name), master: master.address });
    }
    rows.push({ number, cells: out });
    next = number + 1;
  }
  return rows;
}

/**
 * exceljs fills every cell of a merged range when it loads a sheet, so one range A1:XFD1048576
 * in a 7 KB file would never finish. The sheets' merge lists are read first (unpacked with a
 * size cap) and a range past the sheet limits, or too many ranges, is refused by address.
 */
async function checkMerges(bytes: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new Error('文件不是有效的 .xlsx（无法解压）：请用 Excel 或 WPS 另存为 .xlsx 后再导入');
  }
  for (const entry of zip.file(/^xl\/worksheets\/[^/]+\.xml$/)) {
    const xml = await unpackBounded(entry);
    let count = 0;
    for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      if (++count > MAX_MERGES) throw new Error(`工作表中合并单元格超过 ${MAX_MERGES} 处：请确认选对了文件`);
      const bottom = Number(m[4]);
      const right = columnNumber(m[3]!);
      if (bottom > MAX_ROWS || right > MAX_COLUMNS) {
        throw new Error(`合并单元格 ${m[1]}${m[2]}:${m[3]}${m[4]} 超出读取范围（至多 ${MAX_ROWS} 行、${MAX_COLUMNS} 列）：请取消该合并或删除表格范围外的内容后再导入`);
      }
    }
  }
}

async function unpackBounded(entry: JSZip.JSZipObject): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((done, fail) => {
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_SHEET_XML_BYTES) {
        stream.pause();
        fail(new Error(`工作表 ${entry.name} 解压后超过 ${MAX_SHEET_XML_BYTES / 1024 / 1024} MB：不像是一份清单，请确认选对了文件`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => done());
    stream.on('error', fail);
  });
  return Buffer.concat(chunks).toString('utf8');
}

/** Column letters to their number: A → 1, XFD → 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** A cell's text as the user sees it; a formula counts by its saved result, never by its formula. */
export function cellText(value: ExcelJS.CellValue, address: string, sheet: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null || typeof result === 'object') {
        throw new Error(`工作表「${sheet}」的单元格 ${address} 是公式，文件中没有保存它的计算结果：请在 Excel 或 WPS 中打开并另存（或把公式转为数值）后再导入`);
      }
      return String(result);
    }
    if ('error' in value) throw new Error(`工作表「${sheet}」的单元格 ${address} 是错误值 ${String(value.error)}：请改正后再导入`);
    if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue, address, sheet);
  }
  return String(value);
}
