import ExcelJS from 'exceljs';
import { workbookBuffer } from './workbook-buffer.ts';
import { BOM, csvRecords } from './csv-text.ts';

/** A plain table (title, columns, rows) as XLSX with a title row and borders, for the derived lists. */
export async function tableWorkbook(title: string, columns: string[], rows: string[][], footer?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quanze';
  const sheet = workbook.addWorksheet('清单', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const head = sheet.addRow([title]);
  sheet.mergeCells(head.number, 1, head.number, columns.length);
  head.getCell(1).font = { bold: true, size: 14 };
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  // Shared style objects: exceljs recognises a style it has seen by identity (see xlsx.ts).
  const headerStyle: Partial<ExcelJS.Style> = { font: { bold: true }, border };
  const cellStyle: Partial<ExcelJS.Style> = { border, alignment: { wrapText: true, vertical: 'top' } };
  const header = sheet.addRow(['序号', ...columns]);
  header.eachCell((c) => {
    c.style = headerStyle;
  });
  rows.forEach((r, i) =>
    sheet.addRow([i + 1, ...r]).eachCell({ includeEmpty: true }, (c) => {
      c.style = cellStyle;
    }),
  );
  if (footer) {
    const f = sheet.addRow([footer]);
    sheet.mergeCells(f.number, 1, f.number, columns.length + 1);
  }
  sheet.getColumn(1).width = 6;
  for (let i = 2; i <= columns.length + 1; i++) sheet.getColumn(i).width = 24;
  return workbookBuffer(workbook);
}

export function tableCsv(columns: string[], rows: string[][]): string {
  return BOM + csvRecords([columns, ...rows]);
}
