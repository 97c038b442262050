import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDownload, downloadSpecs } from '../src/build/downloads.ts';
import { EXTENSION_COLUMNS } from '../src/generators/exports/extension-columns.ts';
import { keepTogetherBreaks } from '../src/generators/exports/print-layout.ts';
import { checkContentAt } from '../src/model/check.ts';
import { pdfInfo, pdfPages, pdfWords } from './helpers/pdf.ts';

/**
 * Every XLSX download printed by a real spreadsheet program: LibreOffice converts each to PDF
 * (its print output) and poppler reads the PDF back. Needs `soffice`, `pdfinfo`/`pdftotext` and
 * the Carlito font (Calibri's metric twin, which Excel's column widths are measured in); .ci/run
 * installs them.
 */
const SAMPLE = join(import.meta.dirname, '..', 'content');
const model = checkContentAt(SAMPLE).model!;
const work = mkdtempSync(join(tmpdir(), 'quanze-xlsx-print-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const specs = downloadSpecs(model).filter((s) => s.ext === 'xlsx');
/** Machine-readable header text that must never be printed. */
const MACHINE_TEXT = [...EXTENSION_COLUMNS.filter((c) => !['程序', '状态', '备注'].includes(c)), '{"'];

function soffice(files: string[]) {
  execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...files], { stdio: 'ignore', timeout: 600_000 });
}

let nineWordHeight = 0;

beforeAll(async () => {
  for (const tool of ['soffice', 'pdfinfo', 'pdftotext', 'fc-match']) {
    expect(() => execFileSync('sh', ['-c', `command -v ${tool}`]), `需要 ${tool}（apt-get install libreoffice-calc poppler-utils）`).not.toThrow();
  }
  expect(execFileSync('fc-match', ['Calibri'], { encoding: 'utf8' }), '需要 Carlito 字体（apt-get install fonts-crosextra-carlito）').toMatch(/Carlito/);
  // A reference: text set at exactly 9 pt in the same font, printed the same way.
  const reference = new ExcelJS.Workbook();
  const sheet = reference.addWorksheet('9pt');
  sheet.getCell('A1').value = '职权名称实施依据';
  sheet.getCell('A1').font = { name: '宋体', size: 9 };
  sheet.getColumn(1).width = 40;
  await reference.xlsx.writeFile(join(work, 'reference-9pt.xlsx'));
  const files = [join(work, 'reference-9pt.xlsx')];
  for (const spec of specs) {
    const file = join(work, spec.file);
    writeFileSync(file, await buildDownload(model, spec));
    files.push(file);
  }
  soffice(files);
  nineWordHeight = pdfWords(join(work, 'reference-9pt.pdf')).find((w) => w.text.includes('职权名称'))!.height;
}, 900_000);

describe('XLSX downloads printed by LibreOffice', () => {
  it('covers every XLSX download', () => {
    expect(specs.filter((s) => s.kind === 'department')).toHaveLength(model.departments.length);
    expect(nineWordHeight).toBeGreaterThan(9);
  });

  it.each(specs.map((s) => [s.file, s] as const))('%s: A4 landscape, every page numbered, headers repeated, no machine columns, text ≥ 9 pt', (file, spec) => {
    const pdf = join(work, file.replace(/\.xlsx$/, '.pdf'));
    expect(existsSync(pdf)).toBe(true);
    const info = pdfInfo(pdf);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([842, 595]);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(info.pages);
    pages.forEach((text, i) => {
      // pdftotext may or may not keep the space between a digit and a CJK character.
      expect(text.replace(/\s+/g, ''), `${file} 第 ${i + 1} 页`).toContain(`第${i + 1}页共${info.pages}页`);
      // The column headings are repeated at the top of every page.
      expect(text, `${file} 第 ${i + 1} 页`).toMatch(spec.kind === 'department' ? /职权名称[\s\S]*实施依据/ : /序号/);
      for (const t of MACHINE_TEXT) expect(text, `${file} 第 ${i + 1} 页`).not.toContain(t);
    });
    if (spec.kind === 'department') {
      const department = model.departments.find((d) => d.id === spec.department)!;
      const powers = model.powers.filter((p) => p.department.id === department.id);
      for (const text of pages) expect(text).toContain(department.name);
      expect(pages[0]).toContain(`共 ${powers.length} 项`);
      // Every power is printed (the first line of its name in the narrow 职权名称 column), and the whole list fits a sensible budget.
      const all = pages.join('').replace(/\s+/g, '');
      for (const p of powers) expect(all, p.name).toContain(p.name.replace(/\s+/g, '').slice(0, 5));
      expect(info.pages).toBeLessThanOrEqual(2 * powers.length + 2);
    }
    const words = pdfWords(pdf).filter((w) => /[\p{Script=Han}]/u.test(w.text));
    const small = words.filter((w) => w.height < nineWordHeight - 0.05);
    expect(small.map((w) => `${w.text}:${w.height.toFixed(1)}`)).toEqual([]);
  });
});

describe('keeping a power on one page', () => {
  it('breaks before a block that does not fit the rest of the page but fits a page', () => {
    expect(keepTogetherBreaks([100, 100, 100], 250, 300)).toEqual([2]);
    expect(keepTogetherBreaks([100, 400, 100], 300, 300)).toEqual([]);
    expect(keepTogetherBreaks([200, 200, 200, 200], 300, 300)).toEqual([1, 2, 3]);
  });
});
