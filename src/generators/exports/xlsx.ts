import ExcelJS from 'exceljs';
import { workbookBuffer } from './workbook-buffer.ts';
import type { DepartmentModel, Model, PowerModel } from '../../model/types.ts';
import { buildDepartmentList, type ListColumn, type ListSection, type PowerRow } from '../list-table.ts';
import { machineHeader, machineRecord } from './csv.ts';
import { MACHINE_SHEET } from './extension-columns.ts';
import { BODY_PT, HEADING_PT, keepTogetherBreaks, MARGINS, PRINTABLE_HEIGHT_PT, PRINTABLE_WIDTH_UNITS, textHeight, TITLE_PT } from './print-layout.ts';
import { departmentPowers } from '../../model/department-powers.ts';


const FONT = '宋体';
const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
const wrap = { wrapText: true, vertical: 'top' } as const;
// One style object per kind of cell: exceljs recognises a style it has seen by identity, and a
// style built per cell made styling most of a workbook's time (measured: 13.8 s for 40 lists).
const headerStyle: Partial<ExcelJS.Style> = { font: { name: FONT, size: BODY_PT, bold: true }, border, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } };
const cellStyle: Partial<ExcelJS.Style> = { font: { name: FONT, size: BODY_PT }, border, alignment: wrap };
const centredCellStyle: Partial<ExcelJS.Style> = { font: { name: FONT, size: BODY_PT }, border, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } };

/**
 * A department's 权责清单 as an XLSX workbook in the official layout (许昌 2020 样式), ready to
 * print: one sheet per category, each with the centred title, its heading （一）行政许可类（共 N 项）,
 * the template's columns with merged cells for a power's rows, and the contact footer. A4
 * landscape at 100 % (the column widths fit the page width), header rows repeated on every page,
 * the department, 共 N 项, 内容更新至 and 第 &P 页 共 &N 页 in the page header and footer, row
 * heights that show the wrapped text in full, and page breaks that keep a power's rows together.
 * The last sheet, 机读数据（导入用）, holds every power on one row with the machine-readable
 * columns for `quanze import`; it is hidden, so it is not printed.
 */
export async function departmentWorkbook(model: Model, department: DepartmentModel, options: { updated?: string } = {}): Promise<Buffer> {
  const list = buildDepartmentList(model, department);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quanze';
  const powersByCode = new Map(model.powers.map((p) => [p.code, p]));
  const used = new Set<string>();
  for (const section of list.sections) {
    writeSection(workbook, sheetName(section, used), section, {
      title: list.title,
      footer: list.footer.text,
      header: pageHeader(department.name, options.updated),
      pageFooter: `&L&"${FONT}"&9共 ${list.total} 项&C&"${FONT}"&9第 &P 页 共 &N 页`,
      powersByCode,
    });
  }
  if (!list.sections.length) {
    const sheet = workbook.addWorksheet('权责清单', { pageSetup: pageSetup() });
    titleRow(sheet, list.title, 7);
    sheet.addRow(['（本部门尚无事项）']);
  }
  writeMachineSheet(workbook, model, departmentPowers(model, department.id));
  return workbookBuffer(workbook);
}

function pageHeader(department: string, updated?: string): string {
  const amp = (s: string) => s.replace(/&/g, '&&');
  return `&L&"${FONT}"&9${amp(department)}&R&"${FONT}"&9${updated ? `内容更新至 ${updated}` : ''}`;
}

function pageSetup(): Partial<ExcelJS.PageSetup> {
  // Scale 100 rather than "fit to width": the widths already fit the page, and Excel ignores
  // manual page breaks (which keep a power's rows together) once a fit-to option is set.
  return { paperSize: 9, orientation: 'landscape', scale: 100, fitToPage: false, horizontalCentered: true, margins: { ...MARGINS } };
}

/** Sheet names: the category (行政许可类), unique, without the characters Excel forbids. */
function sheetName(section: ListSection, used: Set<string>): string {
  const base = `${section.category}类`.replace(/[[\]:*?/\\]/g, '').slice(0, 28);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  used.add(name);
  return name;
}

/** Column widths of one section: fixed for the short columns, the rest shared by the long texts. */
export function sectionWidths(columns: ListColumn[]): number[] {
  const fixed: Partial<Record<ListColumn['key'], number>> = { category: 8, name: 14, limit: 10, fee: 8 };
  const share: Partial<Record<ListColumn['key'], number>> = { basis: 0.36, duties: 0.38, liability: 0.26 };
  const total = PRINTABLE_WIDTH_UNITS - 3;
  const rest = total - columns.reduce((s, c) => s + (fixed[c.key] ?? 0), 0);
  const shares = columns.reduce((s, c) => s + (share[c.key] ?? 0), 0);
  return columns.map((c) => fixed[c.key] ?? Math.floor((rest * (share[c.key] ?? 0)) / shares));
}

