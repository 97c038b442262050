import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { checkContentAt } from '../model/check.ts';
import { checkDirectories } from '../model/check-directory.ts';
import { formatFinding, sortFindings, type Finding } from '../model/findings.ts';
import { parseYamlSource } from '../model/source-file.ts';
import { loadColumnTable } from '../import/columns.ts';
import { UndecodableError } from '../import/decode.ts';
import { readWorkbook } from '../import/sheets.ts';
import { directoryFromWorkbook, levelsOf, type DirectoryImport } from '../generators/directory/import-directory.ts';
import { checkInputFile } from '../lib/input-file.ts';
import { pathInside } from '../lib/safe-path.ts';
import { DEPARTMENT_LEVELS } from '../schema/department.ts';
import { parseCommandArgs, textOrJson } from './args.ts';
import { UsageError } from './usage-error.ts';

const MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024;

const USAGE =
  '用法：quanze directory import <文件.xlsx|文件.csv> --id <目录标识> --issuer <发布机关> --level <省级|市级|县级> --published <YYYY-MM-DD> [--title 目录名称] [--source 网址] [--levels 县级] [--category 职权类别] [--closed 行政许可] [--force] [--dry-run] [--format text|json]';

/**
 * quanze directory import <file>: an upper-level directory published as a spreadsheet, read with
 * the list importer's reading of sheets and columns, written as content/directory/<id>.yaml and
 * checked like any directory file. Every row is reported; exit 1 when a row was not read, nothing
 * was read, or the file does not pass the directory checks (then nothing is written).
 */
export async function runDirectory(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new UsageError(USAGE);
  const { values, positionals } = parseCommandArgs(rest, {
    content: { type: 'string', default: 'content' },
    id: { type: 'string' },
    title: { type: 'string' },
    issuer: { type: 'string' },
    level: { type: 'string' },
    published: { type: 'string' },
    source: { type: 'string' },
    levels: { type: 'string' },
    category: { type: 'string' },
    closed: { type: 'string' },
    force: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
  });
  const [file] = positionals;
  if (!file || !values.id || !values.issuer || !values.level || !values.published) throw new UsageError(USAGE);
  textOrJson(values.format);
  // The id names the file and is referenced by departments: the directory schema's own form.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(values.id)) throw new UsageError(`--id 应为小写字母、数字和连字符（也是文件名 content/directory/<目录标识>.yaml）：${values.id}`);
  if (!(DEPARTMENT_LEVELS as readonly string[]).includes(values.level)) throw new UsageError(`--level 应为 ${DEPARTMENT_LEVELS.join('、')} 之一：${values.level}`);
  const levels = values.levels !== undefined ? levelsOf(values.levels) : undefined;
  if (values.levels !== undefined && !levels?.length) throw new UsageError(`--levels 应列出 ${DEPARTMENT_LEVELS.join('、')} 中的层级，例如 --levels 市级,县级：${values.levels}`);
  checkInputFile(file, MAX_SPREADSHEET_BYTES);

  const root = resolve(values.content);
  const checked = checkContentAt(root);
  if (!checked.model) throw new UsageError('无法读取内容：请先运行 quanze validate');
  const model = checked.model;
  const categories = model.stageTable.categories.map((c) => c.name);
  if (values.category && !categories.includes(values.category)) throw new UsageError(`--category 应为 ${categories.join('、')} 之一：${values.category}`);
  const closed = values.closed ? values.closed.split(/[,，、]/).filter(Boolean) : [];
  const wrongClosed = closed.filter((c) => !categories.includes(c));
  if (wrongClosed.length) throw new UsageError(`--closed 应为 ${categories.join('、')} 中的类别：${wrongClosed.join('、')}`);
  // content/directory itself may not be a link out of the repository either.
  const target = pathInside(root, ['directory', `${values.id}.yaml`], '目录标识');
  if (existsSync(target) && !values.force && !values['dry-run']) throw new UsageError(`${shown(target)} 已存在：加 --force 覆盖`);

  let workbook;
  try {
    workbook = await readWorkbook(file);
  } catch (error) {
    if (error instanceof UndecodableError) throw new UsageError(`无法读取 ${file}：${error.message}`);
    throw new UsageError(`无法读取 ${file}：${(error as Error).message}`);
  }
  const result = directoryFromWorkbook(workbook, model, {
    columns: loadColumnTable(root),
    ...(levels ? { levels } : {}),
    ...(values.category ? { category: values.category } : {}),
  });

  const directory = {
    id: values.id,
    title: values.title ?? result.title ?? basename(file).replace(/\.(xlsx|csv)$/i, ''),
    issuer: values.issuer,
    level: values.level,
    published: values.published,
    ...(values.source ? { source: values.source } : {}),
    ...(closed.length ? { closed_categories: closed } : {}),
    items: result.items,
  };
  const header = `# 由 quanze directory import 从 ${basename(file)} 导入：${result.items.length} 个目录事项（共 ${result.rowCounts.total} 行）。\n`;
  const text = header + stringify(directory, { lineWidth: 0, aliasDuplicateObjects: false });
  // Checked before anything is written: the same checks as content/directory/ files.
  const findings: Finding[] = [];
  const parsed = parseYamlSource(text, shown(target));
  findings.push(...parsed.findings);
  if (parsed.source && result.items.length) checkDirectories([parsed.source], { table: model.stageTable, laws: model.laws, findings });
  const sorted = sortFindings(findings);
  const errors = sorted.filter((f) => f.severity === 'error');
  const failed = result.items.length === 0 || result.rowCounts.skipped > 0 || errors.length > 0;
  const write = !values['dry-run'] && result.items.length > 0 && errors.length === 0;
  if (write) {
    mkdirSync(resolve(root, 'directory'), { recursive: true });
    writeFileSync(target, text);
  }

  if (values.format === 'json') {
    console.log(JSON.stringify({ file: basename(file), encoding: workbook.encoding ?? null, written: write ? shown(target) : null, rows: result.rowCounts, items: result.items, report: result.report, unregisteredLaws: Object.fromEntries(result.unregisteredLaws), findings: sorted }, null, 2));
  } else printReport(file, result, sorted, write ? shown(target) : undefined, values['dry-run']);
  return failed ? 1 : 0;
}

