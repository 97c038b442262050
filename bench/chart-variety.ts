import type { Model } from '../src/model/types.ts';
import { buildPowerFlowchart } from '../src/generators/flowchart/index.ts';

/**
 * How many of a content set's power charts differ in what they show (steps, posts, limits),
 * leaving aside the power's name in the chart's title: the number a bench must report beside its
 * timings, since identical charts would share their rendering.
 */
export function distinctCharts(model: Model): { powers: number; distinct: number } {
  const seen = new Set<string>();
  for (const power of model.powers) seen.add(buildPowerFlowchart(model, power).mermaid.replace(/^\s*acc(Title|Descr):.*$/gm, ''));
  return { powers: model.powers.length, distinct: seen.size };
}
