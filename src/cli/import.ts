import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import { loadColumnTable } from '../import/columns.ts';
import { UndecodableError } from '../import/decode.ts';
import { importWorkbook, type WorkbookImport } from '../import/import-workbook.ts';
import { readWorkbook } from '../import/sheets.ts';
import { MACHINE_SHEET } from '../generators/exports/extension-columns.ts';
import { checkInputFile } from '../lib/input-file.ts';
import { pathInside, UnsafePathError } from '../lib/safe-path.ts';
import { codeRegex } from '../model/stage-table.ts';
import { parseCommandArgs, textOrJson } from './args.ts';
import { UsageError } from './usage-error.ts';

/** Official lists are a few MB at most; anything larger is the wrong file. */
const MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024;

const USAGE = '用法：quanze import <文件.xlsx|文件.csv> --department <部门标识> [--unit 机构] [--category 职权类别] [--prefix 编码中的部门代码] [--force] [--dry-run] [--format text|json]';

/**
 * quanze import <file.xlsx|file.csv> --department <id>: one entry file per power, every row
 * accounted for, and what a person must still fill in, by kind. Exit code 1 when nothing was
 * imported from a non-empty file, when rows were not imported, or when the written files still
 * have errors.
 */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    department: { type: 'string' },
    unit: { type: 'string' },
    prefix: { type: 'string' },
    category: { type: 'string' },
    force: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
  });
  const [file] = positionals;
  if (!file || !values.department) throw new UsageError(USAGE);
  textOrJson(values.format);
  checkInputFile(file, MAX_SPREADSHEET_BYTES);
  const root = resolve(values.content);
  const before = checkContentAt(root);
  if (!before.model) throw new UsageError('无法读取内容：请先运行 quanze validate');
  const model = before.model;
  const department = model.departments.find((d) => d.id === values.department);
  if (!department) throw new UsageError(`没有部门「${values.department}」：请先创建 content/departments/${values.department}.yaml`);
  if (values.unit && !department.unitById.get(values.unit)) throw new UsageError(`部门「${department.id}」没有机构「${values.unit}」（可选：${department.units.map((u) => u.id).join('、')}）`);
  if (values.category && !model.stageTable.categories.some((c) => c.name === values.category)) throw new UsageError(`--category 应为 ${model.stageTable.categories.map((c) => c.name).join('、')} 之一：${values.category}`);
  let workbook;
  try {
    workbook = await readWorkbook(file);
  } catch (error) {
    if (error instanceof UndecodableError) throw new UsageError(`无法读取 ${file}：${error.message}`);
    throw new UsageError(`无法读取 ${file}：${(error as Error).message}`);
  }
  if (workbook.sheets.length === 1 && workbook.sheets[0]!.name === MACHINE_SHEET) {
    console.log(`读取工作表「${MACHINE_SHEET}」（本工具导出的文件：每个事项一行、包含全部字段；打印用的各类别工作表是同样的事项，不再读取）`);
  }
  const result = importWorkbook(workbook, model, department, {
    unit: values.unit,
    prefix: values.prefix,
    category: values.category,
    source: basename(file),
    columns: loadColumnTable(root),
  });

  const dir = pathInside(root, ['powers', department.id], '部门标识');
  let written = 0;
  const conflicts: string[] = [];
  // The code decides the file name: it must fit the code pattern of stages.yaml and name a file
  // inside the department's folder, or the power is not written at all.
  const codePatterns = model.stageTable.categories.map((c) => codeRegex(model.stageTable, department.region, c.code));
  for (const power of result.powers) {
    let path: string;
    try {
      if (!codePatterns.some((p) => p.test(power.code))) throw new UnsafePathError(`事项编码「${power.code.slice(0, 80)}」不符合 stages.yaml 的 code_pattern（${model.stageTable.codePattern}）`);
      path = pathInside(dir, [`${power.code}.md`], '事项编码');
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error;
      conflicts.push(`第 ${power.rows[0]}–${power.rows[1]} 行：${error.message}，未写入`);
      continue;
    }
    if (existsSync(path) && !values.force) {
      conflicts.push(`第 ${power.rows[0]}–${power.rows[1]} 行：${power.code} 已存在，未覆盖（加 --force 覆盖）`);
      continue;
    }
    if (!values['dry-run']) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, power.text);
    }
    written++;
  }
  let validation: { errors: number; warnings: number; byRule: Record<string, number>; lines: string[] } | undefined;
  if (!values['dry-run'] && written) {
    const after = checkContentAt(root);
    const mine = after.findings.filter((f) => result.powers.some((p) => f.file.endsWith(`/powers/${department.id}/${p.code}.md`)));
    const byRule: Record<string, number> = {};
    for (const f of mine) if (f.severity === 'error') byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    validation = { errors: mine.filter((f) => f.severity === 'error').length, warnings: mine.filter((f) => f.severity === 'warning').length, byRule, lines: mine.map(formatFinding) };
  }
  const skipped = result.report.filter((r) => r.status === 'skipped').length;
  const failed = Boolean(result.failure) || skipped > 0 || conflicts.length > 0 || (validation?.errors ?? 0) > 0;
  if (values.format === 'json') console.log(JSON.stringify({ file: basename(file), dryRun: values['dry-run'], written, conflicts, ...summaryJson(result), validation }, null, 2));
  else printReport(result, { file, dryRun: values['dry-run'], written, conflicts, validation });
  return failed ? 1 : 0;
}

