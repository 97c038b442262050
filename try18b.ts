import { resolve } from 'node:path';
import { checkContentAt } from './src/model/check.ts';
import { buildPowerFlowchart } from './src/generators/flowchart/index.ts';
import { createSvgRenderer } from './src/generators/flowchart/render-svg.ts';
const model = checkContentAt(resolve('content')).model!;
const r = createSvgRenderer();
const seen = new Set();
for (const p of model.powers) {
  if (seen.has(p.procedure.flow)) continue; seen.add(p.procedure.flow);
  const c = buildPowerFlowchart(model, p);
  const d = r.render({ ...c, contacts: p.department });
  const boxes = [...d.svg.matchAll(/<(rect class="b"|path class="b")[^>]*?(?:y="([\d.]+)"[^>]*height="([\d.]+)"|d="M[\d.]+ ([\d.]+)L[\d.]+ [\d.]+L[\d.]+ ([\d.]+))/g)].map(m => m[2] ? [ +m[2], +m[2] + +m[3]] : [+m[4], +m[5]]);
  const boxH = boxes.reduce((s, [a, b]) => s + b - a, 0);
  console.log(p.procedure.flow, d.width, d.height, 'parts', d.parts.length, 'sum box heights', boxH.toFixed(0));
}
