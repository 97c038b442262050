import ExcelJS from 'exceljs';
import { displayWidth } from '../../lib/display-width.ts';
import { workbookBuffer } from './workbook-buffer.ts';
import { BOM, csvRecords } from './csv-text.ts';
import { BODY_PT, MARGINS, PRINTABLE_WIDTH_UNITS, textHeight, TITLE_PT } from './print-layout.ts';

const FONT = '宋体';
const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

/**
 * A plain table (title, columns, rows) as XLSX for the derived lists, ready to print like the
 * 权责清单: A4 landscape at 100 % with the widths fitting the page (each column's share of the
 * width follows how much text it holds), the header row repeated on every page, page numbers in
 * the footer, and row heights that show the wrapped text in full.
 */
export async function tableWorkbook(title: string, columns: string[], rows: string[][], footer?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quanze';
  const sheet = workbook.addWorksheet('清单', {
    pageSetup: { paperSize: 9, orientation: 'landscape', scale: 100, fitToPage: false, horizontalCentered: true, margins: { ...MARGINS } },
    headerFooter: { oddHeader: `&L&"${FONT}"&9${title.replace(/&/g, '&&')}`, oddFooter: `&L&"${FONT}"&9共 ${rows.length} 项&C&"${FONT}"&9第 &P 页 共 &N 页` },
  });
  const widths = tableWidths(columns, rows);
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const full = widths.reduce((a, b) => a + b, 0);
  const head = sheet.addRow([title]);
  sheet.mergeCells(head.number, 1, head.number, columns.length + 1);
  head.getCell(1).style = { font: { name: FONT, bold: true, size: TITLE_PT }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
  head.height = Math.max(28, textHeight(title, full, TITLE_PT));
  // Shared style objects: exceljs recognises a style it has seen by identity (see xlsx.ts).
  const headerStyle: Partial<ExcelJS.Style> = { font: { name: FONT, size: BODY_PT, bold: true }, border, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } };
  const cellStyle: Partial<ExcelJS.Style> = { font: { name: FONT, size: BODY_PT }, border, alignment: { wrapText: true, vertical: 'top' } };
  const labels = ['序号', ...columns];
  const header = sheet.addRow(labels);
  header.eachCell((c) => (c.style = headerStyle));
  header.height = Math.max(...labels.map((l, i) => textHeight(l, widths[i]!)));
  rows.forEach((r, i) => {
    const values = [String(i + 1), ...r];
    const row = sheet.addRow(values);
    for (let c = 1; c <= labels.length; c++) row.getCell(c).style = cellStyle;
    row.height = Math.max(18, ...values.map((v, j) => textHeight(v ?? '', widths[j]!)));
  });
  if (footer) {
    const f = sheet.addRow([footer]);
    sheet.mergeCells(f.number, 1, f.number, columns.length + 1);
    f.height = textHeight(footer, full);
  }
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(labels.length).letter}${sheet.rowCount}`;
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  return workbookBuffer(workbook);
}

/** 序号 narrow; the other columns share the page width by the length of their longest lines (square root, so long texts do not starve short ones). */
function tableWidths(columns: string[], rows: string[][]): number[] {
  const first = 6;
  const weight = columns.map((c, j) => Math.sqrt(Math.max(displayWidth(c), ...rows.map((r) => Math.max(0, ...(r[j] ?? '').split('\n').map((l) => displayWidth(l)))), 8)));
  const sum = weight.reduce((a, b) => a + b, 0);
  const total = PRINTABLE_WIDTH_UNITS - 3 - first;
  return [first, ...weight.map((w) => Math.max(8, Math.floor((total * w) / sum)))];
}

export function tableCsv(columns: string[], rows: string[][]): string {
  return BOM + csvRecords([columns, ...rows]);
}
