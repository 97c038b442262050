import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { GridRow } from '../src/import/grid.ts';
import { importWorkbook } from '../src/import/import-workbook.ts';
import { parseList } from '../src/import/parse-list.ts';
import { readWorkbook } from '../src/import/sheets.ts';
import { parse } from 'yaml';
import { csvRecords } from '../src/generators/exports/csv-text.ts';
import { readCsv } from '../src/import/grid.ts';
import { pythonCsvRecords } from './helpers/python-csv.ts';
import { totalLimitSchema } from '../src/schema/power.ts';
import { checkFixture } from './helpers/content.ts';

// Layouts the stored copies of published lists did not show in full (footer rows, 承诺时限,
// several sheets); the grids below are built in the shape of the official template (许昌市 2020
// 样式) and of the lists in test/fixtures/real-lists, with made-up content.
const model = checkFixture().model!;
const department = model.departments[0]!;
const work = mkdtempSync(join(tmpdir(), 'quanze-layout-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function grid(rows: string[][]): GridRow[] {
  return rows.map((cells, i) => ({ number: i + 1, cells: cells.map((text, j) => ({ text, master: `${j}:${i}` })) }));
}

describe('list layouts', () => {
  const rows = grid([
    ['测试市应急管理局权责清单', '', '', '', '', ''],
    ['（一）行政许可类（共2项）', '', '', '', '', ''],
    ['序号', '事项名称', '实施依据', '责任事项', '法定时限', '实施对象'],
    ['1', '测试经营许可', '《中华人民共和国行政许可法》第四十二条', '1.受理责任：接收材料。\n2.审查责任：审查材料。', '5个工作日\n15个工作日', '公民、法人或其他组织'],
    ['序号', '事项名称', '实施依据', '责任事项', '法定时限', '实施对象'],
    ['2', '测试变更许可', '《中华人民共和国行政许可法》第四十二条、第四十四条', '受理责任：接收材料。', '3日', '法人'],
    ['（二）行政处罚类（共1项）', '', '', '', '', ''],
    ['3', '对测试违法行为的处罚', '《中华人民共和国行政处罚法》第三十六条', '立案责任：决定是否立案。', '', '生产经营单位'],
    ['受理地点：测试市政务服务中心二楼', '', '', '', '', ''],
    ['服务电话：0371-00000000　投诉电话：0371-00000001', '', '', '', '', ''],
  ]);
  const result = parseList(rows, model, department, { source: 'layout.csv', unit: 'xkc' });

  it('takes categories from section headings, skips repeated headers and keeps footers as contact data', () => {
    expect(result.powers.map((p) => `${p.category} ${p.name}`)).toEqual(['行政许可 测试经营许可', '行政许可 测试变更许可', '行政处罚 对测试违法行为的处罚']);
    expect(result.report.filter((r) => r.status === 'structure').map((r) => `${r.rows[0]} ${r.message}`)).toEqual([
      '1 表头之前的标题：测试市应急管理局权责清单',
      '2 类别标题：（一）行政许可类（共2项）',
      '3 表头',
      '5 表头',
      '7 类别标题：（二）行政处罚类（共1项）',
      '9 服务与投诉信息',
      '10 服务与投诉信息',
    ]);
    expect(result.contacts).toEqual(['受理地点：测试市政务服务中心二楼', '服务电话：0371-00000000 投诉电话：0371-00000001']);
    expect([...result.rowStatus.values()].filter((s) => s === 'imported')).toHaveLength(3);
  });

  it('maps time-limit lines onto the duties, reads 实施对象 enumerations and keeps what is not a target', () => {
    const [first, second, third] = result.powers;
    expect(first!.text).toContain('  - stage: 受理\n    duty: 接收材料。\n    limit: 5个工作日\n  - stage: 审查\n    duty: 审查材料。\n    limit: 15个工作日');
    expect(first!.text).toContain('target:\n  - 公民\n  - 法人\n  - 其他组织');
    expect(second!.text).toContain('target:\n  - 法人\n');
    expect(second!.citations).toBe(2);
    expect(third!.unplaced).toContain('实施对象：生产经营单位');
    expect(third!.findings.map((f) => f.kind)).toContain('实施对象');
  });

  it('maps one time limit for the whole power onto total_limit, with a single 承诺时限 as its promise', () => {
    const basis = '《中华人民共和国行政许可法》第四十二条';
    const duties = '1.受理责任：接收材料。\n2.审查责任：审查材料。\n3.决定责任：作出决定。';
    const r = parseList(
      grid([
        ['序号', '事项名称', '实施依据', '责任事项', '法定时限', '承诺时限'],
        ['1', '测试许可甲', basis, duties, '20个工作日', '10个工作日'],
        ['2', '测试许可乙', basis, duties, '', '5个工作日'],
        ['3', '测试许可丙', basis, duties, '自受理之日起20个工作日（不含听证时间）', ''],
        ['4', '测试许可丁', basis, duties, '5个工作日\n10个工作日\n5个工作日', '15个工作日'],
      ]),
      model,
      department,
      { source: 'limits.csv', unit: 'xkc', category: '行政许可' },
    );
    const fronts = r.powers.map((p) => parse(/^---\n([\s\S]*?)\n---\n/.exec(p.text)![1]!) as Record<string, unknown>);
    expect(fronts.map((f) => f.total_limit)).toEqual([{ statutory: '20个工作日', promised: '10个工作日' }, undefined, undefined, undefined]);
    expect(totalLimitSchema.safeParse(fronts[0]!.total_limit).success).toBe(true);
    // The whole-power limit is not a stage's limit.
    expect((fronts[0]!.stages as { limit?: string }[]).map((s) => s.limit)).toEqual([undefined, undefined, undefined]);
    // A promise without the statutory limit, and a limit that is not of the form, stay in the body with a note.
    expect(r.powers[1]!.unplaced).toContain('承诺时限：5个工作日');
    expect(r.powers[1]!.findings.filter((f) => f.kind === '期限').map((f) => f.message)).toEqual([
      '承诺时限「5个工作日」已保留在正文中：表中没有整个事项的法定时限，承诺时限须与法定办结时限一起填写（total_limit 的 statutory 和 promised）',
    ]);
    expect(r.powers[2]!.unplaced).toContain('办理期限：自受理之日起20个工作日（不含听证时间）');
    expect(r.powers[2]!.findings.map((f) => f.kind)).toContain('期限');
    // Limits written line by line for the duties stay on the stages; the promise then has nothing to attach to.
    expect((fronts[3]!.stages as { limit?: string }[]).map((s) => s.limit)).toEqual(['5个工作日', '10个工作日', '5个工作日']);
    expect(r.powers[3]!.unplaced).toContain('承诺时限：15个工作日');
  });

  it('keeps a cell as given after the CSV export neutralised it: a tab or CR before = + - @ is not trimmed into a formula', () => {
    const names = ['\t=1+1', '\r=HYPERLINK("http://x")', '=SUM(A1)', '@cmd', "'引号开头", '  测试许可  '];
    const csv = csvRecords([['职权类别', '职权名称'], ...names.map((n) => ['行政许可', n])]);
    // What a spreadsheet shows for the neutralised cells: the apostrophe and the text behind it.
    expect(pythonCsvRecords(csv).slice(1).map((r) => r[1])).toEqual(["'\t=1+1", '\'\r=HYPERLINK("http://x")', "'=SUM(A1)", "'@cmd", "''引号开头", '  测试许可  ']);
    const r = parseList(readCsv(csv), model, department, { source: 'formula.csv', unit: 'xkc' });
    // Import removes exactly the apostrophe the export added; ordinary padding is still trimmed.
    expect(r.powers.map((p) => p.name)).toEqual(['\t=1+1', '\r=HYPERLINK("http://x")', '=SUM(A1)', '@cmd', "'引号开头", '测试许可']);
  });

  it('labels the columns under a group merged over two header rows with the group (「职责边界·县级部门」)', () => {
    // Merged cells carry their first cell's text: the second header row repeats every name but the group's parts.
    const r = parseList(
      grid([
        ['序号', '权力类型', '权力名称', '职责边界', '职责边界'],
        ['序号', '权力类型', '权力名称', '县级部门', '乡镇(街道)'],
        ['1', '行政许可', '测试落户', '县级指导。', '乡镇受理。'],
      ]),
      model,
      department,
      { source: 'groups.csv', unit: 'xkc' },
    );
    expect(r.powers[0]!.unplaced).toEqual(['原清单序号：1', '职责边界·县级部门：县级指导。', '职责边界·乡镇(街道)：乡镇受理。']);
  });

  it('keeps duties without posts, with a warning naming the row and the posts to choose from', () => {
    expect(result.powers[0]!.findings.filter((f) => f.kind === '岗位').map((f) => f.message)).toEqual([
      '第 4 行「受理」环节没有岗位：请在文件中为该环节填写 post（行政许可处的岗位：受理岗、审查岗、决定岗、送达岗、事后监管岗）',
      '第 4 行「审查」环节没有岗位：请在文件中为该环节填写 post（行政许可处的岗位：受理岗、审查岗、决定岗、送达岗、事后监管岗）',
    ]);
  });

  it('quotes the whole cell (up to 200 characters) and the expected form in messages', () => {
    const long = `行政审批类${'很长的说明'.repeat(50)}`;
    const r = parseList(grid([['职权类别', '职权名称'], [long, '某事项']]), model, department, { source: 'x.csv', unit: 'xkc' });
    const message = r.report.find((x) => x.status === 'skipped')!.message;
    expect(message).toContain(`职权类别「${long.slice(0, 200)}……」无法识别：应为 行政许可、`);
    expect(r.failure).toMatch(/^所有事项都未能导入/);
  });

  it('reads every visible sheet, takes the category from the sheet name, and numbers codes across sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    for (const name of ['行政许可', '行政处罚']) {
      const sheet = workbook.addWorksheet(name);
      sheet.addRow(['序号', '权力名称', '设定依据']);
      sheet.addRow(['1', `${name}测试事项`, '《中华人民共和国行政处罚法》第三十六条']);
    }
    workbook.addWorksheet('代码表', { state: 'hidden' }).addRow(['职权名称', '职权类别']);
    const file = join(work, 'sheets.xlsx');
    await workbook.xlsx.writeFile(file);
    const read = await readWorkbook(file);
    expect(read.sheets.map((s) => s.name)).toEqual(['行政许可', '行政处罚']);
    const all = importWorkbook(read, model, department, { source: 'sheets.xlsx', unit: 'xkc' });
    expect(all.powers.map((p) => `${p.sheet} ${p.category} ${p.code}`)).toEqual(['行政许可 行政许可 410100-CS-XK-002', '行政处罚 行政处罚 410100-CS-CF-002']);
    expect(all.rowCounts).toEqual({ total: 4, imported: 2, structure: 2, skipped: 0 });
  });
});
