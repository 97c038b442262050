import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContentAt } from '../../src/model/check.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { pdfInfo } from '../helpers/pdf.ts';
import { serveStatic } from '../helpers/static-server.ts';

/**
 * The site printed by Chromium (page.pdf with the page sizes print.css asks for) and read back
 * with poppler: page budgets, page numbers, the department in the margin, no navigation chrome,
 * and a department's powers kept whole on a page where they fit.
 */
const run = browserAvailable();
const model = checkContentAt(join(import.meta.dirname, '..', '..', 'content')).model!;
const work = mkdtempSync(join(tmpdir(), 'quanze-print-'));
const OUT = join(work, 'site');
let site: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;

/** The department with most powers (the sample's 应急管理局 has 18). */
const department = [...model.departments].sort((a, b) => model.powers.filter((p) => p.department.id === b.id).length - model.powers.filter((p) => p.department.id === a.id).length)[0]!;
const departmentPowers = model.powers.filter((p) => p.department.id === department.id);

async function print(path: string, name: string): Promise<{ file: string; pages: string[] }> {
  await page.goto(site.url + path, { waitUntil: 'load' });
  // Lazy images are loaded by a print too; here they are awaited so the PDF is complete.
  await page.evaluate(() => Promise.all([...document.images].map((img) => ((img.loading = 'eager'), img.decode().catch(() => undefined)))));
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
  // -raw keeps each table cell's lines together, in the order they were drawn.
  const pages = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map((t) => t.replace(/\s+/g, ''));
  return { file, pages };
}

function expectNumbered(pages: string[], total: number) {
  expect(pages).toHaveLength(total);
  pages.forEach((text, i) => expect(text, `第 ${i + 1} 页`).toContain(`第${i + 1}页共${total}页`));
}

describe.runIf(run)('printing the site (Chromium)', () => {
  beforeAll(async () => {
    execSync('npx quanze build', { stdio: 'pipe', env: { ...process.env, QUANZE_OUT_DIR: OUT, ASTRO_TELEMETRY_DISABLED: '1' } });
    site = await serveStatic(OUT);
    browser = await launchChromium();
    page = await browser.newPage();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(`a department of ${departmentPowers.length} powers: ≤ 12 A4 landscape pages, numbered, department and date at the top, each power whole on a page`, async () => {
    expect(departmentPowers.length).toBeGreaterThanOrEqual(18);
    const { file, pages } = await print(`/departments/${department.id}/`, department.id);
    const info = pdfInfo(file);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([842, 595]);
    expect(info.pages).toBeLessThanOrEqual(12);
    expectNumbered(pages, info.pages);
    for (const text of pages) expect(text).toContain(department.name);
    expect(pages[0]).toMatch(/内容更新至\d{4}-\d{2}-\d{2}/);
    expect(pages.join('')).not.toContain('跳到正文');
    // Each power's rows start with its first duty (1. 受理责任（…）) and end with the closing
    // 其他 duty: a page holds as many ends as starts when no power runs over onto the next page.
    const starts = pages.map((t) => t.match(/1\.[^《。；1-9]{1,8}责任[（(]/g)?.length ?? 0);
    const ends = pages.map((t) => t.match(/规章规定的其他应履行的责任事项/g)?.length ?? 0);
    expect(starts.reduce((a, b) => a + b, 0)).toBe(departmentPowers.length);
    expect(ends.reduce((a, b) => a + b, 0)).toBe(departmentPowers.length);
    // Every power of this department fits on a page (the budget above would fail otherwise).
    expect(ends).toEqual(starts);
  });

  it('power pages: A4 portrait, ≤ 3 pages where the chart fits a page, else text on ≤ 2 pages and the chart on ≤ 2 of its own; numbered, no navigation, the chart after the text', async () => {
    // Every power of the largest department, and each other department's longest page.
    const others = model.departments.filter((d) => d.id !== department.id).map((d) => {
      const powers = model.powers.filter((p) => p.department.id === d.id);
      return powers.map((p) => [p.code, readFileSync(join(OUT, 'powers', p.code, 'index.html'), 'utf8').length] as const).sort((a, b) => b[1] - a[1])[0]![0];
    });
    const over: string[] = [];
    for (const code of [...departmentPowers.map((p) => p.code), ...others]) {
      const { file, pages } = await print(`/powers/${code}/`, code);
      const info = pdfInfo(file);
      // FlowchartPrint.astro: a chart that fits a page prints whole after the text; a longer one on
      // pages of its own, one per part (#18 allows it two).
      const ownPages = await page.evaluate(() => (document.querySelector('.chart-print.own-pages') ? document.querySelectorAll('.chart-print-part').length : 0));
      expect(ownPages, code).toBeLessThanOrEqual(2);
      const budget = ownPages ? 2 + ownPages : 3;
      if (info.pages > budget) over.push(`${code}: ${info.pages} 页（预算 ${budget}）`);
      expect([Math.round(info.width), Math.round(info.height)], code).toEqual([595, 842]);
      expectNumbered(pages, info.pages);
      const all = pages.join('');
      expect(all, code).not.toContain('跳到正文');
      expect(all, code).not.toContain('首页部门职权类别法律法规');
      // The chart is printed after the page's text: its title line follows the liability section.
      const title = await page.evaluate(() => document.querySelector('figure.flowchart figcaption')?.firstChild?.textContent ?? '');
      expect(all.indexOf(`流程图：${title.replace(/\s+/g, '')}`), code).toBeGreaterThan(all.indexOf('违法责任'));
    }
    expect(over).toEqual([]);
  }, 600_000);
});
