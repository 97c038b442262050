import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import { readGrid } from '../import/grid.ts';
import { codeRegex } from '../model/stage-table.ts';
import { checkInputFile } from '../lib/input-file.ts';
import { pathInside, UnsafePathError } from '../lib/safe-path.ts';
import { parseList } from '../import/parse-list.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

/** Official lists are a few MB at most; anything larger is the wrong file. */
const MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024;

/** quanze import <file.xlsx|file.csv> --department <id>: one entry file per power, every row accounted for. */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    department: { type: 'string' },
    unit: { type: 'string' },
    prefix: { type: 'string' },
    force: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  });
  const [file] = positionals;
  if (!file || !values.department) throw new UsageError('用法：quanze import <文件.xlsx|文件.csv> --department <部门标识> [--unit 机构] [--prefix 编码中的部门代码] [--force] [--dry-run]');
  checkInputFile(file, MAX_SPREADSHEET_BYTES);
  const root = resolve(values.content);
  const before = checkContentAt(root);
  if (!before.model) throw new UsageError('无法读取内容：请先运行 quanze validate');
  const department = before.model.departments.find((d) => d.id === values.department);
  if (!department) throw new UsageError(`没有部门「${values.department}」：请先创建 content/departments/${values.department}.yaml`);
  let grid;
  try {
    grid = await readGrid(file);
  } catch (error) {
    throw new UsageError(`无法读取 ${file}：${(error as Error).message}`);
  }
  const result = parseList(grid.rows, before.model, department, { unit: values.unit, prefix: values.prefix, source: basename(file) });
  const dir = pathInside(root, ['powers', department.id], '部门标识');
  let written = 0;
  const conflicts: string[] = [];
  // The 事项编码 column decides the file name: it must fit the code pattern of stages.yaml and
  // name a file inside the department's folder, or the row is not written at all.
  const codePatterns = before.model.stageTable.categories.map((c) => codeRegex(before.model!.stageTable, department.region, c.code));
  for (const power of result.powers) {
    let path: string;
    try {
      if (!codePatterns.some((p) => p.test(power.code))) throw new UnsafePathError(`事项编码「${power.code.slice(0, 80)}」不符合 stages.yaml 的 code_pattern（${before.model.stageTable.codePattern}）`);
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
  const label = (r: [number, number]) => (r[0] === r[1] ? `第 ${r[0]} 行` : `第 ${r[0]}–${r[1]} 行`);
  for (const r of result.report) {
    const status = r.status === 'imported' ? '导入' : r.status === 'skipped' ? '未导入' : '结构';
    console.log(`${label(r.rows)}　${status}：${r.message}`);
  }
  for (const c of conflicts) console.log(c);
  for (const law of result.missingLaws) {
    console.log(`\n法规库中没有《${law.name}》（第 ${law.rows.join('、')} 行引用），事项中暂用标识 ${law.id}。建议新建：\n${law.suggestion}`);
  }
  const skipped = result.report.filter((r) => r.status === 'skipped').length;
  console.log(`\n共 ${grid.rows.length} 行：导入 ${result.powers.length} 个事项${values['dry-run'] ? '（试运行，未写入）' : `（写入 ${written} 个文件）`}，未导入 ${skipped} 处，结构行 ${result.report.filter((r) => r.status === 'structure').length} 行。`);
  let remaining = 0;
  if (!values['dry-run'] && written) {
    const after = checkContentAt(root);
    const mine = after.findings.filter((f) => f.file.includes(`/powers/${department.id}/`) && result.powers.some((p) => f.file.endsWith(`${p.code}.md`)));
    remaining = mine.filter((f) => f.severity === 'error').length;
    if (mine.length) {
      console.log(`\n导入的文件还有 ${mine.length} 处须修改：`);
      for (const f of mine) console.log(formatFinding(f));
    } else console.log('导入的文件全部通过校验。');
  }
  if (result.powers.length === 0 && !skipped) console.log('没有导入任何事项：请检查表头是否含「职权名称」和「责任事项」列。');
  return skipped || conflicts.length || remaining || result.powers.length === 0 ? 1 : 0;
}
