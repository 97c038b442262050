import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import { readGrid } from '../import/grid.ts';
import { parseList } from '../import/parse-list.ts';
import { MACHINE_SHEET } from '../generators/exports/extension-columns.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

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
  if (!existsSync(file)) throw new UsageError(`找不到文件 ${file}`);
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
  if (grid.sheet === MACHINE_SHEET) console.log(`读取工作表「${MACHINE_SHEET}」（本工具导出的文件：其中每个事项一行、包含全部字段；打印用的各类别工作表不再读取，修改请在该表或事项文件中进行）`);
  else if (grid.sheet !== 'CSV') console.log(`读取工作表「${grid.sheet}」`);
  const result = parseList(grid.rows, before.model, department, { unit: values.unit, prefix: values.prefix, source: basename(file) });
  const dir = join(root, 'powers', department.id);
  let written = 0;
  const conflicts: string[] = [];
  for (const power of result.powers) {
    const path = join(dir, `${power.code}.md`);
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
  if (!values['dry-run'] && written) {
    const after = checkContentAt(root);
    const mine = after.findings.filter((f) => f.file.includes(`/powers/${department.id}/`) && result.powers.some((p) => f.file.endsWith(`${p.code}.md`)));
    if (mine.length) {
      console.log(`\n导入的文件还有 ${mine.length} 处须修改：`);
      for (const f of mine) console.log(formatFinding(f));
    } else console.log('导入的文件全部通过校验。');
  }
  return skipped || conflicts.length ? 1 : 0;
}
