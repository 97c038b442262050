import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildDownload, downloadSpecs } from '../src/build/downloads.ts';
import { buildDerivedList } from '../src/generators/derived-lists.ts';
import { neutraliseFormula, restoreFormulaText, csvRecords } from '../src/generators/exports/csv-text.ts';
import { readCsv } from '../src/import/grid.ts';
import { checkContentAt } from '../src/model/check.ts';
import { pythonCsvRecords } from './helpers/python-csv.ts';

const SAMPLE = join(import.meta.dirname, '..', 'content');
const model = checkContentAt(SAMPLE).model!;
const FORMULA_START = /^[=+\-@\t\r]/;

/** The records each CSV download must hold: a header, then one record per power or list row. */
function expectedRecords(spec: ReturnType<typeof downloadSpecs>[number]): number {
  if (spec.kind === 'all') return 1 + model.powers.length;
  if (spec.kind === 'department') return 1 + model.powers.filter((p) => p.department.id === spec.department).length;
  const department = spec.department ? model.departments.find((d) => d.id === spec.department) : undefined;
  return 1 + buildDerivedList(model, spec.list, department).rows.length;
}

describe('CSV downloads read by an independent RFC 4180 reader (Python csv)', () => {
  const specs = downloadSpecs(model).filter((s) => s.ext === 'csv');

  it('covers every CSV download of the sample site', () => {
    expect(specs.length).toBeGreaterThan(10);
  });

  it.each(specs.map((s) => [s.file, s] as const))('%s: one record per row, CRLF, BOM, no cell starting like a formula', async (_file, spec) => {
    const text = String(await buildDownload(model, spec));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = pythonCsvRecords(text);
    expect(records.length).toBe(expectedRecords(spec));
    const width = records[0]!.length;
    for (const r of records) expect(r.length).toBe(width);
    // Between records only CRLF: outside quotes there is no bare LF.
    expect(text.replace(/"(?:[^"]|"")*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
    const risky = records.flat().filter((cell) => FORMULA_START.test(cell));
    expect(risky).toEqual([]);
    // Our own reader agrees with Python's, apostrophes removed.
    const ours = readCsv(text).map((r) => r.cells.map((c) => c.text));
    expect(ours).toEqual(records.map((r) => r.map(restoreFormulaText)));
  });

  it('multi-line cells are quoted and come back whole', async () => {
    const text = String(await buildDownload(model, specs.find((s) => s.kind === 'all')!));
    const records = pythonCsvRecords(text);
    expect(records.slice(1).some((r) => r.some((c) => c.includes('\n')))).toBe(true);
  });
});

describe('formula neutralisation', () => {
  const cells = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', "'=already", "'plain", 'plain', '', '1+1', '—'];

  it('puts an apostrophe before text a spreadsheet would run, and import takes exactly that one off', () => {
    const text = csvRecords([cells]);
    const [record] = pythonCsvRecords(text);
    expect(record!.filter((c) => FORMULA_START.test(c))).toEqual([]);
    expect(record).toEqual(cells.map((c) => (/^[=+\-@\t\r']/.test(c) ? `'${c}` : c)));
    expect(readCsv(text)[0]!.cells.map((c) => c.text)).toEqual(cells);
    expect(cells.map(neutraliseFormula).map(restoreFormulaText)).toEqual(cells);
  });
});
