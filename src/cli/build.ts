import { resolve } from 'node:path';
import { formatFinding } from '../model/findings.ts';
import { buildSite, ContentInvalidError } from '../build/site-build.ts';
import { outputFolder } from '../lib/safe-path.ts';
import { parseCommandArgs } from './args.ts';

/** quanze build: the whole site, incrementally when only power files changed since the last build. */
export async function runBuild(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    content: { type: 'string', default: process.env.QUANZE_CONTENT ?? 'content' },
    out: { type: 'string', default: process.env.QUANZE_OUT_DIR ?? 'dist' },
    full: { type: 'boolean', default: false },
  });
  // The build empties its output folder: never one that holds the project or the content.
  const outDir = outputFolder(values.out, '--out', [process.cwd(), values.content]);
  // Astro's telemetry is switched off only through the environment; this is the command's edge.
  process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
  try {
    const result = await buildSite({ root: process.cwd(), contentDir: resolve(values.content), outDir, full: values.full, log: (m) => console.log(m) });
    const s = result.seconds;
    console.log(
      `构建完成（${result.plan.mode === 'full' ? '完整' : '增量'}）：${result.powers} 个事项，渲染事项页 ${result.rendered} 个；` +
        `用时 ${s.total.toFixed(1)} 秒（校验 ${s.validate.toFixed(1)}、流程图 ${s.flowcharts.toFixed(1)}、页面 ${s.astro.toFixed(1)}、搜索索引 ${s.index.toFixed(1)}）`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ContentInvalidError)) throw error;
    const errors = error.findings.filter((f) => f.severity === 'error').length;
    console.error(`内容校验未通过（${errors} 个错误，${error.findings.length - errors} 个警告），已停止构建：\n${error.findings.map(formatFinding).join('\n')}`);
    return 1;
  }
}