function summaryJson(result: WorkbookImport) {
  return {
    encoding: result.encoding ?? null,
    sheets: result.sheets,
    failure: result.failure ?? null,
    rows: result.rowCounts,
    powers: result.powers.map((p) => ({ code: p.code, name: p.name, sheet: p.sheet, rows: p.rows, category: p.category, parent: p.parent ?? null, citations: p.citations, findings: p.findings, unplaced: p.unplaced })),
    findingsByKind: result.findingsByKind,
    report: result.report,
    missingLaws: result.missingLaws,
    contacts: result.contacts,
  };
}

function printReport(result: WorkbookImport, run: { file: string; dryRun: boolean; written: number; conflicts: string[]; validation?: { errors: number; byRule: Record<string, number>; lines: string[] } }) {
  const label = (r: [number, number]) => (r[0] === r[1] ? `第 ${r[0]} 行` : `第 ${r[0]}–${r[1]} 行`);
  const many = result.sheets.length > 1;
  console.log(`文件：${run.file}${result.encoding ? `（编码：${result.encoding}）` : ''}`);
  for (const s of result.sheets) console.log(`工作表${s.name ? `「${s.name}」` : ''}：${s.layout}，${s.rows} 行，${s.powers} 个事项`);
  console.log('');
  for (const r of result.report) {
    const status = r.status === 'imported' ? '导入' : r.status === 'skipped' ? '未导入' : '结构';
    // What each imported power still needs is listed below it, power by power; the row line stays short.
    const power = r.status === 'imported' ? result.powers.find((p) => p.sheet === (r.sheet ?? '') && p.rows[0] === r.rows[0] && p.rows[1] === r.rows[1] && r.message.startsWith(`${p.code} `)) : undefined;
    const message = power ? `${power.code} ${power.name}${power.notes.length ? `（${power.notes.length} 处须补充或核对）` : ''}` : r.message;
    console.log(`${many && r.sheet ? `「${r.sheet}」` : ''}${label(r.rows)}　${status}：${message}`);
  }
  const todo = result.powers.filter((p) => p.notes.length || p.unplaced.length);
  if (todo.length) {
    console.log('\n逐个事项须补充或核对的内容：');
    for (const p of todo) {
      console.log(`\n${p.code} ${p.name}（${label(p.rows)}）`);
      for (const f of p.findings) console.log(`  [${f.kind}] ${f.message}`);
      for (const n of p.notes.filter((n) => !p.findings.some((f) => f.message === n))) console.log(`  [说明] ${n}`);
      if (p.unplaced.length) console.log(`  已放入正文「导入时未能识别的内容」：${p.unplaced.length} 段`);
    }
  }
  for (const c of run.conflicts) console.log(c);
  for (const law of result.missingLaws) console.log(`\n法规库中没有《${law.name}》（第 ${law.rows.join('、')} 行引用），事项中暂用标识 ${law.id}。建议新建：\n${law.suggestion}`);
  if (result.contacts.length) console.log(`\n页脚中的服务与投诉信息（可填入部门文件的 service / complaint）：\n${result.contacts.map((c) => `  ${c}`).join('\n')}`);
  const counts = result.rowCounts;
  console.log(`\n共 ${counts.total} 行：导入 ${result.powers.length} 个事项${run.dryRun ? '（试运行，未写入）' : `（写入 ${run.written} 个文件）`}；属于事项的行 ${counts.imported}，结构行 ${counts.structure}，未导入 ${counts.skipped}。`);
  const kinds = Object.entries(result.findingsByKind);
  if (kinds.length) console.log(`须由人补充或核对：${kinds.map(([k, n]) => `${k} ${n} 处`).join('，')}。`);
  if (result.failure) console.log(`\n导入失败：${result.failure}`);
  if (run.validation) {
    if (run.validation.errors) {
      console.log(`\n导入的文件还有 ${run.validation.errors} 处错误须修改（${Object.entries(run.validation.byRule).map(([k, n]) => `${k} ${n} 处`).join('，')}）：`);
      for (const l of run.validation.lines) console.log(l);
    } else console.log('导入的文件全部通过校验。');
  }
}