function titleRow(sheet: ExcelJS.Worksheet, text: string, width: number, size = TITLE_PT, horizontal: 'center' | 'left' = 'center') {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, width);
  row.getCell(1).font = { name: FONT, size, bold: size > BODY_PT };
  row.getCell(1).alignment = { wrapText: true, vertical: 'middle', horizontal };
  return row;
}

interface SectionContext {
  title: string;
  footer: string;
  header: string;
  pageFooter: string;
  powersByCode: Map<string, PowerModel>;
}

function writeSection(workbook: ExcelJS.Workbook, name: string, section: ListSection, ctx: SectionContext) {
  const columns = section.columns;
  const widths = sectionWidths(columns);
  const sheet = workbook.addWorksheet(name, {
    pageSetup: pageSetup(),
    headerFooter: { oddHeader: ctx.header, oddFooter: ctx.pageFooter },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const full = widths.reduce((a, b) => a + b, 0);

  const title = titleRow(sheet, ctx.title, columns.length);
  title.height = Math.max(28, textHeight(ctx.title, full, TITLE_PT));
  const heading = titleRow(sheet, section.heading, columns.length, HEADING_PT, 'left');
  heading.height = textHeight(section.heading, full, HEADING_PT);
  const header = sheet.addRow(columns.map((c) => c.label));
  header.eachCell((cell) => (cell.style = headerStyle));
  header.height = Math.max(...columns.map((c, i) => textHeight(c.label, widths[i]!)));
  const repeated = heading.height + header.height;

  const blocks = section.powers.map((row) => powerBlock(row, columns, widths, ctx.powersByCode.get(row.code)!));
  const breaks = new Set(keepTogetherBreaks(
    blocks.map((b) => b.heights.reduce((a, h) => a + h, 0)),
    PRINTABLE_HEIGHT_PT - title.height - repeated,
    PRINTABLE_HEIGHT_PT - repeated,
  ));
  blocks.forEach((block, i) => {
    const first = sheet.rowCount + 1;
    block.values.forEach((values, r) => {
      const added = sheet.addRow(values);
      added.height = block.heights[r]!;
      for (let c = 1; c <= columns.length; c++) {
        const key = columns[c - 1]!.key;
        added.getCell(c).style = key === 'category' || key === 'limit' || key === 'fee' ? centredCellStyle : cellStyle;
      }
    });
    const last = sheet.rowCount;
    if (breaks.has(i + 1)) sheet.getRow(last).addPageBreak();
    if (last > first) columns.forEach((c, j) => c.merged && sheet.mergeCells(first, j + 1, last, j + 1));
  });
  const footer = titleRow(sheet, ctx.footer, columns.length, BODY_PT, 'left');
  footer.height = textHeight(ctx.footer, full);
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(columns.length).letter}${sheet.rowCount}`;
  sheet.pageSetup.printTitlesRow = `${heading.number}:${header.number}`;
}

/** A power's cell values row by row, and row heights that show every cell (merged ones over all the rows) in full. */
function powerBlock(row: PowerRow, columns: ListColumn[], widths: number[], power: PowerModel) {
  const merged: Record<string, string> = {
    category: row.categoryLabel + (power.category.hasVariants ? `（${power.procedure.name}）` : ''),
    name: row.name,
    basis: row.basis.join('\n'),
    fee: row.fee,
    liability: row.liability.join('\n'),
  };
  const values = row.duties.map((duty, i) =>
    columns.map((c) => (c.key === 'duties' ? duty.text : c.key === 'limit' ? duty.limit : i === 0 ? (merged[c.key] ?? '') : null)),
  );
  const heights = values.map((v) => Math.max(18, ...columns.map((c, j) => (c.merged ? 0 : textHeight(String(v[j] ?? ''), widths[j]!)))));
  const need = Math.max(...columns.map((c, j) => (c.merged ? textHeight(merged[c.key] ?? '', widths[j]!) : 0)));
  const have = heights.reduce((a, h) => a + h, 0);
  // Merged text taller than the rows: the extra height is shared by the rows.
  if (need > have) {
    const extra = Math.ceil((need - have) / heights.length);
    heights.forEach((h, i) => (heights[i] = h + extra));
  }
  return { values, heights };
}

/** Every power on one row (the CSV layout): what `quanze import` reads back without loss. */
function writeMachineSheet(workbook: ExcelJS.Workbook, model: Model, powers: PowerModel[]) {
  const sheet = workbook.addWorksheet(MACHINE_SHEET, { state: 'hidden' });
  const head = sheet.addRow(machineHeader());
  head.eachCell((cell) => (cell.style = headerStyle));
  for (const power of powers) {
    sheet.addRow(machineRecord(model, power)).eachCell({ includeEmpty: true }, (cell) => (cell.style = cellStyle));
  }
  head.worksheet.columns.forEach((c) => (c.width = 24));
}
