import ExcelJS from 'exceljs';
import { workbookBuffer } from './workbook-buffer.ts';
import type { DepartmentModel, Model } from '../../model/types.ts';
import { buildDepartmentList, type ListColumn, type PowerRow } from '../list-table.ts';
import { EXTENSION_COLUMNS, extensionValues, stageBasisValues } from './extension-columns.ts';

/**
 * A department's 权责清单 as an XLSX workbook in the official layout: a title, one block per
 * category with its heading （一）行政许可类（共 N 项）, the template's columns with merged cells
 * for a power's rows, and the contact footer — plus the machine-readable columns on the right.
 */
export async function departmentWorkbook(model: Model, department: DepartmentModel): Promise<Buffer> {
  const list = buildDepartmentList(model, department);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quanze';
  const sheet = workbook.addWorksheet('权责清单', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // A department without powers yet still gets its (empty) list, not a crash on Math.max().
  const width = Math.max(0, ...list.sections.map((s) => s.columns.length)) + EXTENSION_COLUMNS.length;
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  const wrap = { wrapText: true, vertical: 'top' } as const;
  // One style object per kind of cell: exceljs recognises a style it has seen by identity, and a
  // style built per cell made styling most of a workbook's time (measured: 13.8 s for 40 lists).
  const headerStyle: Partial<ExcelJS.Style> = { font: { bold: true }, border, alignment: { ...wrap, horizontal: 'center' } };
  const cellStyle: Partial<ExcelJS.Style> = { border, alignment: wrap };
  const powersByCode = new Map(model.powers.map((p) => [p.code, p]));

  const merged = (text: string, bold = false, size = 11) => {
    const row = sheet.addRow([text]);
    merge(sheet, row.number, 1, row.number, width);
    row.getCell(1).font = { bold, size };
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    return row;
  };

  merged(list.title, true, 16);
  for (const section of list.sections) {
    merged(section.heading, true, 13);
    const header = sheet.addRow([...section.columns.map((c) => c.label), ...EXTENSION_COLUMNS]);
    header.eachCell((cell) => {
      cell.style = headerStyle;
    });
    for (const row of section.powers) writePower(row, section.columns, powersByCode.get(row.code)!);
  }
  merged(list.footer.text);

  function writePower(row: PowerRow, columns: ListColumn[], power: NonNullable<ReturnType<typeof powersByCode.get>>) {
    const ext = extensionValues(power);
    const stageBasis = stageBasisValues(power, row.duties.length);
    const first = sheet.rowCount + 1;
    row.duties.forEach((duty, i) => {
      const values = columns.map((c) => {
        if (c.key === 'duties') return duty.text;
        if (c.key === 'limit') return duty.limit;
        if (i > 0) return null;
        switch (c.key) {
          case 'category':
            return row.categoryLabel + (power.category.hasVariants ? `（${power.procedure.name}）` : '');
          case 'name':
            return row.name;
          case 'basis':
            return row.basis.join('\n');
          case 'fee':
            return row.fee;
          case 'liability':
            return row.liability.join('\n');
          default:
            return null;
        }
      });
      const extCells = EXTENSION_COLUMNS.map((name) => (name === '环节依据' ? stageBasis[i] : i === 0 ? ext[name] : null));
      const added = sheet.addRow([...values, ...extCells]);
      added.eachCell({ includeEmpty: true }, (cell) => {
        cell.style = cellStyle;
      });
    });
    const last = sheet.rowCount;
    if (last > first) {
      columns.forEach((c, j) => {
        if (c.merged) merge(sheet, first, j + 1, last, j + 1);
      });
      EXTENSION_COLUMNS.forEach((name, k) => {
        if (name !== '环节依据') merge(sheet, first, columns.length + k + 1, last, columns.length + k + 1);
      });
    }
  }

  const widths = [10, 22, 48, 48, 12, 12, 40];
  for (let i = 1; i <= width; i++) sheet.getColumn(i).width = widths[i - 1] ?? 16;
  return workbookBuffer(workbook);
}

/**
 * exceljs checks every new merge against every existing one, which is quadratic: a department with
 * 250 powers (4,000 merges) took seconds, and workbooks were a third of a 10,000-power build. The
 * merges written here never overlap by construction, so each is checked against an empty set and
 * then added to the sheet's own.
 */
function merge(sheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number) {
  const holder = sheet as unknown as { _merges: Record<string, unknown> };
  const all = holder._merges;
  holder._merges = {};
  try {
    sheet.mergeCells(top, left, bottom, right);
  } finally {
    Object.assign(all, holder._merges);
    holder._merges = all;
  }
}
