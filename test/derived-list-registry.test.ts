import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Registry from '../src/derived-lists/registry.ts';
import { buildDownload, downloadSpecs, type DownloadSpec } from '../src/build/downloads.ts';
import { buildDerivedList } from '../src/generators/derived-lists.ts';
import { compareEntities } from '../src/generators/diff/compare.ts';
import { powerEntities } from '../src/generators/diff/record-fields.ts';
import { MACHINE_SHEET } from '../src/generators/exports/extension-columns.ts';
import { scaffoldPower } from '../src/generators/scaffold.ts';
import { importWorkbook } from '../src/import/import-workbook.ts';
import { loadColumnTable } from '../src/import/columns.ts';
import { readWorkbook, type Workbook } from '../src/import/sheets.ts';
import { checkContentAt } from '../src/model/check.ts';
import { formatFinding } from '../src/model/findings.ts';
import { parsePowerText } from '../src/model/snapshot.ts';
import type { Model } from '../src/model/types.ts';
import { jsonSchema } from '../src/schema/json-schemas.ts';
import { BASE_FIXTURE } from './helpers/content.ts';
import { pythonCsvRecords } from './helpers/python-csv.ts';

/**
 * A sixth derived list is one folder and one registry line (issue #13). The folder is
 * test/fixtures/derived-lists/spot-checks/ (schema, checks, columns, diff entities, scaffold
 * hints); the line is the one below that adds it to src/derived-lists/registry.ts's array — the
 * same line a seventh list would add to that file. Nothing else is told about the list, and its
 * field is followed through validation, the derived-list downloads (XLSX, CSV, JSON), the
 * department workbook and CSV, import (from the 源数据 column and from an edited 其他清单 column),
 * the diff, `quanze new` and the JSON Schema.
 */
vi.mock('../src/derived-lists/registry.ts', async (importOriginal) => {
  const { DERIVED_LISTS } = await importOriginal<typeof Registry>();
  const { spotChecks } = await import('./fixtures/derived-lists/spot-checks/list.ts');
  return { DERIVED_LISTS: [...DERIVED_LISTS, spotChecks] };
});

const POWER = 'content/powers/test-dept/410100-CS-XK-001.md';
const SPOT_CHECKS = [
  { item: '许可条件保持情况', kind: '一般检查事项', method: '书面检查' },
  { item: '经营场所安全设施', kind: '重点检查事项', method: '现场检查' },
];

