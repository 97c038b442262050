import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { departmentWorkbook } from '../src/generators/exports/xlsx.ts';
import { powersToCsv } from '../src/generators/exports/csv.ts';
import { compareEntities } from '../src/generators/diff/compare.ts';
import { powerEntities } from '../src/generators/diff/record-fields.ts';
import { readCsv, readGrid } from '../src/import/grid.ts';
import { parseList } from '../src/import/parse-list.ts';
import { checkContentAt } from '../src/model/check.ts';
import { snapshotAt } from '../src/model/snapshot.ts';
import { BASE_FIXTURE, checkFixture } from './helpers/content.ts';

const work = mkdtempSync(join(tmpdir(), 'quanze-interop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const model = checkFixture().model!;
const department = model.departments[0]!;

/** Imports into a copy of the fixture without its power files and compares with the originals. */
function roundTrip(rows: Awaited<ReturnType<typeof readGrid>>['rows']) {
  const dir = mkdtempSync(join(work, 'rt-'));
  cpSync(BASE_FIXTURE, dir, { recursive: true });
  const target = join(dir, 'content/powers/test-dept');
  for (const f of readdirSync(target)) rmSync(join(target, f));
  const result = parseList(rows, model, department, { source: 'test' });
  for (const p of result.powers) writeFileSync(join(target, `${p.code}.md`), p.text);
  const check = checkContentAt(join(dir, 'content'), { relativeTo: dir });
  const before = snapshotAt(join(BASE_FIXTURE, 'content'), BASE_FIXTURE);
  const after = snapshotAt(join(dir, 'content'), dir);
  const differences = [...before.powers].flatMap(([code, p]) => {
    const q = after.powers.get(code);
    if (!q) return [`${code} missing`];
    return compareEntities(powerEntities({ ...p, body: '' }, String), powerEntities({ ...q, body: '' }, String)).map((c) => `${code} ${c.field}`);
  });
  return { result, findings: check.findings, differences };
}

describe('export → import round trip', () => {
  it('gives back the same entries from the XLSX workbook', async () => {
    const file = join(work, 'dept.xlsx');
    writeFileSync(file, await departmentWorkbook(model, department));
    const { rows } = await readGrid(file);
    const { result, findings, differences } = roundTrip(rows);
    expect(result.report.filter((r) => r.status !== 'structure').map((r) => `${r.rows.join('-')} ${r.status}`)).toEqual(['2-2 imported', '3-3 imported']);
    expect(findings).toEqual([]);
    expect(differences).toEqual([]);
  });

  it('gives back the same entries from CSV', () => {
    const { result, findings, differences } = roundTrip(readCsv(powersToCsv(model, model.powers)));
    expect(result.powers.map((p) => p.code)).toEqual(['410100-CS-XK-001', '410100-CS-CF-001']);
    expect(findings).toEqual([]);
    expect(differences).toEqual([]);
  });

  it('writes the official layout: a sheet per category with title, heading, merged cells and footer, set up for A4 landscape', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await departmentWorkbook(model, department, { updated: '2024-05-06' })) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => `${s.name}:${s.state}`)).toEqual(['行政许可类:visible', '行政处罚类:visible', '机读数据（导入用）:hidden']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('测试市应急管理局行政执法权责清单');
    expect(sheet.getCell('A1').alignment.horizontal).toBe('center');
    expect(sheet.getCell('A2').value).toBe('（一）行政许可类（共 1 项）');
    expect(sheet.getRow(3).values).toEqual([undefined, '职权类别', '职权名称', '实施依据', '责任事项（岗位职责）', '办理期限', '收费情况', '违法责任']);
    expect(sheet.getCell('B9').isMerged && sheet.getCell('B9').master.address).toBe('B4');
    expect(sheet.getCell('D9').isMerged).toBe(false);
    expect(sheet.getCell('D9').value).toBe('6. 法律、法规、规章规定的其他应履行的责任事项。');
    expect(String(sheet.getCell(`A${sheet.rowCount}`).value)).toMatch(/^服务机构：测试市政务服务中心/);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printArea: `A1:G${sheet.rowCount}`, printTitlesRow: '2:3' });
    expect(sheet.headerFooter.oddHeader).toContain('内容更新至 2024-05-06');
    expect(sheet.headerFooter.oddFooter).toContain('共 2 项');
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    // The 行政处罚 section has no 收费情况 column: 违法责任 gets the width, not a 12-wide column.
    const penalties = workbook.worksheets[1]!;
    expect(penalties.getRow(3).values).toEqual([undefined, '职权类别', '职权名称', '实施依据', '责任事项（岗位职责）', '办理期限', '违法责任']);
    expect(penalties.getColumn(6).width).toBeGreaterThan(20);
    const machine = workbook.worksheets[2]!;
    expect(machine.getRow(1).values).toEqual([undefined, '职权类别', '职权名称', '实施依据', '责任事项（岗位职责）', '办理期限', '收费情况', '违法责任', '部门', '事项编码', '程序', '承办机构', '行使层级', '实施对象', '状态', '主项编码', '依据版本', '环节依据', '配合部门', '追责情形', '备注', '其他清单（机读）', '源数据（机读）']);
    expect(machine.rowCount).toBe(3);
  });
});

