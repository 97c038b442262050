import { createHash } from 'node:crypto';
import type { Power } from '../../schema/power.ts';

/**
 * The 源数据（机读） column of the CSV and of the XLSX import sheet: the power file itself (every
 * front-matter field as the schema reads it, and the Markdown body), so that export → import gives
 * back the same file whatever fields the schema has. It also holds a fingerprint of each of the
 * row's other cells as exported: the fields of the cells nobody changed are restored from here
 * exactly, and a cell edited in a spreadsheet is imported from the cell.
 */
export const SOURCE_COLUMN = '源数据（机读）';
export const SOURCE_FORMAT = 'quanze-power/1';

export interface SourceCell {
  format: typeof SOURCE_FORMAT;
  fields: Power;
  body: string;
  /** Column name (as the import names it: 责任事项, not 责任事项（岗位职责）) → fingerprint of its text. */
  cells: Record<string, string>;
}

/** The import's name of a column (the header without a trailing explanation in brackets, where the import drops it). */
export function columnKey(header: string): string {
  return header === '责任事项（岗位职责）' ? '责任事项' : header;
}

/** Whitespace is left out: spreadsheet programs and the import's reader may trim or re-break lines. */
export function cellFingerprint(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, '')).digest('hex').slice(0, 12);
}

/** The cell for one power; `cells` are the row's other columns (header → text). */
export function sourceCell(fields: Power, body: string, cells: [string, string][]): string {
  const value: SourceCell = { format: SOURCE_FORMAT, fields, body, cells: Object.fromEntries(cells.map(([h, t]) => [columnKey(h), cellFingerprint(t)])) };
  // Spaces a reader may normalise (ideographic, no-break, tab) are written as JSON escapes, so
  // the text inside the JSON strings comes back exactly.
  return JSON.stringify(value).replace(/[\u3000\u00a0\t]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