const work = mkdtempSync(join(tmpdir(), 'quanze-sixth-list-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The power file with the given YAML lines added at the end of its front matter. */
function withFrontMatter(text: string, lines: string): string {
  const end = text.indexOf('\n---\n', 4);
  return `${text.slice(0, end)}\n${lines}${text.slice(end)}`;
}

const spotChecksYaml = (checks: typeof SPOT_CHECKS) => ['spot_checks:', ...checks.map((c) => `  - { item: ${c.item}, kind: ${c.kind}, method: ${c.method} }`)].join('\n');

let model: Model;
let original: string;

beforeAll(() => {
  cpSync(BASE_FIXTURE, work, { recursive: true });
  original = readFileSync(join(work, POWER), 'utf8');
  writeFileSync(join(work, POWER), withFrontMatter(original, spotChecksYaml(SPOT_CHECKS)));
  const result = checkContentAt(join(work, 'content'), { relativeTo: work });
  expect(result.findings.filter((f) => f.severity === 'error').map(formatFinding)).toEqual([]);
  model = result.model!;
});

const download = (file: string) => {
  const spec = downloadSpecs(model).find((s: DownloadSpec) => s.file === file);
  expect(spec, file).toBeDefined();
  return buildDownload(model, spec!);
};

describe('a sixth derived list registered from a fixture folder', () => {
  it('is validated by its schema, with file, line, field and a Chinese message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quanze-sixth-bad-'));
    try {
      cpSync(BASE_FIXTURE, dir, { recursive: true });
      writeFileSync(join(dir, POWER), withFrontMatter(original, 'spot_checks:\n  - { item: 许可条件, kind: 随意检查, method: 书面检查 }'));
      const { findings } = checkContentAt(join(dir, 'content'), { relativeTo: dir });
      const bad = findings.filter((f) => f.field.startsWith('spot_checks'));
      expect(bad.map((f) => [f.file, f.field, f.severity, f.message])).toEqual([[POWER, 'spot_checks.0.kind', 'error', '抽查类别（kind）：抽查类别应为 重点检查事项、一般检查事项 之一，实际为「随意检查」']]);
      expect(bad[0]!.line).toBe(original.slice(0, original.indexOf('\n---\n', 4)).split('\n').length + 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is resolved into the model and shown as a list, ranked by its own order', () => {
    const list = buildDerivedList(model, 'spot-checks');
    expect(list.title).toBe('随机抽查事项清单');
    expect(list.columns).toEqual(['部门', '职权名称', '抽查事项', '抽查类别', '抽查方式']);
    expect(list.rows.map((r) => r.cells.slice(2))).toEqual([
      ['经营场所安全设施', '重点检查事项', '现场检查'],
      ['许可条件保持情况', '一般检查事项', '书面检查'],
    ]);
  });

  it('is downloaded as XLSX, CSV and JSON, site-wide and per department', async () => {
    const files = downloadSpecs(model).map((s) => s.file).filter((f) => f.includes('spot-checks'));
    expect(files.sort()).toEqual(['list-spot-checks.csv', 'list-spot-checks.json', 'list-spot-checks.xlsx', 'test-dept-spot-checks.csv', 'test-dept-spot-checks.xlsx']);

    const csv = pythonCsvRecords(String(await download('list-spot-checks.csv')));
    expect(csv.map((r) => r.slice(2))).toEqual([['抽查事项', '抽查类别', '抽查方式'], ['经营场所安全设施', '重点检查事项', '现场检查'], ['许可条件保持情况', '一般检查事项', '书面检查']]);

    const json = JSON.parse(String(await download('list-spot-checks.json')));
    expect(json.rows.map((r: { cells: string[] }) => r.cells.slice(2))).toEqual(csv.slice(1).map((r) => r.slice(2)));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await download('test-dept-spot-checks.xlsx')) as unknown as ArrayBuffer);
    const texts = workbook.worksheets.flatMap((s) => s.getSheetValues().flat().map(String));
    for (const c of SPOT_CHECKS) expect(texts).toEqual(expect.arrayContaining([c.item, c.kind, c.method]));
  });

  it('travels in the department CSV and workbook, and comes back on import', async () => {
    const csv = pythonCsvRecords(String(await download('test-dept.csv')));
    const column = csv[0]!.indexOf('其他清单（机读）');
    const row = csv.find((r) => r.includes('410100-CS-XK-001'))!;
    expect(JSON.parse(row[column]!).spot_checks).toEqual(SPOT_CHECKS);

    const xlsx = join(work, 'test-dept.xlsx');
    writeFileSync(xlsx, await download('test-dept.xlsx'));
    const workbook = await readWorkbook(xlsx);
    expect(workbook.sheets.map((s) => s.name)).toEqual([MACHINE_SHEET]);
    // Unedited: the power comes back whole from the 源数据（机读） column.
    expect(imported(workbook).spot_checks).toEqual(SPOT_CHECKS);

    // Edited in the 其他清单（机读） column: that column is read from the table.
    const header = workbook.sheets[0]!.rows.find((r) => r.cells.some((c) => c.text === '其他清单（机读）'))!;
    const at = header.cells.findIndex((c) => c.text === '其他清单（机读）');
    const powerRow = workbook.sheets[0]!.rows.find((r) => r.cells.some((c) => c.text === '410100-CS-XK-001'))!;
    const edited = [{ ...SPOT_CHECKS[0]!, method: '网络监测' }];
    powerRow.cells[at] = { ...powerRow.cells[at]!, text: JSON.stringify({ spot_checks: edited }) };
    expect(imported(workbook).spot_checks).toEqual(edited);
  });

  it('is compared by the diff as its own entities', () => {
    const before = parsePowerText(withFrontMatter(original, spotChecksYaml(SPOT_CHECKS)), POWER)!;
    const after = parsePowerText(withFrontMatter(original, spotChecksYaml([SPOT_CHECKS[0]!, { ...SPOT_CHECKS[1]!, method: '网络监测' }])), POWER)!;
    const changes = compareEntities(powerEntities(before, (id) => id), powerEntities(after, (id) => id));
    expect(changes.map((c) => [c.entity, c.name, c.before, c.after])).toEqual([['spot:经营场所安全设施', '方式', '现场检查', '网络监测']]);
  });

  it('is offered by quanze new and described in the JSON Schema', () => {
    const scaffold = scaffoldPower(model, { department: 'test-dept', category: '行政检查', procedure: '一般监督检查' });
    expect(scaffold.ok && scaffold.text).toContain('# spot_checks:             # 随机抽查事项清单');
    const schema = JSON.parse(jsonSchema('power'));
    expect(schema.properties.spot_checks.title).toBe('随机抽查事项');
    expect(Object.keys(schema.properties.spot_checks.items.properties)).toEqual(['item', 'kind', 'method']);
  });
});

/** Imports the one power of the department's workbook and returns its front matter. */
function imported(workbook: Workbook): Record<string, unknown> {
  const department = model.departments.find((d) => d.id === 'test-dept')!;
  const result = importWorkbook(workbook, model, department, { source: 'test-dept.xlsx', columns: loadColumnTable() });
  const power = result.powers.find((p) => p.code === '410100-CS-XK-001');
  expect(power, JSON.stringify(result.report)).toBeDefined();
  const record = parsePowerText(power!.text, POWER);
  expect(record, power!.text).toBeDefined();
  return record!.record as Record<string, unknown>;
}
