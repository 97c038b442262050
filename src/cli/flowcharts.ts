import { resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { allCharts } from '../generators/flowchart/all-charts.ts';
import { prerenderFlowcharts } from '../generators/flowchart/prerender.ts';
import { DEFAULT_FLOWCHART_CACHE } from '../generators/flowchart/render-svg.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

/** Lays out every flowchart into the cache before the site build, on all cores. */
export async function runFlowcharts(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    'cache-dir': { type: 'string', default: DEFAULT_FLOWCHART_CACHE },
    workers: { type: 'string' },
  });
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) throw new UsageError('--workers 应为正整数');
  const result = checkContentAt(resolve(values.content));
  if (!result.ok || !result.model) {
    console.error('内容校验未通过，未生成流程图：请先运行 npx quanze validate');
    return 1;
  }
  const charts = allCharts(result.model);
  const stats = await prerenderFlowcharts(charts.map((c) => c.mermaid), resolve(values['cache-dir']), workers);
  console.log(
    `流程图：${stats.charts} 张，不同的 ${stats.distinct} 张；已缓存 ${stats.cached} 张，新绘制 ${stats.rendered} 张（${stats.workers} 个线程），用时 ${(stats.ms / 1000).toFixed(2)} 秒`,
  );
  return 0;
}
