#!/usr/bin/env node
import { UnsafePathError } from '../lib/safe-path.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `用法：quanze <命令> [选项]

命令：
  validate [路径…]            校验内容，报告全部错误和警告（--format json 输出机器可读结果）
  new <部门标识> <职权类别>    按环节划分参照表生成一个新事项文件（--procedure 程序 --name 名称）
  diff <版本A> [<版本B>|--worktree]  比较两个版本的内容，逐字段列出变化（--format markdown|json|html）
  laws check [--strict]       列出引用旧版本或已废止法律的实施依据（待调整事项），并逐条比对条文
  laws import <文件> --law <标识> --version <日期>
                              把“第X条”格式的法律全文导入法规库
  export [--as-of <版本|日期>] [--out 文件]
                              导出清单（JSON）；--as-of 导出某一版本或日期时的清单
  import <文件> --department <部门标识>
                              从 Excel（.xlsx）或 CSV 导入权责清单，每个事项生成一个文件，逐行报告
  compare --upper <目录> | --peer <内容文件夹或导出 JSON>
                              与上级通用目录对照（缺少、超出、有差异的事项），或与其他辖区的清单逐项比较
                              （--department 部门 --format text|json|markdown|html --strict）
  directory import <文件> --id <目录标识> --issuer <发布机关> --level <层级> --published <日期>
                              从 Excel（.xlsx）或 CSV 导入上级通用目录，写入 content/directory/<目录标识>.yaml
  audit                       对照示范点创建标准自查（清单、流程图、岗责体系、动态调整）
  schemas [--out 目录]        生成各类文件的 JSON Schema（供编辑器提示和校验）
  build [--full] [--out dist]  构建网站：校验、流程图、页面、搜索索引；上次构建后只改了事项文件时只重建受影响的页面（--full 完整重建）
  index-search [--site dist]  为已构建网站的事项页重建搜索索引（分片，降低内存占用；build 会自动运行）
  flowcharts                  绘制全部流程图，报告数量、不同图数和共用版式数（build 会自动绘制）

通用选项：
  --content <目录>            内容目录（默认 content）
  -h, --help                  显示帮助`;

type Command = (args: string[]) => Promise<number> | number;

/** Each command is loaded when it is run: `quanze validate` does not load Astro or exceljs. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate.ts')).runValidate,
  build: async () => (await import('./build.ts')).runBuild,
  new: async () => (await import('./new.ts')).runNew,
  flowcharts: async () => (await import('./flowcharts.ts')).runFlowcharts,
  diff: async () => (await import('./diff.ts')).runDiff,
  laws: async () => (await import('./laws.ts')).runLaws,
  export: async () => (await import('./export.ts')).runExport,
  audit: async () => (await import('./audit.ts')).runAudit,
  compare: async () => (await import('./compare.ts')).runCompare,
  directory: async () => (await import('./directory.ts')).runDirectory,
  import: async () => (await import('./import.ts')).runImport,
  schemas: async () => (await import('./schemas.ts')).runSchemas,
  'index-search': async () => (await import('./index-search.ts')).runIndexSearch,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const load = COMMANDS[command];
  if (!load) {
    console.error(`未知命令「${command}」。\n\n${USAGE}`);
    return 2;
  }
  try {
    const run = await load();
    return await run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnsafePathError) {
      console.error(`quanze ${command}：${error.message}`);
      return 2;
    }
    // A failure nobody foresaw is still reported in one line, without a stack trace (set
    // QUANZE_DEBUG=1 to see it); it is a defect of quanze, so the message says to report it.
    console.error(`quanze ${command}：内部错误，未能完成（${(error as Error)?.message ?? String(error)}）。请把这行信息和所用文件报告给维护者。`);
    if (process.env.QUANZE_DEBUG) console.error(error);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