function printReport(file: string, result: DirectoryImport, findings: Finding[], written: string | undefined, dryRun: boolean) {
  const label = (r: [number, number]) => (r[0] === r[1] ? `第 ${r[0]} 行` : `第 ${r[0]}–${r[1]} 行`);
  const many = new Set(result.report.map((r) => r.sheet)).size > 1;
  console.log(`文件：${file}`);
  for (const r of result.report) {
    const status = r.status === 'item' ? '目录事项' : r.status === 'skipped' ? '未导入' : '结构';
    console.log(`${many && r.sheet ? `「${r.sheet}」` : ''}${label(r.rows)}　${status}：${r.message}`);
  }
  for (const [law, n] of result.unregisteredLaws) console.log(`法规库中没有《${law}》：${n} 条依据未写入目录（登记该法律后重新导入，对照时才能比较这些依据）`);
  const c = result.rowCounts;
  console.log(`\n共 ${c.total} 行：目录事项 ${result.items.length} 项（${c.items} 行），结构行 ${c.structure}，未导入 ${c.skipped}。`);
  for (const f of findings) console.log(formatFinding(f));
  if (!result.items.length) console.log('没有读到任何目录事项：表中应有「事项名称」（或 职权名称 等）列和其他已知列名（见 content/import/columns.yaml）');
  else if (findings.some((f) => f.severity === 'error')) console.log('目录未通过校验，未写入：请按上面的提示修改表格或选项');
  else if (written) console.log(`已写入 ${written}`);
  else if (dryRun) console.log('试运行，未写入');
}

function shown(path: string): string {
  return relative(process.cwd(), path).split(sep).join('/');
}
