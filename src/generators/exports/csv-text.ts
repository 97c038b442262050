import { stringify } from 'csv-stringify/sync';

/**
 * CSV as RFC 4180 describes it and as Excel and WPS open it: CRLF between records, every field
 * holding a line break, quote or comma quoted (line breaks inside a field stay as the text has
 * them), and a UTF-8 BOM so that Excel reads the Chinese text as UTF-8.
 *
 * Formula neutralisation (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with
 * = + - @, a tab or a carriage return as a formula, so such a cell is written with a leading
 * apostrophe ('=… is shown as text). A cell that itself starts with an apostrophe gets one more,
 * so that `restoreFormulaText` can strip exactly the one added here and the round trip is exact.
 */
export const BOM = '\uFEFF';

const NEEDS_GUARD = /^[=+\-@\t\r']/;

export function neutraliseFormula(cell: string): string {
  return NEEDS_GUARD.test(cell) ? `'${cell}` : cell;
}

/** The inverse of `neutraliseFormula`: removes the apostrophe it added, and nothing else. */
export function restoreFormulaText(cell: string): string {
  return cell.startsWith("'") && NEEDS_GUARD.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Records (no BOM), each ending with CRLF; empty string for no records. */
export function csvRecords(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  if (!rows.length) return '';
  return stringify(
    rows.map((r) => r.map((cell) => neutraliseFormula(cell === null || cell === undefined ? '' : String(cell)))),
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare LF, which
    // is what multi-line cells hold: quote every field with a line break of any kind.
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}
