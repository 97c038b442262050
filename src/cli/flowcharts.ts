import { resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { allCharts } from '../generators/flowchart/all-charts.ts';
import { createSvgRenderer } from '../generators/flowchart/render-svg.ts';
import { parseCommandArgs } from './args.ts';

/**
 * Draws every chart the site would publish and reports how many there are, how many differ and
 * how many layouts they share: a quick check of a content set's charts without building the site.
 */
export async function runFlowcharts(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { content: { type: 'string', default: 'content' } });
  const result = checkContentAt(resolve(values.content));
  if (!result.ok || !result.model) {
    console.error('内容校验未通过，未生成流程图：请先运行 npx quanze validate');
    return 1;
  }
  const started = performance.now();
  const renderer = createSvgRenderer();
  const charts = allCharts(result.model);
  const hashes = new Set(charts.map((c) => renderer.render(c).hash));
  const seconds = (performance.now() - started) / 1000;
  console.log(`流程图：${charts.length} 张，不同的 ${hashes.size} 张，共用 ${renderer.stats.layouts} 种版式（${renderer.stats.plans} 种结构），用时 ${seconds.toFixed(2)} 秒`);
  return 0;
}