describe('importing a department’s own spreadsheet', () => {
  it('reads merged cells, stray whitespace, full-width punctuation and numbering variants, and accounts for every row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('清单');
    sheet.addRow(['测试市应急管理局权责清单']);
    sheet.addRow([]);
    sheet.addRow(['（一）行政许可类（共1项）']);
    sheet.addRow([' 职权类别 ', '职权 名称', '实施依据', '责任事项（岗位职责）', '办理期限', '收费情况', '违法责任']);
    const basis = '1、《中华人民共和国行政许可法》第42条第1款：“除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。”\n（2）《测试危险品管理办法》第五条：“经营危险品应当取得许可。”';
    sheet.addRow(['行政许可类', '  测试危险品经营许可 ', basis, '1、受理责任（受理岗）：接收申请材料。', '5个工作日', '否', '']);
    sheet.addRow([null, null, null, '2、审查责任（审查岗）：审查材料。', '', null, null]);
    sheet.addRow([null, null, null, '（3）决定责任（决定岗）：作出决定。', '20个工作日', null, null]);
    sheet.addRow([null, null, null, '4．送达责任（送达岗）：送达证件。', '十日', null, null]);
    sheet.addRow([null, null, null, '5. 事后监管责任（事后监管岗）：监督检查。', '', null, null]);
    sheet.addRow([null, null, null, '6. 法律、法规、规章规定的其他应履行的责任事项。', '', null, null]);
    for (const col of ['A', 'B', 'C', 'F', 'G']) sheet.mergeCells(`${col}5:${col}10`);
    sheet.addRow(['备注：以上为示例', '', '', '', '', '', '']);
    sheet.addRow(['服务机构：测试市政务服务中心　服务电话：0371-00000000']);
    const file = join(work, 'own.xlsx');
    await workbook.xlsx.writeFile(file);

    const { rows } = await readGrid(file);
    const result = parseList(rows, model, department, { source: 'own.xlsx' });
    expect(result.report.map((r) => `${r.rows[0]}-${r.rows[1]} ${r.status}：${r.message}`)).toEqual([
      '1-1 structure：表头之前的标题：测试市应急管理局权责清单',
      '2-2 structure：空行',
      '3-3 structure：类别标题：（一）行政许可类（共1项）',
      '4-4 structure：表头',
      '5-10 imported：410100-CS-XK-002 测试危险品经营许可（《行政许可法》未注明版本，按最新版本 2019-04-23 处理；法规库中没有《测试危险品管理办法》：请按建议新建法律文件并填写版本；未注明实施对象，按公民、法人、其他组织处理）',
      '11-11 structure：说明：备注：以上为示例',
      '12-12 structure：服务与投诉信息',
    ]);
    expect(result.missingLaws.map((l) => `${l.id} ${l.name} ${l.rows.join(',')}`)).toEqual(['new-law-1 测试危险品管理办法 5']);
    expect(result.powers[0]!.text).toBe(`---
# 由 quanze import 从 own.xlsx 第 5–10 行导入
code: 410100-CS-XK-002
name: 测试危险品经营许可
category: 行政许可
unit: xkc
level: 市级
target:
  - 公民
  - 法人
  - 其他组织
basis:
  - law: xzxkf
    article: 第四十二条第一款
    version: 2019-04-23
    quote: 除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。
  - law: new-law-1
    article: 第五条
    version: 待填写
    quote: 经营危险品应当取得许可。
stages:
  - stage: 受理
    post: 受理岗
    duty: 接收申请材料。
    limit: 5个工作日
  - stage: 审查
    post: 审查岗
    duty: 审查材料。
  - stage: 决定
    post: 决定岗
    duty: 作出决定。
    limit: 20个工作日
  - stage: 送达
    post: 送达岗
    duty: 送达证件。
    limit: 十日
  - stage: 事后监管
    post: 事后监管岗
    duty: 监督检查。
fee:
  charged: false
status: 有效
---
`);
  });

  it('refuses files it cannot read with a clear message', async () => {
    await expect(readGrid(join(work, 'list.xls'))).rejects.toThrow('只支持 .xlsx 和 .csv 文件');
  });
});

describe('open data and editor schemas', () => {
  it('the JSON export matches its published schema', async () => {
    const { openDataSchema } = await import('../src/schema/open-data.ts');
    const { listsToJson } = await import('../src/generators/exports/json.ts');
    const sample = checkContentAt(join(process.cwd(), 'content')).model!;
    const doc = JSON.parse(JSON.stringify(listsToJson(sample)));
    expect(openDataSchema.safeParse(doc).success).toBe(true);
    expect(doc.totals.powers).toBe(sample.powers.length);
  });

  it('the committed JSON Schemas are the ones generated from the zod schemas', async () => {
    const { readFileSync } = await import('node:fs');
    const { jsonSchema, SCHEMA_NAMES } = await import('../src/schema/json-schemas.ts');
    for (const name of SCHEMA_NAMES) {
      expect(readFileSync(join('schemas', `${name}.schema.json`), 'utf8'), `schemas/${name}.schema.json is stale: run npx quanze schemas`).toBe(jsonSchema(name));
    }
    const settings = JSON.parse(readFileSync('.vscode/settings.json', 'utf8'));
    expect(Object.keys(settings['yaml.schemas'])).toEqual(['./schemas/department.schema.json', './schemas/law.schema.json', './schemas/flow.schema.json', './schemas/stages.schema.json', './schemas/site.schema.json', './schemas/directory.schema.json']);
  });
});
