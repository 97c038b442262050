import { BOM, csvRecords } from './csv-text.ts';
import { SOURCE_COLUMN, sourceCell } from './source-column.ts';
import type { Model, PowerModel } from '../../model/types.ts';
import { buildPowerRow } from '../list-table.ts';
import { EXTENSION_COLUMNS, extensionValues, stageBasisValues } from './extension-columns.ts';

const OFFICIAL = ['职权类别', '职权名称', '实施依据', '责任事项（岗位职责）', '办理期限', '收费情况', '违法责任'] as const;

/**
 * The lists as CSV: one row per power (multi-line cells hold the numbered citations and duties),
 * the official columns followed by the machine-readable ones; RFC 4180 with a BOM and formula
 * neutralisation (see csv-text.ts).
 */
export function powersToCsv(model: Model, powers: PowerModel[]): string {
  return csvHead() + csvRows(model, powers);
}

/** The BOM and the heading row. */
export function csvHead(): string {
  return BOM + csvRecords([machineHeader()]);
}

/** The columns of the CSV and of the XLSX import sheet: the official ones, then the machine-readable ones. */
export function machineHeader(): string[] {
  return [...OFFICIAL, '部门', ...EXTENSION_COLUMNS];
}

/**
 * The rows of some powers, each ending with its line break, so that the rows of several groups
 * of powers put one after another are the rows of all of them (the site-wide file is made from
 * each department's rows).
 */
export function csvRows(model: Model, powers: PowerModel[]): string {
  return csvRecords(powers.map((power) => machineRecord(model, power)));
}

/** One power as one record: multi-line cells for the citations and duties. */
export function machineRecord(model: Model, power: PowerModel): string[] {
  const row = buildPowerRow(model, power);
  const ext = extensionValues(power);
  const header = machineHeader();
  const cells = [
    row.categoryLabel + (power.category.hasVariants ? `（${power.procedure.name}）` : ''),
    row.name,
    row.basis.join('\n'),
    row.duties.map((d) => d.text).join('\n'),
    row.duties.map((d) => d.limit).join('\n'),
    row.fee,
    row.liability.join('\n'),
    power.department.name,
    ...EXTENSION_COLUMNS.filter((name) => name !== SOURCE_COLUMN).map((name) => (name === '环节依据' ? stageBasisValues(power, row.duties.length).join('\n') : ext[name as keyof typeof ext])),
  ];
  const others = cells.map((text, i): [string, string] => [header[i]!, text]).filter(([h]) => h !== '部门');
  return [...cells, sourceCell(power.record, power.body, others)];
}
