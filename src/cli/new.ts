import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { scaffoldPower } from '../generators/scaffold.ts';
import { pathInside } from '../lib/safe-path.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

export async function runNew(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    procedure: { type: 'string' },
    name: { type: 'string' },
    unit: { type: 'string' },
    code: { type: 'string' },
  });
  const [departmentId, categoryName] = positionals;
  if (!departmentId || !categoryName) throw new UsageError('用法：quanze new <部门标识> <职权类别> [--procedure 程序] [--name 职权名称] [--unit 机构] [--code 编码]');
  const root = resolve(values.content);
  const { model } = checkContentAt(root);
  if (!model) throw new UsageError('无法读取 stages.yaml：请先运行 quanze validate 修正错误');
  const result = scaffoldPower(model, {
    department: departmentId,
    category: categoryName,
    procedure: values.procedure,
    name: values.name,
    unit: values.unit,
    code: values.code,
  });
  if (!result.ok) throw new UsageError(result.error);
  const dir = pathInside(root, ['powers', departmentId], '部门标识');
  const path = pathInside(dir, [`${result.code}.md`], '事项编码');
  if (existsSync(path)) throw new UsageError(`文件已存在：${path}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, result.text);
  console.log(`已生成 ${join(values.content, 'powers', departmentId, `${result.code}.md`)}：请补全带「待填写」的字段，然后运行 npx quanze validate`);
  return 0;
}
